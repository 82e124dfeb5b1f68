package dev.mpc.expr.planted;

import dev.mpc.diag.Code;
import dev.mpc.expr.internal.EvalError;

/** Allowed: a class of engine-core using an internal package of engine-core. */
public final class UsesItsOwnInternals {
  private UsesItsOwnInternals() {}

  /** Builds an internal evaluator error from inside the module. */
  public static RuntimeException error() {
    return new EvalError(Code.E_BUDGET_EXCEEDED, "planted");
  }
}
