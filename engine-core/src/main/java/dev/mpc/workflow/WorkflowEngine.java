package dev.mpc.workflow;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The workflow engine: runs the statecharts of an artifact's {@code Workflow} definitions over
 * immutable {@link WorkflowInstance} snapshots.
 *
 * <pre>{@code
 * WorkflowEngine engine = WorkflowEngine.builder().preset(preset).guardPort(guards).authPort(auth)
 *     .check(artifact).build().orElseThrow();
 * WorkflowInstance i = engine.start(artifact, "approval", "order-42").orElseThrow();
 * store.create(i);
 * TransitionResult r = engine.fire(artifact, i, "submit", actor, context, FireOptions.eventId("evt-1"));
 * if (r.allowed()) { ... execute r.intents() ... }
 * store.save(r.instance(), i.version());
 * }</pre>
 *
 * <p>Semantics (docs/workflow.md): simple, compound (entered through the initial child), parallel
 * (all regions) and final states; for an event, each active leaf (declaration order) looks for
 * the first enabled transition on itself, then its ancestors (roles, then {@link AuthPort}, then
 * the named guard through {@link GuardPort}, then the guard expression); a transition selected by
 * several leaves fires once; transitions whose exits overlap an earlier selection are dropped;
 * exits run innermost first, then transition actions, then entries outermost first (entry actions
 * also for default and history entries); shallow and deep history; timed transitions are timers in
 * the instance. Actions are intents of the taxonomy, rendered for the host to execute.
 *
 * <p>Fail closed: a port that throws or overruns its budget, a guard expression error or exhausted
 * budget, an undeclared dynamic target, an artifact that is not the instance's, or an internal
 * error makes the fire not allowed with a coded error; the configuration is unchanged.
 *
 * <p>Per artifact, each workflow is compiled once and kept in a bounded cache keyed by artifact
 * hash (and lowered-expression digest). Immutable and thread-safe; no I/O, no threads, no sleeping;
 * time comes from the injected clock (and port budgets from the injected nanosecond source).
 */
public final class WorkflowEngine {
  /** The engine name in {@code meta.engine} and traces. */
  public static final String ENGINE_NAME = "core-workflow";

  /** The actor timed transitions are recorded with (they are taken by the engine, not by an actor). */
  public static final Actor TIMER_ACTOR = new Actor("mpc:timer", ActorType.SYSTEM, List.of(), JsonObject.EMPTY);

  /** The default {@link Builder#idempotencyWindow}. */
  public static final int DEFAULT_IDEMPOTENCY_WINDOW = 2;

  /** The largest {@link Builder#idempotencyWindow}. */
  public static final int MAX_IDEMPOTENCY_WINDOW = 256;

  /** The default {@link Builder#portTimeout}: 250 ms. */
  public static final Duration DEFAULT_PORT_TIMEOUT = Duration.ofMillis(250);

  private final dev.mpc.workflow.internal.Runtime runtime;
  private final Preset preset;

  private WorkflowEngine(Builder b) {
    this.preset = b.preset;
    this.runtime = new dev.mpc.workflow.internal.Runtime(new dev.mpc.workflow.internal.Runtime.Config(b.preset,
        b.functions, b.clock, b.nanoTime, b.guardPort, b.authPort, b.portTimeout.toNanos(), b.redactor,
        b.idempotencyWindow, b.cacheSize, b.instanceIds));
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The preset. */
  public Preset preset() {
    return preset;
  }

  /** The ids of the artifact's {@code Workflow} definitions, in artifact order. */
  public List<String> workflows(Artifact artifact) {
    Objects.requireNonNull(artifact, "artifact");
    return artifact.definitions("Workflow").stream().map(d -> d.id()).toList();
  }

  /**
   * The compiled workflow {@code workflowId} of {@code artifact}, or every problem that keeps it
   * from running (unknown workflow, structure, unanswered named guards, expressions).
   */
  public Result<WorkflowModel> model(Artifact artifact, String workflowId) {
    return runtime.model(Objects.requireNonNull(artifact, "artifact"), Objects.requireNonNull(workflowId, "workflowId"));
  }

  /** Starts an instance with an id from {@link Builder#instanceIds} (default: random UUIDs). */
  public Result<WorkflowInstance> start(Artifact artifact, String workflowId) {
    return start(artifact, workflowId, runtime.newInstanceId(), JsonObject.EMPTY);
  }

  /** Starts instance {@code instanceId} with no variables. */
  public Result<WorkflowInstance> start(Artifact artifact, String workflowId, String instanceId) {
    return start(artifact, workflowId, instanceId, JsonObject.EMPTY);
  }

  /**
   * Starts instance {@code instanceId} at version 0: the initial state and its default
   * descendants are entered (their entry actions become the start record's intents), timers of
   * the entered states are set from the clock's now.
   */
  public Result<WorkflowInstance> start(Artifact artifact, String workflowId, String instanceId, JsonObject variables) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(variables, "variables");
    return runtime.start(artifact, workflowId, instanceId, variables, null);
  }

