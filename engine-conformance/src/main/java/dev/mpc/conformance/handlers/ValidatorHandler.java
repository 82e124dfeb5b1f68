package dev.mpc.conformance.handlers;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Category {@code validator} (conformance.md §3.14): builds top-level nodes from {@code defs}
 * ({@code kind} default {@code Unknown}, {@code id} required, every other member a property) in
 * namespace {@code namespace} (default {@code test}); runs the structural checks when
 * {@code meta_kinds} is a non-empty list (a DomainMeta knowing exactly those kinds), then the
 * semantic checks. Output {@code {"errors":[{code,message,severity}...]}} or {@code {"valid":true}}.
 *
 * <p>Extensions used by MPC's own fixtures: {@code manifest} (manifest text in any syntax, parsed
 * with {@code Manifests.parse}) instead of {@code defs}, and {@code meta} (a full DomainMeta object,
 * loaded with {@code DomainMetaLoader}) instead of {@code meta_kinds}. Structural checks apply the
 * fixture's preset (its feature flags and expression limits).
 *
 * <p>A definition without an id cannot exist in MPC for the JVM's AST (upstream accepts the empty
 * id); such input fails the fixture with a handler error rather than inventing an output.
 *
 * <p>Immutable and thread-safe.
 */
public final class ValidatorHandler implements CategoryHandler {
  @Override
  public String category() {
    return "validator";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    String namespace = in.getOrNull("namespace") instanceof JsonString s ? s.value() : "test";
    List<AstNode> defs = new ArrayList<>();
    if (in.getOrNull("defs") instanceof JsonArray a) {
      for (JsonValue v : a.items()) {
        JsonObject o = (JsonObject) v;
        String kind = o.getOrNull("kind") instanceof JsonString k ? k.value() : "Unknown";
        String id = o.getOrNull("id") instanceof JsonString i ? i.value() : "";
        Map<String, JsonValue> props = new LinkedHashMap<>(o.members());
        props.remove("kind");
        props.remove("id");
        defs.add(AstNode.of(kind, id, null, JsonObject.of(props), List.of()));
      }
    }
    ManifestAst ast = in.getOrNull("manifest") instanceof JsonString text
        ? Manifests.parseText(text.value()).orElseThrow()
        : new ManifestAst(1, namespace, "", "0.0.0", defs);
    Validator validator = Validator.semanticOnly();
    Preset preset = Preset.fromJson(context.preset()).orElseThrow();
    if (in.getOrNull("meta") instanceof JsonObject meta) {
      validator = Validator.builder().meta(DomainMetaLoader.fromText(meta.toString()).orElseThrow()).preset(preset)
          .build();
    } else if (in.getOrNull("meta_kinds") instanceof JsonArray kinds && !kinds.isEmpty()) {
      DomainMeta.Builder meta = DomainMeta.builder();
      for (JsonValue k : kinds.items()) {
        meta.kind(new KindDef(((JsonString) k).value(), List.of(), List.of(), List.of(), Optional.empty()));
      }
      validator = Validator.builder().meta(meta.build()).preset(preset).build();
    }
    List<Diagnostic> errors = validator.validate(ast);
    if (errors.isEmpty()) {
      return JsonObject.builder().put("valid", true).build();
    }
    return Outputs.errors(errors);
  }
}
