package dev.mpc.dsl.schema;

import dev.mpc.diag.Code;
import dev.mpc.diag.Severity;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link PropertyRule} reports to: the definition being checked (kind and id, for the
 * messages) and the problems found so far. Not thread-safe; one per check.
 */
public final class SchemaContext {
  private final String kind;
  private final String id;
  private final List<SchemaProblem> problems = new ArrayList<>();

  SchemaContext(String kind, String id) {
    this.kind = kind;
    this.id = id;
  }

  /**
   * The definition's kind.
   *
   * @return the definition's kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The definition's id.
   *
   * @return the definition's id
   */
  public String id() {
    return id;
  }

  /**
   * Reports an error.
   *
   * @param code the code
   * @param member the member
   * @param message the message
   */
  public void error(Code code, String member, String message) {
    problems.add(new SchemaProblem(code, Severity.ERROR, member, message));
  }

  /**
   * Reports a warning.
   *
   * @param code the code
   * @param member the member
   * @param message the message
   */
  public void warn(Code code, String member, String message) {
    problems.add(new SchemaProblem(code, Severity.WARN, member, message));
  }

  /**
   * Reports a type error ({@code E_META_TYPE_NOT_ALLOWED}) in the validator's wording:
   * {@code Property '{member}' of {kind} '{id}' must be {expected}, found {type}}.
   *
   * @param member the member
   * @param expected the expected
   * @param found the found
   */
  public void typeError(String member, String expected, JsonValue found) {
    typeError(Code.E_META_TYPE_NOT_ALLOWED, member, expected, found, null);
  }

  /**
   * A type error with {@code code} and an optional hint appended after {@code "; "}.
   *
   * @param code the code
   * @param member the member
   * @param expected the expected
   * @param found the found
   * @param hint the hint
   */
  public void typeError(Code code, String member, String expected, JsonValue found, String hint) {
    error(code, member, "Property '" + member.replace('/', '.') + "' of " + kind + " '" + id + "' must be " + expected
        + ", found " + describe(found) + (hint == null ? "" : "; " + hint));
  }

  /**
   * A value's type as the messages name it: {@code int}, {@code string}, {@code a list with int items}, {@code an empty string}.
   *
   * @param v the v
   * @return a value's type as the messages name it
   */
  public static String describe(JsonValue v) {
    if (v instanceof JsonString s && s.value().isEmpty()) {
      return "an empty string";
    }
    if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        if (!(item instanceof JsonString)) {
          return "a list with " + item.type().typeName() + " items";
        }
      }
    }
    return v.type().typeName();
  }

  List<SchemaProblem> problems() {
    return List.copyOf(problems);
  }
}
