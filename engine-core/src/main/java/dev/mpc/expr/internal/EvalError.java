package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;

/**
 * Internal control flow for a failed evaluation: thrown by evaluator nodes, always caught by
 * {@code CompiledExpression} and turned into a failed result. No stack trace is captured.
 * Not part of the public API.
 */
public final class EvalError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Diagnostic diagnostic;

  /** Creates the error. */
  public EvalError(Code code, String message) {
    super(message, null, false, false);
    this.diagnostic = Diagnostic.of(code, message);
  }

  /** The diagnostic the evaluation fails with. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }

  /** {@code E_EXPR_TYPE_MISMATCH} with {@code message}. */
  public static EvalError type(String message) {
    return new EvalError(Code.E_EXPR_TYPE_MISMATCH, message);
  }
}
