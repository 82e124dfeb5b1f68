package dev.mpc.diag;

/**
 * Where a source region ends: line and column just after its last character (1-based; the
 * column is exclusive).
 *
 * <p>Immutable and thread-safe.
 *
 * @param line2 end line, at least 1
 * @param col2 end column (exclusive), at least 1
 */
public record SourceSpan(int line2, int col2) {
  /** Creates a span end. */
  public SourceSpan {
    if (line2 < 1 || col2 < 1) {
      throw new IllegalArgumentException("line2 and col2 are 1-based, got " + line2 + ":" + col2);
    }
  }
}
