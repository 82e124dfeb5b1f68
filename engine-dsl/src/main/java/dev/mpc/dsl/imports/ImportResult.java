package dev.mpc.dsl.imports;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ImportResolver#resolve}: the merged manifest (if any), the registry names
 * that were resolved, and every problem found.
 *
 * <p>In the default {@link ImportResolver.Mode#STRICT} mode the AST is present exactly when no
 * diagnostic is a failure: a manifest with a broken import is never half-merged. In
 * {@link ImportResolver.Mode#UPSTREAM_COMPAT} mode the AST is always present (imports that failed
 * are skipped, as upstream MPC does), except after a cycle, where it is the unmodified base, and
 * after an internal error, where it is absent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ast the base manifest with the imported definitions appended, if produced
 * @param resolvedImports registry names of the manifests whose definitions were merged, in merge
 *     order (transitively in strict mode; the base's direct imports in compatibility mode)
 * @param diagnostics every problem, in the order found; failures first by position in the walk
 */
public record ImportResult(Optional<ManifestAst> ast, List<String> resolvedImports, List<Diagnostic> diagnostics) {

  /**
   * Creates a result.
   *
   * @param ast the ast
   * @param resolvedImports the resolved imports
   * @param diagnostics the diagnostics
   */
  public ImportResult {
    Objects.requireNonNull(ast, "ast");
    resolvedImports = List.copyOf(resolvedImports);
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
   * This outcome as a {@link Result}: the merged AST when {@link #ok()}, else the diagnostics
   * (even in compatibility mode, where a partially merged AST exists).
   *
   * @return this outcome as a {@link Result}
   */
  public Result<ManifestAst> toResult() {
    if (ok() && ast.isPresent()) {
      return Result.ok(ast.get(), diagnostics);
    }
    return Result.failed(diagnostics);
  }
}
