package dev.mpc.conformance.handlers;

import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.DefinitionInfo;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.List;

/**
 * Category {@code compile} (MPC's own): parses {@code manifest} (text, any syntax), loads
 * {@code meta} (a DomainMeta object), compiles under the fixture's preset with engine version
 * {@code engineVersion} (default {@link MpcVersion#compatibility()}, upstream's {@code 0.1.0}, so
 * that hashes are comparable) and
 * outputs the artifact's hashes, its definition references in artifact order, its dependency graph
 * and the warnings; or {@code {"errors":[...]}}. Pins artifact identities of known manifests.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompileHandler implements CategoryHandler {
  @Override
  public String category() {
    return "compile";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    if (!(in.getOrNull("manifest") instanceof JsonString manifest)) {
      return Outputs.error("E_PARSE_SYNTAX", "input.json: 'manifest' must be the manifest text (a string)", "error");
    }
    JsonValue metaValue = in.getOrNull("meta");
    if (!(metaValue instanceof JsonObject) && !(metaValue instanceof JsonString)) {
      return Outputs.error("E_PARSE_SYNTAX", "input.json: 'meta' must be the DomainMeta (an object, or its text)", "error");
    }
    Result<Preset> preset = Preset.fromJson(context.preset());
    if (!preset.isOk()) {
      return errors(preset.diagnostics());
    }
    String text = manifest.value();
    String engineVersion = in.getOrNull("engineVersion") instanceof JsonString v ? v.value() : MpcVersion.compatibility();
    var parsed = Manifests.parseText(text);
    if (!parsed.isOk()) {
      return errors(parsed.diagnostics());
    }
    var meta = DomainMetaLoader.fromText(metaValue instanceof JsonString t ? t.value() : Json.write(metaValue));
    if (!meta.isOk()) {
      return errors(meta.diagnostics());
    }
    RegistryCompiler compiler = RegistryCompiler.builder().meta(meta.orElseThrow())
        .preset(preset.orElseThrow()).engineVersion(engineVersion).warmUp(false).build();
    Result<Artifact> r = compiler.compile(parsed.orElseThrow());
    if (!(r instanceof Result.Ok<Artifact> ok)) {
      return errors(r.diagnostics());
    }
    Artifact a = ok.get();
    List<JsonValue> defs = new ArrayList<>();
    JsonObject.Builder graph = JsonObject.builder();
    for (DefinitionInfo i : a.definitionInfos()) {
      defs.add(JsonString.of(i.ref()));
      graph.put(i.ref(), JsonArray.of(i.dependsOn().stream().map(JsonString::of).toList()));
    }
    return JsonObject.builder()
        .put("artifactHash", a.hash()).put("astHash", a.provenance().astHash()).put("metaHash", a.provenance().metaHash())
        .put("definitions", JsonArray.of(defs)).put("dependencyGraph", graph.build())
        .put("warnings", Outputs.diagnostics(r.diagnostics())).build();
  }

  private static JsonObject errors(List<Diagnostic> ds) {
    return Outputs.errors(ds);
  }
}
