package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.Features;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code expr} category (conformance spec §3.6): declared functions from the preset's
 * {@code defaultFunctions} (filtered by {@code input.functions}), feature flags from its
 * {@code featureFlags}, limits from the merged limits, {@code now()} at {@code meta.clock};
 * compile (type check) then evaluate {@code input.expr} with {@code input.typeEnv} as the
 * variable bindings. Output {@code {"value","type"}} ({@code type} in upstream's view,
 * {@link CompiledExpression#upstreamType()}: {@code 1 + 2} is {@code number}) or {@code {"error":{code,message,severity}}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExprHandler implements CategoryHandler {

  @Override
  public String category() {
    return "expr";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    JsonValue expr = input.getOrNull("expr");
    if (expr == null || expr.isNull()) {
      return error(Diagnostic.of(Code.E_PARSE_SYNTAX, "Missing 'expr' in input"));
    }
    Result<List<FunctionDecl>> decls = FunctionDecl.listFromJson(context.preset().getOrNull("defaultFunctions"));
    if (!(decls instanceof Result.Ok<List<FunctionDecl>> declOk)) {
      return error(decls.diagnostics().get(0));
    }
    List<FunctionDecl> declared = filter(declOk.get(), input.getOrNull("functions"));
    JsonValue flags = context.preset().getOrNull("featureFlags");
    Result<Features> features = flags instanceof JsonObject f ? Features.fromPreset(f) : Result.ok(Features.defaults());
    if (!(features instanceof Result.Ok<Features> featuresOk)) {
      return error(features.diagnostics().get(0));
    }
    Result<ExprEngine> engine = ExprEngine.builder()
        .declarations(declared)
        .features(featuresOk.get())
        .clock(clockOf(context))
        .build();
    if (!(engine instanceof Result.Ok<ExprEngine> engineOk)) {
      return error(engine.diagnostics().get(0));
    }
    Result<Limits> limits = Limits.fromPreset(context.limits());
    if (!(limits instanceof Result.Ok<Limits> limitsOk)) {
      return error(limits.diagnostics().get(0));
    }
    Result<CompiledExpression> compiled =
        Expressions.compileJson(engineOk.get(), expr, TypeEnv.empty(), limitsOk.get());
    if (!(compiled instanceof Result.Ok<CompiledExpression> compiledOk)) {
      return error(compiled.diagnostics().get(0));
    }
    JsonValue env = input.getOrNull("typeEnv");
    Bindings bindings = env instanceof JsonObject o ? Bindings.of(o) : Bindings.empty();
    Result<JsonValue> value = compiledOk.get().evaluate(bindings);
    if (!(value instanceof Result.Ok<JsonValue> valueOk)) {
      return error(value.diagnostics().get(0));
    }
    return JsonObject.builder()
        .put("value", valueOk.get())
        .put("type", compiledOk.get().upstreamType().toString())
        .build();
  }

  private static List<FunctionDecl> filter(List<FunctionDecl> all, JsonValue names) {
    if (!(names instanceof JsonArray arr) || arr.isEmpty()) {
      return all;
    }
    Set<String> keep = new HashSet<>();
    for (JsonValue n : arr.items()) {
      if (n instanceof JsonString s) {
        keep.add(s.value());
      }
    }
    List<FunctionDecl> out = new ArrayList<>();
    for (FunctionDecl d : all) {
      if (keep.contains(d.name())) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@code now()} renders {@code meta.clock} with its own offset when it is an ISO date-time. */
  private static Clock clockOf(FixtureContext context) {
    if (context.clockText().isPresent()) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(context.clockText().get());
        return Clock.fixed(t.toInstant(), t.getOffset());
      } catch (DateTimeParseException e) {
        return context.clock();
      }
    }
    return context.clock();
  }

  private static JsonValue error(Diagnostic d) {
    return JsonObject.builder()
        .put("error", JsonObject.builder()
            .put("code", d.code().code())
            .put("message", d.message())
            .put("severity", "error")
            .build())
        .build();
  }
}
