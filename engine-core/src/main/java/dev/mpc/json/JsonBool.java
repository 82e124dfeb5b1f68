package dev.mpc.json;

/**
 * A JSON boolean. Not a number: {@code true} never equals {@code 1}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the boolean
 */
public record JsonBool(boolean value) implements JsonValue {
  /** {@code true}. */
  public static final JsonBool TRUE = new JsonBool(true);
  /** {@code false}. */
  public static final JsonBool FALSE = new JsonBool(false);

  /** The shared instance for {@code value}. */
  public static JsonBool of(boolean value) {
    return value ? TRUE : FALSE;
  }

  @Override
  public JsonType type() {
    return JsonType.BOOL;
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }

  // written out (the values a record derives) to skip the derived methods' invokedynamic bootstrap
  @Override
  public boolean equals(Object o) {
    return o instanceof JsonBool b && value == b.value;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(value);
  }
}
