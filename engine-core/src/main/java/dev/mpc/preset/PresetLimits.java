package dev.mpc.preset;

import dev.mpc.expr.Limits;

/**
 * The limits a preset sets ({@code defaultLimits}). Each is enforced with a coded error naming the
 * limit. The first five are upstream's keys; the parse limits ({@code maxManifestChars} ...
 * {@code maxParseErrors}) are MPC for the JVM's own (docs/manifests.md, "Limits"). A key a preset
 * omits takes its default; {@link Preset#fromJson} refuses values out of range (no silent clamp).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxManifestNodes most definitions (at any depth) one manifest may hold (1..)
 * @param maxExprSteps most evaluation steps per expression evaluation (1..{@value #MAX_EXPR_STEPS})
 * @param maxExprDepth deepest expression nesting (1..{@value #MAX_EXPR_DEPTH})
 * @param maxEvalTimeMs longest expression evaluation, in milliseconds (0 disables the time limit)
 * @param maxRegexOps most regex operations per expression evaluation (0..{@value #MAX_EXPR_STEPS})
 * @param maxManifestChars largest manifest text, in chars (1..; default
 *     {@value #DEFAULT_MAX_MANIFEST_CHARS}, 10 Mi)
 * @param maxManifestDepth deepest bracket/brace nesting of a manifest (1..{@value #MAX_MANIFEST_DEPTH};
 *     default {@value #DEFAULT_MAX_MANIFEST_DEPTH})
 * @param maxManifestValues most values in a manifest document, YAML aliases counted expanded (1..;
 *     default {@value #DEFAULT_MAX_MANIFEST_VALUES})
 * @param maxYamlAliases most YAML alias references in one document (0.., 0 forbids aliases; default
 *     {@value #DEFAULT_MAX_YAML_ALIASES})
 * @param maxParseErrors most diagnostics collected before parsing stops (1..; default
 *     {@value #DEFAULT_MAX_PARSE_ERRORS})
 * @param maxEvalAllocSize most string chars plus list elements one expression evaluation may
 *     build (0..{@value Limits#MAX_ALLOC_CAP}; default {@value Limits#DEFAULT_MAX_ALLOC_SIZE});
 *     MPC for the JVM's own key
 */
public record PresetLimits(
    int maxManifestNodes, int maxExprSteps, int maxExprDepth, long maxEvalTimeMs, int maxRegexOps,
    long maxManifestChars, int maxManifestDepth, long maxManifestValues, int maxYamlAliases, int maxParseErrors,
    int maxEvalAllocSize) {

  /** Largest {@link #maxExprDepth}: the expression engine's cap. */
  public static final int MAX_EXPR_DEPTH = Limits.MAX_DEPTH_CAP;
  /** Largest {@link #maxExprSteps} and {@link #maxRegexOps}. */
  public static final int MAX_EXPR_STEPS = Integer.MAX_VALUE / 4;
  /** Largest {@link #maxManifestDepth} (the canonical writer's own limit needs headroom). */
  public static final int MAX_MANIFEST_DEPTH = 500;
  /** Default {@link #maxManifestChars}: 10 Mi chars. */
  public static final long DEFAULT_MAX_MANIFEST_CHARS = 10L * 1024 * 1024;
  /** Default {@link #maxManifestDepth}. */
  public static final int DEFAULT_MAX_MANIFEST_DEPTH = 200;
  /** Default {@link #maxManifestValues}. */
  public static final long DEFAULT_MAX_MANIFEST_VALUES = 2_000_000;
  /** Default {@link #maxYamlAliases}. */
  public static final int DEFAULT_MAX_YAML_ALIASES = 100;
  /** Default {@link #maxParseErrors}. */
  public static final int DEFAULT_MAX_PARSE_ERRORS = 20;

  /** The limits upstream's runner falls back to when a preset omits one (conformance.md §1.4). */
  public static final PresetLimits FALLBACK = new PresetLimits(10_000, 5000, 50, 50, 5000);

  /**
   * Creates limits.
   *
   * @throws IllegalArgumentException if a limit is out of the range stated on its component
   */
  public PresetLimits {
    StringBuilder bad = new StringBuilder();
    range(bad, "maxManifestNodes", maxManifestNodes, 1, Integer.MAX_VALUE);
    range(bad, "maxExprSteps", maxExprSteps, 1, MAX_EXPR_STEPS);
    range(bad, "maxExprDepth", maxExprDepth, 1, MAX_EXPR_DEPTH);
    range(bad, "maxEvalTimeMs", maxEvalTimeMs, 0, Long.MAX_VALUE);
    range(bad, "maxRegexOps", maxRegexOps, 0, MAX_EXPR_STEPS);
    range(bad, "maxManifestChars", maxManifestChars, 1, Long.MAX_VALUE);
    range(bad, "maxManifestDepth", maxManifestDepth, 1, MAX_MANIFEST_DEPTH);
    range(bad, "maxManifestValues", maxManifestValues, 1, Long.MAX_VALUE);
    range(bad, "maxYamlAliases", maxYamlAliases, 0, Integer.MAX_VALUE);
    range(bad, "maxParseErrors", maxParseErrors, 1, Integer.MAX_VALUE);
    range(bad, "maxEvalAllocSize", maxEvalAllocSize, 0, Limits.MAX_ALLOC_CAP);
    if (bad.length() > 0) {
      throw new IllegalArgumentException("preset limits out of range: " + bad);
    }
  }

  private static void range(StringBuilder bad, String name, long value, long min, long max) {
    if (value < min || value > max) {
      bad.append(bad.length() == 0 ? "" : "; ").append(name).append(" must be in [").append(min).append(", ")
          .append(max).append("], got ").append(value);
    }
  }

  /** Upstream's five limits; the parse limits take their defaults. */
  public PresetLimits(int maxManifestNodes, int maxExprSteps, int maxExprDepth, long maxEvalTimeMs, int maxRegexOps) {
    this(maxManifestNodes, maxExprSteps, maxExprDepth, maxEvalTimeMs, maxRegexOps, DEFAULT_MAX_MANIFEST_CHARS,
        DEFAULT_MAX_MANIFEST_DEPTH, DEFAULT_MAX_MANIFEST_VALUES, DEFAULT_MAX_YAML_ALIASES, DEFAULT_MAX_PARSE_ERRORS);
  }

  /** Upstream's five limits and the parse limits; {@code maxEvalAllocSize} takes its default. */
  public PresetLimits(int maxManifestNodes, int maxExprSteps, int maxExprDepth, long maxEvalTimeMs, int maxRegexOps,
      long maxManifestChars, int maxManifestDepth, long maxManifestValues, int maxYamlAliases, int maxParseErrors) {
    this(maxManifestNodes, maxExprSteps, maxExprDepth, maxEvalTimeMs, maxRegexOps, maxManifestChars,
        maxManifestDepth, maxManifestValues, maxYamlAliases, maxParseErrors, Limits.DEFAULT_MAX_ALLOC_SIZE);
  }
}
