package dev.mpc.json;

/**
 * A finite JSON floating-point number. Distinct from {@link JsonInt}: {@code 1.0} stays a float and
 * is written {@code 1.0} in canonical form. {@code -0.0} and {@code 0.0} are different values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the double; never NaN or infinite
 */
public record JsonFloat(double value) implements JsonValue {

  /**
   * Creates a float value.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite (JSON cannot carry it and
   *     MPC's canonical form rejects it)
   */
  public JsonFloat {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Non-finite number: " + value);
    }
  }

  @Override
  public JsonType type() {
    return JsonType.FLOAT;
  }

  @Override
  public String toString() {
    return PythonFloat.repr(value);
  }
}
