package dev.mpc.dsl.internal;

/** Builds the syntax-specific message prefix for a position, e.g. {@code Invalid JSON at line 1, col 2: }. */
@FunctionalInterface
interface Prefixer {
  /** The prefix for a problem at {@code line}/{@code col}. */
  String prefix(int line, int col);

  /** {@code DSL parse error at line L, col C: } (the upstream prefix). */
  Prefixer DSL = (l, c) -> "DSL parse error at line " + l + ", col " + c + ": ";
  /** {@code Invalid JSON at line L, col C: } (the upstream prefix). */
  Prefixer JSON = (l, c) -> "Invalid JSON at line " + l + ", col " + c + ": ";
  /** {@code Invalid YAML at line L, col C: }. */
  Prefixer YAML = (l, c) -> "Invalid YAML at line " + l + ", col " + c + ": ";
}
