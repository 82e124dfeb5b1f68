package dev.mpc.expr.internal;

import dev.mpc.expr.Bindings;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;

/**
 * A compiled evaluator node: part of a closure tree built once per expression, specialised by
 * static type. Nodes hold no mutable state and are shared between threads. Every evaluation method
 * takes the evaluation's {@link Frame} (budgets, trace) and its variables. Internal.
 */
public abstract class Node {
  /** Evaluates to a value. */
  public abstract JsonValue eval(Frame f, Bindings vars);

  /** Evaluates to the truthiness of the value; boolean nodes override this to avoid boxing. */
  public boolean test(Frame f, Bindings vars) {
    return Values.truthy(eval(f, vars));
  }

  /**
   * Evaluates, returning the value as a {@code long} when it is an int that fits in 64 bits;
   * otherwise records the value with {@link Frame#miss} and returns 0. The caller must call
   * {@link Frame#takeMiss} right after. Same steps, trace and errors as {@link #eval}; this only
   * lets operators on {@code any}-typed operands skip boxing intermediate ints.
   */
  long evalNum(Frame f, Bindings vars) {
    JsonValue v = eval(f, vars);
    if (v instanceof JsonInt i) {
      BigInteger b = i.value();
      if (b.bitLength() < 64) {
        return b.longValue();
      }
    }
    f.miss(v);
    return 0;
  }

  /** Whether this node is a constant. */
  public boolean isConstant() {
    return false;
  }
}
