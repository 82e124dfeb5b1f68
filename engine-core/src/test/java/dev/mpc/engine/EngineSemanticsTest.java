package dev.mpc.engine;

import static dev.mpc.engine.Fixtures.actor;
import static dev.mpc.engine.Fixtures.artifact;
import static dev.mpc.engine.Fixtures.event;
import static dev.mpc.engine.Fixtures.obj;
import static dev.mpc.engine.MpcEngineTest.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.engine.internal.Pattern;
import dev.mpc.json.Canonical;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Policy, ACL and composition semantics (decisions.md: Policy, ACL, Evaluation). */
class EngineSemanticsTest {
  static final MpcEngine ENGINE = MpcEngine.builder().build().orElseThrow();

  static Decision eval(Artifact a, EventEnvelope e) {
    return ENGINE.evaluate(a, e);
  }

  @Test
  void acl_rolesAndCondition_bothMustHold_G_A1() {
    Artifact a = artifact("{\"kind\":\"ACL\",\"id\":\"r\",\"action\":\"read\",\"resource\":\"doc\",\"roles\":[\"admin\"],"
        + "\"condition\":{\"dept\":\"eng\"}}");
    assertEquals(List.of(Code.R_ACL_ALLOW_ABAC),
        codes(eval(a, event("doc.read", actor("x", obj("{\"dept\":\"eng\"}"), "admin"), "doc", "1"))));
    assertEquals(List.of(Code.R_ACL_NO_MATCH), codes(eval(a, event("doc.read", actor("x", "admin"), "doc", "1"))),
        "admin without the attribute");
    assertEquals(List.of(Code.R_ACL_NO_MATCH),
        codes(eval(a, event("doc.read", actor("x", obj("{\"dept\":\"eng\"}"), "guest"), "doc", "1"))),
        "attribute without the role: upstream grants this (privilege escalation)");
  }

  @Test
  void acl_emptyConditionNeverMatches_G_A3_and_neitherRolesNorCondition() {
    Artifact a = artifact("{\"kind\":\"ACL\",\"id\":\"r\",\"action\":\"read\",\"condition\":{}}",
        "{\"kind\":\"ACL\",\"id\":\"s\",\"action\":\"read\"}");
    assertEquals(List.of(Code.R_ACL_NO_MATCH),
        codes(eval(a, event("doc.read", actor("x", obj("{\"a\":1}")), "doc", "1"))));
  }

  @Test
  void acl_abacContextSeesResourceActionAndContext_G_A4() {
    Artifact a = artifact("{\"kind\":\"ACL\",\"id\":\"own\",\"condition\":{\"expr\":{\"op\":\"and\",\"left\":"
        + "{\"op\":\"==\",\"left\":{\"ref\":\"resource.attributes.ownerId\"},\"right\":{\"ref\":\"actor.id\"}},"
        + "\"right\":{\"op\":\"==\",\"left\":{\"ref\":\"action\"},\"right\":{\"lit\":\"edit\"}}}}}");
    assertTrue(eval(a, event("doc.edit", actor("u1"), "doc", "1", obj("{\"ownerId\":\"u1\"}"))).allow());
    assertFalse(eval(a, event("doc.delete", actor("u1"), "doc", "1", obj("{\"ownerId\":\"u1\"}"))).allow());
    assertFalse(eval(a, event("doc.edit", actor("u2"), "doc", "1", obj("{\"ownerId\":\"u1\"}"))).allow());
  }

  @Test
  void acl_firstDecisiveByPriorityThenId_denyReasonAndMasksOnlyOnAllow() {
    Artifact a = artifact(
        "{\"kind\":\"ACL\",\"id\":\"b_allow\",\"roles\":[\"u\"],\"maskFields\":[\"z\",\"a\",\"\u00e9\",\"B\"]}",
        "{\"kind\":\"ACL\",\"id\":\"a_deny\",\"roles\":[\"u\"],\"effect\":\"deny\",\"priority\":5,\"maskFields\":[\"q\"]}");
    Decision d = eval(a, event("doc.read", actor("x", "u"), "doc", "1"));
    assertEquals(List.of(Code.R_ACL_DENY_ROLE), codes(d));
    assertTrue(d.intents().isEmpty());
    Artifact b = artifact("{\"kind\":\"ACL\",\"id\":\"b\",\"roles\":[\"u\"],\"maskFields\":[\"z\",\"a\",\"\u00e9\",\"B\"]}",
        "{\"kind\":\"ACL\",\"id\":\"a\",\"roles\":[\"nobody\"],\"effect\":\"deny\"}");
    Decision m = eval(b, event("doc.read", actor("x", "u"), "doc", "1"));
    assertEquals(List.of("B", "a", "z", "\u00e9"), m.intents().stream().map(i -> i.target().orElseThrow()).toList());
  }

