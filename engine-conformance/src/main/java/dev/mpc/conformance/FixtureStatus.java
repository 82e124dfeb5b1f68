package dev.mpc.conformance;

/**
 * The outcome of one fixture. {@link #NOT_IMPLEMENTED} counts as failed: an unimplemented
 * category is never reported as passed or skipped.
 *
 * <p>Immutable and thread-safe.
 */
public enum FixtureStatus {
  /** Output matched expected and no code was unregistered. */
  PASS("PASS"),
  /** Anything else: mismatch, violation, load or handler error. */
  FAIL("FAIL"),
  /** No handler exists for the category; counted as failed. */
  NOT_IMPLEMENTED("NOT-IMPLEMENTED");

  private final String label;

  FixtureStatus(String label) {
    this.label = label;
  }

  /**
   * The label printed in reports: {@code PASS}, {@code FAIL} or {@code NOT-IMPLEMENTED}.
   *
   * @return the label printed in reports
   */
  public String label() {
    return label;
  }
}
