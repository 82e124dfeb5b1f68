package dev.mpc.expr;

import dev.mpc.json.JsonValue;
import java.util.List;

/**
 * A host-implemented expression function. It receives the evaluated arguments, already checked
 * against its declared parameter types, and returns a value of its declared return type.
 *
 * <p>Implementations must be side-effect free, deterministic and thread-safe. To fail, throw
 * {@link HostFunctionException}: the evaluation then fails with a coded error (so does any other
 * exception, reported as {@code E_INTERNAL}); nothing escapes to the caller of
 * {@link CompiledExpression#evaluate(Bindings)}.
 */
@FunctionalInterface
public interface HostFunction {
  /** Computes the function's value. */
  JsonValue apply(List<JsonValue> args);
}