  @Test
  void roleHierarchy_fromManifestAndHost_cyclesDetected() {
    Artifact a = artifact("{\"kind\":\"Role\",\"id\":\"admin\",\"inherits\":[\"editor\"]}",
        "{\"kind\":\"Role\",\"id\":\"editor\",\"inherits\":[\"viewer\"]}",
        "{\"kind\":\"ACL\",\"id\":\"v\",\"action\":\"read\",\"roles\":[\"viewer\"]}");
    assertTrue(eval(a, event("doc.read", actor("x", "admin"), "doc", "1")).allow(), "admin > editor > viewer");
    MpcEngine host = MpcEngine.builder().roleHierarchy(Map.of("boss", Set.of("admin"))).build().orElseThrow();
    assertTrue(host.evaluate(a, event("doc.read", actor("x", "boss"), "doc", "1")).allow());
    assertFalse(eval(a, event("doc.read", actor("x", "guest"), "doc", "1")).allow());
    Result<MpcEngine> cyclic = MpcEngine.builder().roleHierarchy(Map.of("a", Set.of("b"), "b", Set.of("a"))).build();
    assertFalse(cyclic.isOk());
    assertEquals(Code.E_VALID_CYCLE_DETECTED, cyclic.diagnostics().get(0).code());
    Artifact loop = artifact("{\"kind\":\"Role\",\"id\":\"a\",\"inherits\":[\"b\"]}",
        "{\"kind\":\"Role\",\"id\":\"b\",\"inherits\":[\"a\"]}", "{\"kind\":\"ACL\",\"id\":\"v\",\"roles\":[\"a\"]}");
    Decision d = eval(loop, event("doc.read", actor("x", "a"), "doc", "1"));
    assertFalse(d.allow());
    assertEquals(Code.E_VALID_CYCLE_DETECTED, d.reasons().get(0).code());
  }

  @Test
  void patterns_compiledOnce_matchTypeAndInstance_G_A5() {
    assertTrue(Pattern.of("orders/*").matches("orders/42"));
    assertFalse(Pattern.of("orders/*").matches("orders"));
    assertFalse(Pattern.of("orders/*").matches("orders/42/items"));
    assertTrue(Pattern.of("orders/{id}/items").matches("orders/42/items"));
    assertFalse(Pattern.of("orders/{id}").matches("orders/"));
    assertTrue(Pattern.of("orders/**").matches("orders/42/items"));
    assertTrue(Pattern.of("*").matches("anything/at/all"));
    assertTrue(Pattern.of("orders").matches("orders"));
    Artifact a = artifact("{\"kind\":\"ACL\",\"id\":\"r\",\"resource\":\"order/{id}\",\"action\":\"*\",\"roles\":[\"u\"]}");
    assertTrue(eval(a, event("order.approve", actor("x", "u"), "order", "o1")).allow());
    assertFalse(eval(a, event("order.approve", actor("x", "u"), "invoice", "o1")).allow());
  }

