package dev.mpc.engine.internal;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.meta.FunctionDef;
import java.util.ArrayList;
import java.util.List;

/** The expression engine an artifact's rules and guards compile with (shared by the decision and workflow engines). */
public final class ArtifactExpressions {
  private ArtifactExpressions() {}

  /**
   * The artifact's expression engine: the built-ins and the host's functions, with the
   * artifact's declarations where an implementation exists. A declared function without one is
   * left undeclared, so an expression calling it fails to compile ({@code E_EXPR_UNKNOWN_FUNCTION})
   * and its rule fails closed. When the declarations cannot be built together, their problems
   * are added to {@code fatal} and the engine has the built-ins and features only.
   */
  public static ExprEngine engine(Artifact a, FunctionRegistry functions, dev.mpc.expr.Features features,
      java.time.Clock clock, List<Diagnostic> fatal) {
    List<FunctionDecl> decls = new ArrayList<>();
    for (FunctionDef f : a.meta().allowedFunctions()) {
      FunctionDecl d = new FunctionDecl(f.name(), f.args().stream()
          .map(t -> ExprType.parse(t).orElse(ExprType.ANY)).toList(),
          ExprType.parse(f.returns()).orElse(ExprType.ANY), f.cost());
      FunctionRegistry.Entry impl = functions.get(f.name()).orElse(null);
      boolean builtin = ExprEngine.builtinNames().contains(f.name());
      if (impl == null && !builtin) {
        continue;
      }
      if (impl != null && (!impl.signature().params().equals(d.params()) || !impl.signature().returns().equals(d.returns()))) {
        continue; // the implementation's own signature applies
      }
      decls.add(d);
    }
    Result<ExprEngine> built = ExprEngine.builder().declarations(decls).functions(functions).features(features)
        .clock(clock).build();
    if (built instanceof Result.Ok<ExprEngine> ok) {
      return ok.get();
    }
    fatal.addAll(built.diagnostics());
    return ExprEngine.builder().features(features).clock(clock).build().orElseThrow();
  }
}
