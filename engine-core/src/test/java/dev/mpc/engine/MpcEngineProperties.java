package dev.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.SchemaCheck;
import dev.mpc.engine.internal.Evaluator;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the evaluation façade over random artifacts and events. */
class MpcEngineProperties {
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final MpcEngine DENY_WINS = MpcEngine.builder().clock(FIXED).build().orElseThrow();
  static final String[] NAMES = {"doc.read", "doc.write", "order.update", "order.read"};
  static final String[] TYPES = {"doc", "order"};
  static final String[] ROLES = {"a", "b", "c"};

  @Provide
  Arbitrary<String> policy() {
    Arbitrary<String> effect = Arbitraries.of("allow", "deny");
    Arbitrary<Integer> priority = Arbitraries.integers().between(0, 3);
    Arbitrary<String> match = Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.of(NAMES).map(n -> ",\"match\":{\"name\":\"" + n + "\"}"),
        Arbitraries.of(TYPES).map(t -> ",\"match\":{\"object.type\":\"" + t + "\"}"),
        Arbitraries.integers().between(0, 1).map(x -> ",\"match\":{\"expr\":{\"op\":\"==\",\"left\":"
            + "{\"ref\":\"actor.claims.x\"},\"right\":{\"lit\":" + x + "}}}"));
    Arbitrary<String> condition = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.integers().between(0, 1).map(x -> ",\"condition\":{\"expr\":{\"op\":\"==\",\"left\":"
            + "{\"ref\":\"object.attributes.y\"},\"right\":{\"lit\":" + x + "}}}"));
    return Combinators.combine(effect, priority, match, condition)
        .as((e, p, m, c) -> "\"kind\":\"Policy\",\"effect\":\"" + e + "\",\"priority\":" + p + m + c);
  }

  @Provide
  Arbitrary<String> aclRule() {
    Arbitrary<String> action = Arbitraries.of("read", "write", "update", "*");
    Arbitrary<String> resource = Arbitraries.of("doc", "order", "*", "doc/{id}");
    Arbitrary<String> roles = Arbitraries.of(ROLES).list().ofMaxSize(2).uniqueElements()
        .map(rs -> rs.isEmpty() ? "" : ",\"roles\":[" + String.join(",", rs.stream().map(r -> "\"" + r + "\"").toList()) + "]");
    Arbitrary<String> condition = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.integers().between(0, 1).map(x -> ",\"condition\":{\"x\":" + x + "}"));
    Arbitrary<String> effect = Arbitraries.of("allow", "deny");
    Arbitrary<String> masks = Arbitraries.of("", ",\"maskFields\":[\"ssn\",\"card\"]");
    return Combinators.combine(action, resource, roles, condition, effect, masks, Arbitraries.integers().between(0, 3))
        .as((a, r, rs, c, e, m, p) -> "\"kind\":\"ACL\",\"action\":\"" + a + "\",\"resource\":\"" + r + "\"" + rs + c
            + ",\"effect\":\"" + e + "\"" + m + ",\"priority\":" + p);
  }

  @Provide
  Arbitrary<Artifact> artifact() {
    return Combinators.combine(policy().list().ofMaxSize(5), aclRule().list().ofMaxSize(5)).as((ps, as) -> {
      List<String> defs = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        defs.add("{\"id\":\"p" + i + "\"," + ps.get(i) + "}");
      }
      for (int i = 0; i < as.size(); i++) {
        defs.add("{\"id\":\"r" + i + "\"," + as.get(i) + "}");
      }
      return Fixtures.artifact(defs.toArray(String[]::new));
    });
  }

  @Provide
  Arbitrary<EventEnvelope> event() {
    return Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(ROLES).list().ofMaxSize(3).uniqueElements(),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2)).as((n, rs, x, y) ->
        new EventEnvelope(Optional.of("e"), n, dev.mpc.contract.EventKind.UPDATE, "2026-01-01T00:00:00Z",
            Fixtures.actor("u", Fixtures.obj("{\"x\":" + x + "}"), rs.toArray(String[]::new)),
            new dev.mpc.contract.ObjectRef(n.substring(0, n.indexOf('.')), "1", Fixtures.obj("{\"y\":" + y + "}"),
                Optional.empty()), JsonObject.EMPTY, JsonObject.EMPTY, Optional.empty()));
  }

  private static String json(Decision d) {
    return Canonical.json(ContractJson.toJson(d));
  }

  @Property(tries = 100)
  void evaluate_isDeterministic(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e,
      @ForAll TraceLevel level) {
    MpcEngine other = MpcEngine.builder().clock(FIXED).build().orElseThrow();
    EvaluationOptions o = EvaluationOptions.of(level);
    assertEquals(json(DENY_WINS.evaluate(a, e, o)), json(other.evaluate(a, e, o)));
    assertEquals(json(DENY_WINS.evaluate(a, e, o)), json(DENY_WINS.evaluate(a, e, o)));
  }

  @Property(tries = 100)
  void denyWins_addingADenyPolicyNeverTurnsDenyIntoAllow(@ForAll("artifact") Artifact a,
      @ForAll("event") EventEnvelope e, @ForAll("policy") String extra) {
    Decision before = DENY_WINS.evaluate(a, e);
    String deny = "{\"id\":\"zz_extra\"," + extra.replace("\"effect\":\"allow\"", "\"effect\":\"deny\"") + "}";
    Decision after = DENY_WINS.evaluate(withDefinition(a, deny), e);
    if (!before.allow()) {
      assertFalse(after.allow(), () -> "before " + json(before) + "\nafter " + json(after));
    }
  }

  @Property(tries = 100)
  void addingAPolicyThatCannotMatch_changesNothing(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e,
      @ForAll TraceLevel level) {
    Decision before = DENY_WINS.evaluate(a, e, EvaluationOptions.of(level).withCorrelationId("c"));
    boolean hadPolicies = !a.definitions("Policy").isEmpty();
    Artifact more = withDefinition(a, "{\"id\":\"never\",\"kind\":\"Policy\",\"effect\":\"deny\","
        + "\"match\":{\"name\":\"never.happens\"}}");
    Decision after = DENY_WINS.evaluate(more, e, EvaluationOptions.of(TraceLevel.NONE).withCorrelationId("c"));
    if (hadPolicies) {
      assertEquals(before.allow(), after.allow());
      assertEquals(before.reasons(), after.reasons());
      assertEquals(before.intents(), after.intents());
    } else {
      // Without policies the policy engine was absent; a policy that cannot match is "not applicable" too.
      assertEquals(before.allow(), after.allow());
    }
  }

  @Property(tries = 100)
  void permissions_agreeWithEvaluate_forEveryAction(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e) {
    for (String resource : List.of("doc", "order", "doc/7")) {
      Permissions p = DENY_WINS.permissions(a, e.actor(), resource);
      for (EventEnvelope pe : DENY_WINS.permissionEvents(a, e.actor(), resource)) {
        Decision d = DENY_WINS.evaluate(a, pe);
        String action = Evaluator.actionOf(pe);
        assertEquals(d.allow(), p.allows(action), action + " on " + resource);
        if (d.allow()) {
          assertEquals(d.intents(), p.actions().get(action));
        }
      }
    }
  }

  @Property(tries = 100)
  void everyDecision_validatesAgainstTheSchemas(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e,
      @ForAll TraceLevel level) {
    Decision d = DENY_WINS.evaluate(a, e, EvaluationOptions.of(level));
    assertEquals(java.util.Set.of(), SchemaCheck.errors("decision.schema.json", ContractJson.toJson(d)));
    d.trace().ifPresent(t -> assertEquals(java.util.Set.of(), SchemaCheck.errors("trace.schema.json",
        ContractJson.toJson(t))));
    assertTrue(d.meta().isEnterpriseComplete(), "artifactHash, engine, engineVersion and span id stamped");
  }

  @Provide
  Arbitrary<String> randomJson() {
    Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.just("null"), Arbitraries.just("true"),
        Arbitraries.integers().map(String::valueOf), Arbitraries.strings().ofMaxLength(6).map(s -> Canonical.json(
            dev.mpc.json.JsonString.of(s))), Arbitraries.just("1.5"));
    Arbitrary<String> inner = Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"));
    Arbitrary<String> key = Arbitraries.of("name", "kind", "action", "actor", "object", "payload", "context", "x");
    Arbitrary<String> actor = Combinators.combine(inner, inner).as((r, c) -> "{\"roles\":" + r + ",\"claims\":" + c + "}");
    Arbitrary<String[]> member = Combinators.combine(key, Arbitraries.oneOf(inner, actor))
        .as((k, v) -> new String[] {k, v});
    return member.list().ofMaxSize(5).map(ms -> {
      java.util.Map<String, String> unique = new java.util.LinkedHashMap<>();
      ms.forEach(m -> unique.putIfAbsent(m[0], m[1]));
      List<String> parts = new ArrayList<>();
      unique.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
      return "{" + String.join(",", parts) + "}";
    });
  }

  @Property(tries = 150)
  void noRandomEvent_makesEvaluateThrow(@ForAll("artifact") Artifact a, @ForAll("randomJson") String eventJson,
      @ForAll TraceLevel level) {
    JsonValue v = Json.parse(eventJson).orElseThrow();
    Decision d = DENY_WINS.evaluate(a, (JsonObject) v, EvaluationOptions.of(level));
    assertNotNull(d);
    assertTrue(d.meta().artifactHash().isPresent());
  }

  @Property(tries = 100)
  void batch_equalsOneByOne(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e1,
      @ForAll("event") EventEnvelope e2) {
    List<Decision> all = DENY_WINS.evaluateAll(a, List.of(e1, e2, e1), EvaluationOptions.defaults());
    assertEquals(List.of(DENY_WINS.evaluate(a, e1), DENY_WINS.evaluate(a, e2), DENY_WINS.evaluate(a, e1)), all);
  }

  static final String[] PATHS = {"name", "kind", "action", "actor.id", "actor.type", "actor.roles", "actor.claims",
      "actor.claims.x", "object.type", "object.id", "object.state", "object.attributes", "object.attributes.y",
      "resource.type", "resource.id", "resource.attributes.y", "payload", "payload.action", "payload.x", "context",
      "context.action", "event.name", "event.object.type", "event.payload.x", "id", "timestamp", "previous",
      "previous.y", "actor", "object", "missing", "missing.deeper"};

  /** Policies testing one path each against a literal (in a match map or an expression). */
  @Provide
  Arbitrary<Artifact> pathArtifact() {
    Arbitrary<String> lit = Arbitraries.of("\"doc\"", "\"read\"", "\"u\"", "1", "0", "null", "true", "\"1\"",
        "\"draft\"", "\"update\"");
    Arbitrary<String> policy = Combinators.combine(Arbitraries.of(PATHS), lit, Arbitraries.of("==", "!="),
        Arbitraries.of("allow", "deny"), Arbitraries.integers().between(0, 2)).as((path, l, op, e, form) ->
        "\"kind\":\"Policy\",\"effect\":\"" + e + "\"," + (form == 0
            ? "\"match\":{\"" + path + "\":" + l + "}"
            : "\"" + (form == 1 ? "condition" : "match") + "\":{\"expr\":{\"op\":\"" + op + "\",\"left\":{\"ref\":\""
                + path + "\"},\"right\":{\"lit\":" + l + "}}}"));
    return policy.list().ofMinSize(1).ofMaxSize(6).map(ps -> {
      List<String> defs = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        defs.add("{\"id\":\"p" + i + "\"," + ps.get(i) + "}");
      }
      return Fixtures.artifact(defs.toArray(String[]::new));
    });
  }

  /** Events using every envelope field: payload and context actions, state, claims, previous. */
  @Provide
  Arbitrary<EventEnvelope> richEvent() {
    Arbitrary<String> small = Arbitraries.of("{}", "{\"x\":1}", "{\"action\":\"update\"}", "{\"action\":\"\"}",
        "{\"x\":\"1\",\"action\":\"read\"}", "{\"y\":{\"z\":[1,2]}}");
    return Combinators.combine(Arbitraries.of(NAMES).injectDuplicates(0.1), Arbitraries.of(ROLES).list().ofMaxSize(3)
            .uniqueElements(), small, small, small, small, Arbitraries.of("", "draft"),
        Arbitraries.of(dev.mpc.contract.EventKind.values())).as((n, rs, claims, attrs, payload, context, state, kind) ->
        new EventEnvelope(state.isEmpty() ? Optional.empty() : Optional.of("e-" + n), n, kind, "2026-01-01T00:00:00Z",
            Fixtures.actor("u", Fixtures.obj(claims), rs.toArray(String[]::new)),
            new dev.mpc.contract.ObjectRef(n.substring(0, n.indexOf('.')), "1", Fixtures.obj(attrs),
                state.isEmpty() ? Optional.empty() : Optional.of(state)), Fixtures.obj(context), Fixtures.obj(payload),
            attrs.equals("{}") ? Optional.empty() : Optional.of(Fixtures.obj(attrs))));
  }

  /**
   * An envelope is read lazily (only the fields an expression or match map asks for); the same
   * event given as its JSON form is read from the map. Both must decide identically, byte for byte
   * (span id and trace included), at every trace level.
   */
  @Property(tries = 300)
  void envelopeAndItsJsonForm_decideAlike(@ForAll("pathArtifact") Artifact a, @ForAll("richEvent") EventEnvelope e,
      @ForAll TraceLevel level) {
    EvaluationOptions o = EvaluationOptions.of(level);
    assertEquals(json(DENY_WINS.evaluate(a, ContractJson.toJson(e), o)), json(DENY_WINS.evaluate(a, e, o)));
  }

  @Property(tries = 100)
  void envelopeAndItsJsonForm_decideAlike_withAcl(@ForAll("artifact") Artifact a, @ForAll("richEvent") EventEnvelope e,
      @ForAll TraceLevel level) {
    EvaluationOptions o = EvaluationOptions.of(level);
    assertEquals(json(DENY_WINS.evaluate(a, ContractJson.toJson(e), o)), json(DENY_WINS.evaluate(a, e, o)));
  }

  static final MpcEngine[] STRATEGIES = {DENY_WINS,
      MpcEngine.builder().clock(FIXED).strategy("allow-wins").build().orElseThrow(),
      MpcEngine.builder().clock(FIXED).strategy("first-applicable").build().orElseThrow(),
      MpcEngine.builder().clock(FIXED).strategy("only-one").build().orElseThrow()};

  /** {@code allows()} is {@code evaluate().allow()}, under every strategy, asked in either order. */
  @Property(tries = 300)
  void allows_agreesWithEvaluate_underEveryStrategy(@ForAll("artifact") Artifact a, @ForAll("event") EventEnvelope e) {
    for (MpcEngine engine : STRATEGIES) {
      boolean first = engine.allows(a, e);
      assertEquals(engine.evaluate(a, e).allow(), first, () -> json(engine.evaluate(a, e)));
      assertEquals(first, engine.allows(a, e), "after evaluate() filled the memos");
    }
  }

  @Property(tries = 200)
  void allows_agreesWithEvaluate_onPathsAndRichEvents(@ForAll("pathArtifact") Artifact a,
      @ForAll("richEvent") EventEnvelope e) {
    assertEquals(DENY_WINS.evaluate(a, e).allow(), DENY_WINS.allows(a, e));
  }

  /** {@code a} plus one definition (lowered sites of {@code a} kept, the new one's lowered too). */
  private static Artifact withDefinition(Artifact a, String def) {
    List<String> defs = new ArrayList<>();
    for (var d : a.manifest().defs()) {
      JsonObject.Builder b = JsonObject.builder().put("kind", d.kind()).put("id", d.id());
      d.properties().members().forEach(b::put);
      defs.add(Canonical.json(b.build()));
    }
    defs.add(def);
    return Fixtures.artifact(defs.toArray(String[]::new));
  }
}
