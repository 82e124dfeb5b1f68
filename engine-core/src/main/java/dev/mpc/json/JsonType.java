package dev.mpc.json;

/**
 * The type of a {@link JsonValue}. {@link #INT} and {@link #FLOAT} are distinct types.
 *
 * <p>Immutable and thread-safe.
 */
public enum JsonType {
  /** {@code null}. */
  NULL("null"),
  /** {@code true} or {@code false}. */
  BOOL("bool"),
  /** An integer of any size. */
  INT("int"),
  /** A finite IEEE-754 double. */
  FLOAT("float"),
  /** A Unicode string. */
  STRING("string"),
  /** An ordered list. */
  ARRAY("array"),
  /** An insertion-ordered map with string keys. */
  OBJECT("object");

  private final String typeName;

  JsonType(String typeName) {
    this.typeName = typeName;
  }

  /** The type name used in DomainMeta and diagnostics ({@code bool}, {@code int}, ...). */
  public String typeName() {
    return typeName;
  }
}
