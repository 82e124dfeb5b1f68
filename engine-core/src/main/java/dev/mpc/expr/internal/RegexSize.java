package dev.mpc.expr.internal;

/**
 * A conservative estimate, from the pattern text alone, of the size (in instructions) of the
 * program RE2/J compiles a pattern to; computed before RE2/J sees the pattern, so that a pattern
 * whose counted repetitions expand to a huge program ({@code (a{1000}){1000}}) is refused before
 * RE2/J spends time and memory compiling it. The estimate is an upper bound of RE2/J's
 * instruction count for every valid pattern (property-tested against RE2/J's program); for an
 * invalid pattern it is just a number (RE2/J words the error).
 *
 * <p>Model: a literal character, a class ({@code [...]}, {@code \d}, {@code \pL}, {@code .}) or an
 * assertion is 1; a capturing group adds 3; each {@code |} adds 2; {@code * + ?} add 1 to their
 * operand; {@code x{m}}, {@code x{m,}}, {@code x{m,n}} cost {@code (max(m, n) + 1) * (size(x) + 2) + 2};
 * plus 8 for the program's frame. Iterative (no recursion on nesting), linear in the pattern,
 * saturating at {@link #SATURATED}. Stateless. Internal.
 */
final class RegexSize {
  private RegexSize() {}

  /** Where the estimate stops growing (far above any cap). */
  static final long SATURATED = 1L << 40;

  /** The estimated program size of {@code p}. */
  static long estimate(String p) {
    int n = p.length();
    // One frame per open group: completed alternatives, alternative count, current sequence,
    // size of the last atom (for a quantifier; -1 when there is none), capturing or not.
    long[] alts = new long[8];
    long[] count = new long[8];
    long[] seq = new long[8];
    long[] last = new long[8];
    boolean[] capture = new boolean[8];
    int top = 0;
    last[0] = -1;
    int i = 0;
    while (i < n) {
      char c = p.charAt(i);
      long atom = -1;
      switch (c) {
        case '\\': {
          if (i + 1 < n && p.charAt(i + 1) == 'Q') {
            int from = i + 2;
            int e = p.indexOf("\\E", from);
            int to = e < 0 ? n : e;
            i = e < 0 ? n : e + 2;
            if (to == from) {
              continue; // \Q\E quotes nothing: a quantifier after it applies to the atom before
            }
            atom = to - from; // one per quoted character (an upper bound)
            break;
          }
          i = escapeEnd(p, i);
          atom = 1;
          break;
        }
        case '[': {
          i = classEnd(p, i);
          atom = 1;
          break;
        }
        case '(': {
          boolean cap = true;
          int j = i + 1;
          if (j < n && p.charAt(j) == '?') {
            int k = j + 1;
            while (k < n && Character.isLetter(p.charAt(k)) || k < n && p.charAt(k) == '-') {
              k++;
            }
            if (k < n && p.charAt(k) == ')') {
              i = k + 1; // a flag group: no instruction; a quantifier after it applies to the atom before
              continue;
            }
            if (k < n && (p.charAt(k) == '<' || (k == j + 2 && p.charAt(j + 1) == 'P' && p.charAt(k) == '<'))) {
              int e = p.indexOf('>', k);
              j = e < 0 ? n : e + 1;
            } else {
              cap = false;
              j = k < n ? k + 1 : n; // (?: or (?flags:
            }
          }
          if (top + 1 == alts.length) {
            int len = alts.length * 2;
            alts = java.util.Arrays.copyOf(alts, len);
            count = java.util.Arrays.copyOf(count, len);
            seq = java.util.Arrays.copyOf(seq, len);
            last = java.util.Arrays.copyOf(last, len);
            capture = java.util.Arrays.copyOf(capture, len);
          }
          top++;
          alts[top] = 0;
          count[top] = 0;
          seq[top] = 0;
          last[top] = -1;
          capture[top] = cap;
          i = j;
          continue;
        }
        case ')': {
          i++;
          if (top == 0) {
            atom = 1; // unbalanced: RE2/J rejects it; count it as a character
            break;
          }
          atom = close(alts[top], count[top], seq[top], capture[top]);
          top--;
          break;
        }
        case '|': {
          alts[top] = add(alts[top], seq[top]);
          count[top]++;
          seq[top] = 0;
          last[top] = -1;
          i++;
          continue;
        }
        case '*':
        case '+':
        case '?': {
          i++;
          if (i < n && p.charAt(i) == '?') {
            i++; // lazy
          }
          if (last[top] >= 0) {
            seq[top] = add(seq[top], 1);
            last[top] = add(last[top], 1);
          } else {
            seq[top] = add(seq[top], 1);
          }
          continue;
        }
        case '{': {
          long[] bounds = new long[2];
          int e = repeatEnd(p, i, bounds);
          if (e > 0) {
            i = e;
            if (i < n && p.charAt(i) == '?') {
              i++;
            }
            long l = Math.max(last[top], 0);
            long times = Math.max(bounds[0], bounds[1]) + 1;
            // An operand of size 0 (after a flag group) still compiles to an instruction per copy.
            long grown = add(mul(times, add(Math.max(l, 1), 2)), 2);
            seq[top] = add(seq[top] - l, grown);
            last[top] = grown;
            continue;
          }
          i++;
          atom = 1; // a literal brace
          break;
        }
        default:
          i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(p.charAt(i + 1)) ? 2 : 1;
          atom = 1;
      }
      seq[top] = add(seq[top], atom);
      last[top] = atom;
    }
    while (top > 0) {
      long g = close(alts[top], count[top], seq[top], capture[top]);
      top--;
      seq[top] = add(seq[top], g);
    }
    return add(close(alts[0], count[0], seq[0], false), 8);
  }

