package dev.mpc.json;

/**
 * Limits applied when reading JSON text, so that hostile input ends in a coded error rather than
 * exhausting memory or the stack.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxDepth deepest nesting of arrays/objects (default {@value #DEFAULT_MAX_DEPTH})
 * @param maxDocumentChars largest document, in chars (default {@value #DEFAULT_MAX_DOCUMENT_CHARS})
 * @param maxStringLength longest string, in chars (default {@value #DEFAULT_MAX_STRING_LENGTH})
 * @param maxNumberLength longest number literal, in chars (default {@value #DEFAULT_MAX_NUMBER_LENGTH})
 */
public record JsonLimits(int maxDepth, long maxDocumentChars, int maxStringLength, int maxNumberLength) {
  /** Default {@link #maxDepth}. */
  public static final int DEFAULT_MAX_DEPTH = 500;
  /** Default {@link #maxDocumentChars} (64 Mi chars). */
  public static final long DEFAULT_MAX_DOCUMENT_CHARS = 64L * 1024 * 1024;
  /** Default {@link #maxStringLength} (16 Mi chars). */
  public static final int DEFAULT_MAX_STRING_LENGTH = 16 * 1024 * 1024;
  /** Default {@link #maxNumberLength}. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

  private static final JsonLimits DEFAULTS = new JsonLimits(
      DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NUMBER_LENGTH);

  /** Validates the limits. */
  public JsonLimits {
    if (maxDepth < 1 || maxDocumentChars < 1 || maxStringLength < 1 || maxNumberLength < 1) {
      throw new IllegalArgumentException("JSON limits must be positive: " + maxDepth + ", "
          + maxDocumentChars + ", " + maxStringLength + ", " + maxNumberLength);
    }
    if (maxDepth > Canonical.MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth may not exceed Canonical.MAX_DEPTH (" + Canonical.MAX_DEPTH + ")");
    }
  }

  /** The defaults. */
  public static JsonLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another {@link #maxDepth}. */
  public JsonLimits withMaxDepth(int maxDepth) {
    return new JsonLimits(maxDepth, maxDocumentChars, maxStringLength, maxNumberLength);
  }

  /** These limits with another {@link #maxDocumentChars}. */
  public JsonLimits withMaxDocumentChars(long maxDocumentChars) {
    return new JsonLimits(maxDepth, maxDocumentChars, maxStringLength, maxNumberLength);
  }
}
