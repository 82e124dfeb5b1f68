package dev.mpc.diag;

import java.util.List;

/**
 * Thrown by {@link Result#orElseThrow()} when a caller asks for the value of a failed result. It
 * carries the diagnostics; its message lists them.
 */
public final class MpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The diagnostics; transient because records of the model are not serializable. */
  private final transient List<Diagnostic> diagnostics;

  /** Creates an exception carrying {@code diagnostics} (at least one). */
  public MpcException(List<Diagnostic> diagnostics) {
    super(render(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The diagnostics that caused the failure. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String render(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(d);
    }
    return sb.length() == 0 ? "failed" : sb.toString();
  }
}
