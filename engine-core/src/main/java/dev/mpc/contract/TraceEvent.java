package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One step recorded in a {@link Trace}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param t non-empty event type (e.g. {@code policy.match})
 * @param at timestamp, if recorded (non-empty when present)
 * @param data what the step looked at; empty when none
 * @param result what the step concluded; empty when none
 * @param durationMs how long it took, if measured (at least 0)
 */
public record TraceEvent(String t, Optional<String> at, JsonObject data, JsonObject result, Optional<Double> durationMs) {
  /** Creates a trace event. */
  public TraceEvent {
    Contracts.requireNonEmpty(t, "TraceEvent.t");
    Objects.requireNonNull(at, "TraceEvent.at");
    at.ifPresent(a -> Contracts.requireNonEmpty(a, "TraceEvent.at"));
    Objects.requireNonNull(data, "TraceEvent.data");
    Objects.requireNonNull(result, "TraceEvent.result");
    Objects.requireNonNull(durationMs, "TraceEvent.durationMs");
    durationMs.ifPresent(d -> {
      if (!(d >= 0) || d.isInfinite()) {
        throw new IllegalArgumentException("TraceEvent.durationMs must be a finite number >= 0, got " + d);
      }
    });
  }

  /** An event with only a type and data. */
  public static TraceEvent of(String t, JsonObject data) {
    return new TraceEvent(t, Optional.empty(), data, JsonObject.EMPTY, Optional.empty());
  }
}
