package dev.mpc.form;

import java.util.Optional;

/** The field types of a form (engines.md §11.2), with the JSON type a value of each has. */
public enum FieldType {
  /** A single-line text. */
  STRING("string", "string"),
  /** A number. */
  NUMBER("number", "number"),
  /** A yes/no value. */
  BOOLEAN("boolean", "boolean"),
  /** One of the options. */
  SELECT("select", "string"),
  /** Any of the options (a list). */
  MULTISELECT("multiselect", "array"),
  /** A calendar date, {@code YYYY-MM-DD}. */
  DATE("date", "string"),
  /** A multi-line text. */
  TEXTAREA("textarea", "string"),
  /** A value the UI keeps but does not show. */
  HIDDEN("hidden", "string");

  private final String wire;
  private final String jsonType;

  FieldType(String wire, String jsonType) {
    this.wire = wire;
    this.jsonType = jsonType;
  }

  /** The name in manifests. */
  public String wireName() {
    return wire;
  }

  /** The JSON Schema {@code type} of a value. */
  public String jsonType() {
    return jsonType;
  }

  /** Whether the field chooses among {@code options}. */
  public boolean isChoice() {
    return this == SELECT || this == MULTISELECT;
  }

  /** Whether {@code min}/{@code max} bound a length (strings), a value (numbers) or a count (multiselect). */
  public boolean boundsLength() {
    return jsonType.equals("string");
  }

  /** The type of manifest name {@code name}, if any. */
  public static Optional<FieldType> fromWireName(String name) {
    for (FieldType t : values()) {
      if (t.wire.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
