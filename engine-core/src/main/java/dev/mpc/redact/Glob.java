package dev.mpc.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled deny pattern: Python-{@code fnmatch}-style globs over a whole string ({@code *} any
 * run of characters, including none and including {@code .}; {@code ?} one character;
 * {@code [abc]}, {@code [a-z]}, {@code [!abc]} sets) plus {@code **}: {@code **.} at the start or
 * after a {@code .} stands for zero or more leading segments ({@code **.secret} matches
 * {@code secret}, {@code a.secret}, {@code a.b.secret}), {@code .**} at the end for zero or more
 * trailing segments ({@code cfg.**} matches {@code cfg} and everything below it); elsewhere
 * {@code **} is {@code *}. Unlike {@code fnmatch}, an unclosed {@code [} is an error rather than a
 * literal (it is almost always a typo), as is an empty pattern, and {@code []} is always the
 * literal list marker of paths ({@code items[].apiKey}), never the start of a set.
 *
 * <p>Matching is linear in the subject times the pattern (no backtracking blow-up): every token
 * but {@code *} consumes exactly one code point, so the classic single-backtrack-point algorithm
 * is exact.
 *
 * <p>Immutable and thread-safe.
 */
final class Glob {
  /** Most {@code **} a pattern may hold (each doubles the alternatives). */
  static final int MAX_DOUBLE_STARS = 4;
  /** Longest pattern, in chars. */
  static final int MAX_LENGTH = 1024;

  private static final int ANY = -1;
  private static final int STAR = -2;
  private static final int DSTAR = -3;
  private static final int CLASS_BASE = -4;

  private final String source;
  private final boolean caseSensitive;
  private final List<int[]> alternatives;
  private final List<CharSet> sets;

  private Glob(String source, boolean caseSensitive, List<int[]> alternatives, List<CharSet> sets) {
    this.source = source;
    this.caseSensitive = caseSensitive;
    this.alternatives = alternatives;
    this.sets = sets;
  }

  /** A set {@code [...]}: ranges as pairs of code points, possibly negated. */
  private record CharSet(int[] ranges, boolean negated) {
    boolean contains(int cp, boolean caseSensitive) {
      boolean in = has(cp) || (!caseSensitive && (has(Character.toLowerCase(cp)) || has(Character.toUpperCase(cp))));
      return in != negated;
    }

    private boolean has(int cp) {
      for (int i = 0; i < ranges.length; i += 2) {
        if (cp >= ranges[i] && cp <= ranges[i + 1]) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException with a one-line reason if the pattern is not acceptable
   */
  static Glob compile(String pattern, boolean caseSensitive) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("pattern longer than " + MAX_LENGTH + " chars");
    }
    int[] cps = pattern.codePoints().toArray();
    List<Integer> tokens = new ArrayList<>();
    List<CharSet> sets = new ArrayList<>();
    int doubles = 0;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '*') {
        int j = i;
        while (j < cps.length && cps[j] == '*') {
          j++;
        }
        if (j - i >= 2) {
          tokens.add(DSTAR);
          doubles++;
        } else {
          tokens.add(STAR);
        }
        i = j - 1;
      } else if (c == '?') {
        tokens.add(ANY);
      } else if (c == '[' && i + 1 < cps.length && cps[i + 1] == ']') {
        tokens.add((int) '[');
        tokens.add((int) ']');
        i++;
      } else if (c == '[') {
        int j = i + 1;
        boolean negated = false;
        if (j < cps.length && cps[j] == '!') {
          negated = true;
          j++;
        }
        int start = j;
        if (negated && j < cps.length && cps[j] == ']') {
          j++;
        }
        while (j < cps.length && cps[j] != ']') {
          j++;
        }
        if (j >= cps.length) {
          throw new IllegalArgumentException("unclosed '[' at index " + i);
        }
        List<Integer> ranges = new ArrayList<>();
        for (int k = start; k < j; k++) {
          if (k + 2 < j && cps[k + 1] == '-') {
            if (cps[k] <= cps[k + 2]) {
              ranges.add(cps[k]);
              ranges.add(cps[k + 2]);
            }
            k += 2;
          } else {
            ranges.add(cps[k]);
            ranges.add(cps[k]);
          }
        }
        sets.add(new CharSet(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
        tokens.add(CLASS_BASE - (sets.size() - 1));
        i = j;
      } else {
        tokens.add(caseSensitive ? c : fold(c));
      }
    }
    if (doubles > MAX_DOUBLE_STARS) {
      throw new IllegalArgumentException("more than " + MAX_DOUBLE_STARS + " '**'");
    }
    List<int[]> alternatives = new ArrayList<>();
    expand(tokens, 0, alternatives);
    return new Glob(pattern, caseSensitive, List.copyOf(alternatives), List.copyOf(sets));
  }

  /** Replaces each {@code **} (from index {@code from}) by its alternatives. */
  private static void expand(List<Integer> tokens, int from, List<int[]> out) {
    int i = tokens.subList(from, tokens.size()).indexOf(DSTAR);
    if (i < 0) {
      out.add(tokens.stream().mapToInt(Integer::intValue).toArray());
      return;
    }
    i += from;
    int n = tokens.size();
    boolean prevDotOrStart = i == 0 || tokens.get(i - 1) == '.';
    boolean nextDot = i + 1 < n && tokens.get(i + 1) == '.';
    List<Integer> asStar = new ArrayList<>(tokens);
    asStar.set(i, STAR);
    if (prevDotOrStart && nextDot) {
      List<Integer> dropped = new ArrayList<>(tokens);
      dropped.subList(i, i + 2).clear();
      expand(dropped, i, out);
    } else if (i > 0 && tokens.get(i - 1) == '.' && i + 1 == n) {
      List<Integer> dropped = new ArrayList<>(tokens);
      dropped.subList(i - 1, i + 1).clear();
      expand(dropped, i - 1, out);
    }
    expand(asStar, i, out);
  }

  private static int fold(int cp) {
    return Character.toLowerCase(Character.toUpperCase(cp));
  }

  /** Whether the whole of {@code subject} matches. */
  boolean matches(String subject) {
    int[] s = subject.codePoints().toArray();
    if (!caseSensitive) {
      for (int i = 0; i < s.length; i++) {
        s[i] = fold(s[i]);
      }
    }
    for (int[] alt : alternatives) {
      if (matches(alt, s)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(int[] p, int[] s) {
    int pi = 0;
    int si = 0;
    int starP = -1;
    int starS = -1;
    while (si < s.length) {
      if (pi < p.length && p[pi] != STAR && single(p[pi], s[si])) {
        pi++;
        si++;
      } else if (pi < p.length && p[pi] == STAR) {
        starP = pi++;
        starS = si;
      } else if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == STAR) {
      pi++;
    }
    return pi == p.length;
  }

  private boolean single(int token, int cp) {
    if (token >= 0) {
      return token == cp;
    }
    if (token == ANY) {
      return true;
    }
    return sets.get(CLASS_BASE - token).contains(cp, caseSensitive);
  }

  @Override
  public String toString() {
    return source;
  }
}
