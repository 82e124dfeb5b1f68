package dev.mpc.bench.workflow;

import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The approval workflow of {@code WorkflowBenchmark}, the same in every engine: states
 * {@code draft}, {@code submitted}, {@code approved} (final), {@code rejected}; transitions
 * {@code submit} (draft → submitted, role {@code clerk}), {@code approve} and {@code reject}
 * (submitted → approved / rejected, role {@code manager}) and {@code revise} (rejected → draft,
 * role {@code clerk}); each transition runs one action, the intent {@code transform} on the
 * instance with {@code operation} = the transition's action name. The timed loop is the cycle
 * submit → reject → revise, which returns to {@code draft} (so a mutable machine can loop).
 */
public final class ApprovalScenario {
  private ApprovalScenario() {}

  /** The states, in declaration order. */
  public static final List<String> STATES = List.of("draft", "submitted", "approved", "rejected");

  /** One transition: from, event, to, required role, action name. */
  public record Transition(String from, String event, String to, String role, String action) {}

  /** The transitions, in declaration order. */
  public static final List<Transition> TRANSITIONS = List.of(
      new Transition("draft", "submit", "submitted", "clerk", "lock"),
      new Transition("submitted", "approve", "approved", "manager", "ship"),
      new Transition("submitted", "reject", "rejected", "manager", "notifyRejection"),
      new Transition("rejected", "revise", "draft", "clerk", "unlock"));

  /** The timed cycle of events (back to draft after the last). */
  public static final List<String> CYCLE = List.of("submit", "reject", "revise");

  /** The states after each event of {@link #CYCLE}. */
  public static final List<String> CYCLE_STATES = List.of("submitted", "rejected", "draft");

  /** The instance the benchmarks run. */
  public static final String INSTANCE_ID = "order-42";

  /** The actor's id; it holds both roles. */
  public static final String ACTOR = "u-1";

  /** The roles of the actor who may fire every transition. */
  public static final List<String> ROLES = List.of("clerk", "manager");

  /** The transition with {@code event}. */
  public static Transition transition(String event) {
    return TRANSITIONS.stream().filter(t -> t.event().equals(event)).findFirst().orElseThrow();
  }

  /** The intent a transition's action yields (what every engine must produce, one per transition). */
  public static Intent intent(String action) {
    return new Intent(IntentKind.TRANSFORM, Optional.of(INSTANCE_ID), JsonObject.builder().put("operation", action)
        .build(), Optional.empty());
  }
}
