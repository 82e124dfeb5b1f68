package dev.mpc.dsl.overlay;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;

/** Python truthiness of a JSON value (upstream's {@code if x:}). Thread-safe (stateless). */
final class Truthy {
  private Truthy() {}

  static boolean of(JsonValue v) {
    if (v instanceof JsonBool b) {
      return b.value();
    }
    if (v instanceof JsonInt i) {
      return !i.value().equals(BigInteger.ZERO);
    }
    if (v instanceof JsonFloat f) {
      return f.value() != 0.0;
    }
    if (v instanceof JsonString s) {
      return !s.value().isEmpty();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty();
    }
    if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return false;
  }
}
