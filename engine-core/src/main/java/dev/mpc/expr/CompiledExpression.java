package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.internal.Compiler;
import dev.mpc.expr.internal.EvalError;
import dev.mpc.expr.internal.Frame;
import dev.mpc.expr.internal.Node;
import dev.mpc.expr.internal.UpstreamType;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked, compiled expression: a closure tree specialised by static type, with constants folded
 * and variable paths resolved to accessors. Evaluation does no parsing, no operator lookup and no
 * reflection. Budgets (steps, time, regex operations, allocation) start fresh for every
 * evaluation; depth was checked at compile time.
 *
 * <p>Every outcome is a {@link Result}: a failure (type error at run time, exhausted budget,
 * division by zero, failing host function) is a coded diagnostic, never an exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledExpression {
  private static final Result<Boolean> TRUE = Result.ok(Boolean.TRUE);
  private static final Result<Boolean> FALSE = Result.ok(Boolean.FALSE);
  private static final Result<JsonValue> JSON_TRUE = Result.ok(dev.mpc.json.JsonBool.TRUE);
  private static final Result<JsonValue> JSON_FALSE = Result.ok(dev.mpc.json.JsonBool.FALSE);

  private final ExprEngine engine;
  private final ParsedExpr source;
  private final TypeEnv env;
  private final Limits limits;
  private final Node root;
  private final ExprType type;
  private final Frame.Program program;
  private volatile Node tracedRoot;

  CompiledExpression(ExprEngine engine, ParsedExpr source, TypeEnv env, Limits limits, Node root, ExprType type) {
    this.engine = engine;
    this.source = source;
    this.env = env;
    this.limits = limits;
    this.root = root;
    this.type = type;
    this.program = new Frame.Program(limits, engine.clock(), engine.regexes());
  }

  /** The IR tree. */
  public Expr ir() {
    return source.ir();
  }

  /** The IR in JSON form (what compiled artifacts carry). */
  public JsonValue toJson() {
    return ExprJson.encode(source.ir());
  }

  /** The static type of the expression, e.g. {@code string}. */
  public ExprType type() {
    return type;
  }

  /**
   * The static type as upstream reports it (expressions spec §4.3.1), for conformance output: binary
   * arithmetic is {@code number} (also {@code 'a' + 'b'}), a conditional is its then-branch's type,
   * a call the declared or built-in return type, references and list expressions {@code any}.
   * {@link #type()} is the checker's precise type; this is the one place the upstream view is
   * produced.
   */
  public ExprType upstreamType() {
    return UpstreamType.of(source.ir(), engine.declarations(), engine.functions());
  }

  /** The limits this expression was compiled with and evaluates under. */
  public Limits limits() {
    return limits;
  }

  /** Evaluates with {@code bindings}. A boolean result is a shared instance (no allocation). */
  public Result<JsonValue> evaluate(Bindings bindings) {
    Frame f = Frame.acquire(program, null);
    try {
      JsonValue v = root.eval(f, bindings);
      if (v instanceof dev.mpc.json.JsonBool b) {
        return b.value() ? JSON_TRUE : JSON_FALSE;
      }
      return Result.ok(v);
    } catch (EvalError e) {
      return Result.failed(e.diagnostic());
    } catch (RuntimeException | StackOverflowError e) {
      return internal(e);
    } finally {
      f.release();
    }
  }

  /**
   * Evaluates with {@code bindings} and returns the truthiness of the value. A successful
   * evaluation of an expression over the bound values allocates nothing: budget state lives in a
   * per-thread frame reused across evaluations (re-entrant evaluations from host functions get
   * their own), boolean and 64-bit int intermediates are not boxed, and the two possible results
   * are shared instances.
   */
  public Result<Boolean> test(Bindings bindings) {
    Frame f = Frame.acquire(program, null);
    try {
      return root.test(f, bindings) ? TRUE : FALSE;
    } catch (EvalError e) {
      return Result.failed(e.diagnostic());
    } catch (RuntimeException | StackOverflowError e) {
      return internal(e);
    } finally {
      f.release();
    }
  }

  /**
   * The diagnostic of a failed traced evaluation with where it failed in its details:
   * {@code failedAt} (the innermost sub-expression the error left, as IR, with its node kind, the
   * function for a call, and its source position when the expression was parsed from text; the
   * whole expression with {@code before: true} when the budget was exhausted by the steps charged
   * before any node ran), the
   * steps and regex operations used until then (for a budget error: what consumed the budget),
   * and the trace of the nodes that completed before it.
   */
  private Diagnostic located(EvalError e, Frame f, List<TraceEntry> entries) {
    Diagnostic d = e.diagnostic();
    Expr at = e.failedAt();
    // steps are charged per unconditional block before it runs: a budget error before any node
    // ran is the whole expression's (its unconditional steps alone exceed the budget)
    boolean upFront = at == null;
    if (upFront) {
      at = source.ir();
    }
    JsonObject.Builder details = JsonObject.builder();
    d.details().members().forEach(details::put);
    {
      JsonObject.Builder where = JsonObject.builder().put("node", at.kind()).put("expr", ExprJson.encode(at));
      if (upFront) {
        where.put("before", true);
      }
      if (at instanceof Expr.Call c) {
        where.put("function", c.name());
      }
      source.positionOf(at).ifPresent(p -> where.put("line", p.line()).put("col", p.col()));
      details.put("failedAt", where.build());
    }
    details.put("steps", f.steps()).put("regexOps", f.regexOps());
    List<JsonValue> done = new ArrayList<>(entries.size());
    for (TraceEntry t : entries) {
      done.add(JsonObject.builder().put("node", t.node()).put("value", t.value()).put("type", t.type()).build());
    }
    details.put("completed", JsonArray.of(done));
    return d.withDetails(details.build());
  }

  /**
   * Evaluates with {@code bindings}, returning the value with its accounting, and the node trace
   * when {@code trace} is true. Tracing never changes budgets: the traced tree charges exactly
   * the same steps.
   */
  public Result<Evaluation> evaluateDetailed(Bindings bindings, boolean trace) {
    List<TraceEntry> entries = trace ? new ArrayList<>() : null;
    Node n = root;
    if (trace) {
      n = tracedRoot;
      if (n == null) {
        Result<Compiler.Output> out = Compiler.compile(source, env, limits, engine.config(), true);
        if (!(out instanceof Result.Ok<Compiler.Output> ok)) {
          return Result.failed(out.diagnostics());
        }
        n = ok.get().root();
        tracedRoot = n;
      }
    }
    Frame f = Frame.acquire(program, entries);
    try {
      JsonValue v = n.eval(f, bindings);
      return Result.ok(new Evaluation(v, type, f.steps(), f.regexOps(), trace ? entries : List.of()));
    } catch (EvalError e) {
      return Result.failed(trace ? located(e, f, entries) : e.diagnostic());
    } catch (RuntimeException | StackOverflowError e) {
      return internal(e);
    } finally {
      f.release();
    }
  }

  private static <T> Result<T> internal(Throwable e) {
    return Result.failed(Diagnostic.of(Code.E_INTERNAL,
        "Internal error during expression evaluation (" + e.getClass().getSimpleName() + "); failed closed"));
  }

  @Override
  public String toString() {
    return "CompiledExpression" + toJson();
  }
}
