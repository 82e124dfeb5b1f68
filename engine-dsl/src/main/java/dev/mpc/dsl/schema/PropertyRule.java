package dev.mpc.dsl.schema;

import dev.mpc.json.JsonValue;

/**
 * How one property of a definition kind is checked. {@code value} is never null nor JSON null (a
 * null value counts as absent and is not checked).
 */
@FunctionalInterface
public interface PropertyRule {
  /**
   * Checks {@code value}, the member at {@code member}, reporting each problem to {@code ctx}.
   *
   * @param ctx the ctx
   * @param member the member
   * @param value the value
   */
  void check(SchemaContext ctx, String member, JsonValue value);

  /**
   * A property that any value satisfies here (it is known, and checked elsewhere if at all).
   *
   * @return a property that any value satisfies here (it is known, and checked elsewhere if at all)
   */
  static PropertyRule known() {
    return (ctx, member, value) -> { };
  }
}
