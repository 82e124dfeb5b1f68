package dev.mpc.workflow;

import dev.mpc.engine.TraceLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call options of {@link WorkflowEngine#fire(dev.mpc.artifact.Artifact, WorkflowInstance, String,
 * dev.mpc.contract.Actor, dev.mpc.json.JsonObject, FireOptions)}.
 *
 * @param eventId the host's id of this event: firing the same id again on the instance (within its
 *     idempotency window) returns the first result as a recorded no-op; empty: no idempotency
 * @param traceLevel how much the result's trace records (the levels of decisions)
 * @param correlationId the host's correlation id: the trace span id and {@code meta.traceSpanId}
 */
public record FireOptions(Optional<String> eventId, TraceLevel traceLevel, Optional<String> correlationId) {
  private static final FireOptions DEFAULTS = new FireOptions(Optional.empty(), TraceLevel.NONE, Optional.empty());

  /** Creates options; ids must not be blank. */
  public FireOptions {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(traceLevel, "traceLevel");
    Objects.requireNonNull(correlationId, "correlationId");
    if (eventId.isPresent() && eventId.get().isBlank()) {
      throw new IllegalArgumentException("eventId must not be blank");
    }
    if (correlationId.isPresent() && correlationId.get().isBlank()) {
      throw new IllegalArgumentException("correlationId must not be blank");
    }
  }

  /** No event id, no trace, no correlation id. */
  public static FireOptions defaults() {
    return DEFAULTS;
  }

  /** Options with event id {@code eventId}. */
  public static FireOptions eventId(String eventId) {
    return new FireOptions(Optional.of(eventId), TraceLevel.NONE, Optional.empty());
  }

  /** These options with trace level {@code level}. */
  public FireOptions withTrace(TraceLevel level) {
    return new FireOptions(eventId, level, correlationId);
  }

  /** These options with event id {@code id}. */
  public FireOptions withEventId(String id) {
    return new FireOptions(Optional.of(id), traceLevel, correlationId);
  }

  /** These options with correlation id {@code id}. */
  public FireOptions withCorrelationId(String id) {
    return new FireOptions(eventId, traceLevel, Optional.of(id));
  }
}
