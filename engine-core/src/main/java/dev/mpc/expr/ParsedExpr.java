package dev.mpc.expr;

import dev.mpc.diag.SourceMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An expression tree together with where its nodes came from, so that compile errors point at the
 * right column of the source (or of the manifest the expression was embedded in).
 *
 * <p>Immutable and thread-safe.
 *
 * @param ir the tree
 * @param positions source position per node, by node identity (may be empty)
 */
public record ParsedExpr(Expr ir, Map<Expr, SourceMap> positions) {
  /** Creates a parsed expression; the position map is copied. */
  public ParsedExpr {
    Objects.requireNonNull(ir, "ir");
    IdentityHashMap<Expr, SourceMap> copy = new IdentityHashMap<>(positions);
    positions = Collections.unmodifiableMap(copy);
  }

  /** A tree without positions (e.g. decoded from JSON IR). */
  public static ParsedExpr of(Expr ir) {
    return new ParsedExpr(ir, Map.of());
  }

  /** The position of {@code node}, if known. */
  public Optional<SourceMap> positionOf(Expr node) {
    return Optional.ofNullable(positions.get(node));
  }
}
