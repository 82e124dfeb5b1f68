package dev.mpc.json;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as MPC sees it: the value model of manifest properties, contract payloads and
 * fixture data.
 *
 * <p>Unlike most JSON libraries, the model keeps every distinction that changes MPC's canonical
 * bytes (and therefore every hash): integers ({@link JsonInt}, arbitrary precision) are distinct
 * from floats ({@link JsonFloat}, finite doubles only), {@code 1.0} never collapses into {@code 1},
 * booleans are not numbers, and objects keep insertion order (which matters for "first" and
 * "declaration order" rules, never for hashes).
 *
 * <p>Every value that can be constructed can be canonicalized: floats are finite and strings
 * contain no unpaired surrogates (both are rejected at construction).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface JsonValue permits JsonNull, JsonBool, JsonInt, JsonFloat, JsonString, JsonArray, JsonObject {

  /** The JSON {@code null}. */
  static JsonValue nullValue() {
    return JsonNull.INSTANCE;
  }

  /** A boolean value. */
  static JsonBool of(boolean value) {
    return JsonBool.of(value);
  }

  /** An integer value. */
  static JsonInt of(long value) {
    return JsonInt.of(value);
  }

  /** An arbitrary-precision integer value. */
  static JsonInt of(BigInteger value) {
    return JsonInt.of(value);
  }

  /**
   * A float value.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static JsonFloat of(double value) {
    return new JsonFloat(value);
  }

  /**
   * A string value.
   *
   * @throws IllegalArgumentException if {@code value} contains an unpaired surrogate
   */
  static JsonString of(String value) {
    return JsonString.of(value);
  }

  /** An array holding {@code items} in order. */
  static JsonArray of(List<? extends JsonValue> items) {
    return JsonArray.of(items);
  }

  /** An object holding {@code members} in the map's iteration order. */
  static JsonObject of(Map<String, ? extends JsonValue> members) {
    return JsonObject.of(members);
  }

  /** The JSON type of this value. */
  JsonType type();

  /** Whether this is the JSON {@code null}. */
  default boolean isNull() {
    return this == JsonNull.INSTANCE;
  }
}
