package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function signature as DomainMeta declares it ({@code FunctionDef}): name, parameter types,
 * return type and cost. The checker enforces the declared parameter types at compile time (and at
 * run time for operands whose static type is too wide), and each call charges {@code cost} steps.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the function name (case-sensitive)
 * @param params parameter types, in order
 * @param returns the return type
 * @param cost steps charged per call, at least 1
 */
public record FunctionDecl(String name, List<ExprType> params, ExprType returns, int cost) {
  /** Creates a declaration. */
  public FunctionDecl {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty function name");
    }
    params = List.copyOf(params);
    Objects.requireNonNull(returns, "returns");
    if (cost < 1) {
      throw new IllegalArgumentException("cost must be at least 1: " + cost);
    }
  }

  /** A declaration with cost 1. */
  public static FunctionDecl of(String name, List<ExprType> params, ExprType returns) {
    return new FunctionDecl(name, params, returns, 1);
  }

  /**
   * Reads a declaration in DomainMeta / preset JSON form:
   * {@code {"name":"len","args":["string|array"],"returns":"int","cost":2}} ({@code returns}
   * defaults to {@code any}, {@code cost} to 1).
   */
  public static Result<FunctionDecl> fromJson(JsonValue json) {
    if (!(json instanceof JsonObject o) || !(o.getOrNull("name") instanceof JsonString name)
        || name.value().isEmpty()) {
      return bad("a function declaration needs a non-empty string 'name': " + json);
    }
    List<ExprType> params = new ArrayList<>();
    JsonValue args = o.getOrNull("args");
    if (args != null && !args.isNull()) {
      if (!(args instanceof JsonArray arr)) {
        return bad("'args' of function '" + name.value() + "' must be an array");
      }
      for (JsonValue a : arr.items()) {
        if (!(a instanceof JsonString s) || ExprType.parse(s.value()).isEmpty()) {
          return bad("unknown parameter type " + a + " in function '" + name.value() + "'");
        }
        params.add(ExprType.parse(s.value()).orElseThrow());
      }
    }
    ExprType returns = ExprType.ANY;
    JsonValue r = o.getOrNull("returns");
    if (r != null && !r.isNull()) {
      if (!(r instanceof JsonString s) || ExprType.parse(s.value()).isEmpty()) {
        return bad("unknown return type " + r + " in function '" + name.value() + "'");
      }
      returns = ExprType.parse(s.value()).orElseThrow();
    }
    int cost = 1;
    JsonValue c = o.getOrNull("cost");
    if (c != null && !c.isNull()) {
      if (!(c instanceof JsonInt ci) || ci.value().signum() <= 0 || ci.value().bitLength() > 20) {
        return bad("'cost' of function '" + name.value() + "' must be a positive integer below 2^20");
      }
      cost = ci.value().intValue();
    }
    return Result.ok(new FunctionDecl(name.value(), params, returns, cost));
  }

  /** Reads a list of declarations, e.g. a preset's {@code defaultFunctions}. */
  public static Result<List<FunctionDecl>> listFromJson(JsonValue json) {
    if (json == null || json.isNull()) {
      return Result.ok(List.of());
    }
    if (!(json instanceof JsonArray arr)) {
      return bad("function declarations must be an array");
    }
    List<FunctionDecl> out = new ArrayList<>();
    for (JsonValue item : arr.items()) {
      Result<FunctionDecl> d = fromJson(item);
      if (!(d instanceof Result.Ok<FunctionDecl> ok)) {
        return Result.failed(d.diagnostics());
      }
      out.add(ok.get());
    }
    return Result.ok(out);
  }

  private static <T> Result<T> bad(String message) {
    return Result.failed(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, message));
  }

  /** {@code name(t1, t2) -> r}. */
  @Override
  public String toString() {
    List<String> ps = new ArrayList<>();
    for (ExprType p : params) {
      ps.add(p.toString());
    }
    return name + "(" + String.join(", ", ps) + ") -> " + returns;
  }
}
