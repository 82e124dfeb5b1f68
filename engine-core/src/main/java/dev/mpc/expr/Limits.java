package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.json.Canonical;

/**
 * Per-evaluation budgets of the expression engine, and compile-time size caps. Every evaluation
 * starts with fresh budgets; nothing carries over from one evaluation to the next.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxExprSteps steps per evaluation (one per IR node evaluated, plus function costs);
 *     preset key {@code maxExprSteps}, default {@value #DEFAULT_MAX_STEPS}
 * @param maxExprDepth IR nesting depth, checked at compile time (root = 1); preset key
 *     {@code maxExprDepth}, default {@value #DEFAULT_MAX_DEPTH}, at most {@value #MAX_DEPTH_CAP}
 * @param maxEvalTimeMs wall-clock time per evaluation in milliseconds, {@code <= 0} disables;
 *     preset key {@code maxEvalTimeMs}, default {@value #DEFAULT_MAX_TIME_MS}
 * @param maxRegexOps regex operations per evaluation: one per call, plus one per started KiB of
 *     input times the pattern's weight (its estimated program size / 16, at least 1), charged
 *     before the search runs; preset key {@code maxRegexOps}, default {@value #DEFAULT_MAX_REGEX_OPS}
 * @param maxEvalAllocSize the size of the strings and lists an evaluation may build, in units:
 *     one per char of each string built ({@code +}, {@code concat}, {@code lower}, {@code upper},
 *     {@code substr}, {@code now}) and one per element of each list built (list expressions);
 *     charged before building; preset key {@code maxEvalAllocSize}, default
 *     {@value #DEFAULT_MAX_ALLOC_SIZE}
 * @param maxRegexPatternLength longest regex pattern, in chars; default
 *     {@value #DEFAULT_MAX_REGEX_PATTERN_LENGTH}
 * @param maxSourceLength longest expression text, in chars; default
 *     {@value #DEFAULT_MAX_SOURCE_LENGTH}
 */
