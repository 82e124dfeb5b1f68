package dev.mpc.expr.internal;

import dev.mpc.expr.ExprType;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Value semantics of the expression language (truthiness, equality, ordering, kinds). Internal. */
public final class Values {
  private Values() {}

  /** The kind bit ({@code ExprType.K_*}) of a runtime value. */
  public static int kind(JsonValue v) {
    if (v instanceof JsonString) {
      return ExprType.K_STRING;
    } else if (v instanceof JsonInt) {
      return ExprType.K_INT;
    } else if (v instanceof JsonBool) {
      return ExprType.K_BOOL;
    } else if (v instanceof JsonFloat) {
      return ExprType.K_FLOAT;
    } else if (v instanceof JsonObject) {
      return ExprType.K_OBJECT;
    } else if (v instanceof JsonArray) {
      return ExprType.K_ARRAY;
    }
    return ExprType.K_NULL;
  }

  /** The type name of a runtime value, for messages. */
  public static String typeName(JsonValue v) {
    return ExprType.ofMask(kind(v)).toString();
  }

  /** Whether {@code v} is acceptable where {@code t} is expected (dates must parse). */
  public static boolean conforms(JsonValue v, ExprType t) {
    int k = kind(v);
    if (t.has(k)) {
      return true;
    }
    return k == ExprType.K_STRING && t.has(ExprType.K_DATE) && parseDate(((JsonString) v).value()) != null;
  }

  /** Python truthiness: null, false, 0, 0.0, "", [] and {} are false. */
  public static boolean truthy(JsonValue v) {
    if (v instanceof JsonBool b) {
      return b.value();
    } else if (v instanceof JsonString s) {
      return !s.value().isEmpty();
    } else if (v instanceof JsonInt i) {
      return i.value().signum() != 0;
    } else if (v instanceof JsonFloat f) {
      return f.value() != 0.0;
    } else if (v instanceof JsonArray a) {
      return !a.isEmpty();
    } else if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return false;
  }

  /** Whether {@code v} is an int or a float. */
  public static boolean isNumber(JsonValue v) {
    return v instanceof JsonInt || v instanceof JsonFloat;
  }