  @Test
  void policy_jsonTypedEquality_G_X6_andOrderingPriorityThenId() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"deny\",\"match\":{\"object.attributes.flag\":1}}",
        "{\"kind\":\"ACL\",\"id\":\"r\",\"roles\":[\"u\"]}");
    assertTrue(eval(a, event("doc.read", actor("x", "u"), "doc", "1", obj("{\"flag\":true}"))).allow(),
        "true is not 1");
    assertFalse(eval(a, event("doc.read", actor("x", "u"), "doc", "1", obj("{\"flag\":1.0}"))).allow(), "1.0 is 1");
    Artifact o = artifact("{\"kind\":\"Policy\",\"id\":\"b\",\"effect\":\"allow\"}",
        "{\"kind\":\"Policy\",\"id\":\"a\",\"effect\":\"allow\"}",
        "{\"kind\":\"Policy\",\"id\":\"c\",\"effect\":\"allow\",\"priority\":2}");
    Decision d = eval(o, event("doc.read", actor("x"), "doc", "1"));
    assertEquals(List.of("c", "a", "b"), d.reasons().stream()
        .map(r -> ((dev.mpc.json.JsonString) r.data().getOrNull("policy")).value()).toList());
  }

  @Test
  void policy_bucketsAndCatchAll_conditionMustHoldToo() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"n\",\"effect\":\"allow\",\"match\":{\"name\":\"doc.read\"},"
        + "\"condition\":{\"expr\":{\"op\":\"==\",\"left\":{\"ref\":\"actor.id\"},\"right\":{\"lit\":\"x\"}}}}",
        "{\"kind\":\"Policy\",\"id\":\"k\",\"effect\":\"allow\",\"match\":{\"kind\":\"custom\"}}",
        "{\"kind\":\"Policy\",\"id\":\"t\",\"effect\":\"allow\",\"match\":{\"object.type\":\"doc\"}}");
    Decision all = ENGINE.evaluate(a, event("doc.read", actor("x"), "doc", "1"), EvaluationOptions.of(TraceLevel.FULL));
    assertEquals(3, all.reasons().size(), all.toString());
    assertEquals(2, eval(a, event("doc.read", actor("y"), "doc", "1")).reasons().size(), "condition fails");
    assertEquals(1, eval(a, event("doc.write", actor("x"), "img", "1")).reasons().size(), "only the kind bucket");
  }

  @Test
  void nothingApplicable_deniesWithComposeNotApplicable() {
    Decision d = eval(artifact("{\"kind\":\"Entity\",\"id\":\"e\"}"), event("doc.read", actor("x"), "doc", "1"));
    assertEquals(List.of(Code.R_COMPOSE_NOT_APPLICABLE), codes(d));
  }

  @Test
  void strategies_viaTheFacade() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"deny\"}",
        "{\"kind\":\"ACL\",\"id\":\"r\",\"roles\":[\"u\"]}");
    EventEnvelope e = event("doc.read", actor("x", "u"), "doc", "1");
    assertEquals(List.of(Code.R_POLICY_DENY), codes(FailClosedTest.engine("deny-wins").evaluate(a, e)));
    Decision aw = FailClosedTest.engine("allow-wins").evaluate(a, e);
    assertTrue(aw.allow());
    assertEquals(List.of(Code.R_POLICY_DENY, Code.R_ACL_ALLOW_ROLE), codes(aw));
    assertEquals(List.of(Code.R_POLICY_DENY), codes(FailClosedTest.engine("first-applicable").evaluate(a, e)));
    assertEquals(List.of(Code.R_COMPOSE_CONFLICT), codes(FailClosedTest.engine("only-one").evaluate(a, e)));
    Result<MpcEngine> bad = MpcEngine.builder().strategy("whatever").cacheSize(0).build();
    assertFalse(bad.isOk());
    assertEquals(2, bad.diagnostics().size(), "every problem listed");
  }

  @Test
  void redaction_secretsNeverAppearAtAnyTraceLevel() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"match\":{\"expr\":{\"op\":\"==\","
        + "\"left\":{\"ref\":\"actor.claims.password\"},\"right\":{\"ref\":\"context.DATABASE_URL\"}}}}",
        "{\"kind\":\"ACL\",\"id\":\"r\",\"condition\":{\"token\":\"tok_live_abcdefghijklmnop\"}}");
    EventEnvelope e = new EventEnvelope(Optional.of("e1"), "doc.read", dev.mpc.contract.EventKind.CUSTOM,
        "2026-01-01T00:00:00Z", actor("x", obj("{\"password\":\"hunter2-secret\",\"token\":\"tok_live_zzzz\"}")),
        new ObjectRef("doc", "1", obj("{\"card\":\"4111 1111 1111 1111\"}"), Optional.empty()),
        obj("{\"DATABASE_URL\":\"postgres://admin:s3cr3tpw@db:5432/x\"}"), obj("{\"apiKey\":\"AKIAABCDEFGHIJKLMNOP\"}"),
        Optional.empty());
    for (TraceLevel l : TraceLevel.values()) {
      String out = Canonical.json(ContractJson.toJson(ENGINE.evaluate(a, e, EvaluationOptions.of(l))));
      for (String secret : List.of("hunter2", "s3cr3tpw", "4111 1111", "tok_live_zzzz", "AKIAABCDEFGHIJKLMNOP")) {
        assertFalse(out.contains(secret), l + " leaks " + secret + ": " + out);
      }
    }
  }
  @Test
  void policyIntentTemplates_filledFromTheEvent_typedWholeValues_missingEmpty_secretsRedacted_G_X5() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"intents\":[{\"kind\":\"notify\","
        + "\"target\":\"user:${actor.id}\",\"idempotencyKey\":\"${event.id}-${action}\",\"params\":{\"order\":\"${object.id}\","
        + "\"amount\":\"${payload.amount}\",\"note\":\"${event.name} by ${actor.id} (${payload.nope})\","
        + "\"nested\":{\"list\":[\"${object.type}\",\"${payload.missing}\"]},\"password\":\"${payload.pw}\","
        + "\"plain\":\"no placeholder\",\"template\":\"order-updated\"}}]}",
        "{\"kind\":\"Policy\",\"id\":\"q\",\"effect\":\"allow\",\"intents\":[{\"kind\":\"audit\",\"target\":\"${payload.nope}\","
        + "\"idempotencyKey\":\"${event.id}-audit\",\"params\":{\"actor\":\"${actor.id}\",\"action\":\"${action}\"}}]}");
    EventEnvelope e = new EventEnvelope(Optional.of("e-7"), "order.update", dev.mpc.contract.EventKind.UPDATE,
        "2026-01-01T00:00:00Z", actor("alice"), ObjectRef.of("order", "o-1"), dev.mpc.json.JsonObject.EMPTY,
        obj("{\"amount\":12.5,\"pw\":\"hunter2hunter2\"}"), Optional.empty());
    for (EvaluationOptions o : List.of(EvaluationOptions.defaults(), EvaluationOptions.of(TraceLevel.FULL))) {
      Decision d = MpcEngine.builder().build().orElseThrow().evaluate(a, e, o);
      assertEquals(2, d.intents().size(), () -> Canonical.json(ContractJson.toJson(d)));
      var notify = d.intents().get(0);
      assertEquals("user:alice", notify.target().orElseThrow());
      assertEquals("e-7-update", notify.idempotencyKey().orElseThrow());
      assertEquals("{\"amount\":12.5,\"nested\":{\"list\":[\"order\",null]},\"note\":\"order.update by alice ()\","
          + "\"order\":\"o-1\",\"password\":\"***\",\"plain\":\"no placeholder\",\"template\":\"order-updated\"}", Canonical.json(notify.params()));
      var audit = d.intents().get(1);
      assertTrue(audit.target().isEmpty(), "a target that renders empty is left out");
      assertEquals("{\"action\":\"update\",\"actor\":\"alice\"}", Canonical.json(audit.params()));
      assertFalse(Canonical.json(ContractJson.toJson(d)).contains("hunter2"), "the secret never appears");
    }
    // an intent that breaks the taxonomy (notify without its template) fails its policy closed, not the artifact
    Artifact bad = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"intents\":[{\"kind\":\"notify\","
        + "\"target\":\"x\"}]}", "{\"kind\":\"Policy\",\"id\":\"q\",\"effect\":\"allow\"}");
    Decision d = eval(bad, e);
    assertFalse(d.allow());
    assertEquals(Code.E_POLICY_INVALID_TEMPLATE, d.reasons().get(0).code(), () -> Canonical.json(ContractJson.toJson(d)));
    // the single-match path renders too
    Artifact one = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"deny\",\"intents\":[{\"kind\":\"audit\","
        + "\"target\":\"${object.type}/${object.id}\",\"idempotencyKey\":\"k-${event.id}\",\"params\":{\"actor\":\"${actor.id}\","
        + "\"action\":\"${action}\"}}]}");
    Decision single = eval(one, e);
    assertEquals("order/o-1", single.intents().get(0).target().orElseThrow(), () -> Canonical.json(ContractJson.toJson(single)));
    assertEquals("k-e-7", single.intents().get(0).idempotencyKey().orElseThrow());
  }
}
