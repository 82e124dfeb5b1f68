package dev.mpc.dsl.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the diagnostics of one parse, up to a maximum. Not thread-safe: one instance per parse.
 */
public final class Problems {
  private final List<Diagnostic> list = new ArrayList<>();
  private final int max;
  private final Optional<String> file;

  /** Collects at most {@code max} diagnostics, filling {@code file} into their source maps. */
  public Problems(int max, Optional<String> file) {
    this.max = max;
    this.file = file;
  }

  /**
   * Records a problem at {@code line}/{@code col} with the message {@code prefix + text}.
   *
   * @throws TooManyProblems when the maximum is reached (after recording)
   */
  public void add(Code code, String prefix, String text, int line, int col) {
    list.add(Diagnostic.of(code, prefix + text, at(line, col)));
    if (list.size() >= max) {
      throw new TooManyProblems();
    }
  }

  /** Records a diagnostic as is. */
  public void add(Diagnostic d) {
    list.add(d);
    if (list.size() >= max) {
      throw new TooManyProblems();
    }
  }

  /** A source map at {@code line}/{@code col} with the file name. */
  public SourceMap at(int line, int col) {
    return new SourceMap(file, Math.max(1, line), Math.max(1, col), Optional.empty());
  }

  /** A region with the file name. */
  public SourceMap region(int line, int col, int line2, int col2) {
    return new SourceMap(file, Math.max(1, line), Math.max(1, col),
        Optional.of(new dev.mpc.diag.SourceSpan(Math.max(1, line2), Math.max(1, col2))));
  }

  /** An empty collector with the same maximum and file name. */
  public Problems fork() {
    return new Problems(max, file);
  }

  /**
   * Records everything {@code other} recorded, in order.
   *
   * @throws TooManyProblems when the maximum is reached (after recording)
   */
  public void addAll(Problems other) {
    for (Diagnostic d : other.list) {
      add(d);
    }
  }

  /** How many diagnostics were recorded. */
  public int size() {
    return list.size();
  }

  /** The diagnostic recorded at {@code index}. */
  public Diagnostic get(int index) {
    return list.get(index);
  }

  /** Whether anything was recorded. */
  public boolean any() {
    return !list.isEmpty();
  }

  /** The diagnostics recorded so far. */
  public List<Diagnostic> list() {
    return List.copyOf(list);
  }

  /**
   * Whether {@code text} is within {@code limits.maxDocumentChars()}; else records
   * {@code E_QUOTA_EXCEEDED} and returns false.
   */
  public static boolean sizeOk(String text, dev.mpc.dsl.ParseLimits limits, Problems problems) {
    if (text.length() <= limits.maxDocumentChars()) {
      return true;
    }
    problems.add(Code.E_QUOTA_EXCEEDED, "", "Document of " + text.length() + " chars exceeds the limit of "
        + limits.maxDocumentChars() + " chars (ParseLimits.maxDocumentChars)", 1, 1);
    return false;
  }

  /** Thrown when the maximum number of diagnostics is reached, to stop parsing. */
  public static final class TooManyProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyProblems() {
      super("too many problems", null, false, false);
    }
  }

  /** Thrown to stop parsing at a violated limit (already recorded). */
  public static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal. */
    public LimitExceeded() {
      super("limit exceeded", null, false, false);
    }
  }
}
