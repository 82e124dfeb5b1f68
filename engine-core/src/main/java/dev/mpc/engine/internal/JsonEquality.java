package dev.mpc.engine.internal;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON-typed equality (decisions.md "Policy", G-X6): numbers compare numerically ({@code 1 == 1.0}),
 * booleans never equal numbers, strings by value, arrays element-wise, objects member-wise; null
 * equals only null (a missing value is null).
 */
public final class JsonEquality {
  private JsonEquality() {}

  /** Whether {@code a} equals {@code b}; a Java null counts as JSON null. */
  public static boolean equal(JsonValue a, JsonValue b) {
    boolean an = a == null || a.isNull();
    boolean bn = b == null || b.isNull();
    if (an || bn) {
      return an && bn;
    }
    if (a == b) {
      return true;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof JsonInt x && b instanceof JsonInt y) {
        return x.equals(y);
      }
      BigDecimal x = decimal(a);
      BigDecimal y = decimal(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a instanceof JsonBool || b instanceof JsonBool) {
      return a.equals(b);
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<String, JsonValue> e : x.members().entrySet()) {
        JsonValue other = y.getOrNull(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNumber(JsonValue v) {
    return v instanceof JsonInt || v instanceof JsonFloat;
  }

  private static BigDecimal decimal(JsonValue v) {
    if (v instanceof JsonInt i) {
      return new BigDecimal(i.value());
    }
    double d = ((JsonFloat) v).value();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }
}
