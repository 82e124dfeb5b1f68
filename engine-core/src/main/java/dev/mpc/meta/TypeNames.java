package dev.mpc.meta;

import dev.mpc.diag.Spelling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The simple names in their fixed order (what messages list). */
  private static final List<String> ORDERED =
      List.of("any", "array", "bool", "date", "float", "int", "null", "number", "object", "string");

  /** Other languages' names for ours (the expression parser's aliases among them), for suggestions. */
  private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("boolean", "bool"),
      Map.entry("integer", "int"), Map.entry("long", "int"), Map.entry("double", "float"),
      Map.entry("decimal", "number"), Map.entry("str", "string"), Map.entry("text", "string"),
      Map.entry("list", "array"), Map.entry("map", "object"), Map.entry("dict", "object"),
      Map.entry("datetime", "date"), Map.entry("none", "null"));

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

  /**
   * The valid type an invalid {@code type} was probably meant to be, member by member: another
   * language's name ({@code boolean}, {@code list}, {@code map}), a near miss ({@code strng}), or a
   * nullable {@code T?} (written {@code T|null}); empty if some member has no suggestion or the
   * type is valid.
   */
  public static Optional<String> suggestion(String type) {
    if (type == null || isValid(type)) {
      return Optional.empty();
    }
    List<String> fixed = new ArrayList<>();
    for (String m : members(type)) {
      boolean nullable = m.endsWith("?") && m.length() > 1;
      String base = nullable ? m.substring(0, m.length() - 1).trim() : m;
      String lower = base.toLowerCase(java.util.Locale.ROOT);
      String name = SIMPLE.contains(lower) ? lower
          : ALIASES.containsKey(lower) ? ALIASES.get(lower) : Spelling.nearest(base, ORDERED).orElse(null);
      if (name == null) {
        return Optional.empty();
      }
      fixed.add(name);
      if (nullable) {
        fixed.add("null");
      }
    }
    return Optional.of(String.join("|", fixed));
  }

  /**
   * Whether every value of the valid type {@code narrower} is a value of the valid type
   * {@code wider} ({@code int|null} covers {@code int}, {@code number} covers {@code float},
   * {@code any} covers everything; a date is not a string here).
   */
  public static boolean covers(String wider, String narrower) {
    return values(wider).containsAll(values(narrower));
  }

  /** The value kinds of a valid type. */
  private static Set<String> values(String type) {
    Set<String> out = new HashSet<>();
    for (String m : members(type)) {
      switch (m) {
        case "any" -> out.addAll(List.of("null", "bool", "int", "float", "string", "date", "array", "object"));
        case "number" -> out.addAll(List.of("int", "float"));
        default -> out.add(m);
      }
    }
    return out;
  }
}
