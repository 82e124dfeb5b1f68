package dev.mpc.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TraceEntry;
import dev.mpc.json.JsonValue;
import java.time.Clock;
import java.util.List;

/**
 * The mutable state of one evaluation: budgets, clock, optional trace. The variables are not
 * part of it: evaluator nodes receive them as an argument, so that reading them never waits for
 * the frame. A frame is confined to one thread and to one evaluation at a time: {@link #acquire}
 * hands out the calling thread's reusable frame (a fresh one when that frame is already in use,
 * i.e. for an evaluation started re-entrantly from a host function), and {@link #release} returns
 * it. Every budget counter is reset on acquire, so nothing carries over from one evaluation to the
 * next. Internal.
 */
public final class Frame {
  /** Steps between two reads of the monotonic timer. */
  static final int TIME_CHECK_INTERVAL = 256;
  /**
   * Program instructions per unit of a pattern's weight: a regex call costs one operation per
   * started KiB of input times {@code ceil(programSize / WEIGHT_UNIT)}.
   */
  static final int WEIGHT_UNIT = 16;
  /**
   * The speed a regex call's time is predicted at, before it runs: nanoseconds per input char per
   * program instruction on RE2/J (measured: 1 to 20), per input char on the DFA (measured: about 1).
   * Deliberately optimistic, so that only calls that cannot fit are refused; one that runs slower
   * than predicted overshoots the time budget by that ratio at most.
   */
  static final long RE2_NANOS_PER_UNIT = 4;
  static final long DFA_NANOS_PER_CHAR = 1;

  private static final ThreadLocal<Frame> PER_THREAD = ThreadLocal.withInitial(Frame::new);

  /**
   * What an evaluation of one compiled expression needs besides its variables: limits, clock and
   * regex cache. Built once per compiled expression, so that starting an evaluation stores one
   * reference instead of one per setting.
   *
   * @param limits the limits
   * @param maxNanos the time budget in nanoseconds, 0 when disabled
   * @param clock the clock {@code now()} reads
   * @param regexes the engine's regex cache
   */
  public record Program(Limits limits, long maxNanos, Clock clock, Regexes regexes) {
    /** Derives {@link #maxNanos} from {@code limits}. */
    public Program(Limits limits, Clock clock, Regexes regexes) {
      this(limits, maxNanos(limits), clock, regexes);
    }

    private static long maxNanos(Limits limits) {
      double ms = limits.maxEvalTimeMs();
      return ms <= 0 ? 0 : (long) Math.max(1, Math.min(ms * 1e6, 1e15));
    }
  }

  List<TraceEntry> trace;
  private Program program;
  /**
   * The value produced by the last {@link Node#evalNum} call when it was not a 64-bit int; null
   * otherwise. Set only by {@code evalNum} and cleared by its caller through {@link #takeMiss}.
   */
  private JsonValue miss;
  private int maxSteps;
  private int steps;
  private int regexOps;
  private long allocated;
  private long maxAlloc;
  private int nextTimeCheck;
  /** {@code min(maxSteps + 1, nextTimeCheck)}: the one step count {@link #charge} compares with. */
  private int nextCheck;
  /** {@link #nextCheck} at the start of an evaluation of {@link #program}. */
  private int firstCheck;
  private long startNanos;
  /** Time elapsed at the last timer read (0 at the first, which starts the clock). */
  private long elapsedNanos;
  private boolean started;
  private boolean inUse;

  private Frame() {}

  /** Creates a frame for one evaluation that is not pooled (constant folding at compile time). */
  public Frame(Program program, List<TraceEntry> trace) {
    reset(program, trace);
  }

  /**
   * The calling thread's frame, reset for a new evaluation of {@code program}; a new frame when
   * the thread's frame is in use by an evaluation further up the stack (a host function
   * evaluating another expression). Pair every call with {@link #release} in a {@code finally}
   * block.
   */
  public static Frame acquire(Program program, List<TraceEntry> trace) {
    Frame f = PER_THREAD.get();
    if (f.inUse) {
      f = new Frame();
    }
    f.inUse = true;
    f.reset(program, trace);
    return f;
  }

  /**
   * Ends the evaluation: drops the trace it held and makes the frame available again. The program
   * (limits, clock and regex cache of the last expression evaluated on this thread) stays, so that
   * evaluating the same expression again does not store it again: reference stores into a
   * long-lived object carry GC write barriers.
   */
  public void release() {
    if (trace != null) {
      trace = null;
    }
    if (miss != null) {
      miss = null;
    }
    inUse = false;
  }

  private void reset(Program program, List<TraceEntry> trace) {
    if (this.program != program) {
      this.program = program;
      this.maxSteps = program.limits().maxExprSteps();
      this.maxAlloc = program.limits().maxEvalAllocSize();
      this.firstCheck = Math.min(maxSteps + 1, TIME_CHECK_INTERVAL);
    }
    if (trace != null) {
      this.trace = trace;
    }
    this.steps = 0;
    this.regexOps = 0;
    this.allocated = 0;
    this.nextTimeCheck = TIME_CHECK_INTERVAL;
    this.nextCheck = firstCheck;
    this.started = false;
  }