  /**
   * Deep equality: numbers by value across int and float; no other cross-kind equality. Reads the
   * timer of {@code f} every {@value #ELEMENTS_PER_TIME_CHECK} elements compared, so that comparing
   * lists that share large elements (a list expression of many references to one big value) stays
   * within the time budget.
   */
  public static boolean equal(Frame f, JsonValue a, JsonValue b) {
    if (a instanceof JsonString x && b instanceof JsonString y) {
      return x.value().equals(y.value());
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof JsonInt x && b instanceof JsonInt y) {
        return x.value().equals(y.value());
      }
      return compareNumbers(a, b) == 0 && !isNaN(a) && !isNaN(b);
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if ((i & (ELEMENTS_PER_TIME_CHECK - 1)) == ELEMENTS_PER_TIME_CHECK - 1) {
          f.checkTime();
        }
        if (!equal(f, x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      if (x.size() != y.size()) {
        return false;
      }
      int i = 0;
      for (Map.Entry<String, JsonValue> e : x.members().entrySet()) {
        if ((++i & (ELEMENTS_PER_TIME_CHECK - 1)) == 0) {
          f.checkTime();
        }
        JsonValue other = y.getOrNull(e.getKey());
        if (other == null || !equal(f, e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Elements a loop over list elements handles between two timer reads (a power of two). */
  static final int ELEMENTS_PER_TIME_CHECK = 16;

  private static boolean isNaN(JsonValue v) {
    return v instanceof JsonFloat f && Double.isNaN(f.value());
  }

  /** Exact comparison of two numbers (int vs float compared exactly). */
  public static int compareNumbers(JsonValue a, JsonValue b) {
    if (a instanceof JsonInt x && b instanceof JsonInt y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof JsonFloat x && b instanceof JsonFloat y) {
      return Double.compare(x.value() == 0.0 ? 0.0 : x.value(), y.value() == 0.0 ? 0.0 : y.value());
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b));
  }

  private static BigDecimal toBigDecimal(JsonValue v) {
    return v instanceof JsonInt i ? new BigDecimal(i.value()) : new BigDecimal(((JsonFloat) v).value());
  }

  /** Code-point order of two strings. */
  public static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Ordering for {@code < > <= >=} and {@code min}/{@code max}: numbers with numbers, strings with
   * strings; anything else is a type error.
   */
  public static int order(String op, JsonValue a, JsonValue b) {
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b);
    }
    if (a instanceof JsonString x && b instanceof JsonString y) {
      return compareStrings(x.value(), y.value());
    }
    throw EvalError.type("Operator '" + op + "' not supported between '" + typeName(a) + "' and '" + typeName(b) + "'");
  }

  /** The text a value contributes to {@code concat}: strings raw, everything else canonical JSON. */
  public static String display(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    return Canonical.json(v);
  }

  /**
   * An upper bound of {@code display(v).length()}, computed without rendering: exact for a
   * string; for other values their canonical JSON with every escapable char counted as a
   * six-char escape, numbers at their longest. Stops as soon as the count exceeds {@code room}
   * (then returns a number above {@code room}), so that sizing a value far larger than the budget
   * takes time in proportion to the budget, not to the value. No recursion.
   */
  public static long displaySize(JsonValue v, long room) {
    if (v instanceof JsonString s) {
      return s.value().length();
    }
    long size = 0;
    java.util.ArrayDeque<JsonValue> todo = new java.util.ArrayDeque<>();
    todo.push(v);
    while (!todo.isEmpty() && size <= room) {
      JsonValue x = todo.pop();
      if (x instanceof JsonString s) {
        size += quotedSize(s.value(), room - size);
      } else if (x instanceof JsonInt i) {
        size += i.value().bitLength() * 31L / 100 + 2; // digits <= bitLength * log10(2) + 1, a sign
      } else if (x instanceof JsonFloat) {
        size += 25;
      } else if (x instanceof JsonArray a) {
        size += 2 + a.size();
        for (int k = a.size() - 1; k >= 0 && size <= room; k--) {
          todo.push(a.get(k));
        }
      } else if (x instanceof JsonObject o) {
        size += 2 + 2L * o.size();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
          if (size > room) {
            break;
          }
          size += quotedSize(e.getKey(), room - size);
          todo.push(e.getValue());
        }
      } else {
        size += 5; // true, false, null
      }
    }
    return size;
  }

  private static long quotedSize(String s, long room) {
    long size = 2 + s.length();
    for (int i = 0, n = s.length(); i < n && size <= room; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        size += 5;
      }
    }
    return size;
  }

  /** A long from an int value, or a type/overflow error. */
  public static long longOf(JsonValue v, String what) {
    if (v instanceof JsonInt i) {
      if (i.value().bitLength() < 64) {
        return i.value().longValue();
      }
      throw EvalError.type("Integer " + i.value() + " does not fit in 64 bits (" + what + ")");
    }
    throw EvalError.type(what + " expects 'int', got '" + typeName(v) + "'");
  }

  /** A double from a number. */
  public static double doubleOf(JsonValue v) {
    return v instanceof JsonInt i ? i.value().doubleValue() : ((JsonFloat) v).value();
  }

  /** A float value, or an error if not finite. */
  public static JsonValue finite(double d, String op) {
    if (!Double.isFinite(d)) {
      throw EvalError.type("Result of '" + op + "' is not a finite number");
    }
    return new JsonFloat(d);
  }

  /** A date from an ISO-8601 date or date-time text, or null. */
  public static LocalDate parseDate(String s) {
    try {
      if (s.length() <= 10) {
        return LocalDate.parse(s);
      }
      return OffsetDateTime.parse(s).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(s).toLocalDate();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Code-point length. */
  public static int cpLength(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Big or small integer value. */
  public static JsonValue intValue(BigInteger b) {
    return JsonInt.of(b);
  }

  /** The JSON null. */
  public static final JsonValue NULL = JsonNull.INSTANCE;

  /** An array value. */
  public static JsonValue array(List<JsonValue> items) {
    return JsonArray.of(items);
  }
}
