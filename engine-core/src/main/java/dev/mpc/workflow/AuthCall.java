package dev.mpc.workflow;

import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link AuthPort} is asked: may {@code actor} fire {@code transition} on this instance?
 *
 * <p>Immutable and thread-safe.
 *
 * @param workflowId the workflow definition's id
 * @param instanceId the instance (the object the transition acts on)
 * @param transition the transition (id, from, to, event, roles, ...)
 * @param eventId the host's event id, if given
 * @param actor who fires
 * @param context the fire's context map, verbatim
 * @param configuration the active configuration
 */
public record AuthCall(String workflowId, String instanceId, TransitionView transition, Optional<String> eventId,
    Actor actor, JsonObject context, List<String> configuration) {
  /** Creates a call. */
  public AuthCall {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(context, "context");
    configuration = List.copyOf(configuration);
  }

  /** The event name. */
  public String event() {
    return transition.event();
  }
}
