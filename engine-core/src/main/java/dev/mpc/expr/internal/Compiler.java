package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.Expr.BinaryOp;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.Features;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.Limits;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type checker and closure compiler: checks every node of a tree against DomainMeta signatures,
 * the feature flags and the type environment, folds constants, and builds the evaluator tree.
 * Internal.
 */
public final class Compiler {
  private static final int COST_CAP = Integer.MAX_VALUE / 4;
  private static final int[] KINDS = {ExprType.K_NULL, ExprType.K_BOOL, ExprType.K_INT, ExprType.K_FLOAT,
      ExprType.K_STRING, ExprType.K_DATE, ExprType.K_ARRAY, ExprType.K_OBJECT};

  /**
   * What the compiler needs from the engine.
   *
   * @param declared DomainMeta declarations by name
   * @param registry host implementations
   * @param features feature flags
   * @param regexes the regex cache
   */
  public record Config(Map<String, FunctionDecl> declared, FunctionRegistry registry, Features features,
      Regexes regexes) {}

  /**
   * The compiled form.
   *
   * @param root the evaluator (charges the root block itself)
   * @param type the static type of the whole expression
   */
  public record Output(Node root, ExprType type) {}

  private record T(Node node, ExprType type, int cost) {}

  private final ParsedExpr source;
  private final TypeEnv env;
  private final Limits limits;
  private final Config cfg;
  private final boolean trace;
  private final List<Diagnostic> diags = new ArrayList<>();

  private Compiler(ParsedExpr source, TypeEnv env, Limits limits, Config cfg, boolean trace) {
    this.source = source;
    this.env = env;
    this.limits = limits;
    this.cfg = cfg;
    this.trace = trace;
  }

  /** Checks and compiles {@code source}; {@code trace} builds the tracing variant (no folding). */
  public static Result<Output> compile(ParsedExpr source, TypeEnv env, Limits limits, Config cfg, boolean trace) {
    Compiler c = new Compiler(source, env, limits, cfg, trace);
    Diagnostic depth = c.checkDepth();
    if (depth != null) {
      return Result.failed(depth);
    }
    T t = c.compile(source.ir());
    if (!c.diags.isEmpty()) {
      return Result.failed(c.diags);
    }
    return Result.ok(new Output(new Nodes.Charge(t.node, t.cost), t.type));
  }

