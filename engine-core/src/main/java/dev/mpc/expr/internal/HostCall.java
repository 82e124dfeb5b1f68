package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.HostFunction;
import dev.mpc.expr.HostFunctionException;
import dev.mpc.json.JsonValue;
import java.util.List;

/** A call to a host function; its exceptions become coded errors. Internal. */
final class HostCall extends Node {
  private final String name;
  private final HostFunction impl;
  private final Node[] args;
  private final ExprType returns;

  HostCall(String name, HostFunction impl, Node[] args, ExprType returns) {
    this.name = name;
    this.impl = impl;
    this.args = args;
    this.returns = returns;
  }

  @Override
  public JsonValue eval(Frame f, Bindings vars) {
    JsonValue[] vals = new JsonValue[args.length];
    for (int i = 0; i < args.length; i++) {
      vals[i] = args[i].eval(f, vars);
    }
    f.checkTime();
    JsonValue r;
    try {
      r = impl.apply(List.of(vals));
    } catch (HostFunctionException e) {
      throw EvalError.type("Function '" + name + "' failed: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      throw new EvalError(Code.E_INTERNAL, "Function '" + name + "' failed: " + e.getClass().getSimpleName());
    }
    if (r == null || !Values.conforms(r, returns)) {
      throw EvalError.type("Function '" + name + "' returned '" + (r == null ? "no value" : Values.typeName(r))
          + "', declared '" + returns + "'");
    }
    return r;
  }
}
