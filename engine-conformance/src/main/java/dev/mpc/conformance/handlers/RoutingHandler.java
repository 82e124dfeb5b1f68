package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Result;
import dev.mpc.governance.CanaryRouter;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Category {@code routing} (conformance spec §3.13): maps the fixture's {@code stable_hash}
 * (default {@code stable}), {@code canary_hash} (default {@code canary}), {@code weight} (default
 * 0.1), {@code segments}, {@code actor_id} and {@code attributes} onto the real
 * {@link CanaryRouter} and returns {@code {"version": ...}}. Upstream's per-process salted hash
 * and random draw are not copied: the router's SHA-256 bucket is deterministic, which the
 * upstream fixtures (weights 1.0 and 0.0) do not distinguish. With {@code "mode":"strict"} the
 * output also carries {@code canary}, {@code why} and {@code bucket}, and {@code salt} and
 * {@code killed} are read. A bad input gives {@code {"errors": [...]}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RoutingHandler implements CategoryHandler {
  @Override
  public String category() {
    return "routing";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    boolean strict = Outputs.strict(in);
    CanaryRouter.Builder b = CanaryRouter.builder()
        .stable(in.getOrNull("stable_hash") instanceof JsonString s ? s.value() : "stable")
        .canary(in.getOrNull("canary_hash") instanceof JsonString s ? s.value() : "canary");
    JsonValue w = in.getOrNull("weight");
    b.weight(w == null ? 0.1 : w instanceof JsonInt i ? i.value().doubleValue() : w instanceof JsonFloat f ? f.value()
        : Double.NaN);
    if (in.getOrNull("segments") instanceof JsonObject segs) {
      for (Map.Entry<String, JsonValue> e : segs.members().entrySet()) {
        b.segment(e.getKey(), e.getValue() instanceof JsonArray a ? a.items() : List.of(e.getValue()));
      }
    }
    if (strict) {
      b.salt(in.getOrNull("salt") instanceof JsonString s ? s.value() : "");
      b.killed(in.getOrNull("killed") instanceof dev.mpc.json.JsonBool k && k.value());
    }
    Result<CanaryRouter> router = b.build();
    if (!(router instanceof Result.Ok<CanaryRouter> ok)) {
      return Outputs.errors(router.diagnostics());
    }
    String actor = in.getOrNull("actor_id") instanceof JsonString s ? s.value() : null;
    JsonObject attributes = in.getOrNull("attributes") instanceof JsonObject a ? a : JsonObject.EMPTY;
    CanaryRouter.Routing r = ok.get().route(actor, attributes);
    JsonObject.Builder out = JsonObject.builder().put("version", r.version());
    if (strict) {
      out.put("canary", r.canary()).put("why", r.why().name().toLowerCase(java.util.Locale.ROOT)).put("bucket", r.bucket());
    }
    return out.build();
  }
}
