package dev.mpc.bench.workflow;

import dev.mpc.contract.Intent;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.squirrelframework.foundation.fsm.AnonymousAction;
import org.squirrelframework.foundation.fsm.Condition;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * The Squirrel FSM side of {@code WorkflowBenchmark} ({@code org.squirrelframework:squirrel-foundation}
 * 0.3.10): {@link ApprovalScenario} with enum states and events, a typed machine, one
 * {@link Condition} per transition (the actor's roles, carried by the fire's context, must hold the
 * transition's role) and one action that sets the transition's intent on the context. A machine is
 * Squirrel's mutable per-instance object ({@link StateMachineBuilder#newStateMachine}); a transition is
 * {@code machine.fire(event, context)}.
 */
public final class SquirrelApproval {
  private SquirrelApproval() {}

  /** The states. */
  public enum S { DRAFT, SUBMITTED, APPROVED, REJECTED }

  /** The events. */
  public enum E { SUBMIT, APPROVE, REJECT, REVISE }

  /** The fire's context: the actor's roles in, the action's intents out. */
  public static final class Ctx {
    final Set<String> roles;
    List<Intent> intents = List.of();

    /** A context for an actor with {@code roles}. */
    public Ctx(Set<String> roles) {
      this.roles = roles;
    }

    /** The intents the fired transition's action produced. */
    public List<Intent> intents() {
      return intents;
    }
  }

  /** The typed machine (Squirrel instantiates it reflectively). */
  public static class ApprovalMachine extends AbstractStateMachine<ApprovalMachine, S, E, Ctx> {
    /** Squirrel's constructor. */
    public ApprovalMachine() {}
  }

  /** The event enum of an event name. */
  public static E event(String name) {
    return E.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static S state(String name) {
    return S.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The builder of {@link ApprovalScenario} (Squirrel prepares it on the first new machine). */
  public static StateMachineBuilder<ApprovalMachine, S, E, Ctx> builder() {
    StateMachineBuilder<ApprovalMachine, S, E, Ctx> b = StateMachineBuilderFactory.create(ApprovalMachine.class, S.class,
        E.class, Ctx.class);
    for (ApprovalScenario.Transition t : ApprovalScenario.TRANSITIONS) {
      List<Intent> intents = List.of(ApprovalScenario.intent(t.action()));
      String role = t.role();
      b.externalTransition().from(state(t.from())).to(state(t.to())).on(event(t.event())).when(new Condition<Ctx>() {
        @Override
        public boolean isSatisfied(Ctx c) {
          return c.roles.contains(role);
        }

        @Override
        public String name() {
          return "role:" + role;
        }
      }).perform(new AnonymousAction<ApprovalMachine, S, E, Ctx>() {
        @Override
        public void execute(S from, S to, E event, Ctx c, ApprovalMachine machine) {
          c.intents = intents;
        }
      });
    }
    b.defineFinalState(S.APPROVED);
    return b;
  }

  /** A new machine in {@code draft}, started. */
  public static ApprovalMachine start(StateMachineBuilder<ApprovalMachine, S, E, Ctx> builder) {
    ApprovalMachine m = builder.newStateMachine(S.DRAFT);
    m.start();
    return m;
  }
}
