package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.expr.Expr;

/**
 * Internal control flow for a failed evaluation: thrown by evaluator nodes, always caught by
 * {@code CompiledExpression} and turned into a failed result. No stack trace is captured.
 * Not part of the public API.
 */
public final class EvalError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Diagnostic diagnostic;
  /** The innermost traced node the error left, when evaluated with tracing (else null). */
  private transient Expr failedAt;

  /** Creates the error. */
  public EvalError(Code code, String message) {
    super(message, null, false, false);
    this.diagnostic = Diagnostic.of(code, message);
  }

  /** The diagnostic the evaluation fails with. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }

  /**
   * Records {@code node} as where the error arose, unless an inner node already did: the first
   * traced node an error leaves is the sub-expression (or the call of the function) that failed or
   * used up the budget. Only the tracing variant of a compiled expression calls this.
   */
  public void locate(Expr node) {
    if (failedAt == null) {
      failedAt = node;
    }
  }

  /** The innermost traced node the error left, or null without tracing. */
  public Expr failedAt() {
    return failedAt;
  }

  /** {@code E_EXPR_TYPE_MISMATCH} with {@code message}. */
  public static EvalError type(String message) {
    return new EvalError(Code.E_EXPR_TYPE_MISMATCH, message);
  }
}
