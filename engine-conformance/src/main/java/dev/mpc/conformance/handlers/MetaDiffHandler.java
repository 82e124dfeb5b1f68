package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.MetaChange;
import dev.mpc.meta.MetaDiff;
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
    DomainMeta oldMeta = DomainMetaLoader.fromText(in.getOrNull("old").toString()).orElseThrow();
    DomainMeta newMeta = DomainMetaLoader.fromText(in.getOrNull("new").toString()).orElseThrow();
    MetaDiff d = MetaDiff.between(oldMeta, newMeta);
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
