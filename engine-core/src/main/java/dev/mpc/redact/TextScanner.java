package dev.mpc.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The value-based detectors over one string (see {@link Detector}). Hand-written scanners rather
 * than regular expressions, so that no input can make them backtrack: each detector looks at every
 * char a bounded number of times.
 *
 * <p>Immutable and thread-safe.
 */
final class TextScanner {
  /** Longest URL authority (user info + host) examined after {@code ://}. */
  static final int MAX_AUTHORITY = 4096;
  /** Longest key examined before a {@code =} or {@code :}. */
  static final int MAX_KEY = 128;

  private final Set<Detector> detectors;
  private final String mask;
  private final Predicate<String> sensitiveKey;

  TextScanner(Set<Detector> detectors, String mask, Predicate<String> sensitiveKey) {
    this.detectors = detectors;
    this.mask = mask;
    this.sensitiveKey = sensitiveKey;
  }

  /** Most passes over one text (each pass runs every detector; masking can expose a new match). */
  static final int MAX_PASSES = 4;

  /**
   * {@code text} with every detected secret masked; the same instance when nothing was found. The
   * detectors run until nothing changes (at most {@value #MAX_PASSES} passes), so the result is a
   * fixpoint: redacting it again changes nothing.
   */
  String redact(String text) {
    String s = text;
    for (int i = 0; i < MAX_PASSES; i++) {
      String next = pass(s);
      if (next == s) {
        return s;
      }
      s = next;
    }
    return s;
  }

  private String pass(String text) {
    String s = text;
    if (detectors.contains(Detector.URL_CREDENTIALS) && s.contains("://")) {
      s = urlCredentials(s);
    }
    if (detectors.contains(Detector.AUTHORIZATION)) {
      s = authorization(s);
    }
    if (detectors.contains(Detector.JWT) && s.contains("eyJ")) {
      s = jwt(s);
    }
    if (detectors.contains(Detector.CARD_NUMBER) && s.length() >= 13) {
      s = cards(s);
    }
    if (detectors.contains(Detector.KEY_VALUE) && (s.indexOf('=') >= 0 || s.indexOf(':') >= 0)) {
      s = keyValues(s);
    }
    return s;
  }

  // ------------------------------------------------------------------------------------ URLs

  private String urlCredentials(String s) {
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (true) {
      int idx = s.indexOf("://", from);
      if (idx < 0) {
        break;
      }
      from = idx + 3;
      int b = idx;
      while (b > 0 && isSchemeChar(s.charAt(b - 1))) {
        b--;
      }
      if (b == idx || !isAsciiLetter(s.charAt(b))) {
        continue;
      }
      int start = idx + 3;
      int end = start;
      int at = -1;
      int limit = Math.min(s.length(), start + MAX_AUTHORITY);
      while (end < limit && !endsAuthority(s.charAt(end))) {
        if (s.charAt(end) == '@') {
          at = end;
        }
        end++;
      }
      if (at < 0) {
        continue;
      }
      int colon = s.indexOf(':', start);
      if (colon < 0 || colon >= at || colon + 1 == at || s.startsWith(mask, colon + 1) && colon + 1 + mask.length() == at) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, colon + 1).append(mask);
      copied = at;
      from = at;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  private static boolean isSchemeChar(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-';
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<'
        || c == '>';
  }

  // --------------------------------------------------------------------- Bearer / Basic

  private String authorization(String s) {
    if (!containsIgnoreCase(s, "bearer") && !containsIgnoreCase(s, "basic")) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      boolean bearer = s.regionMatches(true, i, "bearer", 0, 6);
      boolean basic = !bearer && s.regionMatches(true, i, "basic", 0, 5);
      if (!bearer && !basic || i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
        continue;
      }
      int j = i + (bearer ? 6 : 5);
      int ws = j;
      while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
        j++;
      }
      if (j == ws) {
        continue;
      }
      int t = j;
      while (t < n && isToken68(s.charAt(t))) {
        t++;
      }
      while (t < n && s.charAt(t) == '=') {
        t++;
      }
      if (t == j || t < n && Character.isLetterOrDigit(s.charAt(t))) {
        continue;
      }
      if (basic && !isBasicCredentials(s.substring(j, t))) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, j).append(mask);
      copied = t;
      i = t - 1;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  private static boolean isToken68(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '+'
        || c == '/';
  }