  /** Iterative depth check, so that no tree can overflow the stack of the recursive passes. */
  private Diagnostic checkDepth() {
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {source.ir(), 1});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      Expr e = (Expr) top[0];
      int d = (Integer) top[1];
      if (d > limits.maxExprDepth()) {
        return at(e, Diagnostic.of(Code.E_EXPR_LIMIT_DEPTH,
            "Expression depth limit exceeded (limit: " + limits.maxExprDepth() + ")"));
      }
      for (Expr child : children(e)) {
        stack.push(new Object[] {child, d + 1});
      }
    }
    return null;
  }

  /** The direct children of a node. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Call c) {
      return c.args();
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Cond c) {
      return List.of(c.test(), c.then(), c.otherwise());
    } else if (e instanceof Expr.ListOf l) {
      return l.items();
    } else if (e instanceof Expr.Index i) {
      return List.of(i.target(), i.key());
    }
    return List.of();
  }

  private Diagnostic at(Expr e, Diagnostic d) {
    SourceMap pos = source.positions().get(e);
    return pos == null ? d : d.withSource(pos);
  }

  private void error(Expr e, Code code, String message) {
    diags.add(at(e, Diagnostic.of(code, message)));
  }

  private static int add(int a, int b) {
    long s = (long) a + b;
    return s > COST_CAP ? COST_CAP : (int) s;
  }

  private T compile(Expr e) {
    T t = compileNode(e);
    if (trace) {
      return new T(new Nodes.Trace(t.node, e, t.type.toString()), t.type, t.cost);
    }
    return t;
  }

  private T compileNode(Expr e) {
    if (e instanceof Expr.Lit l) {
      return constant(l.value(), 1);
    } else if (e instanceof Expr.Ref r) {
      return ref(r);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    } else if (e instanceof Expr.Unary u) {
      return unary(u);
    } else if (e instanceof Expr.Cond c) {
      return cond(c);
    } else if (e instanceof Expr.ListOf l) {
      return list(l);
    }
    return index((Expr.Index) e);
  }

  private static T constant(JsonValue v, int cost) {
    ExprType type = ExprType.ofMask(Values.kind(v));
    if (v instanceof JsonInt i && i.value().bitLength() < 64) {
      return new T(new Nodes.LongConst(i.value().longValue()), type, cost);
    }
    return new T(new Nodes.Const(v), type, cost);
  }

  private T ref(Expr.Ref r) {
    Nodes.Ref ref = new Nodes.Ref(r.path());
    java.util.Optional<String> impossible = env.impossible(r.path());
    if (impossible.isPresent()) {
      error(r, Code.E_EXPR_TYPE_MISMATCH, impossible.get());
      return new T(ref, ExprType.ANY, 1);
    }
    if (!env.isDeclared(r.path())) {
      return new T(ref, ExprType.ANY, 1);
    }
    ExprType type = env.typeOf(r.path());
    if (type.equals(ExprType.INT) && !trace) {
      return new T(new Nodes.LongRef(ref, r.path()), type, 1);
    }
    if (type.isAny()) {
      return new T(ref, type, 1);
    }
    return new T(new Nodes.CheckedRef(ref, r.path(), type), type, 1);
  }

  /**
   * The clock of the folding frame. {@code now()} is not pure and is never folded, so nothing
   * reads it; a fixed clock keeps the compiler from choosing a time source of its own.
   */
  private static final Clock FOLD_CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  /** Tries to evaluate a pure node over constants; null if it fails at run time. */
  private T fold(T t) {
    if (trace || !diags.isEmpty()) {
      return t;
    }
    try {
      Frame scratch = new Frame(new Frame.Program(Limits.defaults().withMaxExprSteps(COST_CAP)
          .withMaxEvalTimeMs(0), FOLD_CLOCK, cfg.regexes()), null);
      JsonValue v = t.node.eval(scratch, Bindings.empty());
      T c = constant(v, t.cost);
      return new T(c.node, t.type, t.cost);
    } catch (RuntimeException err) {
      return t;
    }
  }

  private T call(Expr.Call c) {
    String name = c.name();
    List<T> args = new ArrayList<>();
    int cost = 0;
    for (Expr a : c.args()) {
      T t = compile(a);
      args.add(t);
      cost = add(cost, t.cost);
    }
    FunctionDecl decl = cfg.declared().get(name);
    FunctionRegistry.Entry host = cfg.registry().get(name).orElse(null);
    Builtins.Builtin builtin = Builtins.get(name);
    int errorsBefore = diags.size();
    if (host != null) {
      FunctionDecl sig = decl != null ? decl : host.signature();
      cost = add(cost, sig.cost());
      if (args.size() != sig.params().size()) {
        error(c, Code.E_EXPR_TYPE_MISMATCH, "Function '" + name + "' expects " + sig.params().size()
            + (sig.params().size() == 1 ? " argument" : " arguments") + ", got " + args.size());
        return new T(new Nodes.Const(Values.NULL), sig.returns(), cost);
      }
      Node[] nodes = new Node[args.size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = checkArg(c, name, i, args.get(i), sig.params().get(i), null);
      }
      return new T(new HostCall(name, host.implementation(), nodes, sig.returns()), sig.returns(), cost);
    }
    if (builtin == null) {
      // upstream's message, byte for byte; the nearest known function rides in the details
      List<String> known = new ArrayList<>(Builtins.all().keySet());
      known.addAll(cfg.declared().keySet());
      Diagnostic unknown = Diagnostic.of(Code.E_EXPR_UNKNOWN_FUNCTION, "Unknown function: '" + name + "'");
      java.util.Optional<String> near = dev.mpc.diag.Spelling.nearest(name, known);
      if (near.isPresent()) {
        unknown = unknown.withDetails(dev.mpc.json.JsonObject.builder().put("didYouMean", near.get()).build());
      }
      diags.add(at(c, unknown));
      return new T(new Nodes.Const(Values.NULL), ExprType.ANY, cost);
    }
    cost = add(cost, decl != null ? decl.cost() : 1);
    if (name.equals("now") && !cfg.features().allowNowFunction()) {
      error(c, Code.E_META_FUNCTION_NOT_ALLOWED, "Function 'now' is not allowed (feature flag allowNowFunction is off)");
    } else if (name.equals("regex") && !cfg.features().allowRegex()) {
      error(c, Code.E_META_FUNCTION_NOT_ALLOWED, "Function 'regex' is not allowed (feature flag allowRegex is off)");
    } else if (cfg.features().strictAllowlist() && decl == null) {
      error(c, Code.E_META_FUNCTION_NOT_ALLOWED, "Function '" + name + "' is not allowed (not declared in DomainMeta)");
    }
    ExprType returns = decl != null ? decl.returns() : builtin.returns();
    if (args.size() < builtin.minArity || (builtin.maxArity >= 0 && args.size() > builtin.maxArity)) {
      error(c, Code.E_EXPR_TYPE_MISMATCH, "Function '" + name + "' expects " + builtin.arityText() + ", got "
          + args.size());
      return new T(new Nodes.Const(Values.NULL), returns, cost);
    }
    Node[] nodes = new Node[args.size()];
    for (int i = 0; i < nodes.length; i++) {
      ExprType declared = decl != null && i < decl.params().size() ? decl.params().get(i) : null;
      nodes[i] = checkArg(c, name, i, args.get(i), declared, builtin.param(i));
    }
    if (diags.size() > errorsBefore) {
      return new T(new Nodes.Const(Values.NULL), returns, cost);
    }
    if (name.equals("abs") && decl == null) {
      ExprType at = args.get(0).type;
      returns = at.equals(ExprType.INT) || at.equals(ExprType.FLOAT) ? at : ExprType.NUMBER;
    }
    Node node;
    if (name.equals("len") && !trace) {
      node = new Builtins.Len(nodes[0]);
    } else if (name.equals("regex") && args.get(1).node.isConstant()
        && args.get(1).node.eval(null, null) instanceof JsonString p) {
      Result<Regexes.Compiled> compiled = cfg.regexes().compile(p.value(), limits.maxRegexPatternLength());
      if (!(compiled instanceof Result.Ok<Regexes.Compiled> ok)) {
        diags.add(at(c.args().get(1), compiled.diagnostics().get(0)));
        return new T(new Nodes.Const(Values.NULL), returns, cost);
      }
      node = new Builtins.RegexConst(nodes[0], nodes[1], ok.get());
    } else if (nodes.length == 1) {
      node = new Builtins.Call1(builtin, nodes[0]);
    } else if (nodes.length == 2) {
      node = new Builtins.Call2(builtin, nodes[0], nodes[1]);
    } else {
      node = new Builtins.Call(builtin, nodes);
    }
    T t = new T(node, returns, cost);
    if (builtin.pure && allConstant(args)) {
      return fold(t);
    }
    return t;
  }

  private static boolean allConstant(List<T> args) {
    for (T a : args) {
      if (!a.node.isConstant()) {
        return false;
      }
    }
    return true;
  }

  /** Checks one argument statically; wraps it in a run-time check when its type is too wide. */
  private Node checkArg(Expr.Call c, String fn, int i, T arg, ExprType declared, ExprType own) {
    Node node = arg.node;
    String prefix = "Argument " + i + " of '" + fn + "' expects ";
    if (declared != null) {
      if (!declared.mayAccept(arg.type)) {
        error(c.args().get(i), Code.E_EXPR_TYPE_MISMATCH, prefix + "'" + declared + "', got '" + arg.type + "'");
        return node;
      }
      if (!declared.accepts(arg.type)) {
        node = new Nodes.CheckArg(node, declared, prefix);
      }
    }
    if (own != null) {
      if (!own.mayAccept(arg.type)) {
        error(c.args().get(i), Code.E_EXPR_TYPE_MISMATCH, prefix + "'" + own + "', got '" + arg.type + "'");
        return node;
      }
      if (!own.accepts(arg.type) && (declared == null || !own.accepts(declared))) {
        node = new Nodes.CheckArg(node, own, prefix);
      }
    }
    return node;
  }

  private T binary(Expr.Binary b) {
    BinaryOp op = b.op();
    T l = compile(b.left());
    T r = compile(b.right());
    if (op == BinaryOp.AND || op == BinaryOp.OR) {
      int cost = add(1, l.cost);
      if (l.node.isConstant() && !trace) {
        boolean lv = l.node.test(null, null);
        boolean rightRuns = op == BinaryOp.AND ? lv : !lv;
        if (!rightRuns) {
          return new T(new Nodes.Const(JsonBool.of(lv)), ExprType.BOOL, cost);
        }
        cost = add(cost, r.cost);
        if (r.node.isConstant()) {
          return new T(new Nodes.Const(JsonBool.of(r.node.test(null, null))), ExprType.BOOL, cost);
        }
        return new T(new Nodes.Not(new Nodes.Not(r.node)), ExprType.BOOL, cost);
      }
      Node n = op == BinaryOp.AND ? new Nodes.And(l.node, r.node, r.cost) : new Nodes.Or(l.node, r.node, r.cost);
      return new T(n, ExprType.BOOL, cost);
    }
    int cost = add(add(1, l.cost), r.cost);
    if (op == BinaryOp.MATCHES) {
      if (!cfg.features().allowRegex()) {
        error(b, Code.E_META_FUNCTION_NOT_ALLOWED, "Operator 'matches' is not allowed (feature flag allowRegex is off)");
      }
      if (!ExprType.STRING.mayAccept(l.type) || !ExprType.STRING.mayAccept(r.type)) {
        error(b, Code.E_EXPR_TYPE_MISMATCH, "Operator 'matches' not supported between '" + l.type + "' and '"
            + r.type + "'");
      } else if (r.node.isConstant() && r.node.eval(null, null) instanceof JsonString p) {
        Result<Regexes.Compiled> compiled = cfg.regexes().compile(p.value(), limits.maxRegexPatternLength());
        if (!(compiled instanceof Result.Ok<Regexes.Compiled> ok)) {
          diags.add(at(b.right(), compiled.diagnostics().get(0)));
        } else {
          return new T(new Nodes.MatchesConst(l.node, r.node, ok.get()), ExprType.BOOL, cost);
        }
      }
      return new T(new Nodes.Matches(l.node, r.node, cfg.regexes()), ExprType.BOOL, cost);
    }
    if (op == BinaryOp.EQ || op == BinaryOp.NE) {
      boolean negate = op == BinaryOp.NE;
      Node n;
      if (!trace && r.node.isConstant() && r.node.eval(null, null) instanceof JsonString s) {
        n = new Nodes.EqString(l.node, s.value(), negate);
      } else if (!trace && l.node.isConstant() && l.node.eval(null, null) instanceof JsonString s) {
        n = new Nodes.EqString(r.node, s.value(), negate);
      } else if (l.node instanceof Nodes.LongNode ln && r.node instanceof Nodes.LongNode rn) {
        n = Nodes.CompareLong.of(op, ln, rn);
      } else if (l.type.equals(ExprType.STRING) && r.type.equals(ExprType.STRING)) {
        n = new Nodes.CompareStrings(op, l.node, r.node);
      } else {
        n = new Nodes.Eq(l.node, r.node, negate);
      }
      T t = new T(n, ExprType.BOOL, cost);
      return l.node.isConstant() && r.node.isConstant() ? fold(t) : t;
    }
    if (op.isComparison()) {
      if (!orderable(l.type, r.type)) {
        error(b, Code.E_EXPR_TYPE_MISMATCH, "Operator '" + op.symbol() + "' not supported between '" + l.type
            + "' and '" + r.type + "'");
      }
      Node n;
      if (l.node instanceof Nodes.LongNode ln && r.node instanceof Nodes.LongNode rn) {
        n = Nodes.CompareLong.of(op, ln, rn);
      } else if (l.type.equals(ExprType.STRING) && r.type.equals(ExprType.STRING)) {
        n = new Nodes.CompareStrings(op, l.node, r.node);
      } else {
        n = new Nodes.Compare(op, l.node, r.node);
      }
      T t = new T(n, ExprType.BOOL, cost);
      return l.node.isConstant() && r.node.isConstant() ? fold(t) : t;
    }
    int mask = 0;
    for (int kl : KINDS) {
      if (!l.type.has(kl)) {
        continue;
      }
      for (int kr : KINDS) {
        if (r.type.has(kr)) {
          mask |= arithKind(op, kl, kr);
        }
      }
    }
    if (mask == 0) {
      error(b, Code.E_EXPR_TYPE_MISMATCH, "Operator '" + op.symbol() + "' not supported between '" + l.type
          + "' and '" + r.type + "'");
      return new T(new Nodes.Const(Values.NULL), ExprType.ANY, cost);
    }
    Node n = op != BinaryOp.DIV && l.node instanceof Nodes.LongNode ln && r.node instanceof Nodes.LongNode rn
        ? new Nodes.ArithLong(op, ln, rn) : new Nodes.Arith(op, l.node, r.node);
    T t = new T(n, ExprType.ofMask(mask), cost);
    return l.node.isConstant() && r.node.isConstant() ? fold(t) : t;
  }

  private static boolean isNum(int k) {
    return k == ExprType.K_INT || k == ExprType.K_FLOAT;
  }

  private static boolean isStr(int k) {
    return k == ExprType.K_STRING || k == ExprType.K_DATE;
  }

  private static int arithKind(BinaryOp op, int kl, int kr) {
    if (op == BinaryOp.ADD && isStr(kl) && isStr(kr)) {
      return ExprType.K_STRING;
    }
    if (!isNum(kl) || !isNum(kr)) {
      return 0;
    }
    if (op == BinaryOp.DIV) {
      return ExprType.K_FLOAT;
    }
    return kl == ExprType.K_INT && kr == ExprType.K_INT ? ExprType.K_INT : ExprType.K_FLOAT;
  }

  private static boolean orderable(ExprType l, ExprType r) {
    for (int kl : KINDS) {
      for (int kr : KINDS) {
        if (l.has(kl) && r.has(kr) && ((isNum(kl) && isNum(kr)) || (isStr(kl) && isStr(kr)))) {
          return true;
        }
      }
    }
    return false;
  }

  private T unary(Expr.Unary u) {
    T x = compile(u.operand());
    int cost = add(1, x.cost);
    if (u.op() == Expr.UnaryOp.NOT) {
      T t = new T(new Nodes.Not(x.node), ExprType.BOOL, cost);
      return x.node.isConstant() ? fold(t) : t;
    }
    int mask = x.type.mask() & (ExprType.K_INT | ExprType.K_FLOAT);
    if (mask == 0) {
      error(u, Code.E_EXPR_TYPE_MISMATCH, "Operator '-' not supported for '" + x.type + "'");
      return new T(new Nodes.Const(Values.NULL), ExprType.ANY, cost);
    }
    Node n = x.node instanceof Nodes.LongNode ln ? new Nodes.NegLong(ln) : new Nodes.Neg(x.node);
    T t = new T(n, ExprType.ofMask(mask), cost);
    return x.node.isConstant() ? fold(t) : t;
  }

  private T cond(Expr.Cond c) {
    T test = compile(c.test());
    T then = compile(c.then());
    T otherwise = compile(c.otherwise());
    int cost = add(1, test.cost);
    if (test.node.isConstant() && !trace) {
      T chosen = test.node.test(null, null) ? then : otherwise;
      return new T(chosen.node, chosen.type, add(cost, chosen.cost));
    }
    return new T(new Nodes.Cond(test.node, then.node, then.cost, otherwise.node, otherwise.cost),
        then.type.or(otherwise.type), cost);
  }

  private T list(Expr.ListOf l) {
    Node[] nodes = new Node[l.items().size()];
    int cost = 1;
    boolean constant = true;
    for (int i = 0; i < nodes.length; i++) {
      T t = compile(l.items().get(i));
      nodes[i] = t.node;
      cost = add(cost, t.cost);
      constant &= t.node.isConstant();
    }
    T t = new T(new Nodes.ListOf(nodes), ExprType.ARRAY, cost);
    return constant ? fold(t) : t;
  }

  private T index(Expr.Index ix) {
    T target = compile(ix.target());
    T key = compile(ix.key());
    int cost = add(add(1, target.cost), key.cost);
    int allowed = ExprType.K_ARRAY | ExprType.K_OBJECT | ExprType.K_NULL;
    java.util.Optional<String> impossible = ix.target() instanceof Expr.Ref ref && ix.key() instanceof Expr.Lit lit
        && lit.value() instanceof JsonString k && !k.value().isEmpty() && k.value().indexOf('.') < 0
        ? env.impossible(ref.path() + "." + k.value()) : java.util.Optional.empty();
    if (impossible.isPresent()) {
      error(ix, Code.E_EXPR_TYPE_MISMATCH, impossible.get());
    } else if ((target.type.mask() & allowed) == 0) {
      error(ix, Code.E_EXPR_TYPE_MISMATCH, "Cannot index a value of type '" + target.type + "'");
    } else if (!key.type.has(ExprType.K_INT) && !key.type.has(ExprType.K_STRING)) {
      error(ix.key(), Code.E_EXPR_TYPE_MISMATCH, "An index must be 'int' or 'string', got '" + key.type + "'");
    }
    T t = new T(new Nodes.Index(target.node, key.node), ExprType.ANY, cost);
    return target.node.isConstant() && key.node.isConstant() ? fold(t) : t;
  }
}
