package dev.mpc.expr.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linear-time regex search (RE2/J) with a bounded cache of compiled patterns. Thread-safe.
 * Internal.
 */
public final class Regexes {
  private static final int CACHE_SIZE = 512;
  private final ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();

  /**
   * Compiles {@code pattern} (no budget involved), for constant patterns at compile time: RE2/J
   * first (it decides validity and error messages), then the {@link SimpleRegex} DFA when the
   * pattern is in its subset.
   */
  public Result<Compiled> compile(String pattern, int maxLength) {
    Object o = lookup(pattern, maxLength);
    if (o instanceof Pattern p) {
      return Result.ok(new Compiled(p, SimpleRegex.compile(pattern)));
    }
    return Result.failed(((EvalError) o).diagnostic());
  }

  /**
   * A constant pattern: RE2/J, and the equivalent DFA when the pattern is simple enough. Immutable
   * and thread-safe. Internal.
   */
  public static final class Compiled {
    private final Pattern pattern;
    private final SimpleRegex dfa;

    Compiled(Pattern pattern, SimpleRegex dfa) {
      this.pattern = pattern;
      this.dfa = dfa;
    }

    /** Whether the pattern occurs anywhere in {@code text} (RE2/J's {@code find()}). */
    boolean find(String text) {
      SimpleRegex d = dfa;
      return d != null ? d.find(text) : pattern.matcher(text).find();
    }

    /** Whether the DFA fast path answers (for tests). */
    boolean fast() {
      return dfa != null;
    }
  }

  private Object lookup(String pattern, int maxLength) {
    if (pattern.length() > maxLength) {
      return new EvalError(Code.E_EXPR_INVALID_REGEX,
          "Invalid regex pattern: longer than " + maxLength + " chars");
    }
    Object o = cache.get(pattern);
    if (o == null) {
      try {
        o = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        o = new EvalError(Code.E_EXPR_INVALID_REGEX,
            "Invalid regex pattern '" + pattern + "': " + e.getDescription());
      }
      if (cache.size() >= CACHE_SIZE) {
        cache.clear();
      }
      cache.put(pattern, o);
    }
    return o;
  }

  /** Counts one regex operation, then searches {@code pattern} anywhere in {@code text}. */
  boolean find(Frame f, String text, String pattern) {
    f.regexOp(text.length());
    Object o = lookup(pattern, f.limits().maxRegexPatternLength());
    if (o instanceof EvalError e) {
      throw new EvalError(e.diagnostic().code(), e.diagnostic().message());
    }
    return ((Pattern) o).matcher(text).find();
  }

  /** Counts one regex operation, then searches a precompiled pattern. */
  static boolean find(Frame f, String text, Compiled pattern) {
    f.regexOp(text.length());
    return pattern.find(text);
  }
}
