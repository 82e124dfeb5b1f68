package dev.mpc.dsl;

import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.PresetLimits;

/**
 * Limits applied while parsing a manifest, so that hostile or accidental input (huge documents,
 * deep nesting, YAML alias bombs, floods of errors) ends in a coded error instead of exhausting
 * memory, the stack or the CPU. Every check runs before or while reading, in time linear in the
 * input; a violation is reported as {@code E_QUOTA_EXCEEDED} with the position where it happened.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxDocumentChars largest manifest text, in chars (default {@value #DEFAULT_MAX_DOCUMENT_CHARS},
 *     10 Mi)
 * @param maxDepth deepest nesting of brackets and braces; in the DSL each {@code def} block and
 *     each inline array or object is one level, in JSON and YAML each object (mapping) and array
 *     (sequence) is one level (default {@value #DEFAULT_MAX_DEPTH}, at most {@value #MAX_MAX_DEPTH})
 * @param maxManifestNodes most definitions at all depths (the presets' {@code maxManifestNodes};
 *     default {@value #DEFAULT_MAX_MANIFEST_NODES})
 * @param maxValues most values (scalars, arrays, objects) in the document, counting each YAML
 *     alias as the full size of the value it repeats (default {@value #DEFAULT_MAX_VALUES})
 * @param maxYamlAliases most YAML alias references ({@code *name}) in one document (default
 *     {@value #DEFAULT_MAX_YAML_ALIASES})
 * @param maxErrors most diagnostics collected before parsing stops (default
 *     {@value #DEFAULT_MAX_ERRORS})
 */