public record Limits(
    int maxExprSteps,
    int maxExprDepth,
    double maxEvalTimeMs,
    int maxRegexOps,
    int maxEvalAllocSize,
    int maxRegexPatternLength,
    int maxSourceLength) {

  /** Default {@link #maxExprSteps}. */
  public static final int DEFAULT_MAX_STEPS = 5000;
  /** Default {@link #maxExprDepth}. */
  public static final int DEFAULT_MAX_DEPTH = 50;
  /** Largest allowed {@link #maxExprDepth}. */
  public static final int MAX_DEPTH_CAP = 1000;
  /** Default {@link #maxEvalTimeMs}. */
  public static final double DEFAULT_MAX_TIME_MS = 50;
  /** Default {@link #maxRegexOps}. */
  public static final int DEFAULT_MAX_REGEX_OPS = 5000;
  /** Default {@link #maxEvalAllocSize} (4 Mi: 4 MiB of string chars). */
  public static final int DEFAULT_MAX_ALLOC_SIZE = 4 * 1024 * 1024;
  /** Default {@link #maxRegexPatternLength}. */
  public static final int DEFAULT_MAX_REGEX_PATTERN_LENGTH = 512;
  /** Default {@link #maxSourceLength} (16 KiB). */
  public static final int DEFAULT_MAX_SOURCE_LENGTH = 16 * 1024;
  private static final int MAX_STEPS_CAP = Integer.MAX_VALUE / 4;
  /** Largest allowed {@link #maxEvalAllocSize}. */
  public static final int MAX_ALLOC_CAP = Integer.MAX_VALUE / 2;

  private static final Limits DEFAULTS = new Limits(DEFAULT_MAX_STEPS, DEFAULT_MAX_DEPTH,
      DEFAULT_MAX_TIME_MS, DEFAULT_MAX_REGEX_OPS, DEFAULT_MAX_ALLOC_SIZE, DEFAULT_MAX_REGEX_PATTERN_LENGTH,
      DEFAULT_MAX_SOURCE_LENGTH);

  /** Validates the limits. */
  public Limits {
    if (maxExprSteps < 0 || maxExprSteps > MAX_STEPS_CAP) {
      throw new IllegalArgumentException("maxExprSteps must be in [0, " + MAX_STEPS_CAP + "]: " + maxExprSteps);
    }
    if (maxExprDepth < 0 || maxExprDepth > MAX_DEPTH_CAP) {
      throw new IllegalArgumentException("maxExprDepth must be in [0, " + MAX_DEPTH_CAP + "]: " + maxExprDepth);
    }
    if (Double.isNaN(maxEvalTimeMs)) {
      throw new IllegalArgumentException("maxEvalTimeMs must be a number");
    }
    if (maxRegexOps < 0 || maxRegexOps > MAX_STEPS_CAP) {
      throw new IllegalArgumentException("maxRegexOps must be in [0, " + MAX_STEPS_CAP + "]: " + maxRegexOps);
    }
    if (maxEvalAllocSize < 0 || maxEvalAllocSize > MAX_ALLOC_CAP) {
      throw new IllegalArgumentException("maxEvalAllocSize must be in [0, " + MAX_ALLOC_CAP + "]: " + maxEvalAllocSize);
    }
    if (maxRegexPatternLength < 1 || maxSourceLength < 1) {
      throw new IllegalArgumentException("maxRegexPatternLength and maxSourceLength must be positive");
    }
  }

  /** The defaults (those of {@code preset-generic-full}). */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * Limits from a preset's {@code defaultLimits} object (after any per-fixture overlay): the keys
   * {@code maxExprSteps}, {@code maxExprDepth}, {@code maxEvalTimeMs}, {@code maxRegexOps},
   * {@code maxEvalAllocSize};
   * missing keys keep their defaults, other keys are ignored.
   */
  public static Result<Limits> fromPreset(JsonObject defaultLimits) {
    try {
      return Result.ok(new Limits(
          intOf(defaultLimits, "maxExprSteps", DEFAULT_MAX_STEPS),
          intOf(defaultLimits, "maxExprDepth", DEFAULT_MAX_DEPTH),
          numberOf(defaultLimits, "maxEvalTimeMs", DEFAULT_MAX_TIME_MS),
          intOf(defaultLimits, "maxRegexOps", DEFAULT_MAX_REGEX_OPS),
          intOf(defaultLimits, "maxEvalAllocSize", DEFAULT_MAX_ALLOC_SIZE),
          DEFAULT_MAX_REGEX_PATTERN_LENGTH,
          DEFAULT_MAX_SOURCE_LENGTH));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Result.failed(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "Invalid expression limits: " + e.getMessage()));
    }
  }

  private static int intOf(JsonObject o, String key, int dflt) {
    JsonValue v = o.getOrNull(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v instanceof JsonInt i) {
      return i.value().intValueExact();
    }
    if (v instanceof JsonFloat f && f.value() == Math.rint(f.value())) {
      return Math.toIntExact((long) f.value());
    }
    throw new IllegalArgumentException(key + " must be an integer, got " + v);
  }

  private static double numberOf(JsonObject o, String key, double dflt) {
    JsonValue v = o.getOrNull(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v instanceof JsonInt i) {
      return i.value().doubleValue();
    }
    if (v instanceof JsonFloat f) {
      return f.value();
    }
    throw new IllegalArgumentException(key + " must be a number, got " + v);
  }

  /** These limits with another {@link #maxExprSteps}. */
  public Limits withMaxExprSteps(int value) {
    return new Limits(value, maxExprDepth, maxEvalTimeMs, maxRegexOps,
        maxEvalAllocSize, maxRegexPatternLength, maxSourceLength);
  }

  /** These limits with another {@link #maxExprDepth}. */
  public Limits withMaxExprDepth(int value) {
    return new Limits(maxExprSteps, value, maxEvalTimeMs, maxRegexOps,
        maxEvalAllocSize, maxRegexPatternLength, maxSourceLength);
  }

  /** These limits with another {@link #maxEvalTimeMs}. */
  public Limits withMaxEvalTimeMs(double value) {
    return new Limits(maxExprSteps, maxExprDepth, value, maxRegexOps,
        maxEvalAllocSize, maxRegexPatternLength, maxSourceLength);
  }

  /** These limits with another {@link #maxRegexOps}. */
  public Limits withMaxRegexOps(int value) {
    return new Limits(maxExprSteps, maxExprDepth, maxEvalTimeMs, value,
        maxEvalAllocSize, maxRegexPatternLength, maxSourceLength);
  }

  /** These limits with another {@link #maxEvalAllocSize}. */
  public Limits withMaxEvalAllocSize(int value) {
    return new Limits(maxExprSteps, maxExprDepth, maxEvalTimeMs, maxRegexOps, value, maxRegexPatternLength,
        maxSourceLength);
  }

  /** These limits with another {@link #maxRegexPatternLength}. */
  public Limits withMaxRegexPatternLength(int value) {
    return new Limits(maxExprSteps, maxExprDepth, maxEvalTimeMs, maxRegexOps,
        maxEvalAllocSize, value, maxSourceLength);
  }

  /** These limits with another {@link #maxSourceLength}. */
  public Limits withMaxSourceLength(int value) {
    return new Limits(maxExprSteps, maxExprDepth, maxEvalTimeMs, maxRegexOps,
        maxEvalAllocSize, maxRegexPatternLength, value);
  }

  /** {@link #maxEvalTimeMs} as written in messages: {@code 50}, {@code 0.5}. */
  public String maxEvalTimeText() {
    if (maxEvalTimeMs == Math.rint(maxEvalTimeMs) && Math.abs(maxEvalTimeMs) < 1e15) {
      return Long.toString((long) maxEvalTimeMs);
    }
    return Canonical.formatDouble(maxEvalTimeMs);
  }

  /**
   * The nesting cap applied while parsing text, before any tree is built:
   * {@code max(2 * maxExprDepth, 256)}.
   */
  public int parseNestingCap() {
    return Math.max(2 * maxExprDepth, 256);
  }
}
