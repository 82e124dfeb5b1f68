package dev.mpc.expr.internal;

import dev.mpc.json.JsonValue;

/**
 * A compiled evaluator node: part of a closure tree built once per expression, specialised by
 * static type. Nodes hold no mutable state and are shared between threads. Internal.
 */
public abstract class Node {
  /** Evaluates to a value. */
  public abstract JsonValue eval(Frame f);

  /** Evaluates to the truthiness of the value; boolean nodes override this to avoid boxing. */
  public boolean test(Frame f) {
    return Values.truthy(eval(f));
  }

  /** Whether this node is a constant. */
  public boolean isConstant() {
    return false;
  }
}
