package dev.mpc.conformance.handlers;

import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.imports.ImportResolver;
import dev.mpc.dsl.imports.ImportResult;
import dev.mpc.dsl.imports.ManifestEntry;
import dev.mpc.dsl.imports.ManifestSource;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Category {@code imports} (conformance spec §3.9): resolves the imports of a DSL manifest against
 * DSL manifests given by registry name, with {@link ImportResolver.Mode#UPSTREAM_COMPAT}.
 *
 * <p>Input {@code {"dsl": "...", "manifests": {name: dsl}, "versions": {name: version}}}
 * (non-string manifests are skipped; a name without a version is registered as {@code 0.0.0}).
 * Output {@code {"resolved_imports": [...], "definition_count": n}}, or the first problem as
 * {@code {"error": {code, message, severity}}}. A manifest that does not parse fails the fixture,
 * as upstream's uncaught parse exception does.
 *
 * <p>MPC for the JVM's own fixtures may add {@code "mode": "strict"} to use the default
 * {@link ImportResolver.Mode#STRICT} resolver instead: a name without a version is then registered
 * with its manifest's {@code @version}, and the output is {@code {"resolved_imports",
 * "definition_count", "definitions": ["Kind:id", ...]}} or {@code {"errors": [...]}} with every
 * problem (code, message, severity).
 *
 * <p>Stateless and thread-safe.
 */
public final class ImportsHandler implements CategoryHandler {

  @Override
  public String category() {
    return "imports";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    if (!(input.getOrNull("dsl") instanceof JsonString dsl) || dsl.value().isBlank()) {
      return Outputs.error("E_PARSE_SYNTAX", "Missing 'dsl' in input", "error");
    }
    boolean strict = Outputs.strict(input);
    JsonObject versions = input.getOrNull("versions") instanceof JsonObject v ? v : JsonObject.EMPTY;
    Map<String, ManifestEntry> registry = new LinkedHashMap<>();
    if (input.getOrNull("manifests") instanceof JsonObject manifests) {
      for (Map.Entry<String, JsonValue> m : manifests.members().entrySet()) {
        if (m.getValue() instanceof JsonString text) {
          ManifestAst ast = parse(text.value(), m.getKey());
          if (versions.getOrNull(m.getKey()) instanceof JsonString s) {
            registry.put(m.getKey(), ManifestEntry.parsed(ast, s.value()));
          } else {
            registry.put(m.getKey(), strict ? ManifestEntry.parsed(ast)
                : ManifestEntry.parsed(ast, ManifestAst.DEFAULT_MANIFEST_VERSION));
          }
        }
      }
    }
    ImportResolver resolver = ImportResolver.builder()
        .source(ManifestSource.inMemory(registry))
        .mode(strict ? ImportResolver.Mode.STRICT : ImportResolver.Mode.UPSTREAM_COMPAT)
        .build();
    ImportResult result = resolver.resolve(parse(dsl.value(), "dsl"));
    if (strict) {
      if (!result.ok()) {
        return Outputs.errors(result.diagnostics());
      }
      ManifestAst ast = result.ast().orElseThrow();
      return JsonObject.builder()
          .put("resolved_imports", JsonArray.of(result.resolvedImports().stream().map(JsonString::of).toList()))
          .put("definition_count", ast.defs().size())
          .put("definitions", JsonArray.of(ast.defs().stream().map(d -> JsonString.of(d.kind() + ":" + d.id())).toList()))
          .build();
    }
    if (!result.diagnostics().isEmpty()) {
      return Outputs.error(result.diagnostics().get(0));
    }
    ManifestAst ast = result.ast().orElseThrow(() -> new IllegalStateException("no AST and no diagnostics"));
    return JsonObject.builder()
        .put("resolved_imports", JsonArray.of(result.resolvedImports().stream().map(JsonString::of).toList()))
        .put("definition_count", ast.defs().size())
        .build();
  }

  private static ManifestAst parse(String text, String what) {
    Result<ManifestAst> r = Manifests.parseText(text);
    if (r instanceof Result.Ok<ManifestAst> ok) {
      return ok.get();
    }
    throw new IllegalArgumentException("'" + what + "' does not parse: "
        + r.diagnostics().stream().map(Diagnostic::toString).toList());
  }
}
