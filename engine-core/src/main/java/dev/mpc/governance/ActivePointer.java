package dev.mpc.governance;

/**
 * What is active in a scope: the artifact, the bundle it came in, the activation's sequence
 * number (monotonic per scope) and the mode.
 *
 * @param artifactHash the active artifact's hash
 * @param bundleDigest the digest of the bundle it was activated from
 * @param sequence the activation sequence number (1 for the first activation of the scope)
 * @param mode the kill switch mode
 */
public record ActivePointer(String artifactHash, String bundleDigest, long sequence, RuntimeMode mode) {
  /** Creates a pointer. */
  public ActivePointer {
    Req.nonEmpty(artifactHash, "artifactHash");
    Req.nonEmpty(bundleDigest, "bundleDigest");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1");
    }
    java.util.Objects.requireNonNull(mode, "mode");
  }
}
