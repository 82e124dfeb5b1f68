package dev.mpc.dsl.validate;

import java.util.List;

/**
 * Upstream's textual function-call scan, {@code \b([A-Za-z_][A-Za-z0-9_]*)\s*\(} under Python's
 * Unicode rules ({@code \b} and {@code \s} as Python's {@code re} defines them for {@code str}),
 * as one linear pass without a regex engine.
 */
final class CallScan {
  private CallScan() {}

  /** Appends to {@code found} the name of every call in {@code s}, in order. */
  static void calls(String s, List<String> found) {
    int n = s.length();
    int i = s.indexOf('(');
    if (i < 0) {
      return; // no call without a parenthesis
    }
    i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!identStart(c) || (i > 0 && pythonWord(s.codePointBefore(i)))) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && identPart(s.charAt(j))) {
        j++;
      }
      int k = j;
      while (k < n && pythonSpace(s.charAt(k))) {
        k++;
      }
      if (k < n && s.charAt(k) == '(') {
        found.add(s.substring(i, j));
        i = k + 1;
      } else {
        // every position inside the name follows a word character: no boundary there
        i = j;
      }
    }
  }

  private static boolean identStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean identPart(char c) {
    return identStart(c) || (c >= '0' && c <= '9');
  }

  /** Python's {@code \w} for str: {@code str.isalnum()} or underscore. */
  static boolean pythonWord(int cp) {
    if (cp < 0x80) {
      return identPart((char) cp);
    }
    return Character.isLetter(cp) || switch (Character.getType(cp)) {
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  /** Python's {@code \s} for str: {@code str.isspace()}. */
  static boolean pythonSpace(char c) {
    if (c < 0x80) {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
        || c == 0x202f || c == 0x205f || c == 0x3000;
  }
}
