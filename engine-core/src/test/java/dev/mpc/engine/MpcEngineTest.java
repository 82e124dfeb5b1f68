package dev.mpc.engine;

import static dev.mpc.engine.Fixtures.actor;
import static dev.mpc.engine.Fixtures.event;
import static dev.mpc.engine.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.json.Canonical;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The façade over the checked-in compiled artifact {@code engine-rules} (engine-core classpath only). */
class MpcEngineTest {
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final MpcEngine ENGINE = MpcEngine.builder().clock(FIXED).build().orElseThrow();
  static final Artifact RULES = Fixtures.loaded("engine-rules.artifact.json");

  static List<Code> codes(Decision d) {
    return d.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void editorUpdatesOrder_policyAndRoleAllow_withAuditAndMasksInCodePointOrder() {
    Decision d = ENGINE.evaluate(RULES, event("order.update", actor("u1", "editor"), "order", "o1"));
    assertTrue(d.allow(), d.toString());
    assertEquals(List.of(Code.R_POLICY_ALLOW, Code.R_ACL_ALLOW_ROLE), codes(d));
    assertEquals(List.of("audit:order:k1", "maskField:card:", "maskField:ssn:"), d.intents().stream()
        .map(i -> i.kind().wireName() + ":" + i.target().orElse("") + ":" + i.idempotencyKey().orElse("")).toList());
    Intent audit = d.intents().get(0);
    assertEquals("{\"action\":\"update\",\"actor\":\"a\"}", Canonical.json(audit.params()), "params carried (G-X5)");
    assertEquals(RULES.hash(), d.meta().artifactHash().orElseThrow());
    assertEquals("mpc-jvm", d.meta().engine().orElseThrow());
    assertEquals("0.1.0", d.meta().engineVersion().orElseThrow());
    assertTrue(d.meta().traceSpanId().orElseThrow().matches("[0-9a-f]{16}"), "W3C span-id form");
    assertTrue(d.trace().isEmpty(), "trace NONE by default");
  }

  @Test
  void suspendedActor_deniedByExpressionPolicy() {
    Decision d = ENGINE.evaluate(RULES, event("order.update",
        actor("u1", obj("{\"suspended\":true}"), "editor"), "order", "o1"));
    assertFalse(d.allow());
    assertEquals(List.of(Code.R_POLICY_DENY), codes(d));
  }

  @Test
  void viewerUpdate_aclNoMatch_denies() {
    Decision d = ENGINE.evaluate(RULES, event("order.update", actor("u1", "viewer"), "order", "o1"));
    assertFalse(d.allow());
    assertEquals(List.of(Code.R_ACL_NO_MATCH), codes(d));
  }

  @Test
  void ownerReads_abacExpression_nonOwnerDoesNot() {
    Decision own = ENGINE.evaluate(RULES, event("order.read", actor("u7"), "order", "o1", obj("{\"ownerId\":\"u7\"}")));
    assertTrue(own.allow(), own.toString());
    assertEquals(List.of(Code.R_POLICY_ALLOW, Code.R_ACL_ALLOW_ABAC), codes(own));
    Decision other = ENGINE.evaluate(RULES, event("order.read", actor("u8"), "order", "o1", obj("{\"ownerId\":\"u7\"}")));
    assertEquals(List.of(Code.R_ACL_NO_MATCH), codes(other));
  }

  @Test
  void spanId_correlationIdOrDeterministic_sameInputSameBytes() {
    var e = event("order.update", actor("u1", "editor"), "order", "o1");
    EvaluationOptions full = EvaluationOptions.of(TraceLevel.FULL);
    String a = Canonical.json(ContractJson.toJson(ENGINE.evaluate(RULES, e, full)));
    String b = Canonical.json(ContractJson.toJson(MpcEngine.builder().clock(FIXED).build().orElseThrow()
        .evaluate(RULES, e, full)));
    assertEquals(a, b, "same input + fixed clock: byte-identical");
    Decision c = ENGINE.evaluate(RULES, e, full.withCorrelationId("req-42"));
    assertEquals("req-42", c.meta().traceSpanId().orElseThrow());
    assertEquals("req-42", c.trace().orElseThrow().spanId());
  }

  @Test
  void traceLevels_decisionHasDecidingRules_fullHasSkipsAndExpressionSubResults() {
    var e = event("order.update", actor("u1", "editor"), "order", "o1");
    Decision dec = ENGINE.evaluate(RULES, e, EvaluationOptions.of(TraceLevel.DECISION));
    List<String> ts = dec.trace().orElseThrow().events().stream().map(x -> x.t()).toList();
    assertEquals(List.of("policy.match", "acl.match", "compose"), ts);
    Decision full = ENGINE.evaluate(RULES, e, EvaluationOptions.of(TraceLevel.FULL));
    String json = Canonical.json(ContractJson.toJson(full.trace().orElseThrow()));
    assertTrue(json.contains("\"t\":\"expr.eval\""), json);
    assertTrue(json.contains("\"t\":\"policy.skip\""), json);
    assertTrue(json.contains("\"nodes\":["), json);
    assertTrue(json.contains("\"skippedByIndex\":1"), "allow_read is in another name bucket: " + json);
    assertEquals("2026-01-01T00:00:00Z", full.trace().orElseThrow().events().get(0).at().orElseThrow());
  }

  @Test
  void permissions_actionsWithMasks_agreeWithEvaluate() {
    Permissions p = ENGINE.permissions(RULES, actor("u1", "editor"), "order");
    assertEquals(List.of("update"), List.copyOf(p.allowed()));
    assertEquals(List.of("card", "ssn"), p.masks("update"));
    assertFalse(p.allows("read"));
    for (var e : ENGINE.permissionEvents(RULES, actor("u1", "editor"), "order")) {
      assertEquals(p.allows(dev.mpc.engine.internal.Evaluator.actionOf(e)), ENGINE.evaluate(RULES, e).allow());
    }
  }

  @Test
  void evaluateAll_sameAsOneByOne() {
    var events = List.of(event("order.update", actor("u1", "editor"), "order", "o1"),
        event("order.update", actor("u2", "viewer"), "order", "o2"),
        event("order.update", actor("u3", "editor"), "order", "o3"));
    List<Decision> all = ENGINE.evaluateAll(RULES, events, EvaluationOptions.defaults());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(ENGINE.evaluate(RULES, events.get(i)), all.get(i));
    }
    assertEquals(1, ENGINE.compiledArtifacts());
  }

