package dev.mpc.governance;

import static dev.mpc.governance.Governed.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.governance.ActivationResult.Step;
import dev.mpc.governance.Lifecycle.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final String H = "a".repeat(64);

  private static Lifecycle quorum() {
    return Lifecycle.builder().clock(Bundles.at(Bundles.T0)).quorum("Security", 1).quorum("Legal", 1)
        .reviewerRoles("Security", "Legal").build();
  }

  private static Code code(Result<?> r) {
    assertFalse(r.isOk(), () -> "expected a refusal, got " + r);
    return r.diagnostics().get(0).code();
  }

  @Test
  void theChain_withQuorum_recordsEveryTransitionWithActorAndTime() {
    Lifecycle l = quorum();
    assertEquals(State.DRAFT, l.create(SCOPE, H, "alice").orElseThrow().state());
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.create(SCOPE, H, "alice")), "created twice");
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.submit(SCOPE, H, "bob")), "only the author submits");
    assertEquals(State.REVIEW, l.submit(SCOPE, H, "alice").orElseThrow().state());

    assertEquals(Code.E_GOV_STATE_INVALID, code(l.approve(SCOPE, H, "alice", "Security")), "the author never approves");
    Lifecycle.Entry afterSecurity = l.approve(SCOPE, H, "sam", "Security").orElseThrow();
    assertEquals(State.REVIEW, afterSecurity.state(), "Legal is still missing");
    assertEquals(Map.of("Legal", 1), l.missing(afterSecurity.approvals()));
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.approve(SCOPE, H, "sam", "Legal")), "one approval per actor");
    Result<Lifecycle.Entry> early = l.publish(SCOPE, H, "alice");
    assertEquals(Code.E_GOV_QUORUM_INCOMPLETE, code(early));
    assertTrue(early.diagnostics().get(0).message().contains("Legal=1"), early.diagnostics().toString());

    Lifecycle.Entry approved = l.approve(SCOPE, H, "lee", "Legal").orElseThrow();
    assertEquals(State.APPROVED, approved.state());
    assertEquals(List.of("sam", "lee"), approved.approvals().stream().map(Lifecycle.Approval::actor).toList());
    assertEquals(State.PUBLISHED, l.publish(SCOPE, H, "alice").orElseThrow().state());
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.submit(SCOPE, H, "alice")), "no way back");

    Lifecycle.Entry e = l.entry(SCOPE, H).orElseThrow();
    assertEquals(List.of("create", "submit", "approve", "publish"),
        e.history().stream().map(Lifecycle.Transition::event).toList());
    assertEquals(Optional.of(State.APPROVED), e.history().get(3).from());
    assertEquals("lee", e.history().get(2).actor());
    assertEquals(Bundles.T0, e.history().get(2).at());
    assertEquals(State.RETIRED, l.retire(SCOPE, H, "alice").orElseThrow().state());
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.retire(SCOPE, H, "alice")));
  }

  @Test
  void requestChanges_needsAReviewerRole_andResetsTheRound() {
    Lifecycle l = quorum();
    l.create(SCOPE, H, "alice");
    l.submit(SCOPE, H, "alice");
    l.approve(SCOPE, H, "sam", "Security");
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.requestChanges(SCOPE, H, "eve", Set.of("dev"))));
    Lifecycle.Entry back = l.requestChanges(SCOPE, H, "lee", Set.of("Legal")).orElseThrow();
    assertEquals(State.DRAFT, back.state());
    assertEquals(List.of(), back.approvals(), "approvals belong to one review round");
    l.submit(SCOPE, H, "alice");
    assertEquals(State.REVIEW, l.approve(SCOPE, H, "lee", "Legal").orElseThrow().state(), "Security again needed");
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.publish(SCOPE, "b".repeat(64), "alice")), "unknown artifact");
    assertEquals(Code.E_GOV_STATE_INVALID, code(l.retire(SCOPE, H, "alice")), "a Review artifact cannot retire");
  }

  private static void publish(Lifecycle l, String hash) {
    l.create(SCOPE, hash, "alice").orElseThrow();
    l.submit(SCOPE, hash, "alice").orElseThrow();
    l.approve(SCOPE, hash, "sam", "Security").orElseThrow();
    l.approve(SCOPE, hash, "lee", "Legal").orElseThrow();
    l.publish(SCOPE, hash, "alice").orElseThrow();
  }

  @Test
  void theRuntime_activatesOnlyPublished_supersedes_andRollsBackOnlyToDeprecated() {
    Artifact a = Governed.artifact("allow", false, "a");
    Artifact b = Governed.artifact("deny", false, "b");
    Lifecycle l = quorum();
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = s.runtime().lifecycle(l).build().orElseThrow();

    ActivationResult notKnown = rt.activate(SCOPE, Governed.bundle(a), "k1", "ops");
    assertEquals(Code.E_GOV_STATE_INVALID, notKnown.errors().get(0).code());
    assertEquals(Optional.of(Step.LIFECYCLE), notKnown.failedStep());
    l.create(SCOPE, a.hash(), "alice");
    assertEquals(Optional.of(Step.LIFECYCLE), rt.activate(SCOPE, Governed.bundle(a), "k1", "ops").failedStep());
    assertTrue(s.ledger().records().isEmpty());

    l.submit(SCOPE, a.hash(), "alice");
    l.approve(SCOPE, a.hash(), "sam", "Security");
    l.approve(SCOPE, a.hash(), "lee", "Legal");
    l.publish(SCOPE, a.hash(), "alice");
    ActivationResult ok = rt.activate(SCOPE, Governed.bundle(a), "k1", "ops");
    assertTrue(ok.success(), ok::toString);
    assertTrue(ok.completedSteps().contains(Step.LIFECYCLE));
    assertEquals(State.ACTIVE, l.entry(SCOPE, a.hash()).orElseThrow().state());
    assertEquals(Code.E_GOV_STATE_INVALID, l.retire(SCOPE, a.hash(), "alice").diagnostics().get(0).code(),
        "the active artifact cannot retire");

    publish(l, b.hash());
    assertTrue(rt.activate(SCOPE, Governed.bundle(b), "k2", "ops").success());
    assertEquals(State.ACTIVE, l.entry(SCOPE, b.hash()).orElseThrow().state());
    assertEquals(State.DEPRECATED, l.entry(SCOPE, a.hash()).orElseThrow().state());

    assertTrue(rt.rollback(SCOPE, a.hash(), "r1", "oncall").success());
    assertEquals(State.ACTIVE, l.entry(SCOPE, a.hash()).orElseThrow().state());
    assertEquals(State.DEPRECATED, l.entry(SCOPE, b.hash()).orElseThrow().state());
    assertEquals(State.RETIRED, l.retire(SCOPE, b.hash(), "alice").orElseThrow().state());
    ActivationResult toRetired = rt.rollback(SCOPE, b.hash(), "r2", "oncall");
    assertEquals(Optional.of(Step.LIFECYCLE), toRetired.failedStep(), "a retired artifact never comes back");
    assertEquals(Optional.of(a.hash()), toRetired.activeHash());
  }
}
