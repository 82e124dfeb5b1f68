package dev.mpc.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A static expression type: a set of value kinds. The names of DomainMeta are accepted:
 * {@code string}, {@code int}, {@code float}, {@code number} (int or float), {@code bool},
 * {@code date} (an ISO-8601 date or date-time held in a string), {@code array}, {@code object},
 * {@code null}, {@code any}, and unions written {@code a|b}. Aliases: {@code boolean},
 * {@code integer}, {@code list}, {@code map}, {@code datetime}.
 *
 * <p>A type is rendered in a fixed order ({@code bool}, {@code int}/{@code float}/{@code number},
 * {@code string}, {@code date}, {@code array}, {@code object}, {@code null}); the set of every kind
 * is {@code any}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExprType {
  /** Kind bit: null. */
  public static final int K_NULL = 1;
  /** Kind bit: boolean. */
  public static final int K_BOOL = 2;
  /** Kind bit: 64-bit integer (JSON integers). */
  public static final int K_INT = 4;
  /** Kind bit: finite double. */
  public static final int K_FLOAT = 8;
  /** Kind bit: string. */
  public static final int K_STRING = 16;
  /** Kind bit: date (a string holding an ISO-8601 date or date-time). */
  public static final int K_DATE = 32;
  /** Kind bit: array. */
  public static final int K_ARRAY = 64;
  /** Kind bit: object. */
  public static final int K_OBJECT = 128;
  private static final int ALL = 255;

  /** Every kind. */
  public static final ExprType ANY = new ExprType(ALL);
  /** Null only. */
  public static final ExprType NULL = new ExprType(K_NULL);
  /** Booleans. */
  public static final ExprType BOOL = new ExprType(K_BOOL);
  /** Integers. */
  public static final ExprType INT = new ExprType(K_INT);
  /** Floats. */
  public static final ExprType FLOAT = new ExprType(K_FLOAT);
  /** Integers or floats. */
  public static final ExprType NUMBER = new ExprType(K_INT | K_FLOAT);
  /** Strings. */
  public static final ExprType STRING = new ExprType(K_STRING);
  /** Dates. */
  public static final ExprType DATE = new ExprType(K_DATE);
  /** Arrays. */
  public static final ExprType ARRAY = new ExprType(K_ARRAY);
  /** Objects. */
  public static final ExprType OBJECT = new ExprType(K_OBJECT);

  private final int mask;

  private ExprType(int mask) {
    this.mask = mask;
  }

  /**
   * The type with kind bits {@code mask} (a combination of the {@code K_*} constants).
   *
   * @throws IllegalArgumentException if {@code mask} is empty or has unknown bits
   */
  public static ExprType ofMask(int mask) {
    if (mask <= 0 || (mask & ~ALL) != 0) {
      throw new IllegalArgumentException("invalid type mask " + mask);
    }
    return mask == ALL ? ANY : new ExprType(mask);
  }

  /** Parses a type name such as {@code string|array}; empty if a member is unknown. */
  public static Optional<ExprType> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    int mask = 0;
    for (String part : text.split("\\|", -1)) {
      int bits = bits(part.trim().toLowerCase(Locale.ROOT));
      if (bits == 0) {
        return Optional.empty();
      }
      mask |= bits;
    }
    return Optional.of(ofMask(mask));
  }

  private static int bits(String name) {
    return switch (name) {
      case "any" -> ALL;
      case "null" -> K_NULL;
      case "bool", "boolean" -> K_BOOL;
      case "int", "integer" -> K_INT;
      case "float", "double" -> K_FLOAT;
      case "number" -> K_INT | K_FLOAT;
      case "string" -> K_STRING;
      case "date", "datetime" -> K_DATE;
      case "array", "list" -> K_ARRAY;
      case "object", "map" -> K_OBJECT;
      default -> 0;
    };
  }

  /** The kind bits. */
  public int mask() {
    return mask;
  }

  /** Whether every kind is possible. */
  public boolean isAny() {
    return mask == ALL;
  }

  /** The union of this type and {@code other}. */
  public ExprType or(ExprType other) {
    return ofMask(mask | other.mask);
  }

  /**
   * Whether every value of type {@code actual} is acceptable where this type is expected (a date
   * is acceptable where a string is expected).
   */
  public boolean accepts(ExprType actual) {
    int expected = widened();
    return (actual.mask & ~expected) == 0;
  }

  /** Whether some value of type {@code actual} may be acceptable where this type is expected. */
  public boolean mayAccept(ExprType actual) {
    int expected = widened();
    if ((mask & K_DATE) != 0) {
      expected |= K_STRING;
    }
    return (actual.mask & expected) != 0;
  }

  private int widened() {
    return (mask & K_STRING) != 0 ? mask | K_DATE : mask;
  }

  /** Whether this type has kind bit {@code kind}. */
  public boolean has(int kind) {
    return (mask & kind) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExprType t && t.mask == mask;
  }

  @Override
  public int hashCode() {
    return mask;
  }

  /** The canonical name, e.g. {@code string|array}, {@code number}, {@code any}. */
  @Override
  public String toString() {
    if (mask == ALL) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (has(K_BOOL)) {
      parts.add("bool");
    }
    if (has(K_INT) && has(K_FLOAT)) {
      parts.add("number");
    } else if (has(K_INT)) {
      parts.add("int");
    } else if (has(K_FLOAT)) {
      parts.add("float");
    }
    if (has(K_STRING)) {
      parts.add("string");
    }
    if (has(K_DATE)) {
      parts.add("date");
    }
    if (has(K_ARRAY)) {
      parts.add("array");
    }
    if (has(K_OBJECT)) {
      parts.add("object");
    }
    if (has(K_NULL)) {
      parts.add("null");
    }
    return String.join("|", parts);
  }
}
