package dev.mpc.dsl.expr.internal;

import java.util.ArrayDeque;

/**
 * TEST-ONLY ORACLE: a verbatim copy of {@code NestingScan} as it was at commit 24a61e0 (used by
 * {@link TextParserV1}). Do not change it to follow the production scan.
 *
 * <p>A linear pre-scan of expression text that bounds how deeply the recursive-descent parser will
 * recurse, so that hostile input is rejected before it can overflow the stack. The estimate is
 * conservative: bracket depth plus every prefix operator and conditional keyword seen inside the
 * innermost open bracket and its ancestors. Internal.
 */
final class NestingScanV1 {
  private NestingScanV1() {}

  /** The 1-based line and 0-based column where the estimate first exceeds {@code cap}, or null. */
  static int[] firstTooDeep(String text, int cap) {
    ArrayDeque<Integer> saved = new ArrayDeque<>();
    int level = 0;
    int line = 1;
    int lineStart = 0;
    boolean operandExpected = true;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
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
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(j, n - 1);
        operandExpected = false;
        continue;
      }
      if (c == '(' || c == '[') {
        saved.push(level);
        level++;
        operandExpected = true;
      } else if (c == ')' || c == ']') {
        level = saved.isEmpty() ? 0 : saved.pop();
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
        String word = text.substring(i, Math.max(j, i + 1));
        if (word.equals("not") || word.equals("if") || word.equals("else")) {
          level++;
          operandExpected = true;
        } else {
          operandExpected = word.equals("and") || word.equals("or") || word.equals("in") || word.equals("matches");
        }
        i = Math.max(j, i + 1) - 1;
      } else {
        operandExpected = true;
      }
      if (level > cap && level > before) {
        return new int[] {line, i - lineStart};
      }
    }
    return null;
  }
}
