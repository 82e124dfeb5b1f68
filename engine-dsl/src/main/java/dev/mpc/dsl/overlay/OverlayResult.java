package dev.mpc.dsl.overlay;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link OverlayEngine#apply}: the overlaid manifest (if any), a log of the
 * operations applied, and every problem found.
 *
 * <p>In the default {@link OverlayEngine.Mode#STRICT} mode the AST is present exactly when no
 * diagnostic is a failure (all or nothing). In {@link OverlayEngine.Mode#UPSTREAM_COMPAT} mode it is
 * always present, with every overlay that could be applied applied, as upstream MPC does (a
 * conflicting replace is applied too: last write wins), except after an internal error.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ast the new manifest, if produced; the input is never modified
 * @param applied one entry per applied operation and target, in order: {@code op:id} or
 *     {@code op:id:path} ({@code remove-path:id:path} for a path removal), as upstream logs them
 * @param diagnostics every problem, in overlay order
 */
public record OverlayResult(Optional<ManifestAst> ast, List<String> applied, List<Diagnostic> diagnostics) {

  /**
   * Creates a result.
   *
   * @param ast the ast
   * @param applied the applied
   * @param diagnostics the diagnostics
   */
  public OverlayResult {
    Objects.requireNonNull(ast, "ast");
    applied = List.copyOf(applied);
    diagnostics = List.copyOf(diagnostics);
  }

  /**
   * Whether no diagnostic is a failure.
   *
   * @return whether no diagnostic is a failure
   */
  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isFailure);
  }

  /**
   * The AST when {@link #ok()}, else the diagnostics (even if a compatibility-mode AST exists).
   *
   * @return the AST when {@link #ok()}, else the diagnostics (even if a compatibility-mode AST exists)
   */
  public Result<ManifestAst> toResult() {
    if (ok() && ast.isPresent()) {
      return Result.ok(ast.get(), diagnostics);
    }
    return Result.failed(diagnostics);
  }
}
