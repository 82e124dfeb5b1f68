package dev.mpc.expr;

import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful evaluation with its accounting.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the value
 * @param type the expression's static type (not the value's run-time type)
 * @param steps steps charged
 * @param regexOps regex operations used
 * @param trace the post-order node trace when requested, else empty
 */
public record Evaluation(JsonValue value, ExprType type, int steps, int regexOps, List<TraceEntry> trace) {
  /** Creates an evaluation record. */
  public Evaluation {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    trace = List.copyOf(trace);
  }
}
