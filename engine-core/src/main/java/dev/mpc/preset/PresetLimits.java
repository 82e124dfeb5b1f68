package dev.mpc.preset;

/**
 * The limits a preset sets. Each is enforced with a coded error naming the limit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxManifestNodes most definitions (at any depth) one manifest may hold
 * @param maxExprSteps most evaluation steps per expression evaluation
 * @param maxExprDepth deepest expression nesting
 * @param maxEvalTimeMs longest expression evaluation, in milliseconds (0 disables the time limit)
 * @param maxRegexOps most regex operations per expression evaluation
 */
public record PresetLimits(int maxManifestNodes, int maxExprSteps, int maxExprDepth, long maxEvalTimeMs, int maxRegexOps) {
  /** The limits upstream's runner falls back to when a preset omits one (conformance.md §1.4). */
  public static final PresetLimits FALLBACK = new PresetLimits(10_000, 5000, 50, 50, 5000);

  /**
   * Creates limits.
   *
   * @throws IllegalArgumentException if a limit is negative (or, for nodes, steps and depth, zero)
   */
  public PresetLimits {
    if (maxManifestNodes < 1 || maxExprSteps < 1 || maxExprDepth < 1 || maxEvalTimeMs < 0 || maxRegexOps < 0) {
      throw new IllegalArgumentException("limits must be positive: maxManifestNodes=" + maxManifestNodes
          + ", maxExprSteps=" + maxExprSteps + ", maxExprDepth=" + maxExprDepth + ", maxEvalTimeMs=" + maxEvalTimeMs
          + ", maxRegexOps=" + maxRegexOps);
    }
  }
}