  private static boolean isBasicCredentials(String value) {
    if (value.length() < 4 || value.length() % 4 != 0) {
      return false;
    }
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).indexOf(':') >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean containsIgnoreCase(String s, String word) {
    for (int i = 0, n = s.length() - word.length(); i <= n; i++) {
      if (s.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------ JWT

  private String jwt(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int from = 0;
    while (true) {
      int i = s.indexOf("eyJ", from);
      if (i < 0) {
        break;
      }
      from = i + 3;
      if (i > 0 && isBase64Url(s.charAt(i - 1))) {
        continue;
      }
      int j = i;
      int dots = 0;
      int segStart = i;
      boolean ok = true;
      while (j < n) {
        char c = s.charAt(j);
        if (isBase64Url(c)) {
          j++;
        } else if (c == '.' && dots < 2) {
          if (j == segStart) {
            ok = false;
            break;
          }
          dots++;
          j++;
          segStart = j;
        } else {
          break;
        }
      }
      if (!ok || dots < 2 || j - i < 16) {
        from = Math.max(from, j);
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, i).append(mask);
      copied = j;
      from = j;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  private static boolean isBase64Url(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_';
  }

  // ------------------------------------------------------------------------------ card numbers

  private String cards(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!isDigit(c) || i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
        i++;
        continue;
      }
      int k = i;
      int digits = 0;
      StringBuilder last = new StringBuilder(19);
      while (k < n) {
        char d = s.charAt(k);
        if (isDigit(d)) {
          digits++;
          if (digits <= 19) {
            last.append(d);
          }
          k++;
        } else if ((d == ' ' || d == '-') && k + 1 < n && isDigit(s.charAt(k + 1)) && isDigit(s.charAt(k - 1))) {
          k++;
        } else {
          break;
        }
      }
      boolean boundary = k == n || !Character.isLetterOrDigit(s.charAt(k));
      if (boundary && isCard(last, digits)) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, i).append(mask).append(last, last.length() - 4, last.length());
        copied = k;
      }
      i = k;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** Whether {@code digits} (exactly {@code count} of them) look like a payment card number. */
  static boolean isCard(CharSequence digits, int count) {
    if (count < 13 || count > 19 || digits.length() != count) {
      return false;
    }
    char first = digits.charAt(0);
    if (first < '2' || first > '6') {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = count - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ------------------------------------------------------------------------------- key=value

  private String keyValues(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char sep = s.charAt(i);
      if (sep != '=' && sep != ':') {
        continue;
      }
      int b = i;
      int spaces = 0;
      while (b > 0 && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t') && spaces < 8) {
        b--;
        spaces++;
      }
      if (b > 0 && (s.charAt(b - 1) == '"' || s.charAt(b - 1) == '\'')) {
        b--;
        while (b > 0 && s.charAt(b - 1) == '\\') {
          b--;
        }
      }
      int keyEnd = b;
      while (b > 0 && keyEnd - b < MAX_KEY && isKeyChar(s.charAt(b - 1))) {
        b--;
      }
      if (b == keyEnd || b > 0 && isKeyChar(s.charAt(b - 1)) || !sensitiveKey.test(s.substring(b, keyEnd))) {
        continue;
      }
      int v = i + 1;
      if (v < n && (s.charAt(v) == '=' || s.charAt(v) == ':' || s.charAt(v) == '>')) {
        v++;
      }
      spaces = 0;
      while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t') && spaces < 8) {
        v++;
        spaces++;
      }
      if (v >= n) {
        continue;
      }
      int start;
      int end;
      char q = s.charAt(v);
      int slashes = 0;
      while (v + slashes < n && s.charAt(v + slashes) == '\\') {
        slashes++;
      }
      if (slashes > 0 && v + slashes < n && (s.charAt(v + slashes) == '"' || s.charAt(v + slashes) == '\'')) {
        String delimiter = s.substring(v, v + slashes + 1);
        start = v + slashes + 1;
        end = start;
        while (end < n && s.charAt(end) != '\n' && !s.startsWith(delimiter, end)) {
          end++;
        }
      } else if (q == '{' || q == '[') {
        start = v;
        end = balanced(s, v);
      } else if (q == '"' || q == '\'') {
        start = v + 1;
        end = start;
        while (end < n && s.charAt(end) != q && s.charAt(end) != '\n') {
          end += s.charAt(end) == '\\' && end + 1 < n ? 2 : 1;
        }
        end = Math.min(end, n);
      } else {
        start = v;
        end = v;
        while (end < n && !endsBareValue(s.charAt(end))) {
          end++;
        }
      }
      if (end == start || s.startsWith(mask, start) && (start + mask.length() == end || mask.isEmpty())) {
        i = Math.max(i, end - 1);
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, start).append(mask);
      copied = end;
      i = end - 1;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** The end of the bracketed group opening at {@code open} (quotes respected), or of its line. */
  private static int balanced(String s, int open) {
    int depth = 0;
    int n = s.length();
    for (int i = open; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(j, n);
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      } else if (c == '\n') {
        return i;
      }
    }
    return n;
  }

  private static boolean isKeyChar(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
  }

  private static boolean endsBareValue(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == ')' || c == '}' || c == ']'
        || c == '"' || c == '\'';
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
