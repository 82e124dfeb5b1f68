package dev.mpc.cli;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mpc expr eval 'EXPR' [--vars vars.json]}: compiles and evaluates one expression and prints
 * {@code {"type":...,"value":...}} as canonical JSON, or {@code {"errors":[...]}} with exit code 1.
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
    return "mpc expr eval 'EXPR' [--vars vars.json]";
  }

  @Override
  public String summary() {
    return "evaluate one expression against variables from a JSON file";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    String text = null;
    String varsFile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--vars")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("--vars needs a file name");
        }
        varsFile = args.get(++i);
      } else if (a.startsWith("--")) {
        throw new UsageException("unknown option " + a);
      } else if (text == null) {
        text = a;
      } else {
        throw new UsageException("expected one expression, got another argument: " + a);
      }
    }
    if (text == null) {
      throw new UsageException("missing expression");
    }
    Bindings bindings = Bindings.empty();
    if (varsFile != null) {
      String json;
      try {
        json = Files.readString(io.resolve(varsFile), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return fail(io, List.of(Diagnostic.of(Code.E_PARSE_SYNTAX, "Cannot read " + varsFile + ": " + e.getMessage())));
      }
      Result<JsonValue> vars = Json.parse(json);
      if (!(vars instanceof Result.Ok<JsonValue> ok)) {
        return fail(io, vars.diagnostics());
      }
      if (!(ok.get() instanceof JsonObject o)) {
        return fail(io, List.of(Diagnostic.of(Code.E_PARSE_SYNTAX, varsFile + " must hold a JSON object")));
      }
      bindings = Bindings.of(o);
    }
    Result<CompiledExpression> compiled = Expressions.compile(text, TypeEnv.empty(), Limits.defaults());
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