  /**
   * Starts instance {@code instanceId} at version 0 in the configuration of {@code states}
   * (completed: ancestors added, default descendants of composite states entered; no actions run).
   * For migrations and test harnesses; a state that is not declared, or two states that cannot be
   * active together, is an error ({@code E_WF_UNKNOWN_STATE}).
   */
  public Result<WorkflowInstance> startAt(Artifact artifact, String workflowId, String instanceId,
      Collection<String> states) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    return runtime.start(artifact, workflowId, instanceId, JsonObject.EMPTY, List.copyOf(states));
  }

  /** Fires {@code event} with {@link FireOptions#defaults()}. */
  public TransitionResult fire(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context) {
    return fire(artifact, instance, event, actor, context, FireOptions.defaults());
  }

  /**
   * Fires {@code event} by {@code actor} with guard context {@code context}. Never throws for an
   * outcome: every failure is a not-allowed result with a coded error.
   */
  public TransitionResult fire(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context, FireOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(options, "options");
    return runtime.fire(artifact, instance, event, actor, context, options);
  }

  /**
   * What {@code actor} may fire now: every transition leaving an active state (declared on it or
   * an ancestor), timed ones excluded, each with whether it is enabled (roles, AuthPort, guards
   * evaluated, no side effects) and why not. Order: active leaves in declaration order, innermost
   * source first, then declaration order.
   */
  public List<AvailableTransition> availableTransitions(Artifact artifact, WorkflowInstance instance, Actor actor,
      JsonObject context) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(context, "context");
    return runtime.available(artifact, instance, actor, context);
  }

  /** The instance's timers due at {@code now}, in due order. */
  public List<WorkflowTimer> dueTimeouts(WorkflowInstance instance, Instant now) {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(now, "now");
    List<WorkflowTimer> out = new ArrayList<>();
    for (WorkflowTimer t : instance.timers()) {
      if (t.isDue(now)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** When the instance's next timer is due, if it has one (for the host's scheduler). */
  public Optional<Instant> nextDue(WorkflowInstance instance) {
    Objects.requireNonNull(instance, "instance");
    return instance.timers().isEmpty() ? Optional.empty() : Optional.of(instance.timers().get(0).dueAt());
  }

  /** {@link #fireDue(Artifact, WorkflowInstance, Instant, FireOptions)} with default options. */
  public Optional<TransitionResult> fireDue(Artifact artifact, WorkflowInstance instance, Instant now) {
    return fireDue(artifact, instance, now, FireOptions.defaults());
  }

  /**
   * Fires the earliest timer due at {@code now}: its timed transition (exactly that one, not
   * whatever else listens to its event) as {@link #TIMER_ACTOR}, without role or AuthPort checks,
   * its guards evaluated with an empty context; states it enters start their timers at {@code now}.
   * Empty when no timer is due. Call repeatedly to drain several due timers.
   */
  public Optional<TransitionResult> fireDue(Artifact artifact, WorkflowInstance instance, Instant now,
      FireOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(options, "options");
    return runtime.fireDue(artifact, instance, now, options);
  }

  /** Replaces the instance variables: a new version with a {@code VARIABLES} record (time from the clock). */
  public WorkflowInstance withVariables(WorkflowInstance instance, JsonObject variables) {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(variables, "variables");
    return runtime.withVariables(instance, variables);
  }

  /**
   * Rebuilds an instance from its transition history (as a {@link WorkflowStore} returns it):
   * the start, every recorded step and variables update re-applied in version order, without
   * consulting ports or guards (their answers are recorded). The result equals the instance that
   * produced the history. A history with a gap, a duplicate, an unknown transition or state, or a record
   * that does not reproduce its recorded configurations is an error.
   */
  public Result<WorkflowInstance> replay(Artifact artifact, String workflowId, String instanceId,
      List<TransitionRecord> history) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(history, "history");
    return runtime.replay(artifact, workflowId, instanceId, List.copyOf(history));
  }

  /**
   * Builds a {@link WorkflowEngine}; {@link #build()} reports every problem at once. Not
   * thread-safe; confine to one thread.
   */
  public static final class Builder {
    private Preset preset = Preset.standard("preset-generic-full");
    private FunctionRegistry functions = FunctionRegistry.empty();
    private Clock clock = Clock.system(ZoneOffset.UTC);
    private LongSupplier nanoTime = System::nanoTime;
    private GuardPort guardPort;
    private AuthPort authPort;
    private Duration portTimeout = DEFAULT_PORT_TIMEOUT;
    private Redactor redactor = Redactor.standard();
    private int idempotencyWindow = DEFAULT_IDEMPOTENCY_WINDOW;
    private long cacheSize = 64;
    private Supplier<String> instanceIds = () -> java.util.UUID.randomUUID().toString();
    private final List<Artifact> checked = new ArrayList<>();
    private final List<Diagnostic> problems = new ArrayList<>();

    private Builder() {}

    private boolean present(Object v, String name) {
      if (v == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, name + " must not be null"));
        return false;
      }
      return true;
    }

    /** The preset: expression limits and features for guards (default {@code preset-generic-full}). */
    public Builder preset(Preset preset) {
      if (present(preset, "preset")) {
        this.preset = preset;
      }
      return this;
    }

    /** The host's function implementations for guard expressions (default none: built-ins only). */
    public Builder functions(FunctionRegistry functions) {
      if (present(functions, "functions")) {
        this.functions = functions;
      }
      return this;
    }

    /** The clock: record times, timer due times, {@code now()} in guards, trace timestamps (default system UTC). */
    public Builder clock(Clock clock) {
      if (present(clock, "clock")) {
        this.clock = clock;
      }
      return this;
    }

    /** The monotonic nanosecond source that measures port calls against {@link #portTimeout} (default {@link System#nanoTime()}). */
    public Builder nanoTime(LongSupplier nanoTime) {
      if (present(nanoTime, "nanoTime")) {
        this.nanoTime = nanoTime;
      }
      return this;
    }

    /** The host's named guards (default none: a workflow naming a guard cannot run). */
    public Builder guardPort(GuardPort port) {
      if (present(port, "guardPort")) {
        this.guardPort = port;
      }
      return this;
    }

    /** The host's authorization (default none: only required roles are checked; {@code auth: true} transitions are denied). */
    public Builder authPort(AuthPort port) {
      if (present(port, "authPort")) {
        this.authPort = port;
      }
      return this;
    }

    /** The time budget of one port call (default 250 ms; positive). */
    public Builder portTimeout(Duration timeout) {
      if (present(timeout, "portTimeout")) {
        if (timeout.isNegative() || timeout.isZero()) {
          problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "portTimeout must be positive, got " + timeout));
        } else {
          this.portTimeout = timeout;
        }
      }
      return this;
    }

    /** The redactor applied to traces and error details (default {@link Redactor#standard()}). */
    public Builder redaction(Redactor redactor) {
      if (present(redactor, "redaction")) {
        this.redactor = redactor;
      }
      return this;
    }

    /**
     * How many recent records an instance keeps for idempotency (default
     * {@value WorkflowEngine#DEFAULT_IDEMPOTENCY_WINDOW}, 1 to {@value WorkflowEngine#MAX_IDEMPOTENCY_WINDOW}):
     * an event id fired again within the last {@code n} records is a recorded no-op; an older one
     * is fired anew.
     */
    public Builder idempotencyWindow(int n) {
      if (n < 1 || n > MAX_IDEMPOTENCY_WINDOW) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "idempotencyWindow must be between 1 and "
            + MAX_IDEMPOTENCY_WINDOW + ", got " + n));
      } else {
        this.idempotencyWindow = n;
      }
      return this;
    }

    /** How many compiled artifacts to keep (default 64, at least 1). */
    public Builder cacheSize(long size) {
      if (size < 1) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "cacheSize must be at least 1, got " + size));
      } else {
        this.cacheSize = size;
      }
      return this;
    }

    /** Where {@link WorkflowEngine#start(Artifact, String)} takes instance ids from (default random UUIDs). */
    public Builder instanceIds(Supplier<String> ids) {
      if (present(ids, "instanceIds")) {
        this.instanceIds = ids;
      }
      return this;
    }

    /**
     * Checks every workflow of {@code artifact} at {@link #build()}: each must compile, every named
     * guard must be declared by the {@link GuardPort}, and {@code auth: true} transitions need an
     * {@link AuthPort}; each problem is reported.
     */
    public Builder check(Artifact artifact) {
      if (present(artifact, "artifact")) {
        checked.add(artifact);
      }
      return this;
    }

    /** The engine, or every configuration problem (and every problem of the checked artifacts' workflows). */
    public Result<WorkflowEngine> build() {
      List<Diagnostic> all = new ArrayList<>(problems);
      if (!all.isEmpty()) {
        return Result.failed(all);
      }
      WorkflowEngine engine = new WorkflowEngine(this);
      for (Artifact a : checked) {
        for (String id : engine.workflows(a)) {
          Result<WorkflowModel> m = engine.model(a, id);
          if (!m.isOk()) {
            all.addAll(m.diagnostics());
          }
        }
      }
      return all.isEmpty() ? Result.ok(engine) : Result.failed(all);
    }
  }
}
