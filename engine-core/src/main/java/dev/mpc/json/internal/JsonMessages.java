package dev.mpc.json.internal;

import java.util.regex.Pattern;

/**
 * Turns the messages of the JSON library MPC reads with (Jackson) into MPC's own wording: no
 * library class, feature or setting names, first line only. Internal: shared by the JSON readers
 * of engine-core and engine-dsl. Stateless.
 */
public final class JsonMessages {
  private JsonMessages() {}

  private static final Pattern ENABLE_FEATURE = Pattern.compile(":? *\\(?enable `?[A-Za-z_.]+`? to allow\\)?");
  private static final Pattern COMMENT_FEATURE =
      Pattern.compile(" *\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)");
  private static final Pattern START_MARKER = Pattern.compile(" *\\(start marker at \\[Source:.*$");
  private static final Pattern ANY_FEATURE = Pattern.compile(" *\\([^()]*(Feature|feature)[^()]*\\)");
  private static final String[] LEAKS = {
    "com.fasterxml", "jackson", "Jackson", "StreamReadConstraints", "StreamConstraints", "JsonReadFeature",
    "JsonParser", "JsonToken", "Feature", "Exception", "REDACTED", "Source:"
  };

  /**
   * The library {@code message} in MPC's words: the first line, without feature hints; a message
   * that would still name library internals becomes {@code fallback}.
   */
  public static String clean(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    int nl = message.indexOf('\n');
    String m = nl < 0 ? message : message.substring(0, nl);
    m = START_MARKER.matcher(m).replaceAll("");
    m = COMMENT_FEATURE.matcher(m).replaceAll(" (JSON has no comments)");
    m = ENABLE_FEATURE.matcher(m).replaceAll("");
    m = ANY_FEATURE.matcher(m).replaceAll("");
    m = m.strip();
    if (m.startsWith("Non-standard token '")) {
      m = m + " (JSON has no NaN or Infinity)";
    }
    for (String leak : LEAKS) {
      if (m.contains(leak)) {
        return fallback;
      }
    }
    return m.isEmpty() ? fallback : m;
  }

  /** Whether {@code message} is free of library names (for tests and defensive checks). */
  public static boolean isOwn(String message) {
    for (String leak : LEAKS) {
      if (message.contains(leak)) {
        return false;
      }
    }
    return !message.contains("snakeyaml");
  }
}
