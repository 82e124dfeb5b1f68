package dev.mpc.expr.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linear-time regex search (RE2/J) with a bounded cache of compiled patterns. Thread-safe.
 * Internal.
 */
public final class Regexes {
  private static final int CACHE_SIZE = 512;
  private final ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();

  /** Compiles {@code pattern} (no budget involved), for constant patterns at compile time. */
  public Result<Pattern> compile(String pattern, int maxLength) {
    Object o = lookup(pattern, maxLength);
    if (o instanceof Pattern p) {
      return Result.ok(p);
    }
    return Result.failed(((EvalError) o).diagnostic());
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
  static boolean find(Frame f, String text, Pattern pattern) {
    f.regexOp(text.length());
    return pattern.matcher(text).find();
  }

  /** The diagnostic for an invalid pattern (used by the compiler). */
  static Diagnostic invalid(Result<Pattern> r) {
    return r.diagnostics().get(0);
  }
}
