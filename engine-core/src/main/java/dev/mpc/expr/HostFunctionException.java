package dev.mpc.expr;

/**
 * Thrown by a {@link HostFunction} to report an expected failure; the evaluation fails with
 * {@code E_EXPR_TYPE_MISMATCH} and this message. Not thread-bound; instances are not shared.
 */
public final class HostFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the diagnostic. */
  public HostFunctionException(String message) {
    super(message, null, false, false);
  }
}
