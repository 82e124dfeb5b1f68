package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.MetaChange;
import dev.mpc.meta.MetaDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Category {@code meta_diff} (MPC's own): compares DomainMetas {@code old} and {@code new} and
 * outputs every change ({@code breaking}, {@code message}), the required bump, whether the new
 * schema version covers it, and the {@code E_META_BREAKING_CHANGE} diagnostics.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetaDiffHandler implements CategoryHandler {
  @Override
  public String category() {
    return "meta_diff";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    if (!(in.getOrNull("old") instanceof JsonObject oldJson) || !(in.getOrNull("new") instanceof JsonObject newJson)) {
      return Outputs.error("E_PARSE_SYNTAX", "input.json: 'old' and 'new' must be DomainMeta objects", "error");
    }
    Result<DomainMeta> oldMeta = DomainMetaLoader.fromText(Json.write(oldJson));
    Result<DomainMeta> newMeta = DomainMetaLoader.fromText(Json.write(newJson));
    if (!oldMeta.isOk() || !newMeta.isOk()) {
      List<Diagnostic> problems = new ArrayList<>(oldMeta.diagnostics());
      problems.addAll(newMeta.diagnostics());
      return Outputs.errors(problems);
    }
    MetaDiff d = MetaDiff.between(oldMeta.orElseThrow(), newMeta.orElseThrow());
    return JsonObject.builder()
        .put("changes", JsonArray.of(d.changes().stream().map(MetaDiffHandler::change).toList()))
        .put("requiredBump", d.requiredBump().name().toLowerCase(Locale.ROOT))
        .put("versionBumpSufficient", d.versionBumpSufficient())
        .put("errors", Outputs.diagnostics(d.diagnostics()))
        .build();
  }

  private static JsonValue change(MetaChange c) {
    return JsonObject.builder().put("breaking", c.breaking()).put("message", c.message()).build();
  }
}
