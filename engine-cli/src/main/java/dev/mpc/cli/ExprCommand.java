package dev.mpc.cli;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc expr eval [--vars vars.json] [--preset P] [--] 'EXPR'}: compiles and evaluates one
 * expression under the preset's expression limits and feature flags (default
 * {@code preset-generic-full}) and prints {@code {"type":...,"value":...}} as canonical JSON, or
 * {@code {"errors":[...]}} with exit code 1. After {@code --} the expression may start with
 * {@code -} ({@code --1}).
 *
 * <p>Stateless and thread-safe.
 */
final class ExprCommand implements Command {

  @Override
  public String name() {
    return "expr eval";
  }

  @Override
  public String usage() {
    return "mpc expr eval [--vars vars.json] [--preset P] [--] 'EXPR'";
  }

  @Override
  public String summary() {
    return "evaluate one expression against variables from a JSON file";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--vars", "--preset"), 1, 1);
    String text = o.positional().get(0);
    String varsFile = o.value("--vars");
    int[] exit = {0};
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    Bindings bindings = Bindings.empty();
    if (varsFile != null) {
      Result<JsonValue> vars = InputFiles.text(varsFile, io).flatMap(Json::parse);
      if (!(vars instanceof Result.Ok<JsonValue> ok)) {
        return fail(io, vars.diagnostics());
      }
      if (!(ok.get() instanceof JsonObject obj)) {
        return fail(io, List.of(Diagnostic.of(Code.E_PARSE_SYNTAX, varsFile + " must hold a JSON object")));
      }
      bindings = Bindings.of(obj);
    }
    Limits limits = preset.exprLimits();
    ExprEngine engine = ExprEngine.builder().features(preset.exprFeatures()).build().orElseThrow();
    Result<CompiledExpression> compiled = Expressions.compile(engine, text, TypeEnv.empty(), limits, null);
    if (!(compiled instanceof Result.Ok<CompiledExpression> c)) {
      return fail(io, compiled.diagnostics());
    }
    Result<JsonValue> value = c.get().evaluate(bindings);
    if (!(value instanceof Result.Ok<JsonValue> v)) {
      return fail(io, value.diagnostics());
    }
    io.out().println(Canonical.json(JsonObject.builder()
        .put("type", c.get().type().toString())
        .put("value", v.get())
        .build()));
    return 0;
  }

  private static int fail(CliIo io, List<Diagnostic> diagnostics) {
    List<JsonValue> errors = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      JsonObject.Builder b = JsonObject.builder()
          .put("code", d.code().code())
          .put("message", d.message())
          .put("severity", d.severity().wireName());
      d.source().ifPresent(s -> b.put("line", s.line()).put("col", s.col()));
      errors.add(b.build());
    }
    io.out().println(Canonical.json(JsonObject.builder().put("errors", JsonArray.of(errors)).build()));
    return 1;
  }
}