  /** Charges {@code n} steps; fails when the step budget is exceeded. */
  public void charge(int n) {
    int s = steps + n;
    steps = s;
    if (s >= nextCheck) {
      checkpoint();
    }
  }

  /** The step count reached the budget or the next timer read: decides which. */
  private void checkpoint() {
    if (steps > maxSteps) {
      throw new EvalError(Code.E_BUDGET_EXCEEDED,
          "Expression evaluation exceeded step budget (limit: " + maxSteps + ")");
    }
    if (steps >= nextTimeCheck) {
      checkTime();
    }
  }

  /**
   * Reads the monotonic timer (the first read starts the clock); fails when the time budget is
   * exceeded. Schedules the next read {@value #TIME_CHECK_INTERVAL} steps from now.
   */
  void checkTime() {
    nextTimeCheck = steps + TIME_CHECK_INTERVAL;
    nextCheck = Math.min(maxSteps + 1, nextTimeCheck);
    long maxNanos = program.maxNanos();
    if (maxNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (!started) {
      started = true;
      startNanos = now;
      elapsedNanos = 0;
    } else {
      elapsedNanos = now - startNanos;
      if (elapsedNanos > maxNanos) {
        throw timeLimit();
      }
    }
  }

  /**
   * Counts the regex operation of one call ({@code regex} or {@code matches}), before the pattern
   * is compiled or run, and reads the timer.
   */
  void regexCall() {
    int max = program.limits().maxRegexOps();
    if (++regexOps > max) {
      throw regexLimit(max);
    }
    checkTime();
  }

  /**
   * Charges the work of one search over {@code inputLength} chars with a program of
   * {@code programSize} instructions, before it runs (a search cannot be interrupted): one regex
   * operation per started KiB of input times the pattern's weight
   * {@code ceil(programSize / }{@value #WEIGHT_UNIT}{@code )}; then, when the time budget is on,
   * refuses the search if its predicted time does not fit in what was left of the budget at the
   * timer read of {@link #regexCall}.
   */
  void regexWork(int inputLength, int programSize, boolean dfa) {
    long weight = Math.max(1, (programSize + WEIGHT_UNIT - 1) / WEIGHT_UNIT);
    long total = regexOps + (((long) inputLength * weight) >> 10);
    regexOps = (int) Math.min(total, Integer.MAX_VALUE);
    int max = program.limits().maxRegexOps();
    if (total > max) {
      throw regexLimit(max);
    }
    long maxNanos = program.maxNanos();
    if (maxNanos != 0) {
      long predicted = dfa ? inputLength * DFA_NANOS_PER_CHAR
          : (long) inputLength * programSize * RE2_NANOS_PER_UNIT;
      // The timer was read by regexCall() just before; no second read, so that the decision
      // depends on the prediction, not on when the thread happens to be scheduled.
      if (elapsedNanos + predicted > maxNanos) {
        throw timeLimit();
      }
    }
  }

  private static EvalError regexLimit(int max) {
    return new EvalError(Code.E_EXPR_REGEX_LIMIT, "Regex operation limit exceeded (limit: " + max + ")");
  }

  private EvalError timeLimit() {
    return new EvalError(Code.E_EXPR_LIMIT_TIME,
        "Expression time limit exceeded (limit: " + program.limits().maxEvalTimeText() + "ms)");
  }

  /**
   * Charges {@code size} units (chars of a string, elements of a list) an evaluation is about to
   * build; fails when the evaluation's allocation budget is exceeded.
   */
  void alloc(long size) {
    long a = allocated + size;
    allocated = a;
    if (a > maxAlloc) {
      throw new EvalError(Code.E_BUDGET_EXCEEDED,
          "Expression evaluation exceeded allocation budget (limit: " + maxAlloc + ")");
    }
  }

  /** What is left of the allocation budget (negative once exceeded). */
  long allocRoom() {
    return maxAlloc - allocated;
  }

  /** Records a value that {@link Node#evalNum} could not return as a long. */
  void miss(JsonValue v) {
    miss = v;
  }

  /** The value recorded by the last {@link Node#evalNum}, or null if it returned a long; clears it. */
  JsonValue takeMiss() {
    JsonValue m = miss;
    miss = null;
    return m;
  }

  /** The clock {@code now()} reads. */
  Clock clock() {
    return program.clock();
  }

  /** The regex cache of the engine. */
  Regexes regexes() {
    return program.regexes();
  }

  /** Steps used so far. */
  public int steps() {
    return steps;
  }

  /** Regex operations used so far. */
  public int regexOps() {
    return regexOps;
  }

  /** Allocation units (string chars, list elements) charged so far. */
  public long allocated() {
    return allocated;
  }

  /** The limits of this evaluation. */
  Limits limits() {
    return program.limits();
  }
}
