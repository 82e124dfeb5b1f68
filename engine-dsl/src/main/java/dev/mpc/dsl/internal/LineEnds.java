package dev.mpc.dsl.internal;

/**
 * What the front ends treat as line ends. CR, LF and CRLF are one line end each, in every position
 * (line/column) the front ends report. NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (U+0085,
 * U+2028, U+2029) are shown as line breaks by some editors but are no line ends in JSON or YAML
 * 1.2: the DSL and YAML front ends refuse them raw, so that no text an editor shows on a line of
 * its own can sit inside a comment or a string. Stateless.
 */
final class LineEnds {
  private LineEnds() {}

  /** Whether {@code c} is CR or LF. */
  static boolean isBreak(char c) {
    return c == '\n' || c == '\r';
  }

  /** Whether {@code c} is one of the characters refused raw: U+0085, U+2028, U+2029. */
  static boolean isUnicodeBreak(int c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Whether {@code c} ends a DSL comment or string: CR, LF, U+0085, U+2028 or U+2029. */
  static boolean endsLine(char c) {
    return isBreak(c) || isUnicodeBreak(c);
  }

  /** The name of a character refused raw, for messages. */
  static String name(int c) {
    return switch (c) {
      case '\u0085' -> "U+0085 (NEXT LINE)";
      case '\u2028' -> "U+2028 (LINE SEPARATOR)";
      default -> "U+2029 (PARAGRAPH SEPARATOR)";
    };
  }
}
