package dev.mpc.workflow;

import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an instance's append-only transition history: what produced version
 * {@link #version()} of the instance. Every {@link WorkflowEngine} operation that changes an
 * instance (start, a fire that is not a replay, a timer, a variables update) yields exactly one
 * record, carried by the new instance as {@link WorkflowInstance#lastRecord()}; a
 * {@link WorkflowStore} appends it when it saves that instance. Versions of one instance's history
 * are therefore 0, 1, 2, ... with no gap and no duplicate, and
 * {@link WorkflowEngine#replay} rebuilds the instance from them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the instance version this record produced (0 for {@link Kind#START})
 * @param kind what happened
 * @param eventId the host's event id, if given (idempotency key of the fire)
 * @param event the event name ({@code ""} for start and variables records)
 * @param actorId the actor's id, if an actor fired it
 * @param at when (the engine's clock, or the {@code now} given to {@link WorkflowEngine#fireDue})
 * @param from the active configuration before
 * @param to the active configuration after (equal to {@code from} when not allowed)
 * @param allowed whether the event was accepted (a transition taken, or an ignored trigger)
 * @param steps the transitions taken, in execution order, each with its resolved target
 * @param reasons why, in evaluation order
 * @param errors coded errors (non-empty exactly when not allowed)
 * @param intents the intents of the actions, in execution order (exits, transition actions, entries)
 * @param variables the instance variables after this record (start and variables records set them)
 */
public record TransitionRecord(long version, Kind kind, Optional<String> eventId, String event,
    Optional<String> actorId, Instant at, List<String> from, List<String> to, boolean allowed, List<Step> steps,
    List<Reason> reasons, List<Diagnostic> errors, List<Intent> intents, JsonObject variables) {

  /** What a record records. */
  public enum Kind {
    /** The instance was started. */
    START,
    /** An event was fired by an actor. */
    EVENT,
    /** A due timer fired its timed transition. */
    TIMEOUT,
    /** The host replaced the instance variables. */
    VARIABLES
  }

  /**
   * One transition taken.
   *
   * @param transition the transition's id
   * @param target the state it entered (for a dynamic transition, the computed one)
   */
  public record Step(String transition, String target) {
    /** Creates a step. */
    public Step {
      Objects.requireNonNull(transition, "transition");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Creates a record. */
  public TransitionRecord {
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, got " + version);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(at, "at");
    from = from instanceof dev.mpc.workflow.internal.StateList ? from : List.copyOf(from);
    to = to instanceof dev.mpc.workflow.internal.StateList ? to : List.copyOf(to);
    steps = List.copyOf(steps);
    reasons = List.copyOf(reasons);
    errors = List.copyOf(errors);
    intents = List.copyOf(intents);
    Objects.requireNonNull(variables, "variables");
  }
}
