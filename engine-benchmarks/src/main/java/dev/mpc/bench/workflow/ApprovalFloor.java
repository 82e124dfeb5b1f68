package dev.mpc.bench.workflow;

import dev.mpc.contract.Intent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-written floor of {@code WorkflowBenchmark}: states and events interned to ints, a
 * (state × event) table of transitions, roles as a bit mask (computed once per actor), each
 * transition's intent prebuilt; an instance is an immutable record, so a transition allocates the
 * next one, as MPC's does. No history, no reasons, no trace: the least a transition can cost.
 */
public final class ApprovalFloor {
  /** An immutable instance: state index, version, and the intents of the last transition. */
  public record Instance(int state, long version, List<Intent> intents) {}

  private record Tr(int to, long roles, List<Intent> intents) {}

  private final Map<String, Integer> events = new HashMap<>();
  private final Map<String, Integer> roles = new HashMap<>();
  private final Tr[][] table;

  /** The floor of {@link ApprovalScenario}. */
  public ApprovalFloor() {
    for (ApprovalScenario.Transition t : ApprovalScenario.TRANSITIONS) {
      events.putIfAbsent(t.event(), events.size());
      roles.putIfAbsent(t.role(), roles.size());
    }
    table = new Tr[ApprovalScenario.STATES.size()][events.size()];
    for (ApprovalScenario.Transition t : ApprovalScenario.TRANSITIONS) {
      table[ApprovalScenario.STATES.indexOf(t.from())][events.get(t.event())] = new Tr(
          ApprovalScenario.STATES.indexOf(t.to()), 1L << roles.get(t.role()), List.of(ApprovalScenario.intent(t.action())));
    }
  }

  /** The role mask of an actor's roles (once per actor). */
  public long mask(List<String> actorRoles) {
    long m = 0;
    for (String r : actorRoles) {
      Integer i = roles.get(r);
      if (i != null) {
        m |= 1L << i;
      }
    }
    return m;
  }

  /** The start instance (draft). */
  public Instance start() {
    return new Instance(0, 0, List.of());
  }

  /** Fires {@code event}: the next instance, or the same state one version on with no intent when denied. */
  public Instance fire(Instance i, String event, long actorRoles) {
    Integer e = events.get(event);
    Tr t = e == null ? null : table[i.state()][e];
    if (t == null || (t.roles() & actorRoles) == 0) {
      return new Instance(i.state(), i.version() + 1, List.of());
    }
    return new Instance(t.to(), i.version() + 1, t.intents());
  }

  /** The state name of an instance. */
  public static String state(Instance i) {
    return ApprovalScenario.STATES.get(i.state());
  }
}
