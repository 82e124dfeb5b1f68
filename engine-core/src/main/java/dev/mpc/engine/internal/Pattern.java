package dev.mpc.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource or action pattern, compiled once (decisions.md "ACL", G-A5): {@code *} alone matches
 * anything; otherwise the pattern is split on {@code /} into segments, each a literal, {@code *}
 * (any one segment) or a {@code {name}} placeholder (any one non-empty segment); a last segment
 * {@code **} matches any remaining segments (at least one). Matching walks the segments of the
 * candidate without building a regular expression or any garbage beyond the split.
 */
public final class Pattern {
  private static final int LITERAL = 0;
  private static final int ONE = 1;
  private static final int REST = 2;

  private final String text;
  private final boolean any;
  private final boolean literal;
  private final String[] segments;
  private final int[] kinds;

  private Pattern(String text) {
    this.text = text;
    this.any = text.equals("*");
    List<String> segs = split(text);
    this.segments = segs.toArray(String[]::new);
    this.kinds = new int[segments.length];
    boolean lit = !any;
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals("*") || s.length() > 2 && s.startsWith("{") && s.endsWith("}")) {
        kinds[i] = ONE;
        lit = false;
      } else if (s.equals("**") && i == segments.length - 1) {
        kinds[i] = REST;
        lit = false;
      }
    }
    this.literal = lit;
  }

  /** Compiles {@code text}. */
  public static Pattern of(String text) {
    return new Pattern(text);
  }

  /** The pattern text. */
  public String text() {
    return text;
  }

  /** Whether it matches everything. */
  public boolean isAny() {
    return any;
  }

  /** Whether it is a plain literal (matches only its own text). */
  public boolean isLiteral() {
    return literal;
  }

  /** Whether {@code candidate} matches. */
  public boolean matches(String candidate) {
    if (any) {
      return true;
    }
    if (literal) {
      return text.equals(candidate);
    }
    int at = 0;
    int n = candidate.length();
    for (int i = 0; i < segments.length; i++) {
      if (at > n) {
        return false;
      }
      if (kinds[i] == REST) {
        return at < n;
      }
      int end = candidate.indexOf('/', at);
      if (end < 0) {
        end = n;
      }
      if (kinds[i] == LITERAL) {
        if (end - at != segments[i].length() || !candidate.startsWith(segments[i], at)) {
          return false;
        }
      } else if (end == at && !segments[i].equals("*")) {
        return false;
      }
      at = end + 1;
    }
    return at == n + 1;
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while (true) {
      int end = s.indexOf('/', at);
      if (end < 0) {
        out.add(s.substring(at));
        return out;
      }
      out.add(s.substring(at, end));
      at = end + 1;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