  private static long close(long alts, long count, long seq, boolean capture) {
    return add(add(add(alts, seq), 2 * count), capture ? 3 : 0);
  }

  /** The index after the escape starting at {@code i} (a backslash). */
  private static int escapeEnd(String p, int i) {
    int n = p.length();
    if (i + 1 >= n) {
      return n;
    }
    char e = p.charAt(i + 1);
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && p.charAt(i + 2) == '{') {
      int close = p.indexOf('}', i + 3);
      return close < 0 ? n : close + 1;
    }
    if (e == 'p' || e == 'P') {
      return Math.min(n, i + 3);
    }
    if (e == 'x') {
      return Math.min(n, i + 4);
    }
    return i + 2;
  }

  /** The index after the class starting at {@code i} (a {@code [}). */
  private static int classEnd(String p, int i) {
    int n = p.length();
    int j = i + 1;
    if (j < n && p.charAt(j) == '^') {
      j++;
    }
    if (j < n && p.charAt(j) == ']') {
      j++;
    }
    while (j < n) {
      char c = p.charAt(j);
      if (c == '\\') {
        j = escapeEnd(p, j);
      } else if (c == '[' && j + 1 < n && p.charAt(j + 1) == ':') {
        int e = p.indexOf(":]", j + 2);
        j = e < 0 ? j + 1 : e + 2;
      } else if (c == ']') {
        return j + 1;
      } else {
        j++;
      }
    }
    return n;
  }

  /**
   * The index after a counted repetition {@code {m}}, {@code {m,}} or {@code {m,n}} starting at
   * {@code i}, with the bounds (saturated) in {@code bounds}; -1 if it is not one (a literal brace).
   */
  private static int repeatEnd(String p, int i, long[] bounds) {
    int n = p.length();
    int j = i + 1;
    int d = j;
    long m = 0;
    while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
      m = Math.min(SATURATED, m * 10 + (p.charAt(j) - '0'));
      j++;
    }
    if (j == d) {
      return -1;
    }
    long max = m;
    if (j < n && p.charAt(j) == ',') {
      j++;
      long x = 0;
      int s = j;
      while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
        x = Math.min(SATURATED, x * 10 + (p.charAt(j) - '0'));
        j++;
      }
      max = j == s ? m : x;
    }
    if (j >= n || p.charAt(j) != '}') {
      return -1;
    }
    bounds[0] = m;
    bounds[1] = max;
    return j + 1;
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
  }
}
