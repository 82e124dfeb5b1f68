package dev.mpc.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * Where something came from: an optional file name, a 1-based line and column, and optionally
 * where the region ends. Source maps are never part of a canonical form or a hash.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the source name, if known
 * @param line 1-based line
 * @param col 1-based column
 * @param span where the region ends, if known
 */
public record SourceMap(Optional<String> file, int line, int col, Optional<SourceSpan> span) {
  /** Creates a source map. */
  public SourceMap {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(span, "span");
    if (line < 1 || col < 1) {
      throw new IllegalArgumentException("line and col are 1-based, got " + line + ":" + col);
    }
  }

  /** A position without file name or span. */
  public static SourceMap at(int line, int col) {
    return new SourceMap(Optional.empty(), line, col, Optional.empty());
  }

  /** A region without file name. */
  public static SourceMap region(int line, int col, int line2, int col2) {
    return new SourceMap(Optional.empty(), line, col, Optional.of(new SourceSpan(line2, col2)));
  }

  /** This source map with {@code file} as its file name ({@code null} removes it). */
  public SourceMap withFile(String file) {
    return new SourceMap(Optional.ofNullable(file), line, col, span);
  }

  /** {@code file:line:col}, or {@code line:col} without a file name. */
  @Override
  public String toString() {
    return file.map(f -> f + ":").orElse("") + line + ":" + col;
  }
}
