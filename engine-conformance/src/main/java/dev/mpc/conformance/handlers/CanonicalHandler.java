package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonValue;

/**
 * Category {@code canonical} (conformance.md §3.2): the input after definition ordering was
 * applied to every {@code definitions}/{@code defs} array at any depth; key sorting and number
 * formatting happen in the runner's canonical comparison.
 *
 * <p>Immutable and thread-safe.
 */
public final class CanonicalHandler implements CategoryHandler {
  @Override
  public String category() {
    return "canonical";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    return Canonical.orderDefinitionsDeep(context.input());
  }
}
