package dev.mpc.dsl.expr.internal;

import java.util.Arrays;

/**
 * A linear pre-scan of expression text that bounds how deeply the recursive-descent parser will
 * recurse, so that hostile input is rejected before it can overflow the stack. The estimate is
 * conservative: bracket depth plus every prefix operator and conditional keyword seen inside the
 * innermost open bracket and its ancestors. Internal.
 */
final class NestingScan {
  private NestingScan() {}

  /** The 1-based line and 0-based column where the estimate first exceeds {@code cap}, or null. */
  static int[] firstTooDeep(String text, int cap) {
    int[] saved = new int[8]; // the level outside each open bracket
    int open = 0;
    int level = 0;
    int line = 1;
    int lineStart = 0;
    boolean operandExpected = true;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++; // CRLF is one line end
        }
        line++;
        lineStart = i + 1;
        continue;
      }
      if (Character.isWhitespace(c)) {
        continue;
      }
      int before = level;
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(j, n - 1);
        operandExpected = false;
        continue;
      }
      if (c == '(' || c == '[') {
        if (open == saved.length) {
          saved = Arrays.copyOf(saved, open * 2);
        }
        saved[open++] = level;
        level++;
        operandExpected = true;
      } else if (c == ')' || c == ']') {
        level = open == 0 ? 0 : saved[--open];
        operandExpected = false;
      } else if ((c == '-' || c == '!') && operandExpected) {
        level++;
      } else if (c == '?' || c == ':') {
        level++;
        operandExpected = true;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        int end = Math.max(j, i + 1);
        if (word(text, i, end, "not") || word(text, i, end, "if") || word(text, i, end, "else")) {
          level++;
          operandExpected = true;
        } else {
          operandExpected = word(text, i, end, "and") || word(text, i, end, "or") || word(text, i, end, "in")
              || word(text, i, end, "matches");
        }
        i = end - 1;
      } else {
        operandExpected = true;
      }
      if (level > cap && level > before) {
        return new int[] {line, i - lineStart};
      }
    }
    return null;
  }

  /** Whether {@code text[from, to)} is {@code word}. */
  private static boolean word(String text, int from, int to, String word) {
    return to - from == word.length() && text.startsWith(word, from);
  }
}
