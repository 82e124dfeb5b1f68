package dev.mpc.expr;

import dev.mpc.json.JsonValue;
import java.util.Objects;

/**
 * One record of an evaluation trace: a node that finished evaluating, in post-order (children
 * before their parent).
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the IR node kind, e.g. {@code ExprCall}
 * @param value the node's value
 * @param type the node's static type
 */
public record TraceEntry(String node, JsonValue value, String type) {
  /** Creates an entry. */
  public TraceEntry {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
  }
}
