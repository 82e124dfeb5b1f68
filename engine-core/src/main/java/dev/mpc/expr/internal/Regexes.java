package dev.mpc.expr.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linear-time regex search (RE2/J) with a bounded cache of compiled patterns. Thread-safe.
 * Internal.
 *
 * <p>RE2/J runs in time linear in the input, but the constant is the size of the compiled
 * program, and a search cannot be interrupted. So the work of a call is bounded before it runs:
 * a pattern whose estimated program ({@link RegexSize}) exceeds {@link #MAX_PROGRAM_SIZE}
 * instructions is refused as invalid before RE2/J compiles it, and each call is charged regex
 * operations in proportion to input length times program size and refused when the time it
 * would take at a conservative speed does not fit in what is left of the time budget
 * ({@link Frame#regexWork}).
 */
public final class Regexes {
  private static final int CACHE_SIZE = 512;
  /** The largest estimated program (in RE2/J instructions) a pattern may compile to. */
  public static final int MAX_PROGRAM_SIZE = 10_000;
  private final ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();

  /** A pattern RE2/J compiled, with its estimated program size. */
  private record Entry(Pattern pattern, int programSize) {}

  /**
   * Compiles {@code pattern} (no budget involved), for constant patterns at compile time: RE2/J
   * first (it decides validity and error messages), then the {@link SimpleRegex} DFA when the
   * pattern is in its subset.
   */
  public Result<Compiled> compile(String pattern, int maxLength) {
    Object o = lookup(pattern, maxLength);
    if (o instanceof Entry e) {
      return Result.ok(new Compiled(e.pattern(), SimpleRegex.compile(pattern), e.programSize()));
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
    private final int programSize;

    Compiled(Pattern pattern, SimpleRegex dfa, int programSize) {
      this.pattern = pattern;
      this.dfa = dfa;
      this.programSize = programSize;
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

    /** The estimated program size the call charges by. */
    int programSize() {
      return programSize;
    }
  }

  private Object lookup(String pattern, int maxLength) {
    if (pattern.length() > maxLength) {
      return new EvalError(Code.E_EXPR_INVALID_REGEX,
          "Invalid regex pattern: longer than " + maxLength + " chars");
    }
    Object o = cache.get(pattern);
    if (o == null) {
      long size = RegexSize.estimate(pattern);
      if (size > MAX_PROGRAM_SIZE) {
        o = new EvalError(Code.E_EXPR_INVALID_REGEX, "Invalid regex pattern '" + pattern
            + "': too large (counted repetitions expand it to about " + size + " instructions, limit "
            + MAX_PROGRAM_SIZE + ")");
      } else {
        try {
          o = new Entry(Pattern.compile(pattern), (int) size);
        } catch (PatternSyntaxException e) {
          o = new EvalError(Code.E_EXPR_INVALID_REGEX,
              "Invalid regex pattern '" + pattern + "': " + e.getDescription());
        }
      }
      if (cache.size() >= CACHE_SIZE) {
        cache.clear();
      }
      cache.put(pattern, o);
    }
    return o;
  }

  /**
   * Counts one regex operation, compiles {@code pattern} (cached), charges the work of the search,
   * then searches {@code pattern} anywhere in {@code text}.
   */
  boolean find(Frame f, String text, String pattern) {
    f.regexCall();
    Object o = lookup(pattern, f.limits().maxRegexPatternLength());
    if (o instanceof EvalError e) {
      throw new EvalError(e.diagnostic().code(), e.diagnostic().message());
    }
    Entry entry = (Entry) o;
    f.regexWork(text.length(), entry.programSize(), false);
    return entry.pattern().matcher(text).find();
  }

  /** Counts one regex operation and the work of the search, then searches a precompiled pattern. */
  static boolean find(Frame f, String text, Compiled pattern) {
    f.regexCall();
    f.regexWork(text.length(), pattern.programSize, pattern.dfa != null);
    return pattern.find(text);
  }
}