  @Test
  void compiledFormCache_isBounded_andDecisionsStayCorrect() {
    MpcEngine small = MpcEngine.builder().clock(FIXED).cacheSize(1).build().orElseThrow();
    var e = event("order.update", actor("u1", "editor"), "order", "o1");
    Artifact other = Fixtures.artifact("{\"kind\":\"ACL\",\"id\":\"r\",\"roles\":[\"editor\"]}");
    for (int i = 0; i < 3; i++) {
      assertTrue(small.evaluate(RULES, e).allow());
      assertTrue(small.evaluate(other, e).allow());
    }
    assertTrue(small.compiledArtifacts() <= 1, "bounded: " + small.compiledArtifacts());
  }

  @Test
  void compiledForms_memoisedFirst_thenCached_andEqualArtifactsShareOne() {
    MpcEngine e = MpcEngine.builder().clock(FIXED).build().orElseThrow();
    var ev = event("order.update", actor("u1", "editor"), "order", "o1");
    Artifact a = Fixtures.artifact("{\"kind\":\"ACL\",\"id\":\"a\",\"roles\":[\"editor\"]}");
    Artifact b = Fixtures.artifact("{\"kind\":\"ACL\",\"id\":\"b\",\"roles\":[\"editor\"]}");
    Artifact c = Fixtures.artifact("{\"kind\":\"ACL\",\"id\":\"c\",\"roles\":[\"viewer\"]}");
    Artifact aAgain = Artifact.fromJson(a.toCanonicalJson()).orElseThrow();
    assertEquals(0, e.compiledArtifacts());
    assertTrue(e.evaluate(a, ev).allow());
    assertTrue(e.evaluate(aAgain, ev).allow());
    assertEquals(1, e.compiledArtifacts(), "an equal artifact (another instance) shares the form");
    assertTrue(e.evaluate(b, ev).allow());
    assertEquals(2, e.compiledArtifacts());
    assertFalse(e.evaluate(c, ev).allow());
    assertEquals(3, e.compiledArtifacts(), "the third artifact makes the cache, seeded with the memo");
    for (Artifact x : List.of(a, b, c, aAgain, b)) {
      assertEquals(x != c, e.evaluate(x, ev).allow());
    }
    e.invalidate(b);
    assertEquals(2, e.compiledArtifacts());
    assertTrue(e.evaluate(b, ev).allow(), "rebuilt after invalidation");
  }

  @Test
  void concurrentEvaluations_agree() throws Exception {
    var events = List.of(event("order.update", actor("u1", "editor"), "order", "o1"),
        event("order.read", actor("u7"), "order", "o1", obj("{\"ownerId\":\"u7\"}")),
        event("order.update", actor("u1", obj("{\"suspended\":true}"), "editor"), "order", "o1"));
    List<String> expected = events.stream().map(ev -> Canonical.json(ContractJson.toJson(
        ENGINE.evaluate(RULES, ev, EvaluationOptions.of(TraceLevel.FULL))))).toList();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Boolean>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            int k = i % events.size();
            String got = Canonical.json(ContractJson.toJson(ENGINE.evaluate(RULES, events.get(k),
                EvaluationOptions.of(TraceLevel.FULL))));
            if (!got.equals(expected.get(k))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (var f : fs) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
