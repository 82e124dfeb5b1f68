package dev.mpc.conformance.handlers;

import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Category {@code manifest_parse} (MPC for the JVM's own fixtures): parses a manifest.
 *
 * <p>Input {@code {"text": "...", "syntax": "dsl"|"yaml"|"json"}} ({@code syntax} optional: detected
 * from the content when absent). Output {@code {"ast": <canonical AST form>, "astHash": "..."}} on
 * success, else {@code {"errors": [{"code", "message", "severity", "source": {"line", "col"}}...]}}
 * ({@code source} omitted when unknown). The parse limits come from the fixture's merged limits
 * ({@link ParseLimits#fromPresetLimits}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ManifestParseHandler implements CategoryHandler {

  @Override
  public String category() {
    return "manifest_parse";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    if (!(input.getOrNull("text") instanceof JsonString text)) {
      throw new IllegalArgumentException("manifest_parse input needs a string 'text'");
    }
    ManifestParser parser = ManifestParser.withLimits(ParseLimits.fromPresetLimits(context.limits()));
    JsonValue syntaxName = input.getOrNull("syntax");
    Result<ManifestAst> result;
    if (syntaxName == null) {
      result = parser.parseText(text.value());
    } else if (syntaxName instanceof JsonString s) {
      Result<Syntax> syntax = Syntax.of(s.value());
      result = syntax.isOk() ? parser.parseText(text.value(), syntax.orElseThrow())
          : Result.failed(syntax.diagnostics());
    } else {
      throw new IllegalArgumentException("manifest_parse 'syntax' must be a string");
    }
    if (result instanceof Result.Ok<ManifestAst> ok) {
      return JsonObject.builder()
          .put("ast", ok.get().canonicalForm())
          .put("astHash", ok.get().astHash())
          .build();
    }
    List<JsonValue> errors = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      JsonObject.Builder e = JsonObject.builder()
          .put("code", d.code().code())
          .put("message", d.message())
          .put("severity", d.severity().wireName());
      d.source().ifPresent(s -> e.put("source", JsonObject.builder().put("line", s.line()).put("col", s.col()).build()));
      errors.add(e.build());
    }
    return JsonObject.builder().put("errors", JsonArray.of(errors)).build();
  }
}
