package dev.mpc.conformance.handlers;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.Decision;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Category {@code policy} (conformance spec §3.11): the fixture's policies become Policy
 * definitions of an artifact evaluated by {@link MpcEngine} at trace level DECISION; the matching
 * policies are read from the trace's {@code policy.match} events (evaluation order).
 *
 * <p>Upstream compatibility lives here, not in the engine: the event is any JSON map; a policy's
 * id defaults to {@code p} (repeated ids are kept apart internally); an effect other than exactly
 * {@code deny} allows (the engine rejects it); a non-object {@code match} matches everything and
 * a {@code match} with {@code expr} uses only the expression (the engine rejects both); intents are
 * upstream's {@code {kind (default audit), target (default "")}} of every matching policy, in
 * order, not deduplicated (the engine carries full, validated intent templates); no matching
 * policy allows with no reasons (the engine: not applicable); with strategy {@code deny-wins} only
 * the reasons agreeing with the outcome are listed, otherwise all. Python's {@code true == 1} is
 * not reproduced (the engine's equality is JSON-typed; no upstream fixture depends on it).
 *
 * <p>With {@code "mode": "strict"} see {@link EngineFixtures#strict}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyHandler implements CategoryHandler {
  private static final MpcEngine ENGINE = MpcEngine.builder().strategy("deny-wins").build().orElseThrow();

  @Override
  public String category() {
    return "policy";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    if (Outputs.strict(input)) {
      return EngineFixtures.strict(context, input);
    }
    if (!(input.getOrNull("event") instanceof JsonObject event)) {
      return EngineFixtures.missingEvent();
    }
    Upstream u = Upstream.of(input.getOrNull("policies"), context);
    Decision d = ENGINE.evaluate(u.artifact, event, EvaluationOptions.of(TraceLevel.DECISION));
    String strategy = input.getOrNull("strategy") instanceof JsonString s ? s.value() : "deny-wins";
    boolean failed = d.reasons().stream().anyMatch(r -> r.code().isError());
    if (failed) {
      return Outputs.errors(d.reasons().stream().filter(r -> r.code().isError())
          .map(r -> dev.mpc.diag.Diagnostic.of(r.code(), r.summary().orElse(r.code().code()))).toList());
    }
    List<JsonObject> matched = u.matched(d);
    boolean allow = matched.stream().noneMatch(Upstream::denies);
    List<JsonValue> reasons = new ArrayList<>();
    List<JsonValue> intents = new ArrayList<>();
    for (JsonObject p : matched) {
      boolean deny = Upstream.denies(p);
      if (!strategy.equals("deny-wins") || deny == !allow) {
        reasons.add(JsonObject.builder().put("code", (deny ? Code.R_POLICY_DENY : Code.R_POLICY_ALLOW).code()).build());
      }
      intents.addAll(Upstream.intents(p));
    }
    JsonObject.Builder out = JsonObject.builder().put("allow", allow).put("reasons", JsonArray.of(reasons));
    if (!intents.isEmpty()) {
      out.put("intents", JsonArray.of(intents));
    }
    return out.build();
  }

  /** Upstream-form policies turned into an artifact, and back from the trace. */
  static final class Upstream {
    final Artifact artifact;
    final Map<String, JsonObject> byId;

    private Upstream(Artifact artifact, Map<String, JsonObject> byId) {
      this.artifact = artifact;
      this.byId = byId;
    }

    static Upstream of(JsonValue policies, FixtureContext context) {
      List<AstNode> defs = new ArrayList<>();
      Map<String, JsonObject> byId = new LinkedHashMap<>();
      Map<String, Integer> seen = new HashMap<>();
      if (policies instanceof JsonArray arr) {
        for (JsonValue v : arr.items()) {
          if (!(v instanceof JsonObject p)) {
            continue;
          }
          String id = p.getOrNull("id") instanceof JsonString s ? s.value() : "p";
          int n = seen.merge(id, 1, Integer::sum);
          String internal = n == 1 ? id : id + "\u0000" + n; // sorts right after id: upstream's stable order
          JsonObject.Builder props = JsonObject.builder().put("kind", "Policy").put("id", internal);
          props.put("effect", denies(p) ? "deny" : "allow");
          if (p.getOrNull("priority") != null) {
            props.put("priority", p.getOrNull("priority"));
          }
          if (p.getOrNull("match") instanceof JsonObject m) {
            props.put("match", m.has("expr") ? JsonObject.builder().put("expr", m.getOrNull("expr")).build() : m);
          }
          defs.add(EngineFixtures.node(props.build()));
          byId.put(internal, p);
        }
      }
      Artifact a = EngineFixtures.artifact(defs, DomainMeta.EMPTY,
          Preset.fromJson(context.preset()).map(Preset::exprLimits).value().orElse(dev.mpc.expr.Limits.defaults()));
      return new Upstream(a, byId);
    }

    static boolean denies(JsonObject p) {
      return p.getOrNull("effect") instanceof JsonString s && s.value().equals("deny");
    }

    /** The matching input policies, in evaluation order, from the decision's trace. */
    List<JsonObject> matched(Decision d) {
      List<JsonObject> out = new ArrayList<>();
      for (TraceEvent t : d.trace().map(x -> x.events()).orElse(List.of())) {
        if (t.t().equals("policy.match") && t.data().getOrNull("policy") instanceof JsonString id) {
          out.add(byId.get(id.value()));
        }
      }
      return out;
    }

    /** Upstream's intents of policy {@code p}: each object entry as {@code {kind (audit), target ("")}}. */
    static List<JsonValue> intents(JsonObject p) {
      List<JsonValue> out = new ArrayList<>();
      if (p.getOrNull("intents") instanceof JsonArray arr) {
        for (JsonValue v : arr.items()) {
          if (v instanceof JsonObject i) {
            JsonValue kind = i.getOrNull("kind") == null ? JsonString.of("audit") : i.getOrNull("kind");
            JsonValue target = i.getOrNull("target") == null ? JsonString.of("") : i.getOrNull("target");
            out.add(JsonObject.builder().put("kind", kind).put("target", target).build());
          }
        }
      }
      return out;
    }
  }
}
