package dev.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.ContractArbitraries;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.json.Canonical;
import dev.mpc.preset.ComposeStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link DecisionComposer}. */
class DecisionComposerProperties {

  @Provide
  Arbitrary<List<Decision>> decisionLists() {
    return ContractArbitraries.decisions().list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<Decision> denies() {
    return ContractArbitraries.decisions().map(d -> new Decision(false, d.reasons(), d.messages(), d.intents(), d.trace(), d.meta()));
  }

  @Provide
  Arbitrary<ComposeStrategy> strategies() {
    return Arbitraries.of(ComposeStrategy.class);
  }

  @Property(tries = 500)
  void denyWins_addingADenyNeverAllows(@ForAll("decisionLists") List<Decision> ds, @ForAll("denies") Decision deny,
      @ForAll @IntRange(min = 0, max = 5) int at) {
    DecisionComposer c = DecisionComposer.standard();
    Decision before = c.compose(ds);
    List<Decision> more = new ArrayList<>(ds);
    more.add(Math.min(at, more.size()), deny);
    Decision after = c.compose(more);
    assertFalse(after.allow(), "a deny under deny-wins always denies");
    if (!before.allow()) {
      assertFalse(after.allow());
    }
  }

  @Property(tries = 500)
  void compose_isDeterministic_andNeverThrows(@ForAll("decisionLists") List<Decision> ds, @ForAll("strategies") ComposeStrategy s) {
    Decision a = DecisionComposer.of(s).compose(ds);
    Decision b = DecisionComposer.of(s).compose(List.copyOf(new ArrayList<>(ds)));
    assertEquals(Canonical.json(ContractJson.toJson(a)), Canonical.json(ContractJson.toJson(b)));
  }

  @Property(tries = 500)
  void intents_deduplicated_firstOccurrenceKept_inOrder(@ForAll("decisionLists") List<Decision> ds) {
    List<Decision> allows = new ArrayList<>();
    List<Intent> concat = new ArrayList<>();
    for (Decision d : ds) {
      if (!d.reasons().isEmpty()) {
        allows.add(new Decision(true, d.reasons(), d.messages(), d.intents(), Optional.empty(), d.meta()));
        concat.addAll(d.intents());
      }
    }
    if (allows.isEmpty()) {
      return;
    }
    List<Intent> got = DecisionComposer.standard().compose(allows).intents();
    assertEquals(Intent.deduplicate(concat), got);
    Set<List<Object>> keys = new HashSet<>();
    int from = 0;
    for (Intent i : got) {
      assertTrue(keys.add(List.of(i.kind(), i.target(), i.idempotencyKey())), "no duplicates");
      int idx = indexOfIdentity(concat, i, from);
      assertTrue(idx >= 0, "order preserved");
      for (int j = 0; j < idx; j++) {
        Intent earlier = concat.get(j);
        assertFalse(earlier.kind() == i.kind() && earlier.target().equals(i.target())
            && earlier.idempotencyKey().equals(i.idempotencyKey()), "the first occurrence is kept");
      }
      from = idx + 1;
    }
  }

  private static int indexOfIdentity(List<Intent> list, Intent i, int from) {
    for (int j = from; j < list.size(); j++) {
      if (list.get(j) == i) {
        return j;
      }
    }
    return -1;
  }

  @Property(tries = 300)
  void denyWins_deny_carriesNoIntentOfAnAllowingDecision_butAudits(@ForAll("decisionLists") List<Decision> ds) {
    Decision out = DecisionComposer.standard().compose(ds);
    if (out.allow()) {
      return;
    }
    Set<Intent> allowed = new HashSet<>();
    Set<Intent> denied = new HashSet<>();
    for (Decision d : ds) {
      (d.allow() ? allowed : denied).addAll(d.intents());
    }
    for (Intent i : out.intents()) {
      assertTrue(denied.contains(i) || i.kind() == IntentKind.AUDIT || !allowed.contains(i), i.toString());
    }
  }
}
