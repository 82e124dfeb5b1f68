package dev.mpc.bench.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import dev.mpc.bench.rbac.sapl.SaplPeer;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.casbin.jcasbin.main.Enforcer;
import org.junit.jupiter.api.Test;

/**
 * Every engine of the RBAC decision benchmarks answers every request of both scenarios exactly as
 * the scenario's reference does, and the reference agrees with the hand-written answers.
 */
class RbacPeersTest {

  private static final RbacScenario BASE = RbacScenario.base();
  private static final RbacScenario SCALED = RbacScenario.scaled();

  @Test
  void scenarios_haveTheAdvertisedSize() {
    assertEquals(10, BASE.rules().size());
    assertEquals(3, BASE.roles().size());
    assertEquals(10_000, SCALED.rules().size());
    assertEquals(1_000, SCALED.roles().size());
    assertEquals(Set.of("admin", "editor", "viewer"), BASE.closure("admin"));
    assertEquals(Set.of("role0003", "role0004", "role0005", "role0006", "role0007"), SCALED.closure("role0007"));
  }

  @Test
  void reference_matchesHandWrittenAnswers_andScaledKeepsThem() {
    assertEquals(13, BASE.handWritten().size());
    BASE.handWritten().forEach((r, allowed) -> {
      assertEquals(allowed, BASE.expected(r), r::toString);
      assertEquals(allowed, SCALED.expected(r), r::toString);
    });
    assertTrue(BASE.expected(RbacScenario.BENCH_REQUEST));
  }

  @Test
  void scaled_generatedRequests_mixAllowAndDeny() {
    Map<RbacScenario.Request, Boolean> generated = answers(SCALED, SCALED::expected);
    generated.keySet().removeAll(SCALED.handWritten().keySet());
    assertEquals(8, generated.size());
    assertTrue(generated.containsValue(true), generated::toString);
    assertTrue(generated.containsValue(false), generated::toString);
  }

  @Test
  void floor_answersLikeTheReference() {
    for (RbacScenario s : new RbacScenario[] {BASE, SCALED}) {
      JavaFloor floor = JavaFloor.build(s);
      assertEquals(answers(s, s::expected), answers(s, r -> floor.decide(JavaFloor.rolesOf(s, r), r.resource(),
          r.action())), s.name());
    }
  }

  @Test
  void jcasbin_answersLikeTheReference() {
    for (RbacScenario s : new RbacScenario[] {BASE, SCALED}) {
      Enforcer e = CasbinPeer.build(PeerTexts.CASBIN_MODEL, PeerTexts.casbinPolicy(s));
      assertEquals(answers(s, s::expected), answers(s, r -> CasbinPeer.decide(e, r)), s.name());
    }
  }

  @Test
  void cedar_answersLikeTheReference() throws Exception {
    BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    for (RbacScenario s : new RbacScenario[] {BASE, SCALED}) {
      PolicySet set = CedarPeer.build(PeerTexts.cedarPolicies(s));
      assertTrue(set.cacheKey().isPresent(), "policy set cached on the native side");
      Map<String, Set<Entity>> entities = CedarPeer.entities(s);
      Map<RbacScenario.Request, Boolean> got = new LinkedHashMap<>();
      for (RbacScenario.Request r : s.requests()) {
        got.put(r, CedarPeer.decide(engine, set, CedarPeer.prepare(entities, r)));
      }
      assertEquals(answers(s, s::expected), got, s.name());
    }
  }

  @Test
  void mpc_answersLikeTheReference() {
    for (RbacScenario s : new RbacScenario[] {BASE, SCALED}) {
      dev.mpc.artifact.Artifact artifact = MpcPeer.compile(MpcPeer.manifest(s));
      dev.mpc.engine.MpcEngine engine = MpcPeer.engine();
      assertEquals(answers(s, s::expected), answers(s, r -> MpcPeer.decide(engine, artifact, MpcPeer.event(s, r))),
          s.name());
      assertTrue(MpcPeer.decide(engine, artifact, MpcPeer.event(s, RbacScenario.BENCH_REQUEST)), s.name());
    }
  }

  @Test
  void mpc_batch_answersLikeTheReference() {
    RbacScenario s = RbacScenario.batch();
    dev.mpc.artifact.Artifact artifact = MpcPeer.compile(MpcPeer.manifest(s));
    dev.mpc.engine.MpcEngine engine = MpcPeer.engine();
    java.util.List<RbacScenario.Request> rs = s.batchRequests();
    java.util.List<dev.mpc.contract.Decision> ds = engine.evaluateAll(artifact,
        rs.stream().map(r -> MpcPeer.event(s, r)).toList(), MpcPeer.NONE);
    assertEquals(rs.size(), ds.size());
    int allowed = 0;
    for (int i = 0; i < rs.size(); i++) {
      assertEquals(s.expected(rs.get(i)), ds.get(i).allow(), rs.get(i)::toString);
      allowed += ds.get(i).allow() ? 1 : 0;
    }
    assertTrue(allowed > 0 && allowed < rs.size(), "the batch mixes allow and deny: " + allowed);
  }

  @Test
  void sapl_answersLikeTheReference() throws Exception {
    for (RbacScenario s : new RbacScenario[] {BASE, SCALED}) {
      EmbeddedPolicyDecisionPoint pdp = SaplPeer.build(PeerTexts.saplDocuments(s));
      try {
        assertEquals(answers(s, s::expected), answers(s, r -> SaplPeer.decide(pdp, SaplPeer.subscription(s, r))),
            s.name());
      } finally {
        pdp.destroy();
      }
    }
  }

  private static Map<RbacScenario.Request, Boolean> answers(RbacScenario s,
      java.util.function.Predicate<RbacScenario.Request> engine) {
    Map<RbacScenario.Request, Boolean> out = new LinkedHashMap<>();
    for (RbacScenario.Request r : s.requests()) {
      out.put(r, engine.test(r));
    }
    return out;
  }
}
