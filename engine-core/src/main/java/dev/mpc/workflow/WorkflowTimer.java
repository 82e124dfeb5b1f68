package dev.mpc.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * A pending timer of an instance: the timed transition {@code transition} leaving {@code state}
 * becomes due at {@code dueAt} (entry time of the state plus the transition's timeout). Timers are
 * data: the engine sets them when the state is entered and drops them when it is exited; the
 * host's scheduler asks {@link WorkflowEngine#dueTimeouts} or {@link WorkflowEngine#nextDue} and
 * calls {@link WorkflowEngine#fireDue}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state the state whose entry started the timer
 * @param transition the id of the timed transition
 * @param event the transition's event name (recorded in the history when it fires)
 * @param dueAt when it is due
 */
public record WorkflowTimer(String state, String transition, String event, Instant dueAt) {
  /** Creates a timer. */
  public WorkflowTimer {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** Whether the timer is due at {@code now} ({@code dueAt <= now}). */
  public boolean isDue(Instant now) {
    return !dueAt.isAfter(now);
  }
}
