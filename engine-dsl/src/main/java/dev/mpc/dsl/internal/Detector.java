package dev.mpc.dsl.internal;

import dev.mpc.dsl.Syntax;

/** Content-based syntax detection (pipeline spec §3 with the fixes of §18 item 10). Stateless. */
public final class Detector {
  private Detector() {}

  /** See {@link Syntax#detect(String)}. */
  public static Syntax detect(String text) {
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    if (i < n && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
      return Syntax.JSON;
    }
    // first line that is neither blank nor a // comment; lines end where the DSL lexer ends a
    // comment (CR, LF, U+0085, U+2028, U+2029)
    int lineStart = i;
    while (lineStart < n) {
      int p = lineStart;
      while (p < n && !LineEnds.endsLine(text.charAt(p)) && isSpace(text.charAt(p))) {
        p++;
      }
      if (p < n && !LineEnds.endsLine(text.charAt(p)) && !text.startsWith("//", p)) {
        return isDslStart(text, p) ? Syntax.DSL : Syntax.YAML;
      }
      int nl = p;
      while (nl < n && !LineEnds.endsLine(text.charAt(nl))) {
        nl++;
      }
      if (nl >= n) {
        break;
      }
      lineStart = nl + 1;
    }
    return Syntax.YAML;
  }

  private static boolean isDslStart(String text, int p) {
    if (text.charAt(p) == '@') {
      return true;
    }
    return text.startsWith("def", p) && p + 3 < text.length() && isSpace(text.charAt(p + 3));
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
