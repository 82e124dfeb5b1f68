package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TraceEntry;
import java.time.Clock;
import java.util.List;

/**
 * The mutable state of one evaluation: variables, budgets, clock, optional trace. Created per
 * evaluation and confined to its thread. Internal.
 */
public final class Frame {
  /** Steps between two reads of the monotonic timer. */
  static final int TIME_CHECK_INTERVAL = 256;

  final Bindings vars;
  final Clock clock;
  final List<TraceEntry> trace;
  private final Regexes regexes;
  private final Limits limits;
  private final int maxSteps;
  private final long maxNanos;
  private int steps;
  private int regexOps;
  private int nextTimeCheck = TIME_CHECK_INTERVAL;
  private long startNanos;
  private boolean started;

  /** Creates the state for one evaluation. */
  public Frame(Bindings vars, Limits limits, Clock clock, Regexes regexes, List<TraceEntry> trace) {
    this.vars = vars;
    this.regexes = regexes;
    this.limits = limits;
    this.maxSteps = limits.maxExprSteps();
    double ms = limits.maxEvalTimeMs();
    this.maxNanos = ms <= 0 ? 0 : (long) Math.max(1, Math.min(ms * 1e6, 1e15));
    this.clock = clock;
    this.trace = trace;
  }

  /** Charges {@code n} steps; fails when the step budget is exceeded. */
  public void charge(int n) {
    int s = steps + n;
    steps = s;
    if (s > maxSteps) {
      throw new EvalError(Code.E_BUDGET_EXCEEDED,
          "Expression evaluation exceeded step budget (limit: " + maxSteps + ")");
    }
    if (s >= nextTimeCheck) {
      checkTime();
    }
  }

  /** Reads the monotonic timer; fails when the time budget is exceeded. */
  void checkTime() {
    nextTimeCheck = steps + TIME_CHECK_INTERVAL;
    if (maxNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (!started) {
      started = true;
      startNanos = now;
    } else if (now - startNanos > maxNanos) {
      throw new EvalError(Code.E_EXPR_LIMIT_TIME,
          "Expression time limit exceeded (limit: " + limits.maxEvalTimeText() + "ms)");
    }
  }

  /** Counts regex operations for one regex run over {@code inputLength} chars. */
  void regexOp(int inputLength) {
    regexOps += 1 + (inputLength >> 10);
    if (regexOps > limits.maxRegexOps()) {
      throw new EvalError(Code.E_EXPR_REGEX_LIMIT,
          "Regex operation limit exceeded (limit: " + limits.maxRegexOps() + ")");
    }
    checkTime();
  }

  /** The regex cache of the engine. */
  Regexes regexes() {
    return regexes;
  }

  /** Steps used so far. */
  public int steps() {
    return steps;
  }

  /** Regex operations used so far. */
  public int regexOps() {
    return regexOps;
  }

  /** The limits of this evaluation. */
  Limits limits() {
    return limits;
  }
}
