package dev.mpc.json;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON integer of arbitrary size. Distinct from {@link JsonFloat}: {@code 1} and {@code 1.0} are
 * different values with different canonical forms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the integer
 */
public record JsonInt(BigInteger value) implements JsonValue {
  private static final JsonInt[] SMALL = new JsonInt[256 + 128];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new JsonInt(BigInteger.valueOf(i - 128L));
    }
  }

  /** Creates an integer value. */
  public JsonInt {
    Objects.requireNonNull(value, "value");
  }

  /** An integer value, shared for small values. */
  public static JsonInt of(long value) {
    if (value >= -128 && value < 256) {
      return SMALL[(int) value + 128];
    }
    return new JsonInt(BigInteger.valueOf(value));
  }

  /** An integer value. */
  public static JsonInt of(BigInteger value) {
    if (value.bitLength() < 9) {
      return of(value.longValue());
    }
    return new JsonInt(value);
  }

  /** Whether the value fits in a {@code long}. */
  public boolean fitsLong() {
    return value.bitLength() < 64;
  }

  /**
   * The value as a {@code long}.
   *
   * @throws ArithmeticException if it does not fit
   */
  public long longValueExact() {
    return value.longValueExact();
  }

  @Override
  public JsonType type() {
    return JsonType.INT;
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
