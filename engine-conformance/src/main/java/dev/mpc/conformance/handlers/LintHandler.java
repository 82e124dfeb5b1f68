package dev.mpc.conformance.handlers;

import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.lint.Linter;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Category {@code lint} (MPC's own; upstream has no linter): {@code manifest} (manifest text in any
 * syntax) is linted against {@code meta} (a DomainMeta object), or, without it, a DomainMeta that
 * declares exactly the kinds the manifest uses. Output
 * {@code {"findings":[{code,message,severity,line,col,hint}...]}} in the linter's order (source
 * order), or {@code {"findings":[]}}; a manifest that does not parse gives {@code {"errors":[...]}}.
 * Each lint code has a fixture that produces it and a near miss that does not.
 *
 * <p>Immutable and thread-safe.
 */
public final class LintHandler implements CategoryHandler {
  @Override
  public String category() {
    return "lint";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    if (!(in.getOrNull("manifest") instanceof JsonString text)) {
      throw new IllegalArgumentException("a lint fixture needs 'manifest' (text)");
    }
    Result<ManifestAst> parsed = ManifestParser.standard().parseText(text.value());
    if (!(parsed instanceof Result.Ok<ManifestAst> ok)) {
      return Outputs.errors(parsed.diagnostics());
    }
    DomainMeta meta;
    if (in.getOrNull("meta") instanceof JsonObject m) {
      meta = DomainMetaLoader.fromText(m.toString()).orElseThrow();
    } else {
      DomainMeta.Builder b = DomainMeta.builder();
      ok.get().defs().stream().map(d -> d.kind()).distinct().forEach(b::kind);
      meta = b.build();
    }
    List<JsonValue> findings = new ArrayList<>();
    for (Diagnostic d : Linter.lint(ok.get(), meta)) {
      JsonObject.Builder f = JsonObject.builder().put("code", d.code().code()).put("message", d.message())
          .put("severity", d.severity().wireName());
      d.source().ifPresent(s -> f.put("line", s.line()).put("col", s.col()));
      if (d.details().getOrNull("hint") instanceof JsonString h) {
        f.put("hint", h.value());
      }
      findings.add(f.build());
    }
    return JsonObject.builder().put("findings", JsonArray.of(findings)).build();
  }
}
