package dev.mpc.conformance.handlers;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.Decision;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Category {@code acl} (conformance spec §3.1): the fixture's rules become ACL definitions of an
 * artifact evaluated by {@link MpcEngine}, the request an event map ({@code action},
 * {@code actor.roles}, the attributes as {@code actor.claims}, {@code object.type}).
 *
 * <p>Upstream compatibility lives here, not in the engine: compact RBAC rules
 * ({@code role}, {@code actions}, {@code maskFields}) expand to one rule per action
 * ({@code r<i>_<a>}, resource {@code *}, allow); direct rules keep their members (id default
 * {@code r<i>}); an effect other than {@code deny} allows; the role hierarchy's closure is computed
 * here and given to the actor (upstream tolerates cycles, the engine rejects them); attributes come
 * from {@code actor.attrs} or {@code actor.attributes}, and without any no condition is checked;
 * a rule with roles and a condition is split into a roles-only rule followed by a condition-only
 * rule (upstream OR-s them; the engine requires both, G-A1); an empty condition holds for any
 * actor with attributes (the engine: never, G-A3); a condition's {@code expr} member is just an
 * attribute name (upstream's handler has no DomainMeta); {@code maskFields} entries become
 * Python {@code str()} text; the engine's {@code R_ACL_NO_MATCH} is reported as upstream's
 * {@code R_ACL_DENY_ROLE}. Output {@code {"allow", "reasons": [{"code"}], "intents"?}}.
 *
 * <p>With {@code "mode": "strict"} see {@link EngineFixtures#strict}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AclHandler implements CategoryHandler {
  private static final MpcEngine ENGINE = MpcEngine.builder().strategy("deny-wins").build().orElseThrow();

  @Override
  public String category() {
    return "acl";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    if (Outputs.strict(input)) {
      return EngineFixtures.strict(context, input);
    }
    JsonObject actor = input.getOrNull("actor") instanceof JsonObject a ? a : JsonObject.EMPTY;
    JsonValue attrsValue = actor.getOrNull("attrs") != null && PythonText.truthy(actor.getOrNull("attrs"))
        ? actor.getOrNull("attrs") : actor.getOrNull("attributes");
    JsonObject attrs = attrsValue instanceof JsonObject o && !o.isEmpty() ? o : null;
    JsonObject object = input.getOrNull("object") instanceof JsonObject o ? o : JsonObject.EMPTY;
    String type = object.getOrNull("type") instanceof JsonString s ? s.value() : "entity";
    String action = input.getOrNull("action") instanceof JsonString s ? s.value() : "";
    Set<String> roles = closure(EngineFixtures.strings(actor.getOrNull("roles")),
        input.getOrNull("role_hierarchy") instanceof JsonObject h ? h : JsonObject.EMPTY);

    List<AstNode> defs = new ArrayList<>();
    JsonValue rules = input.getOrNull("rules");
    if (rules instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i) instanceof JsonObject r) {
          rule(r, i, attrs != null, defs);
        }
      }
    }
    Artifact artifact = EngineFixtures.artifact(defs, DomainMeta.EMPTY, dev.mpc.expr.Limits.defaults());
    JsonObject.Builder a = JsonObject.builder().put("id", "u").put("type", "user")
        .put("roles", JsonArray.of(roles.stream().map(JsonString::of).map(x -> (JsonValue) x).toList()));
    if (attrs != null) {
      a.put("claims", attrs);
    }
    JsonObject event = JsonObject.builder().put("name", "acl.check").put("action", action.isEmpty() ? "\u0000" : action)
        .put("actor", a.build()).put("object", JsonObject.builder().put("type", type).put("id", "x").build()).build();
    Decision d = ENGINE.evaluate(artifact, event, EvaluationOptions.defaults());
    JsonObject.Builder out = JsonObject.builder().put("allow", d.allow())
        .put("reasons", EngineFixtures.upstreamCodes(d.reasons()));
    if (!d.intents().isEmpty()) {
      out.put("intents", EngineFixtures.upstreamIntents(d.intents()));
    }
    return out.build();
  }

  private static Set<String> closure(Set<String> roles, JsonObject hierarchy) {
    Set<String> out = new LinkedHashSet<>(roles);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (String r : List.copyOf(out)) {
        if (hierarchy.getOrNull(r) instanceof JsonArray implied) {
          for (String x : EngineFixtures.strings(implied)) {
            grew |= out.add(x);
          }
        }
      }
    }
    return out;
  }

  private static void rule(JsonObject r, int index, boolean hasAttrs, List<AstNode> defs) {
    boolean direct = r.has("action") && !r.has("actions");
    if (!direct) {
      String role = r.getOrNull("role") instanceof JsonString s ? s.value() : "";
      JsonValue actions = r.getOrNull("actions");
      if (actions instanceof JsonArray as) {
        for (JsonValue a : as.items()) {
          String act = PythonText.str(a);
          JsonObject.Builder b = JsonObject.builder().put("kind", "ACL").put("id", "r" + index + "_" + act)
              .put("action", act).put("roles", JsonArray.of(List.of(JsonString.of(role)))).put("effect", "allow")
              .put("resource", "*");
          masks(r, b);
          defs.add(EngineFixtures.node(b.build()));
        }
      }
      return;
    }
    String id = r.getOrNull("id") instanceof JsonString s ? s.value() : "r" + index;
    JsonObject.Builder base = JsonObject.builder().put("kind", "ACL");
    for (Map.Entry<String, JsonValue> m : r.members().entrySet()) {
      switch (m.getKey()) {
        case "id", "kind", "name", "children", "source", "roles", "condition", "effect", "maskFields" -> { }
        default -> base.put(m.getKey(), m.getValue());
      }
    }
    base.put("effect", r.getOrNull("effect") instanceof JsonString s && s.value().equals("deny") ? "deny" : "allow");
    masks(r, base);
    JsonObject common = base.build();
    List<String> roles = r.getOrNull("roles") instanceof JsonArray ra ? List.copyOf(EngineFixtures.strings(ra)) : List.of();
    if (!roles.isEmpty()) {
      defs.add(EngineFixtures.node(with(common, "id", JsonString.of(id + "\u0000"), "roles",
          JsonArray.of(roles.stream().map(x -> (JsonValue) JsonString.of(x)).toList()))));
    }
    if (hasAttrs && r.getOrNull("condition") instanceof JsonObject c) {
      JsonValue condition;
      if (c.isEmpty()) {
        condition = JsonObject.builder().put("expr", JsonObject.builder().put("lit", true).build()).build();
      } else {
        JsonObject.Builder cb = JsonObject.builder();
        c.members().forEach((k, v) -> cb.put("actor.claims." + k, v));
        condition = cb.build();
      }
      defs.add(EngineFixtures.node(with(common, "id", JsonString.of(id + "\u0001"), "condition", condition)));
    }
  }

  private static void masks(JsonObject r, JsonObject.Builder b) {
    if (r.getOrNull("maskFields") instanceof JsonArray m && !m.isEmpty()) {
      b.put("maskFields", JsonArray.of(m.items().stream().map(v -> (JsonValue) JsonString.of(PythonText.str(v))).toList()));
    }
  }

  private static JsonObject with(JsonObject o, String k1, JsonValue v1, String k2, JsonValue v2) {
    JsonObject.Builder b = JsonObject.builder();
    o.members().forEach(b::put);
    return b.put(k1, v1).put(k2, v2).build();
  }
}
