package dev.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import dev.mpc.preset.ComposeStrategy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionComposerTest {
  private static final Decision POLICY_ALLOW = Decision.allow(List.of(Reason.of(Code.R_POLICY_ALLOW)))
      .withIntents(List.of(Intent.of(IntentKind.NOTIFY, "ops"), Intent.of(IntentKind.AUDIT, "order-1")));
  private static final Decision ACL_DENY = Decision.deny(List.of(Reason.of(Code.R_ACL_DENY_ROLE)))
      .withIntents(List.of(Intent.of(IntentKind.REVOKE, "session-1")));
  private static final Decision ACL_ALLOW = Decision.allow(List.of(Reason.of(Code.R_ACL_ALLOW_ROLE)))
      .withIntents(List.of(Intent.of(IntentKind.MASK_FIELD, "ssn"), Intent.of(IntentKind.NOTIFY, "ops")));
  private static final Decision EMPTY_ALLOW = Decision.allow(List.of());
  private static final Decision BARE_DENY = Decision.deny(List.of());

  private static String json(Decision d) {
    return Canonical.json(ContractJson.toJson(d));
  }

  private static Decision compose(ComposeStrategy s, Decision... ds) {
    return DecisionComposer.of(s).compose(List.of(ds));
  }

  @Test
  void denyWins_keepsOnlyDenyingReasonsAndIntents_plusAudit() {
    Decision d = compose(ComposeStrategy.DENY_WINS, POLICY_ALLOW, ACL_DENY);
    assertFalse(d.allow());
    assertEquals(List.of(Reason.of(Code.R_ACL_DENY_ROLE)), d.reasons());
    assertEquals(List.of(Intent.of(IntentKind.AUDIT, "order-1"), Intent.of(IntentKind.REVOKE, "session-1")), d.intents(),
        "G-C1: the allow branch's notify is dropped, its audit kept");
  }

  @Test
  void denyWins_allAllow_allReasons_dedupedIntents() {
    Decision d = compose(ComposeStrategy.DENY_WINS, ACL_ALLOW, POLICY_ALLOW);
    assertTrue(d.allow());
    assertEquals(List.of(Reason.of(Code.R_ACL_ALLOW_ROLE), Reason.of(Code.R_POLICY_ALLOW)), d.reasons());
    assertEquals(List.of(Intent.of(IntentKind.MASK_FIELD, "ssn"), Intent.of(IntentKind.NOTIFY, "ops"),
        Intent.of(IntentKind.AUDIT, "order-1")), d.intents());
  }

  @Test
  void denyWithoutReasons_stillDenies_allowWithoutReasons_doesNotCount() {
    assertFalse(compose(ComposeStrategy.DENY_WINS, POLICY_ALLOW, BARE_DENY).allow());
    assertFalse(compose(ComposeStrategy.FIRST_APPLICABLE, BARE_DENY, POLICY_ALLOW).allow(), "G-C2: a bare deny applies");
    assertTrue(compose(ComposeStrategy.FIRST_APPLICABLE, EMPTY_ALLOW, POLICY_ALLOW).reasons().contains(Reason.of(Code.R_POLICY_ALLOW)));
  }

  @Test
  void nothingApplicable_deniesByDefault_configurable() {
    for (ComposeStrategy s : ComposeStrategy.values()) {
      Decision none = compose(s);
      assertFalse(none.allow(), s.wireName());
      assertEquals(Code.R_COMPOSE_NOT_APPLICABLE, none.reasons().get(0).code());
      assertFalse(compose(s, EMPTY_ALLOW, EMPTY_ALLOW).allow(), s.wireName());
    }
    DecisionComposer open = DecisionComposer.builder().whenNothingApplicable(Decision.allow(List.of())).build().orElseThrow();
    assertTrue(open.compose(List.of()).allow());
  }

  @Test
  void allowWins_anyPermitAllows_allReasons() {
    Decision d = compose(ComposeStrategy.ALLOW_WINS, ACL_ALLOW, ACL_DENY);
    assertTrue(d.allow());
    assertEquals(List.of(Reason.of(Code.R_ACL_ALLOW_ROLE), Reason.of(Code.R_ACL_DENY_ROLE)), d.reasons());
    assertEquals(List.of(Intent.of(IntentKind.MASK_FIELD, "ssn"), Intent.of(IntentKind.NOTIFY, "ops")), d.intents());
    assertFalse(compose(ComposeStrategy.ALLOW_WINS, ACL_DENY, BARE_DENY).allow());
  }

  @Test
  void firstApplicable_firstCountingDecisionAsIs() {
    Decision d = compose(ComposeStrategy.FIRST_APPLICABLE, EMPTY_ALLOW, ACL_DENY, POLICY_ALLOW);
    assertEquals(json(ACL_DENY), json(d));
  }

  @Test
  void onlyOne_conflictKeepsTheConflictingReasonsInData() {
    Decision d = compose(ComposeStrategy.ONLY_ONE, POLICY_ALLOW, ACL_DENY, EMPTY_ALLOW);
    assertFalse(d.allow());
    assertEquals(1, d.reasons().size());
    Reason r = d.reasons().get(0);
    assertEquals(Code.R_COMPOSE_CONFLICT, r.code());
    assertEquals("{\"decisions\":[{\"allow\":true,\"reasons\":[{\"code\":\"R_POLICY_ALLOW\"}]},"
        + "{\"allow\":false,\"reasons\":[{\"code\":\"R_ACL_DENY_ROLE\"}]}]}", Canonical.json(r.data()));
    assertEquals(List.of(Intent.of(IntentKind.AUDIT, "order-1")), d.intents());
    assertEquals(json(ACL_DENY), json(compose(ComposeStrategy.ONLY_ONE, EMPTY_ALLOW, ACL_DENY)));
  }

  @Test
  void unknownStrategy_isABuildError() {
    Result<DecisionComposer> r = DecisionComposer.builder().strategy("deny-overrides").build();
    assertFalse(r.isOk());
    assertEquals(Code.E_PARSE_INVALID_TOKEN, r.diagnostics().get(0).code());
    assertTrue(r.diagnostics().get(0).message().contains("deny-overrides"));
    assertEquals(ComposeStrategy.ONLY_ONE, DecisionComposer.parseStrategy("only-one").orElseThrow());
  }

  @Test
  void anyOutcomeKinds_configurable() {
    DecisionComposer strict = DecisionComposer.builder().intentsForAnyOutcome(Set.of()).build().orElseThrow();
    assertEquals(List.of(Intent.of(IntentKind.REVOKE, "session-1")), strict.compose(List.of(POLICY_ALLOW, ACL_DENY)).intents());
  }

  @Test
  void votes_explicitNotApplicable_andConsistencyChecked() {
    DecisionComposer c = DecisionComposer.standard();
    Decision d = c.composeVotes(List.of(new DecisionComposer.Vote(DecisionComposer.Effect.NOT_APPLICABLE, ACL_DENY),
        DecisionComposer.Vote.of(POLICY_ALLOW)));
    assertTrue(d.allow());
    assertThrows(IllegalArgumentException.class, () -> new DecisionComposer.Vote(DecisionComposer.Effect.PERMIT, ACL_DENY));
    assertEquals(Optional.empty(), d.trace());
  }
}
