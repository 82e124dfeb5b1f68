package dev.mpc.expr.internal;

import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.Map;

/**
 * The static type of an expression as upstream reports it (expressions spec §4.3.1), as opposed
 * to the checker's precise type: binary arithmetic is {@code number} (even {@code 'a' + 'b'}),
 * comparisons, {@code and}, {@code or}, {@code matches} and {@code not} are {@code bool}, negation
 * is {@code number}, a conditional is its then-branch's type, a call is the DomainMeta
 * declaration's return type, else the built-in's fixed one ({@code abs} is {@code number}),
 * references and array/object literals are {@code any}. The extensions take the view of their
 * nearest upstream form: a list expression is {@code any} (an array literal), indexing is
 * {@code any}, a host function its declared return type. Children are not inspected except the
 * then-branch of a conditional. Stateless. Internal.
 */
public final class UpstreamType {
  private UpstreamType() {}

  /**
   * The §4.3.1 type of {@code e}, which compiled with {@code declared} functions and host
   * {@code functions}.
   */
  public static ExprType of(Expr e, Map<String, FunctionDecl> declared, FunctionRegistry functions) {
    Expr n = e;
    while (n instanceof Expr.Cond c) {
      n = c.then();
    }
    if (n instanceof Expr.Lit l) {
      return literal(l.value());
    }
    if (n instanceof Expr.Call c) {
      FunctionDecl d = declared.get(c.name());
      if (d != null) {
        return d.returns();
      }
      Builtins.Builtin b = Builtins.get(c.name());
      if (b != null) {
        return b.returns();
      }
      return functions.get(c.name()).map(h -> h.signature().returns()).orElse(ExprType.ANY);
    }
    if (n instanceof Expr.Binary b) {
      return b.op().isArithmetic() ? ExprType.NUMBER : ExprType.BOOL;
    }
    if (n instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NOT ? ExprType.BOOL : ExprType.NUMBER;
    }
    return ExprType.ANY; // references, list expressions, indexing
  }

  private static ExprType literal(JsonValue v) {
    if (v instanceof JsonNull) {
      return ExprType.NULL;
    } else if (v instanceof JsonBool) {
      return ExprType.BOOL;
    } else if (v instanceof JsonInt) {
      return ExprType.INT;
    } else if (v instanceof JsonFloat) {
      return ExprType.FLOAT;
    } else if (v instanceof JsonString) {
      return ExprType.STRING;
    }
    return ExprType.ANY;
  }
}
