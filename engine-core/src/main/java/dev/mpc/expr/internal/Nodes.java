package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.Expr;
import dev.mpc.expr.Expr.BinaryOp;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.TraceEntry;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The evaluator node classes. Internal. */
final class Nodes {
  private Nodes() {}

  /** A node whose value is always a boolean. */
  abstract static class BoolNode extends Node {
    @Override
    public final JsonValue eval(Frame f, Bindings vars) {
      return JsonBool.of(test(f, vars));
    }

    @Override
    public abstract boolean test(Frame f, Bindings vars);
  }

  /** A node whose value is always an int that fits in a long. */
  abstract static class LongNode extends Node {
    abstract long evalLong(Frame f, Bindings vars);

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return JsonInt.of(evalLong(f, vars));
    }

    @Override
    public final boolean test(Frame f, Bindings vars) {
      return evalLong(f, vars) != 0;
    }

    @Override
    final long evalNum(Frame f, Bindings vars) {
      return evalLong(f, vars);
    }
  }

  static final class Const extends Node {
    final JsonValue value;
    private final boolean truthy;

    Const(JsonValue value) {
      this.value = value;
      this.truthy = Values.truthy(value);
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return value;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return truthy;
    }

    @Override
    public boolean isConstant() {
      return true;
    }
  }

  static final class LongConst extends LongNode {
    final long value;
    private final JsonValue boxed;

    LongConst(long value) {
      this.value = value;
      this.boxed = JsonInt.of(value);
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return boxed;
    }

    @Override
    long evalLong(Frame f, Bindings vars) {
      return value;
    }

    @Override
    public boolean isConstant() {
      return true;
    }
  }

  /** A variable reference resolved to an accessor once. */
  static final class Ref extends Node {
    private final String full;
    private final String[] segments;

    /**
     * Resolves the path once: the whole path and its segments are interned, so that looking them
     * up in bindings whose keys are string literals or otherwise interned is an identity match
     * rather than a character comparison.
     */
    Ref(String full) {
      this.full = full.intern();
      String[] parts = full.split("\\.", -1);
      for (int i = 0; i < parts.length; i++) {
        parts[i] = parts[i].intern();
      }
      this.segments = parts;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      JsonValue v = vars.get(full);
      if (v != null) {
        return v;
      }
      if (segments.length == 1) {
        return JsonNull.INSTANCE;
      }
      v = vars.get(segments[0]);
      for (int i = 1; i < segments.length; i++) {
        if (!(v instanceof JsonObject o)) {
          return JsonNull.INSTANCE;
        }
        v = o.members().get(segments[i]);
      }
      return v == null ? JsonNull.INSTANCE : v;
    }
  }

  /** A reference whose declared type is checked against the bound value. */
  static final class CheckedRef extends Node {
    private final Ref ref;
    private final String name;
    private final ExprType type;

    CheckedRef(Ref ref, String name, ExprType type) {
      this.ref = ref;
      this.name = name;
      this.type = type;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      JsonValue v = ref.eval(f, vars);
      if (!Values.conforms(v, type)) {
        throw EvalError.type("Variable '" + name + "' expects '" + type + "', got '" + Values.typeName(v) + "'");
      }
      return v;
    }
  }

  /** Reads a variable declared {@code int} as a long. */
  static final class LongRef extends LongNode {
    private final Ref ref;
    private final String name;

    LongRef(Ref ref, String name) {
      this.ref = ref;
      this.name = name;
    }

    @Override
    long evalLong(Frame f, Bindings vars) {
      JsonValue v = ref.eval(f, vars);
      if (v instanceof JsonInt i && i.value().bitLength() < 64) {
        return i.value().longValue();
      }
      if (v instanceof JsonInt) {
        throw EvalError.type("Variable '" + name + "' holds an integer that does not fit in 64 bits");
      }
      throw EvalError.type("Variable '" + name + "' expects 'int', got '" + Values.typeName(v) + "'");
    }
  }

  /** Charges the unconditional steps of a block, then evaluates it. */
  static final class Charge extends Node {
    private final Node inner;
    private final int cost;

    Charge(Node inner, int cost) {
      this.inner = inner;
      this.cost = cost;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      f.charge(cost);
      return inner.eval(f, vars);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      f.charge(cost);
      return inner.test(f, vars);
    }
  }

  static final class And extends BoolNode {
    private final Node left;
    private final Node right;
    private final int rightCost;

    And(Node left, Node right, int rightCost) {
      this.left = left;
      this.right = right;
      this.rightCost = rightCost;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      if (!left.test(f, vars)) {
        return false;
      }
      f.charge(rightCost);
      return right.test(f, vars);
    }
  }

  static final class Or extends BoolNode {
    private final Node left;
    private final Node right;
    private final int rightCost;

    Or(Node left, Node right, int rightCost) {
      this.left = left;
      this.right = right;
      this.rightCost = rightCost;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      if (left.test(f, vars)) {
        return true;
      }
      f.charge(rightCost);
      return right.test(f, vars);
    }
  }

  static final class Not extends BoolNode {
    private final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return !operand.test(f, vars);
    }
  }

  static final class Cond extends Node {
    private final Node test;
    private final Node then;
    private final int thenCost;
    private final Node otherwise;
    private final int otherwiseCost;

    Cond(Node test, Node then, int thenCost, Node otherwise, int otherwiseCost) {
      this.test = test;
      this.then = then;
      this.thenCost = thenCost;
      this.otherwise = otherwise;
      this.otherwiseCost = otherwiseCost;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      if (test.test(f, vars)) {
        f.charge(thenCost);
        return then.eval(f, vars);
      }
      f.charge(otherwiseCost);
      return otherwise.eval(f, vars);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      if (test.test(f, vars)) {
        f.charge(thenCost);
        return then.test(f, vars);
      }
      f.charge(otherwiseCost);
      return otherwise.test(f, vars);
    }
  }

  static final class Eq extends BoolNode {
    private final Node left;
    private final Node right;
    private final boolean negate;

    Eq(Node left, Node right, boolean negate) {
      this.left = left;
      this.right = right;
      this.negate = negate;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      long x = left.evalNum(f, vars);
      JsonValue a = f.takeMiss();
      if (a != null) {
        return Values.equal(f, a, right.eval(f, vars)) != negate;
      }
      long y = right.evalNum(f, vars);
      JsonValue b = f.takeMiss();
      if (b != null) {
        return Values.equal(f, JsonInt.of(x), b) != negate;
      }
      return (x == y) != negate;
    }
  }

  /** Equality with a string constant: no allocation, no dispatch on the constant. */
  static final class EqString extends BoolNode {
    private final Node operand;
    private final String constant;
    private final boolean negate;

    EqString(Node operand, String constant, boolean negate) {
      this.operand = operand;
      this.constant = constant.intern();
      this.negate = negate;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      JsonValue v = operand.eval(f, vars);
      return (v instanceof JsonString s && s.value().equals(constant)) != negate;
    }
  }

  /** Ordering comparison on any values. */
  static final class Compare extends BoolNode {
    private final BinaryOp op;
    private final Node left;
    private final Node right;

    Compare(BinaryOp op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      long x = left.evalNum(f, vars);
      JsonValue a = f.takeMiss();
      if (a != null) {
        return holds(op, Values.order(op.symbol(), a, right.eval(f, vars)));
      }
      long y = right.evalNum(f, vars);
      JsonValue b = f.takeMiss();
      if (b != null) {
        return holds(op, Values.order(op.symbol(), JsonInt.of(x), b));
      }
      return holds(op, Long.compare(x, y));
    }
  }

  /**
   * Comparison of two 64-bit ints, one class per operator so that evaluation does not dispatch
   * on the operator.
   */
  abstract static class CompareLong extends BoolNode {
    final LongNode left;
    final LongNode right;

    CompareLong(LongNode left, LongNode right) {
      this.left = left;
      this.right = right;
    }

    static CompareLong of(BinaryOp op, LongNode left, LongNode right) {
      switch (op) {
        case LT:
          return new LtLong(left, right);
        case GT:
          return new GtLong(left, right);
        case LE:
          return new LeLong(left, right);
        case GE:
          return new GeLong(left, right);
        case EQ:
          return new EqLong(left, right);
        case NE:
          return new NeLong(left, right);
        default:
          throw new IllegalArgumentException("not a comparison: " + op);
      }
    }
  }

  static final class LtLong extends CompareLong {
    LtLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) < right.evalLong(f, vars);
    }
  }

  static final class GtLong extends CompareLong {
    GtLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) > right.evalLong(f, vars);
    }
  }

  static final class LeLong extends CompareLong {
    LeLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) <= right.evalLong(f, vars);
    }
  }

  static final class GeLong extends CompareLong {
    GeLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) >= right.evalLong(f, vars);
    }
  }

  static final class EqLong extends CompareLong {
    EqLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) == right.evalLong(f, vars);
    }
  }

  static final class NeLong extends CompareLong {
    NeLong(LongNode left, LongNode right) {
      super(left, right);
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      return left.evalLong(f, vars) != right.evalLong(f, vars);
    }
  }

  /**
   * Comparison of two operands whose static type is {@code string}: no attempt at the numeric
   * path. Values that are not strings after all (impossible unless a host breaks its declared
   * types) take the general semantics, with its errors.
   */
  static final class CompareStrings extends BoolNode {
    private final BinaryOp op;
    private final Node left;
    private final Node right;

    CompareStrings(BinaryOp op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      JsonValue a = left.eval(f, vars);
      JsonValue b = right.eval(f, vars);
      if (a instanceof JsonString x && b instanceof JsonString y) {
        switch (op) {
          case EQ:
            return x.value().equals(y.value());
          case NE:
            return !x.value().equals(y.value());
          default:
            return holds(op, Values.compareStrings(x.value(), y.value()));
        }
      }
      if (op == BinaryOp.EQ || op == BinaryOp.NE) {
        return Values.equal(f, a, b) != (op == BinaryOp.NE);
      }
      return holds(op, Values.order(op.symbol(), a, b));
    }
  }

  static boolean holds(BinaryOp op, int c) {
    switch (op) {
      case LT:
        return c < 0;
      case GT:
        return c > 0;
      case LE:
        return c <= 0;
      default:
        return c >= 0;
    }
  }

  /** Arithmetic on any values (checked at run time). */
  static final class Arith extends Node {
    private final BinaryOp op;
    private final Node left;
    private final Node right;

    Arith(BinaryOp op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      if (op == BinaryOp.DIV) {
        return arith(f, op, left.eval(f, vars), right.eval(f, vars));
      }
      long x = left.evalNum(f, vars);
      JsonValue a = f.takeMiss();
      if (a != null) {
        return arith(f, op, a, right.eval(f, vars));
      }
      long y = right.evalNum(f, vars);
      JsonValue b = f.takeMiss();
      if (b != null) {
        return arith(f, op, JsonInt.of(x), b);
      }
      return JsonInt.of(longArith(op, x, y));
    }

    /** Like {@link #eval}, without boxing when both operands and the result are 64-bit ints. */
    @Override
    long evalNum(Frame f, Bindings vars) {
      if (op != BinaryOp.DIV) {
        long x = left.evalNum(f, vars);
        JsonValue a = f.takeMiss();
        if (a == null) {
          long y = right.evalNum(f, vars);
          JsonValue b = f.takeMiss();
          if (b == null) {
            return longArith(op, x, y);
          }
          a = JsonInt.of(x);
          return unboxed(f, arith(f, op, a, b));
        }
        return unboxed(f, arith(f, op, a, right.eval(f, vars)));
      }
      return super.evalNum(f, vars);
    }
  }

  /** {@code v} as a long if it is a 64-bit int, else records it as the miss of {@code evalNum}. */
  static long unboxed(Frame f, JsonValue v) {
    if (v instanceof JsonInt i && i.value().bitLength() < 64) {
      return i.value().longValue();
    }
    f.miss(v);
    return 0;
  }

  /** Arithmetic on two 64-bit ints with overflow detection. */
  static final class ArithLong extends LongNode {
    private final BinaryOp op;
    private final LongNode left;
    private final LongNode right;

    ArithLong(BinaryOp op, LongNode left, LongNode right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    long evalLong(Frame f, Bindings vars) {
      long a = left.evalLong(f, vars);
      long b = right.evalLong(f, vars);
      return longArith(op, a, b);
    }
  }

  static long longArith(BinaryOp op, long a, long b) {
    try {
      switch (op) {
        case ADD:
          return Math.addExact(a, b);
        case SUB:
          return Math.subtractExact(a, b);
        case MUL:
          return Math.multiplyExact(a, b);
        default:
          if (b == 0) {
            throw new EvalError(Code.E_EXPR_DIV_BY_ZERO, "Modulo by zero");
          }
          return Math.floorMod(a, b);
      }
    } catch (ArithmeticException e) {
      throw EvalError.type("Integer overflow: " + a + " " + op.symbol() + " " + b + " does not fit in 64 bits");
    }
  }

  static JsonValue arith(Frame f, BinaryOp op, JsonValue a, JsonValue b) {
    if (op == BinaryOp.ADD && a instanceof JsonString x && b instanceof JsonString y) {
      f.alloc((long) x.value().length() + y.value().length());
      return JsonString.of(x.value().concat(y.value()));
    }
    if (!Values.isNumber(a) || !Values.isNumber(b)) {
      throw EvalError.type("Operator '" + op.symbol() + "' not supported between '" + Values.typeName(a)
          + "' and '" + Values.typeName(b) + "'");
    }
    if (op == BinaryOp.DIV) {
      double d = Values.doubleOf(b);
      if (d == 0.0) {
        throw new EvalError(Code.E_EXPR_DIV_BY_ZERO, "Division by zero");
      }
      return Values.finite(Values.doubleOf(a) / d, "/");
    }
    if (a instanceof JsonInt x && b instanceof JsonInt y) {
      if (op == BinaryOp.MOD && y.value().signum() == 0) {
        throw new EvalError(Code.E_EXPR_DIV_BY_ZERO, "Modulo by zero");
      }
      return JsonInt.of(longArith(op, longOperand(op, x), longOperand(op, y)));
    }
    double x = Values.doubleOf(a);
    double y = Values.doubleOf(b);
    switch (op) {
      case ADD:
        return Values.finite(x + y, "+");
      case SUB:
        return Values.finite(x - y, "-");
      case MUL:
        return Values.finite(x * y, "*");
      default:
        if (y == 0.0) {
          throw new EvalError(Code.E_EXPR_DIV_BY_ZERO, "Modulo by zero");
        }
        double r = x % y;
        if (r != 0.0 && (r < 0) != (y < 0)) {
          r += y;
        } else if (r == 0.0) {
          r = Math.copySign(0.0, y);
        }
        return Values.finite(r, "%");
    }
  }

  private static long longOperand(BinaryOp op, JsonInt v) {
    if (v.value().bitLength() < 64) {
      return v.value().longValue();
    }
    return Values.longOf(v, "operator '" + op.symbol() + "'");
  }

  static final class Neg extends Node {
    private final Node operand;

    Neg(Node operand) {
      this.operand = operand;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return neg(operand.eval(f, vars));
    }
  }

  static JsonValue neg(JsonValue v) {
    if (v instanceof JsonInt i) {
      long l = Values.longOf(i, "operator '-'");
      if (l == Long.MIN_VALUE) {
        throw EvalError.type("Integer overflow: -(" + l + ") does not fit in 64 bits");
      }
      return JsonInt.of(-l);
    }
    if (v instanceof JsonFloat d) {
      return new JsonFloat(-d.value());
    }
    throw EvalError.type("Operator '-' not supported for '" + Values.typeName(v) + "'");
  }

  static final class NegLong extends LongNode {
    private final LongNode operand;

    NegLong(LongNode operand) {
      this.operand = operand;
    }

    @Override
    long evalLong(Frame f, Bindings vars) {
      long l = operand.evalLong(f, vars);
      if (l == Long.MIN_VALUE) {
        throw EvalError.type("Integer overflow: -(" + l + ") does not fit in 64 bits");
      }
      return -l;
    }
  }

  static final class Matches extends BoolNode {
    private final Node text;
    private final Node pattern;
    private final Regexes regexes;

    Matches(Node text, Node pattern, Regexes regexes) {
      this.text = text;
      this.pattern = pattern;
      this.regexes = regexes;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      JsonValue t = text.eval(f, vars);
      JsonValue p = pattern.eval(f, vars);
      if (!(t instanceof JsonString ts) || !(p instanceof JsonString ps)) {
        throw EvalError.type("Operator 'matches' not supported between '" + Values.typeName(t) + "' and '"
            + Values.typeName(p) + "'");
      }
      return regexes.find(f, ts.value(), ps.value());
    }
  }

  /** {@code text matches 'constant'}: the pattern compiled once, at compile time. */
  static final class MatchesConst extends BoolNode {
    private final Node text;
    private final Node pattern;
    private final Regexes.Compiled compiled;

    MatchesConst(Node text, Node pattern, Regexes.Compiled compiled) {
      this.text = text;
      this.pattern = pattern;
      this.compiled = compiled;
    }

    @Override
    public boolean test(Frame f, Bindings vars) {
      JsonValue t = text.eval(f, vars);
      JsonValue p = pattern.eval(f, vars);
      if (!(t instanceof JsonString ts)) {
        throw EvalError.type("Operator 'matches' not supported between '" + Values.typeName(t) + "' and '"
            + Values.typeName(p) + "'");
      }
      return Regexes.find(f, ts.value(), compiled);
    }
  }

  static final class ListOf extends Node {
    private final Node[] items;

    ListOf(Node[] items) {
      this.items = items;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      f.alloc(items.length);
      List<JsonValue> out = new ArrayList<>(items.length);
      for (Node n : items) {
        out.add(n.eval(f, vars));
      }
      return JsonArray.of(out);
    }
  }

  static final class Index extends Node {
    private final Node target;
    private final Node key;

    Index(Node target, Node key) {
      this.target = target;
      this.key = key;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return index(target.eval(f, vars), key.eval(f, vars));
    }
  }

  static JsonValue index(JsonValue t, JsonValue k) {
    if (t instanceof JsonArray a) {
      if (!(k instanceof JsonInt i)) {
        throw EvalError.type("A list index must be 'int', got '" + Values.typeName(k) + "'");
      }
      BigInteger n = i.value();
      if (n.signum() < 0) {
        n = n.add(BigInteger.valueOf(a.size()));
      }
      if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(a.size())) >= 0) {
        return JsonNull.INSTANCE;
      }
      return a.get(n.intValue());
    }
    if (t instanceof JsonObject o) {
      if (!(k instanceof JsonString s)) {
        throw EvalError.type("An object key must be 'string', got '" + Values.typeName(k) + "'");
      }
      JsonValue v = o.getOrNull(s.value());
      return v == null ? JsonNull.INSTANCE : v;
    }
    if (t instanceof JsonNull) {
      return JsonNull.INSTANCE;
    }
    throw EvalError.type("Cannot index a value of type '" + Values.typeName(t) + "'");
  }

  /** Checks an argument against its parameter type at run time. */
  static final class CheckArg extends Node {
    private final Node inner;
    private final ExprType type;
    private final String message;

    CheckArg(Node inner, ExprType type, String messagePrefix) {
      this.inner = inner;
      this.type = type;
      this.message = messagePrefix;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      return verify(inner.eval(f, vars));
    }

    /** {@code v} if it conforms to the parameter type, else the type error. */
    JsonValue verify(JsonValue v) {
      if (!Values.conforms(v, type)) {
        throw EvalError.type(message + "'" + type + "', got '" + Values.typeName(v) + "'");
      }
      return v;
    }

    Node inner() {
      return inner;
    }

    ExprType type() {
      return type;
    }
  }

  /** Records each finished node in the trace (trace mode only). */
  static final class Trace extends Node {
    private final Node inner;
    private final Expr expr;
    private final String kind;
    private final String type;

    Trace(Node inner, Expr expr, String type) {
      this.inner = inner;
      this.expr = expr;
      this.kind = expr.kind();
      this.type = type;
    }

    @Override
    public JsonValue eval(Frame f, Bindings vars) {
      JsonValue v;
      try {
        v = inner.eval(f, vars);
      } catch (EvalError e) {
        e.locate(expr); // the innermost traced node an error leaves: where it arose
        throw e;
      }
      f.trace.add(new TraceEntry(kind, v, type));
      return v;
    }
  }
}
