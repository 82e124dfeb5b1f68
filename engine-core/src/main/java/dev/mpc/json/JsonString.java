package dev.mpc.json;

import java.util.Objects;

/**
 * A JSON string: a sequence of Unicode code points (no unpaired surrogates).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the string
 */
public record JsonString(String value) implements JsonValue {
  /** The empty string. */
  public static final JsonString EMPTY = new JsonString("");

  /**
   * Creates a string value.
   *
   * @throws IllegalArgumentException if {@code value} contains an unpaired surrogate, which no
   *     UTF-8 encoding (and so no canonical form) can carry
   */
  public JsonString {
    requireWellFormed(value);
  }

  /**
   * Checks that {@code value} can be a string value, without creating one.
   *
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} contains an unpaired surrogate
   */
  public static String requireWellFormed(String value) {
    Objects.requireNonNull(value, "value");
    int bad = firstUnpairedSurrogate(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "Unpaired surrogate U+" + Integer.toHexString(value.charAt(bad)).toUpperCase(java.util.Locale.ROOT)
              + " at index " + bad);
    }
    return value;
  }

  /** A string value. */
  public static JsonString of(String value) {
    return value.isEmpty() ? EMPTY : new JsonString(value);
  }

  /**
   * The index of the first unpaired surrogate in {@code s}, or -1 if {@code s} is well-formed
   * UTF-16.
   */
  public static int firstUnpairedSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public JsonType type() {
    return JsonType.STRING;
  }

  @Override
  public String toString() {
    return Canonical.json(this);
  }

  // equals and hashCode written out (the same values a record derives): a record's derived ones
  // are bootstrapped through invokedynamic on first use, which costs a command-line run about a
  // millisecond each.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof JsonString s && value.equals(s.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
