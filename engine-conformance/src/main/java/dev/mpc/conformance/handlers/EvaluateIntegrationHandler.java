package dev.mpc.conformance.handlers;

import dev.mpc.ast.AstNode;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.Decision;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.ComposeStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Category {@code evaluate_integration} (conformance spec §3.5): policies and compact RBAC rules
 * become one artifact, evaluated by {@link MpcEngine} (policy decision, ACL decision, composed by
 * the fixture's strategy): the engine's own pipeline.
 *
 * <p>Upstream compatibility lives here, not in the engine: policies as in {@link PolicyHandler};
 * rules are compact RBAC only ({@code role}, {@code actions}, {@code resource} default {@code *});
 * the action is {@code event.action}, else the last segment of {@code event.name}, else
 * {@code unknown}; the resource {@code event.object.type} (default {@code entity}); an unknown
 * strategy is deny-wins (the engine rejects it); intents are upstream's {@code {kind, target}} of
 * the matching policies, deduplicated, when the policy decision takes part in the outcome; the
 * engine's {@code R_ACL_NO_MATCH} and {@code R_COMPOSE_CONFLICT} are reported as upstream's
 * {@code R_ACL_DENY_ROLE} and {@code E_COMPOSE_CONFLICT}.
 *
 * <p>With {@code "mode": "strict"} see {@link EngineFixtures#strict}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EvaluateIntegrationHandler implements CategoryHandler {
  private static final Map<ComposeStrategy, MpcEngine> ENGINES = new LinkedHashMap<>();

  static {
    for (ComposeStrategy s : ComposeStrategy.values()) {
      ENGINES.put(s, MpcEngine.builder().strategy(s.wireName()).build().orElseThrow());
    }
  }

  @Override
  public String category() {
    return "evaluate_integration";
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
    ComposeStrategy strategy = input.getOrNull("strategy") instanceof JsonString s
        ? ComposeStrategy.fromWireName(s.value()).orElse(ComposeStrategy.DENY_WINS) : ComposeStrategy.DENY_WINS;
    PolicyHandler.Upstream policies = PolicyHandler.Upstream.of(input.getOrNull("policies"), context);
    List<AstNode> defs = new ArrayList<>(policies.artifact.manifest().defs());
    if (input.getOrNull("rules") instanceof JsonArray rules) {
      for (int i = 0; i < rules.size(); i++) {
        if (!(rules.get(i) instanceof JsonObject r)) {
          continue;
        }
        String role = r.getOrNull("role") instanceof JsonString s ? s.value() : "";
        JsonValue resource = r.getOrNull("resource") == null ? JsonString.of("*") : r.getOrNull("resource");
        if (r.getOrNull("actions") instanceof JsonArray actions) {
          for (JsonValue a : actions.items()) {
            String act = PythonText.str(a);
            defs.add(EngineFixtures.node(JsonObject.builder().put("kind", "ACL").put("id", "r" + i + "_" + act)
                .put("action", act).put("roles", JsonArray.of(List.of(JsonString.of(role)))).put("effect", "allow")
                .put("resource", resource).build()));
          }
        }
      }
    }
    var artifact = EngineFixtures.artifact(defs, DomainMeta.EMPTY, dev.mpc.expr.Limits.defaults());
    JsonObject.Builder e = JsonObject.builder();
    event.members().forEach(e::put);
    e.put("action", upstreamAction(event));
    JsonObject object = event.getOrNull("object") instanceof JsonObject o ? o : JsonObject.EMPTY;
    if (!(object.getOrNull("type") instanceof JsonString)) {
      JsonObject.Builder ob = JsonObject.builder();
      object.members().forEach(ob::put);
      e.put("object", ob.put("type", "entity").build());
    }
    Decision d = ENGINES.get(strategy).evaluate(artifact, e.build(), EvaluationOptions.of(TraceLevel.DECISION));
    List<JsonObject> matched = policies.matched(d);
    boolean policyTakesPart = !matched.isEmpty() && switch (strategy) {
      case DENY_WINS, ALLOW_WINS -> true;
      case FIRST_APPLICABLE -> true;
      case ONLY_ONE -> d.reasons().stream().noneMatch(r -> r.code() == dev.mpc.diag.Code.R_COMPOSE_CONFLICT);
    };
    List<JsonValue> intents = new ArrayList<>();
    if (policyTakesPart) {
      for (JsonObject p : matched) {
        for (JsonValue i : PolicyHandler.Upstream.intents(p)) {
          if (!intents.contains(i)) {
            intents.add(i);
          }
        }
      }
    }
    JsonObject.Builder out = JsonObject.builder().put("allow", d.allow())
        .put("reasons", EngineFixtures.upstreamCodes(d.reasons()));
    if (!intents.isEmpty()) {
      out.put("intents", JsonArray.of(intents));
    }
    return out.build();
  }

  private static String upstreamAction(JsonObject event) {
    if (event.getOrNull("action") != null && !event.getOrNull("action").isNull()) {
      return PythonText.str(event.getOrNull("action"));
    }
    if (event.getOrNull("name") instanceof JsonString n) {
      int dot = n.value().lastIndexOf('.');
      return dot >= 0 ? n.value().substring(dot + 1) : n.value();
    }
    return "unknown";
  }
}
