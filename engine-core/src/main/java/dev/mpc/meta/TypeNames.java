package dev.mpc.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The type vocabulary of DomainMeta: {@code string}, {@code int}, {@code float}, {@code number}
 * ({@code int} or {@code float}), {@code bool}, {@code date} (an ISO-8601 date string),
 * {@code array}, {@code object}, {@code null} and {@code any}, and unions written {@code a|b}.
 *
 * <p>Thread-safe (stateless).
 */
public final class TypeNames {
  /** Every simple type name. */
  public static final Set<String> SIMPLE =
      Set.of("string", "int", "float", "number", "bool", "date", "array", "object", "null", "any");

  private TypeNames() {}

  /** The members of a type expression: {@code "string|array"} gives {@code [string, array]}. */
  public static List<String> members(String type) {
    List<String> out = new ArrayList<>();
    for (String part : type.split("\\|", -1)) {
      out.add(part.trim());
    }
    return out;
  }

  /** Whether {@code type} is a simple type name or a union of them. */
  public static boolean isValid(String type) {
    if (type == null || type.isBlank()) {
      return false;
    }
    for (String m : members(type)) {
      if (!SIMPLE.contains(m)) {
        return false;
      }
    }
    return true;
  }
}
