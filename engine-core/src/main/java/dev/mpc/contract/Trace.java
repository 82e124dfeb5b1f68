package dev.mpc.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine did to reach a decision, for audit and replay.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spanId non-empty id of this trace span
 * @param parentSpanId the enclosing span, if any (non-empty when present)
 * @param engine non-empty engine identifier, e.g. {@code core-policy}
 * @param events the recorded steps, in order (may be empty)
 */
public record Trace(String spanId, Optional<String> parentSpanId, String engine, List<TraceEvent> events) {
  /** Creates a trace. */
  public Trace {
    Contracts.requireNonEmpty(spanId, "Trace.spanId");
    Objects.requireNonNull(parentSpanId, "Trace.parentSpanId");
    parentSpanId.ifPresent(p -> Contracts.requireNonEmpty(p, "Trace.parentSpanId"));
    Contracts.requireNonEmpty(engine, "Trace.engine");
    events = List.copyOf(events);
  }
}
