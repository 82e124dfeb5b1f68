package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.internal.Compiler;
import dev.mpc.expr.internal.EvalError;
import dev.mpc.expr.internal.Frame;
import dev.mpc.expr.internal.Node;
import dev.mpc.expr.internal.UpstreamType;
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

  /** Evaluates with {@code bindings}. */
  public Result<JsonValue> evaluate(Bindings bindings) {
    Frame f = Frame.acquire(program, null);
    try {
      return Result.ok(root.eval(f, bindings));
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
      return Result.failed(e.diagnostic());
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
