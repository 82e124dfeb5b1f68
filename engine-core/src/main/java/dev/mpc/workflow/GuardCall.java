package dev.mpc.workflow;

import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link GuardPort} is asked: may named guard {@code guard} of {@code transition} pass for
 * this event, actor and context?
 *
 * <p>Immutable and thread-safe.
 *
 * @param guard the guard's name (the transition's {@code named_guard})
 * @param workflowId the workflow definition's id
 * @param instanceId the instance's id
 * @param transition the transition being considered (id, from, to, event, guard expression, ...)
 * @param eventId the host's event id, if given
 * @param actor who fires (the timer actor {@link WorkflowEngine#TIMER_ACTOR} for timed transitions)
 * @param context the fire's context map, verbatim
 * @param variables the instance variables
 * @param configuration the active configuration
 */
public record GuardCall(String guard, String workflowId, String instanceId, TransitionView transition,
    Optional<String> eventId, Actor actor, JsonObject context, JsonObject variables, List<String> configuration) {
  /** Creates a call. */
  public GuardCall {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(variables, "variables");
    configuration = List.copyOf(configuration);
  }

  /** The event name. */
  public String event() {
    return transition.event();
  }
}
