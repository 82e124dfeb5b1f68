package dev.mpc.meta;

import java.util.List;
import java.util.Objects;

/**
 * A function manifests' expressions may call: its signature and its cost, charged to the
 * evaluation step budget on every call.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the function name
 * @param args argument types (type expressions such as {@code string|array})
 * @param returns the result type
 * @param cost steps charged per call (at least 0)
 */
public record FunctionDef(String name, List<String> args, String returns, int cost) {
  /** Creates a function declaration. */
  public FunctionDef {
    Objects.requireNonNull(name, "name");
    args = List.copyOf(args);
    Objects.requireNonNull(returns, "returns");
  }
}
