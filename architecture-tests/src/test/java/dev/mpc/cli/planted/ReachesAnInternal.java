package dev.mpc.cli.planted;

import dev.mpc.diag.Code;
import dev.mpc.expr.internal.EvalError;

/** Planted violation: the CLI reaching into engine-core's expression internals. */
public final class ReachesAnInternal {
  private ReachesAnInternal() {}

  /** Builds an internal evaluator error: forbidden outside engine-core. */
  public static RuntimeException error() {
    return new EvalError(Code.E_BUDGET_EXCEEDED, "planted");
  }
}