public record ParseLimits(
    long maxDocumentChars, int maxDepth, int maxManifestNodes, long maxValues, int maxYamlAliases, int maxErrors) {

  /** Default {@link #maxDocumentChars}: 10 Mi chars. */
  public static final long DEFAULT_MAX_DOCUMENT_CHARS = PresetLimits.DEFAULT_MAX_MANIFEST_CHARS;
  /** Default {@link #maxDepth}. */
  public static final int DEFAULT_MAX_DEPTH = PresetLimits.DEFAULT_MAX_MANIFEST_DEPTH;
  /** Largest allowed {@link #maxDepth} (the canonical writer's own limit needs headroom). */
  public static final int MAX_MAX_DEPTH = PresetLimits.MAX_MANIFEST_DEPTH;
  /** Default {@link #maxManifestNodes}, as in the generic presets. */
  public static final int DEFAULT_MAX_MANIFEST_NODES = 10_000;
  /** Default {@link #maxValues}. */
  public static final long DEFAULT_MAX_VALUES = PresetLimits.DEFAULT_MAX_MANIFEST_VALUES;
  /** Default {@link #maxYamlAliases}. */
  public static final int DEFAULT_MAX_YAML_ALIASES = PresetLimits.DEFAULT_MAX_YAML_ALIASES;
  /** Default {@link #maxErrors}. */
  public static final int DEFAULT_MAX_ERRORS = PresetLimits.DEFAULT_MAX_PARSE_ERRORS;

  private static final ParseLimits DEFAULTS = new ParseLimits(DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_MAX_DEPTH,
      DEFAULT_MAX_MANIFEST_NODES, DEFAULT_MAX_VALUES, DEFAULT_MAX_YAML_ALIASES, DEFAULT_MAX_ERRORS);

  /**
   * Validates the limits.
   *
   * @param maxDocumentChars the max document chars
   * @param maxDepth the max depth
   * @param maxManifestNodes the max manifest nodes
   * @param maxValues the max values
   * @param maxYamlAliases the max yaml aliases
   * @param maxErrors the max errors
   * @throws IllegalArgumentException if a limit is not positive ({@code maxYamlAliases} may be 0,
   *     which forbids aliases) or {@code maxDepth} exceeds {@value #MAX_MAX_DEPTH}
   */
  public ParseLimits {
    if (maxDocumentChars < 1 || maxDepth < 1 || maxManifestNodes < 1 || maxValues < 1 || maxYamlAliases < 0
        || maxErrors < 1) {
      throw new IllegalArgumentException("parse limits must be positive: " + maxDocumentChars + ", " + maxDepth
          + ", " + maxManifestNodes + ", " + maxValues + ", " + maxYamlAliases + ", " + maxErrors);
    }
    if (maxDepth > MAX_MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth may not exceed " + MAX_MAX_DEPTH + ", got " + maxDepth);
    }
  }

  /**
   * The defaults.
   *
   * @return the defaults
   */
  public static ParseLimits defaults() {
    return DEFAULTS;
  }

  /**
   * The parse limits a preset sets ({@link PresetLimits}, already range-checked by
   * {@link dev.mpc.preset.Preset#fromJson}): {@code maxManifestChars}, {@code maxManifestDepth},
   * {@code maxManifestNodes}, {@code maxManifestValues}, {@code maxYamlAliases},
   * {@code maxParseErrors}.
   *
   * @param limits the limits
   * @return the parse limits a preset sets ({@link PresetLimits}, already range-checked by {@link
   *     dev.mpc.preset.Preset#fromJson})
   */
  public static ParseLimits of(PresetLimits limits) {
    return new ParseLimits(limits.maxManifestChars(), limits.maxManifestDepth(), limits.maxManifestNodes(),
        limits.maxManifestValues(), limits.maxYamlAliases(), limits.maxParseErrors());
  }

  /**
   * Limits from a preset's {@code defaultLimits} object (or a fixture's merged limits): reads
   * {@code maxManifestNodes}, and the optional MPC-for-the-JVM keys {@code maxManifestChars},
   * {@code maxManifestDepth}, {@code maxManifestValues}, {@code maxYamlAliases},
   * {@code maxParseErrors}; absent keys keep their defaults, other keys are ignored.
   *
   * @param limits the limits
   * @return the parse limits
   * @throws IllegalArgumentException if one of those keys is present but not a positive integer
   *     in range
   */
  public static ParseLimits fromPresetLimits(JsonObject limits) {
    return new ParseLimits(
        read(limits, "maxManifestChars", DEFAULT_MAX_DOCUMENT_CHARS),
        (int) read(limits, "maxManifestDepth", DEFAULT_MAX_DEPTH),
        (int) read(limits, "maxManifestNodes", DEFAULT_MAX_MANIFEST_NODES),
        read(limits, "maxManifestValues", DEFAULT_MAX_VALUES),
        (int) read(limits, "maxYamlAliases", DEFAULT_MAX_YAML_ALIASES),
        (int) read(limits, "maxParseErrors", DEFAULT_MAX_ERRORS));
  }

  private static long read(JsonObject limits, String key, long fallback) {
    JsonValue v = limits.getOrNull(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonInt i && i.fitsLong() && i.longValueExact() >= 0
        && (key.equals("maxManifestChars") || key.equals("maxManifestValues") || i.longValueExact() <= Integer.MAX_VALUE)) {
      return i.longValueExact();
    }
    throw new IllegalArgumentException("limit '" + key + "' must be a non-negative integer, found " + v);
  }

  /**
   * These limits with another {@link #maxDocumentChars}.
   *
   * @param maxDocumentChars the max document chars
   * @return the parse limits
   */
  public ParseLimits withMaxDocumentChars(long maxDocumentChars) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }

  /**
   * These limits with another {@link #maxDepth}.
   *
   * @param maxDepth the max depth
   * @return the parse limits
   */
  public ParseLimits withMaxDepth(int maxDepth) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }

  /**
   * These limits with another {@link #maxManifestNodes}.
   *
   * @param maxManifestNodes the max manifest nodes
   * @return the parse limits
   */
  public ParseLimits withMaxManifestNodes(int maxManifestNodes) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }

  /**
   * These limits with another {@link #maxValues}.
   *
   * @param maxValues the max values
   * @return the parse limits
   */
  public ParseLimits withMaxValues(long maxValues) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }

  /**
   * These limits with another {@link #maxYamlAliases}.
   *
   * @param maxYamlAliases the max yaml aliases
   * @return the parse limits
   */
  public ParseLimits withMaxYamlAliases(int maxYamlAliases) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }

  /**
   * These limits with another {@link #maxErrors}.
   *
   * @param maxErrors the max errors
   * @return the parse limits
   */
  public ParseLimits withMaxErrors(int maxErrors) {
    return new ParseLimits(maxDocumentChars, maxDepth, maxManifestNodes, maxValues, maxYamlAliases, maxErrors);
  }
}
