package dev.mpc.workflow.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.DecisionMeta;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.Trace;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.TraceLevel;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import dev.mpc.workflow.AuthCall;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.AvailableTransition;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.GuardCall;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.HistoryMode;
import dev.mpc.workflow.StateKind;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.TransitionType;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowModel;
import dev.mpc.workflow.WorkflowTimer;
import dev.mpc.workflow.internal.Compiled.Action;
import dev.mpc.workflow.internal.Compiled.Trans;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link WorkflowEngine}: compiled workflows cached per artifact, and the
 * statechart step over immutable instances. Immutable and thread-safe (the caches are
 * concurrent); no I/O, no threads.
 */
public final class Runtime {
  /** The engine's configuration, as its builder collected it. */
  public record Config(Preset preset, FunctionRegistry functions, Clock clock, LongSupplier nanoTime,
      GuardPort guardPort, AuthPort authPort, long portTimeoutNanos, Redactor redactor, int window, long cacheSize,
      Supplier<String> instanceIds) {}

  private static final Logger LOG = LoggerFactory.getLogger("dev.mpc.workflow");
  private static final int PASS = 0;
  private static final int FAIL = 1;
  private static final int CLOSED = 2;

  private final Config config;
  /** Whether fires replay cached plans (off only in the test that checks plans against the general step). */
  boolean plans = true;
  private final Set<String> guardNames;
  /** Made on first use (a runtime that never runs a workflow never starts Caffeine). */
  private volatile Cache<String, Result<Compiled>> cache;
  private volatile Cache<String, ExprEngine> engines;
  private volatile Last last;

  private record Last(Artifact artifact, String workflowId, Result<Compiled> compiled) {}

  /** A runtime with {@code config}. */
  public Runtime(Config config) {
    this.config = config;
    this.guardNames = config.guardPort() == null ? null : Set.copyOf(config.guardPort().guards());
  }

  private Cache<String, Result<Compiled>> cache() {
    Cache<String, Result<Compiled>> c = cache;
    if (c == null) {
      synchronized (this) {
        c = cache;
        if (c == null) {
          engines = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.cacheSize()).build();
          cache = c = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.cacheSize() * 8).build();
        }
      }
    }
    return c;
  }

  /** A fresh instance id. */
  public String newInstanceId() {
    return config.instanceIds().get();
  }

  // ------------------------------------------------------------------ compiled models

  private Result<Compiled> compiled(Artifact artifact, String workflowId) {
    Last l = last;
    if (l != null && l.artifact == artifact && l.workflowId.equals(workflowId)) {
      return l.compiled;
    }
    String key = artifact.hash() + "/" + artifact.loweredDigest();
    Result<Compiled> c = cache().get(key + "/" + workflowId, k -> {
      try {
        ExprEngine engine = engines.get(key, x -> exprEngine(artifact));
        Result<Compiled> compiled = Compiled.compile(artifact, workflowId, engine, config.preset().exprLimits(),
            guardNames, config.authPort() != null);
        if (compiled instanceof Result.Ok<Compiled> done) {
          done.get().redactShared(config.redactor());
        }
        return compiled;
      } catch (RuntimeException | StackOverflowError e) {
        return Result.failed(internal(e));
      }
    });
    last = new Last(artifact, workflowId, c);
    return c;
  }

  /**
   * The artifact's expression engine, built as the decision engine builds it (a declared function
   * without an implementation stays undeclared, so a guard calling it fails to compile).
   */
  private ExprEngine exprEngine(Artifact a) {
    return dev.mpc.engine.internal.ArtifactExpressions.engine(a, config.functions(), config.preset().exprFeatures(),
        config.clock(), new ArrayList<>());
  }

  /** See {@link WorkflowEngine#model}. */
  public Result<WorkflowModel> model(Artifact artifact, String workflowId) {
    return compiled(artifact, workflowId).map(c -> c.view);
  }

  // ------------------------------------------------------------------ start

  /** See {@link WorkflowEngine#start}; {@code states} null for the initial configuration. */
  public Result<WorkflowInstance> start(Artifact artifact, String workflowId, String instanceId, JsonObject variables,
      List<String> states) {
    if (instanceId.isEmpty()) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "instanceId must not be empty"));
    }
    Result<Compiled> r = compiled(artifact, workflowId);
    if (!(r instanceof Result.Ok<Compiled> ok)) {
      return Result.failed(r.diagnostics());
    }
    Compiled c = ok.get();
    try {
      Instant now = config.clock().instant();
      Step s = new Step(c, workflowId, instanceId, JsonObject.EMPTY, new BitSet(), Map.of(), List.of(), now,
          WorkflowEngine.TIMER_ACTOR.id(), "", null, 0, null);
      s.cfg.set(Compiled.ROOT);
      if (states == null) {
        s.enter(null, c.initial, Compiled.ROOT, true);
      } else {
        Diagnostic bad = s.complete(states);
        if (bad != null) {
          return Result.failed(bad);
        }
      }
      List<String> to = c.names(s.cfg);
      TransitionRecord rec = new TransitionRecord(0, TransitionRecord.Kind.START, Optional.empty(), "",
          Optional.empty(), now, List.of(), to, true, List.of(), List.of(), List.of(), s.intents, variables);
      return Result.ok(new WorkflowInstance(workflowId, instanceId, artifact.hash(), to, s.historyResult(), s.timers(),
          variables, 0, List.of(rec)));
    } catch (RuntimeException | StackOverflowError e) {
      return Result.failed(internal(e));
    }
  }

  // ------------------------------------------------------------------ fire

  /** See {@link WorkflowEngine#fire}. */
  public TransitionResult fire(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context, FireOptions options) {
    if (options.eventId().isPresent()) {
      Optional<TransitionRecord> seen = instance.recorded(options.eventId().get());
      if (seen.isPresent()) {
        return new TransitionResult(seen.get(), instance, Optional.empty(), true, meta(artifact, Optional.empty()));
      }
    }
    try {
      return run(artifact, instance, event, actor, context, options, null);
    } catch (RuntimeException | StackOverflowError e) {
      return unattributed(artifact, instance, event, actor, options, TransitionRecord.Kind.EVENT, internal(e));
    }
  }

  /** See {@link WorkflowEngine#fireDue}. */
  public Optional<TransitionResult> fireDue(Artifact artifact, WorkflowInstance instance, Instant now,
      FireOptions options) {
    if (instance.timers().isEmpty() || !instance.timers().get(0).isDue(now)) {
      return Optional.empty();
    }
    WorkflowTimer timer = instance.timers().get(0);
    if (options.eventId().isPresent()) {
      Optional<TransitionRecord> seen = instance.recorded(options.eventId().get());
      if (seen.isPresent()) {
        return Optional.of(new TransitionResult(seen.get(), instance, Optional.empty(), true,
            meta(artifact, Optional.empty())));
      }
    }
    try {
      return Optional.of(run(artifact, instance, timer.event(), WorkflowEngine.TIMER_ACTOR, JsonObject.EMPTY, options,
          new Due(timer, now)));
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.of(unattributed(artifact, instance, timer.event(), WorkflowEngine.TIMER_ACTOR, options,
          TransitionRecord.Kind.TIMEOUT, internal(e)));
    }
  }

  private record Due(WorkflowTimer timer, Instant now) {}

  private TransitionResult run(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context, FireOptions options, Due due) {
    TransitionRecord.Kind kind = due == null ? TransitionRecord.Kind.EVENT : TransitionRecord.Kind.TIMEOUT;
    if (!artifact.hash().equals(instance.artifactHash())) {
      return unattributed(artifact, instance, event, actor, options, kind, Diagnostic.of(Code.E_WF_ARTIFACT_MISMATCH,
          "Instance '" + instance.instanceId() + "' runs on artifact " + instance.artifactHash() + ", not "
          + artifact.hash()));
    }
    Result<Compiled> r = compiled(artifact, instance.workflowId());
    if (!(r instanceof Result.Ok<Compiled> ok)) {
      return unattributed(artifact, instance, event, actor, options, kind, r.diagnostics().get(0));
    }
    Compiled c = ok.get();
    if (due == null) {
      TransitionResult fast = fast(artifact, instance, event, actor, options, c);
      if (fast != null) {
        return fast;
      }
    }
    return run(artifact, instance, event, actor, context, options, due, kind, c, new Step());
  }

  /**
   * The fire of a {@link Compiled.Fast} event: what the general step gives for it (the property
   * test {@code PlanEquivalenceProperties} holds the two to the same results), without the step;
   * null when the fire is not of that shape.
   */
  private TransitionResult fast(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      FireOptions options, Compiled c) {
    if (!plans || options.traceLevel() != TraceLevel.NONE || !(instance.configuration() instanceof StateList l)
        || !(l.owner instanceof Compiled.Config cfg) || cfg.workflow != c || !cfg.interned) {
      return null;
    }
    Compiled.Fast f = cfg.fast.get(event);
    if (f == null) {
      f = fastFor(c, cfg, event);
      cfg.fast.putIfAbsent(event, f);
    }
    if (f == Compiled.Fast.NONE) {
      return null;
    }
    Trans t = f.transition;
    if (t.roles.length > 0 && !anyRole(actor, t.roles)) {
      return null;
    }
    long version = instance.version() + 1;
    String id = instance.instanceId();
    Action[] as = f.actions;
    List<Intent> intents;
    if (as.length == 0) {
      intents = List.of();
    } else if (as.length == 1) {
      intents = List.of(intent(as[0], id, version, 0, null));
    } else {
      Intent[] out = new Intent[as.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = intent(as[i], id, version, i, null);
      }
      intents = List.of(out);
    }
    List<String> to = f.result.names;
    TransitionRecord rec = new TransitionRecord(version, TransitionRecord.Kind.EVENT, options.eventId(), event,
        Optional.of(actor.id()), config.clock().instant(), l, to, true, t.stepList, t.passList, List.of(), intents,
        instance.variables());
    WorkflowInstance next = new WorkflowInstance(instance.workflowId(), id, instance.artifactHash(), to,
        instance.history(), instance.timers(), instance.variables(), version, window(instance.recent(), rec));
    Optional<String> span = span(options, artifact, instance, event);
    return new TransitionResult(rec, next, Optional.empty(), false, meta(artifact, span));
  }

  private static boolean anyRole(Actor actor, String[] roles) {
    for (String role : roles) {
      if (actor.roles().contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** The {@link Compiled.Fast} form of {@code event} from {@code cfg}, or {@link Compiled.Fast#NONE}. */
  private Compiled.Fast fastFor(Compiled c, Compiled.Config cfg, String event) {
    if (cfg.leaves.length != 1 || config.authPort() != null) {
      return Compiled.Fast.NONE;
    }
    Trans[] cands = null;
    for (int level = cfg.leaves[0]; level >= 0 && cands == null; level = c.parent[level]) {
      cands = c.byEvent.get(level).get(event);
    }
    if (cands == null || cands.length == 0) {
      return Compiled.Fast.NONE;
    }
    Trans t = cands[0];
    if (t.named != null || t.guard != null || t.auth || t.type == TransitionType.DYNAMIC
        || t.type == TransitionType.INTERNAL || t.stepList == null) {
      return Compiled.Fast.NONE;
    }
    Compiled.Plan p = cfg.plans.get(t);
    if (p == null) {
      p = plan(c, cfg, t);
      cfg.plans.putIfAbsent(t, p);
    }
    if (p == Compiled.Plan.NONE) {
      return Compiled.Fast.NONE;
    }
    List<Action> actions = new ArrayList<>();
    for (int x : p.exits) {
      actions.addAll(List.of(c.onLeave[x]));
    }
    actions.addAll(List.of(t.actions));
    for (int x : p.entries) {
      actions.addAll(List.of(c.onEnter[x]));
    }
    for (Action a : actions) {
      if (a.targetForm() == Compiled.GENERAL || a.keyForm() == Compiled.GENERAL || a.paramsRendered()) {
        return Compiled.Fast.NONE;
      }
    }
    return new Compiled.Fast(t, actions.toArray(Action[]::new), p.result);
  }

  /**
   * The intent of action {@code a}, the {@code index}-th of a fire of instance {@code id} at
   * {@code version}; {@code render} answers placeholders (null when the action has none to render).
   */
  static Intent intent(Action a, String id, long version, int index, java.util.function.Function<String, String> render) {
    String target = a.targetForm() == Compiled.LITERAL ? a.target()
        : a.targetForm() == Compiled.INSTANCE_ID ? id : Compiled.render(a.target(), render);
    JsonObject params = a.paramsRendered() ? (JsonObject) Compiled.renderJson(a.params(), render) : a.params();
    String key = a.key() == null
        ? (a.kind().idempotencyKeyRequired() ? id + ":" + version + ":" + index : null)
        : a.keyForm() == Compiled.LITERAL ? a.key()
        : a.keyForm() == Compiled.INSTANCE_ID ? id : Compiled.render(a.key(), render);
    return new Intent(a.kind(), target.isEmpty() ? Optional.of(id) : Optional.of(target), params,
        key == null || key.isEmpty() ? Optional.empty() : Optional.of(key));
  }

  private TransitionResult run(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context, FireOptions options, Due due, TransitionRecord.Kind kind, Compiled c, Step s) {
    Compiled.Config cfg0 = c.config(instance.configuration());
    if (cfg0 == null) {
      return unattributed(artifact, instance, event, actor, options, kind, Diagnostic.of(Code.E_WF_UNKNOWN_STATE,
          "Instance '" + instance.instanceId() + "' is in states the workflow does not declare: "
          + instance.configuration()));
    }
    Instant now = due != null ? due.now : config.clock().instant();
    long version = instance.version() + 1;
    s.init(c, instance.workflowId(), instance.instanceId(), instance.variables(), null, instance.history(),
        instance.timers(), now, actor.id(), event, options.eventId().orElse(null), version,
        options.traceLevel() == TraceLevel.NONE ? null : new ArrayList<>());
    s.current = cfg0;
    s.full = options.traceLevel() == TraceLevel.FULL;
    s.actor = actor;
    s.context = context;
    List<String> from = instance.configuration();
    Diagnostic closed = due != null ? s.selectTimer(due.timer) : s.select();
    boolean allowed;
    if (closed != null) {
      s.errors.clear();
      s.errors.add(closed);
      allowed = false;
    } else if (s.candidates == 0 && due == null) {
      if (c.ignored.contains(event)) {
        s.reasons.add(Reason.of(Code.R_WF_IGNORED, "Ignored"));
        allowed = true;
      } else {
        String message = "No transition '" + event + "' defined from state '" + instance.stateLabel() + "'";
        s.reasons.add(new Reason(Code.R_WF_UNKNOWN_TRANSITION, Optional.of(message), Optional.empty(), JsonObject.EMPTY));
        s.errors.add(Diagnostic.of(Code.E_WF_UNKNOWN_TRANSITION, message)); // the active states: the record's from
        allowed = false;
      }
    } else if (s.selCount == 0) {
      allowed = false;
    } else {
      s.errors.clear();
      for (int i = 0; i < s.selCount; i++) {
        s.execute(s.sel(i), s.tgt(i));
      }
      allowed = true;
    }
    if (due != null && !allowed) {
      s.dropTimer(due.timer); // it fired; its guard said no (or failed): it is not retried
    }
    List<String> to = allowed ? s.active() : from;
    List<TransitionRecord.Step> steps = List.of();
    List<Reason> reasons = s.reasons;
    if (allowed && s.selCount > 0) {
      Trans first = s.sel(0);
      if (s.selCount == 1 && first.step != null && first.to == s.tgt(0)) {
        steps = first.stepList; // the common fire: its step and (below) its reason, prebuilt
        if (reasons.size() == 1 && reasons.get(0) == first.pass) {
          reasons = first.passList;
        }
      } else {
        // immutable here, so TransitionRecord's List.copyOf keeps it as is
        TransitionRecord.Step[] out = new TransitionRecord.Step[s.selCount];
        for (int i = 0; i < out.length; i++) {
          Trans t = s.sel(i);
          int target = s.tgt(i);
          out[i] = t.step != null && t.to == target ? t.step : new TransitionRecord.Step(t.id, c.names[target]);
        }
        steps = List.of(out);
      }
    }
    List<Diagnostic> errors = s.errors.isEmpty() ? List.of() : redacted(c, s.errors);
    TransitionRecord rec = new TransitionRecord(version, kind, options.eventId(), event, Optional.of(actor.id()), now,
        from, to, allowed, steps, reasons, errors, allowed ? s.intents : List.of(), instance.variables());
    WorkflowInstance next = new WorkflowInstance(instance.workflowId(), instance.instanceId(), instance.artifactHash(),
        to, allowed ? s.historyResult() : instance.history(), allowed || due != null ? s.timers() : instance.timers(),
        instance.variables(), version, window(instance.recent(), rec));
    Optional<String> span = span(options, artifact, instance, event);
    Optional<Trace> trace = s.trace == null ? Optional.empty() : Optional.of(config.redactor().redact(
        new Trace(span.orElseThrow(), Optional.empty(), WorkflowEngine.ENGINE_NAME, s.trace)));
    return new TransitionResult(rec, next, trace, false, meta(artifact, span));
  }

  /**
   * The plan of taking {@code t} (fixed target) from {@code from}: the general step run once over
   * a copy of the configuration with actions off, its exits and entries recorded; {@link
   * Compiled.Plan#NONE} when it touches history or timers (those depend on the instance).
   */
  private Compiled.Plan plan(Compiled c, Compiled.Config from, Trans t) {
    Step p = new Step(c, c.id, "plan", JsonObject.EMPTY, (BitSet) from.bits.clone(), Map.of(), List.of(),
        Instant.EPOCH, "", "", null, 0, null);
    p.replaying = true;
    p.planning = true;
    p.execute(t, t.to);
    if (p.unplannable || p.planExits == null || p.planEntries == null) {
      return Compiled.Plan.NONE;
    }
    return new Compiled.Plan(p.planExits, p.planEntries, c.config(p.cfg));
  }


  /** {@code errors} redacted (the prebuilt ones already are), as an immutable list. */
  private List<Diagnostic> redacted(Compiled c, List<Diagnostic> errors) {
    if (errors.size() == 1) {
      Diagnostic d = errors.get(0);
      return List.of(c.preRedacted(d) ? d : config.redactor().redact(d));
    }
    Diagnostic[] out = new Diagnostic[errors.size()];
    for (int i = 0; i < out.length; i++) {
      Diagnostic d = errors.get(i);
      out[i] = c.preRedacted(d) ? d : config.redactor().redact(d);
    }
    return List.of(out);
  }

  /** A not-allowed result that does not advance the instance (it could not be attributed to it). */
  private TransitionResult unattributed(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      FireOptions options, TransitionRecord.Kind kind, Diagnostic error) {
    Instant now = config.clock().instant();
    TransitionRecord rec = new TransitionRecord(instance.version() + 1, kind, options.eventId(), event,
        Optional.of(actor.id()), now, instance.configuration(), instance.configuration(), false, List.of(), List.of(),
        List.of(config.redactor().redact(error)), List.of(), instance.variables());
    Optional<String> span = span(options, artifact, instance, event);
    Optional<Trace> trace = options.traceLevel() == TraceLevel.NONE ? Optional.empty()
        : Optional.of(new Trace(span.orElseThrow(), Optional.empty(), WorkflowEngine.ENGINE_NAME, List.of()));
    return new TransitionResult(rec, instance, trace, false, meta(artifact, span));
  }

  private Optional<String> span(FireOptions options, Artifact artifact, WorkflowInstance instance, String event) {
    if (options.correlationId().isPresent()) {
      return options.correlationId();
    }
    if (options.traceLevel() == TraceLevel.NONE) {
      return Optional.empty();
    }
    JsonObject.Builder b = JsonObject.builder().put("artifactHash", artifact.hash())
        .put("instanceId", instance.instanceId()).put("version", instance.version()).put("event", event);
    options.eventId().ifPresent(id -> b.put("eventId", id));
    return Optional.of(Canonical.stableHash(b.build()).substring(0, 32));
  }

  /** The provenance of the last artifact fired without a span id (constant per artifact), shared. */
  private volatile DecisionMeta lastMeta;

  private DecisionMeta meta(Artifact artifact, Optional<String> span) {
    if (span.isEmpty()) {
      DecisionMeta m = lastMeta;
      if (m == null || !m.artifactHash().orElseThrow().equals(artifact.hash())) {
        m = new DecisionMeta(Optional.of(artifact.hash()), Optional.of(WorkflowEngine.ENGINE_NAME),
            Optional.of(MpcVersion.compatibility()), span);
        lastMeta = m;
      }
      return m;
    }
    return new DecisionMeta(Optional.of(artifact.hash()), Optional.of(WorkflowEngine.ENGINE_NAME),
        Optional.of(MpcVersion.compatibility()), span);
  }

  private List<TransitionRecord> window(List<TransitionRecord> recent, TransitionRecord rec) {
    // immutable here, so WorkflowInstance's List.copyOf keeps it as is (no second copy)
    int keep = Math.min(recent.size(), config.window() - 1);
    if (keep <= 0) {
      return List.of(rec);
    }
    if (keep == 1) {
      return List.of(recent.get(recent.size() - 1), rec);
    }
    TransitionRecord[] out = new TransitionRecord[keep + 1];
    for (int i = 0; i < keep; i++) {
      out[i] = recent.get(recent.size() - keep + i);
    }
    out[keep] = rec;
    return List.of(out);
  }

  private static Diagnostic internal(Throwable e) {
    LOG.warn("workflow engine internal error; failed closed", e);
    return Diagnostic.of(Code.E_INTERNAL, "Internal error in the workflow engine (" + e.getClass().getSimpleName()
        + "); failed closed");
  }

  // ------------------------------------------------------------------ available

  /** See {@link WorkflowEngine#availableTransitions}. */
  public List<AvailableTransition> available(Artifact artifact, WorkflowInstance instance, Actor actor,
      JsonObject context) {
    try {
      if (!artifact.hash().equals(instance.artifactHash())) {
        return List.of();
      }
      Result<Compiled> r = compiled(artifact, instance.workflowId());
      if (!(r instanceof Result.Ok<Compiled> ok)) {
        return List.of();
      }
      Compiled c = ok.get();
      BitSet cfg = c.bits(instance.configuration());
      if (cfg == null) {
        return List.of();
      }
      Step s = new Step(c, instance.workflowId(), instance.instanceId(), instance.variables(), cfg, instance.history(),
          instance.timers(), config.clock().instant(), actor.id(), "", null, instance.version() + 1, null);
      s.actor = actor;
      s.context = context;
      List<AvailableTransition> out = new ArrayList<>();
      Set<Trans> listed = new HashSet<>();
      int[] leaves = s.leafArray();
      for (int leaf : leaves) {
        Set<String> taken = new HashSet<>();
        for (int level = leaf; level >= 0; level = c.parent[level]) {
          Set<String> takenHere = new HashSet<>();
          for (Trans t : c.transitions) {
            if (t.from != level || t.timeoutMs >= 0 || !listed.add(t)) {
              continue;
            }
            s.event = t.event;
            s.bindings = null;
            List<Reason> reasons = new ArrayList<>();
            List<Diagnostic> fails = new ArrayList<>();
            Diagnostic[] closed = new Diagnostic[1];
            int outcome = s.check(t, false, reasons, fails, closed);
            if (outcome == PASS && t.type == TransitionType.DYNAMIC && s.dynamicTarget(t, closed) < 0) {
              outcome = CLOSED;
            }
            boolean enabled = outcome == PASS && !taken.contains(t.event);
            if (outcome == PASS) {
              takenHere.add(t.event);
            }
            List<Diagnostic> errors = outcome == CLOSED ? List.of(closed[0]) : outcome == FAIL ? fails : List.of();
            out.add(new AvailableTransition(t.view, enabled, reasons, errors));
          }
          taken.addAll(takenHere);
        }
      }
      return out;
    } catch (RuntimeException | StackOverflowError e) {
      internal(e);
      return List.of();
    }
  }

  // ------------------------------------------------------------------ variables, replay

  /** See {@link WorkflowEngine#withVariables}. */
  public WorkflowInstance withVariables(WorkflowInstance instance, JsonObject variables) {
    long version = instance.version() + 1;
    TransitionRecord rec = new TransitionRecord(version, TransitionRecord.Kind.VARIABLES, Optional.empty(), "",
        Optional.empty(), config.clock().instant(), instance.configuration(), instance.configuration(), true, List.of(),
        List.of(), List.of(), List.of(), variables);
    return new WorkflowInstance(instance.workflowId(), instance.instanceId(), instance.artifactHash(),
        instance.configuration(), instance.history(), instance.timers(), variables, version,
        window(instance.recent(), rec));
  }

  /** See {@link WorkflowEngine#replay}. */
  public Result<WorkflowInstance> replay(Artifact artifact, String workflowId, String instanceId,
      List<TransitionRecord> history) {
    if (history.isEmpty() || history.get(0).kind() != TransitionRecord.Kind.START || history.get(0).version() != 0) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a history starts with the start record (version 0)"));
    }
    Result<Compiled> r = compiled(artifact, workflowId);
    if (!(r instanceof Result.Ok<Compiled> ok)) {
      return Result.failed(r.diagnostics());
    }
    Compiled c = ok.get();
    try {
      TransitionRecord start = history.get(0);
      BitSet cfg = c.bits(start.to());
      if (cfg == null) {
        return Result.failed(Diagnostic.of(Code.E_WF_UNKNOWN_STATE, "the start record names undeclared states"));
      }
      Step s = new Step(c, workflowId, instanceId, start.variables(), new BitSet(), Map.of(), List.of(), start.at(),
          "", "", null, 0, null);
      s.cfg.set(Compiled.ROOT);
      s.replaying = true;
      for (int i = cfg.nextSetBit(1); i >= 0; i = cfg.nextSetBit(i + 1)) {
        s.cfg.set(i);
        s.startTimers(i);
      }
      JsonObject vars = start.variables();
      List<TransitionRecord> recent = new ArrayList<>(List.of(start));
      for (int v = 1; v < history.size(); v++) {
        TransitionRecord rec = history.get(v);
        if (rec.version() != v) {
          return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "history record " + v + " has version "
              + rec.version() + " (a gap or a duplicate)"));
        }
        s.now = rec.at();
        switch (rec.kind()) {
          case START -> {
            return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "history record " + v + " is a second start"));
          }
          case VARIABLES -> vars = rec.variables();
          case EVENT, TIMEOUT -> {
            if (rec.allowed()) {
              for (TransitionRecord.Step st : rec.steps()) {
                Trans t = c.byId.get(st.transition());
                Integer target = c.index.get(st.target());
                if (t == null || target == null || target == Compiled.ROOT) {
                  return Result.failed(Diagnostic.of(Code.E_WF_UNKNOWN_STATE, "history record " + v
                      + " names an unknown transition or state: " + st));
                }
                s.execute(t, target);
              }
            } else if (rec.kind() == TransitionRecord.Kind.TIMEOUT) {
              s.dropDue(rec.event(), rec.at());
            }
            if (!c.names(s.cfg).equals(rec.to())) {
              return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "history record " + v
                  + " does not replay: it records " + rec.to() + ", replaying gives " + c.names(s.cfg)));
            }
          }
          default -> throw new IllegalStateException();
        }
        recent.add(rec);
        if (recent.size() > config.window()) {
          recent.remove(0);
        }
      }
      TransitionRecord lastRec = history.get(history.size() - 1);
      return Result.ok(new WorkflowInstance(workflowId, instanceId, artifact.hash(), c.names(s.cfg), s.historyResult(),
          s.timers(), vars, lastRec.version(), recent));
    } catch (RuntimeException | StackOverflowError e) {
      return Result.failed(internal(e));
    }
  }

  // ------------------------------------------------------------------ the step

  /** One fire (or start, or replay) over one instance: mutable, confined to the calling thread. */
  private final class Step {
    Compiled c;
    String workflowId;
    String instanceId;
    JsonObject variables;
    /**
     * The configuration being changed, as bits: the one given (start, replay, available), or,
     * for a fire, materialized from {@link #current} into the scratch set only when the fire needs
     * bits (see {@link #cfg()}); null while {@link #current} is the configuration.
     */
    BitSet cfg;
    /** The configuration while {@link #cfg} is null: interned, changed only by plans. */
    Compiled.Config current;
    /** Computing a plan (see {@link Runtime#plan}): records exits and entries; actions are off. */
    boolean planning;
    /** Set while planning when the transition touches history or timers (it then has no plan). */
    boolean unplannable;
    int[] planExits;
    int[] planEntries;
    Map<String, List<String>> historyIn;
    Map<String, List<String>> historyOut;
    List<WorkflowTimer> timersIn;
    List<WorkflowTimer> timersOut;
    Instant now;
    String actorId;
    String event;
    String eventId;
    long version;
    List<TraceEvent> trace;
    boolean full;
    boolean replaying;
    Actor actor;
    JsonObject context = JsonObject.EMPTY;
    Bindings bindings;
    // a step is short-lived and young: sized for the common fire (one transition, one check, an
    // action or two); errors and the scratch below stay lazy (a planned fire needs neither)
    final List<Reason> reasons = new ArrayList<>(2);
    final List<Diagnostic> errors = new ArrayList<>();
    final List<Intent> intents = new ArrayList<>(2);
    /** The selected transitions and their targets: the first inline (the common fire), the rest in lists. */
    int selCount;
    Trans sel0;
    int tgt0;
    List<Trans> selMore;
    List<Integer> tgtMore;
    int candidates;
    /** Scratch of the general step (lazy): exit and entry sets, leaves, exit and entry orders. */
    BitSet exitBits;
    BitSet enterBits;
    int[] leafBuf;
    int[] exitBuf;
    int[] enterBuf;

    Step() {}

    Step(Compiled c, String workflowId, String instanceId, JsonObject variables, BitSet cfg,
        Map<String, List<String>> history, List<WorkflowTimer> timers, Instant now, String actorId, String event,
        String eventId, long version, List<TraceEvent> trace) {
      init(c, workflowId, instanceId, variables, cfg, history, timers, now, actorId, event, eventId, version, trace);
    }

    /** Sets the step up for one fire (start, replay) over {@code cfg}, which it then changes. */
    void init(Compiled c, String workflowId, String instanceId, JsonObject variables, BitSet cfg,
        Map<String, List<String>> history, List<WorkflowTimer> timers, Instant now, String actorId, String event,
        String eventId, long version, List<TraceEvent> trace) {
      this.c = c;
      this.workflowId = workflowId;
      this.instanceId = instanceId;
      this.variables = variables;
      this.cfg = cfg;
      this.historyIn = history;
      this.historyOut = null;
      this.timersIn = timers;
      this.timersOut = null;
      this.now = now;
      this.actorId = actorId;
      this.event = event;
      this.eventId = eventId;
      this.version = version;
      this.trace = trace;
      this.full = false;
      this.replaying = false;
      this.actor = null;
      this.context = JsonObject.EMPTY;
      this.bindings = null;
      this.candidates = 0;
      this.dynamic = null;
      this.current = null;
    }

    /** The general step's order buffers, sized for the workflow. */
    void buffers() {
      if (leafBuf == null) {
        int n = c.size();
        leafBuf = new int[n];
        exitBuf = new int[n];
        enterBuf = new int[n];
      }
    }

    Trans sel(int i) {
      return i == 0 ? sel0 : selMore.get(i - 1);
    }

    int tgt(int i) {
      return i == 0 ? tgt0 : tgtMore.get(i - 1);
    }

    boolean selected(Trans t) {
      return selCount > 0 && (sel0 == t || selMore != null && selMore.contains(t));
    }

    void select(Trans t, int target) {
      if (selCount == 0) {
        sel0 = t;
        tgt0 = target;
      } else {
        if (selMore == null) {
          selMore = new ArrayList<>(2);
          tgtMore = new ArrayList<>(2);
        }
        selMore.add(t);
        tgtMore.add(target);
      }
      selCount++;
    }

    /** The configuration as bits, materialized from {@link #current} on first need. */
    BitSet cfg() {
      if (cfg == null) {
        cfg = (BitSet) current.bits.clone();
        current = null;
      }
      return cfg;
    }

    /** The active state names now, in declaration order (interned). */
    List<String> active() {
      return cfg != null ? c.names(cfg) : current.names;
    }

    void trace(String t, JsonObject data) {
      if (trace != null) {
        trace.add(TraceEvent.of(t, data));
      }
    }

    /** The active leaves, as a new array. */
    int[] leafArray() {
      int n = leaves();
      return java.util.Arrays.copyOf(leafBuf, n);
    }

    /** The active leaves (no active child), in declaration order, into {@link #leafBuf}; their number. */
    int leaves() {
      buffers();
      int n = 0;
      for (int i = cfg.nextSetBit(1); i >= 0; i = cfg.nextSetBit(i + 1)) {
        boolean leaf = true;
        for (int k : c.children[i]) {
          if (cfg.get(k)) {
            leaf = false;
            break;
          }
        }
        if (leaf) {
          leafBuf[n++] = i;
        }
      }
      if (n == 0) {
        leafBuf[n++] = Compiled.ROOT;
      }
      return n;
    }

    /** Chooses the transitions for the event; a fail-closed error, or null. */
    Diagnostic select() {
      int[] leaves;
      int count;
      if (cfg == null) {
        leaves = current.leaves;
        count = leaves.length;
      } else {
        count = leaves();
        leaves = count == 1 ? leafBuf : java.util.Arrays.copyOf(leafBuf, count);
      }
      // one leaf: each candidate is checked once and at most one transition is selected, so
      // neither the outcome memo nor the exit-conflict check is needed
      Map<Trans, Integer> outcomes = count > 1 ? new java.util.HashMap<>() : null;
      BitSet exiting = count > 1 ? new BitSet() : null;
      for (int li = 0; li < count; li++) {
        int leaf = leaves[li];
        Trans chosen = null;
        int target = -1;
        for (int level = leaf; level >= 0 && chosen == null; level = c.parent[level]) {
          Trans[] cands = c.byEvent.get(level).get(event);
          if (cands == null) {
            continue;
          }
          candidates++;
          for (Trans t : cands) {
            Integer known = outcomes == null ? null : outcomes.get(t);
            int outcome;
            if (known != null) {
              outcome = known;
            } else {
              Diagnostic[] closed = new Diagnostic[1];
              outcome = check(t, false, reasons, errors, closed);
              if (outcome == PASS && t.type == TransitionType.DYNAMIC) {
                int dest = dynamicTarget(t, closed);
                if (dest < 0) {
                  return closed[0];
                }
                dynamic().put(t, dest);
              }
              if (outcome == CLOSED) {
                return closed[0];
              }
              if (outcomes != null) {
                outcomes.put(t, outcome);
              }
            }
            if (outcome == PASS) {
              chosen = t;
              target = t.type == TransitionType.DYNAMIC ? dynamic.get(t) : t.to;
              break;
            }
          }
        }
        if (chosen == null || selected(chosen)) {
          continue;
        }
        BitSet exits = exiting == null ? null : exitSet(chosen, target);
        if (exits != null
            && (exits.intersects(exiting) || chosen.type == TransitionType.INTERNAL && exiting.get(chosen.from))) {
          if (trace != null) {
            trace("transition.preempted", JsonObject.builder().put("transition", chosen.id).build());
          }
          continue;
        }
        if (exits != null) {
          exiting.or(exits);
        }
        select(chosen, target);
        if (trace != null) {
          trace("transition.select", JsonObject.builder().put("transition", chosen.id).put("event", event)
              .put("from", chosen.view.from()).put("to", c.names[target]).build());
        }
      }
      return null;
    }

    Map<Trans, Integer> dynamic;

    private Map<Trans, Integer> dynamic() {
      if (dynamic == null) {
        dynamic = new java.util.HashMap<>();
      }
      return dynamic;
    }

    /** Chooses the timed transition of {@code timer}; a fail-closed error, or null. */
    Diagnostic selectTimer(WorkflowTimer timer) {
      Trans t = c.byId.get(timer.transition());
      if (t == null || t.timeoutMs < 0 || !cfg().get(t.from)) {
        return Diagnostic.of(Code.E_WF_UNKNOWN_TRANSITION, "Timer of transition '" + timer.transition()
            + "' does not belong to an active state of workflow '" + workflowId + "'");
      }
      candidates++;
      Diagnostic[] closed = new Diagnostic[1];
      int outcome = check(t, true, reasons, errors, closed);
      if (outcome == CLOSED) {
        return closed[0];
      }
      if (outcome == PASS) {
        int target = t.to;
        if (t.type == TransitionType.DYNAMIC) {
          target = dynamicTarget(t, closed);
          if (target < 0) {
            return closed[0];
          }
        }
        select(t, target);
        if (trace != null) {
          trace("transition.select", JsonObject.builder().put("transition", t.id).put("event", event)
              .put("from", c.names[t.from]).put("to", c.names[target]).put("timer", true).build());
        }
      }
      return null;
    }

    /**
     * Roles, AuthPort, named guard, guard expression, in that order; adds the reasons (and the
     * failure errors to {@code fails}); PASS, FAIL, or CLOSED with {@code closed[0]} set.
     */
    int check(Trans t, boolean timer, List<Reason> reasons, List<Diagnostic> fails, Diagnostic[] closed) {
      String ev = t.event;
      if (!timer && t.roles.length > 0) {
        boolean has = false;
        for (String role : t.roles) {
          if (actor.roles().contains(role)) {
            has = true;
            break;
          }
        }
        if (!has) {
          return fail(t, t.rolesFail, t.rolesFailError, "roles", reasons, fails);
        }
      }
      if (!timer && (config.authPort() != null || t.auth)) {
        if (config.authPort() == null) {
          reasons.add(t.authFail);
          closed[0] = Diagnostic.of(Code.E_WF_PORT_FAILED, "Transition '" + t.id
              + "' requires an AuthPort, none is configured");
          return CLOSED;
        }
        AuthCall call = new AuthCall(workflowId, instanceId, t.view, Optional.ofNullable(eventId), actor, context,
            active());
        int outcome = portCheck("AuthPort", t, () -> config.authPort().authorize(call), t.authFail, t.authFailError,
            "auth", reasons, fails, closed);
        if (outcome != PASS) {
          return outcome;
        }
      }
      if (t.named != null) {
        if (config.guardPort() == null) {
          closed[0] = Diagnostic.of(Code.E_WF_PORT_FAILED, "No GuardPort answers guard '" + t.named + "' for '" + ev
              + "'");
          reasons.add(t.guardFail);
          return CLOSED;
        }
        GuardCall call = new GuardCall(t.named, workflowId, instanceId, t.view, Optional.ofNullable(eventId), actor,
            context, variables, active());
        int outcome = portCheck("GuardPort", t, () -> config.guardPort().check(call), t.guardFail, t.guardFailError,
            "named", reasons, fails, closed);
        if (outcome != PASS) {
          return outcome;
        }
      }
      if (t.guard != null) {
        Result<Boolean> r = t.guard.test(bindings());
        if (!(r instanceof Result.Ok<Boolean> ok)) {
          Diagnostic d = r.diagnostics().get(0);
          closed[0] = Diagnostic.of(d.code(), "Guard evaluation failed for '" + ev + "': " + d.message())
              .withPath("Workflow:" + workflowId + "/" + t.id).withDetails(d.details());
          reasons.add(t.guardFail);
          if (trace != null) {
            trace("guard.eval", JsonObject.builder().put("transition", t.id).put("check", "expression")
                .put("error", d.code().code()).build());
          }
          return CLOSED;
        }
        if (full) {
          trace("guard.eval", JsonObject.builder().put("transition", t.id).put("check", "expression")
              .put("result", ok.get()).build());
        }
        if (!ok.get()) {
          return fail(t, t.guardFail, t.guardFailError, "expression", reasons, fails);
        }
      }
      reasons.add(t.pass);
      return PASS;
    }

    private int fail(Trans t, Reason reason, Diagnostic error, String check, List<Reason> reasons,
        List<Diagnostic> fails) {
      reasons.add(reason);
      fails.add(error);
      if (trace != null) {
        trace("transition.reject", JsonObject.builder().put("transition", t.id).put("check", check)
            .put("code", reason.code().code()).build());
      }
      return FAIL;
    }

    /** A port check: PASS, FAIL (the port said no: {@code reason} and {@code error}), or CLOSED (it failed). */
    private int portCheck(String name, Trans t, java.util.concurrent.Callable<Boolean> call, Reason reason,
        Diagnostic error, String check, List<Reason> reasons, List<Diagnostic> fails, Diagnostic[] closed) {
      Boolean ok = port(name, t, call, closed);
      if (ok == null) {
        reasons.add(reason);
        return CLOSED;
      }
      return ok ? PASS : fail(t, reason, error, check, reasons, fails);
    }

    /** A port's answer, or null (fail closed, {@code closed[0]} set) when it throws or overruns its budget. */
    private Boolean port(String name, Trans t, java.util.concurrent.Callable<Boolean> call, Diagnostic[] closed) {
      long start = config.nanoTime().getAsLong();
      Boolean answer;
      try {
        answer = call.call();
      } catch (Exception | StackOverflowError e) {
        LOG.warn("{} failed for transition '{}' of workflow '{}' (instance '{}'); failed closed", name, t.id,
            workflowId, instanceId, e);
        closed[0] = Diagnostic.of(Code.E_WF_PORT_FAILED, name + " raised an exception for '" + t.event + "': "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
            .withDetails(JsonObject.builder().put("port", name).put("transition", t.id).build());
        if (trace != null) {
          trace("port.failed", JsonObject.builder().put("port", name).put("transition", t.id).build());
        }
        return null;
      }
      long elapsed = config.nanoTime().getAsLong() - start;
      if (elapsed > config.portTimeoutNanos()) {
        LOG.warn("{} answered for transition '{}' of workflow '{}' (instance '{}') after {} ms, over its budget of {}"
            + " ms; answer discarded, failed closed", name, t.id, workflowId, instanceId, elapsed / 1_000_000,
            config.portTimeoutNanos() / 1_000_000);
        closed[0] = Diagnostic.of(Code.E_WF_PORT_TIMEOUT, name + " answered for '" + t.event + "' after "
            + elapsed / 1_000_000 + " ms, over its budget of " + config.portTimeoutNanos() / 1_000_000 + " ms")
            .withDetails(JsonObject.builder().put("port", name).put("transition", t.id)
                .put("elapsedNanos", elapsed).put("budgetNanos", config.portTimeoutNanos()).build());
        if (trace != null) {
          trace("port.timeout", JsonObject.builder().put("port", name).put("transition", t.id).build());
        }
        return null;
      }
      if (answer == null) {
        closed[0] = Diagnostic.of(Code.E_WF_PORT_FAILED, name + " answered null for '" + t.event + "'");
        return null;
      }
      if (full) {
        trace("guard.eval", JsonObject.builder().put("transition", t.id).put("check", name).put("result", answer)
            .build());
      }
      return answer;
    }

    /** The state a dynamic transition's target expression names, or -1 ({@code closed[0]} set). */
    int dynamicTarget(Trans t, Diagnostic[] closed) {
      Result<JsonValue> r = t.target.evaluate(bindings());
      if (r instanceof Result.Ok<JsonValue> ok && ok.get() instanceof JsonString s) {
        Integer i = c.index.get(s.value());
        if (i != null && i != Compiled.ROOT) {
          return i;
        }
        closed[0] = Diagnostic.of(Code.E_WF_DYN_FAIL, "Dynamic target of transition '" + t.id + "' is '" + s.value()
            + "', which is not a state of workflow '" + workflowId + "'");
      } else if (r instanceof Result.Ok<JsonValue> ok) {
        closed[0] = Diagnostic.of(Code.E_WF_DYN_FAIL, "Dynamic target of transition '" + t.id
            + "' is not a state name: " + Canonical.json(ok.get()));
      } else {
        closed[0] = Diagnostic.of(Code.E_WF_DYN_FAIL, "Dynamic target of transition '" + t.id + "' failed: "
            + r.diagnostics().get(0).message());
      }
      return -1;
    }

    /**
     * The guard variables: the fire context's members, then the envelope members (which win):
     * {@code id}, {@code name}, {@code kind} ({@code transition}), {@code timestamp},
     * {@code actor}, {@code object} ({@code type} = workflow id, {@code id} = instance id,
     * {@code state}, {@code attributes} = variables), {@code context}, and {@code event} (all of
     * them), plus {@code vars} (the instance variables).
     */
    Bindings bindings() {
      if (bindings == null) {
        JsonObject.Builder ev = JsonObject.builder();
        if (eventId != null) {
          ev.put("id", eventId);
        }
        ev.put("name", event).put("kind", "transition").put("timestamp", now.toString())
            .put("actor", ContractJson.toJson(actor))
            .put("object", JsonObject.builder().put("type", workflowId).put("id", instanceId)
                .put("state", String.join(",", active())).put("attributes", variables).build())
            .put("context", context);
        JsonObject envelope = ev.build();
        JsonObject.Builder b = JsonObject.builder();
        context.members().forEach(b::put);
        envelope.members().forEach(b::put);
        b.put("event", envelope).put("vars", variables);
        bindings = Bindings.of(b.build());
      }
      return bindings;
    }

    // ---------------------------------------------------------------- execution

    /** The transition's domain: the nearest compound ancestor within which it exits and enters. */
    int domain(Trans t, int dest) {
      int s = t.from;
      int d;
      if (s == Compiled.ROOT) {
        d = Compiled.ROOT;
      } else if (dest == s) {
        d = c.parent[s];
      } else if (c.within(dest, s)) {
        d = s; // into a descendant: the source stays active (upstream's behaviour; UML "local")
      } else if (c.within(s, dest)) {
        d = c.parent[dest]; // to an ancestor: it is exited and re-entered
      } else {
        d = c.parent[s];
        while (!c.within(dest, d)) {
          d = c.parent[d];
        }
      }
      while (d != Compiled.ROOT && c.kinds[d] == StateKind.PARALLEL) {
        d = c.parent[d];
      }
      return d;
    }

    /** The active states {@code t} exits (empty for an internal transition): scratch, valid until the next call. */
    BitSet exitSet(Trans t, int dest) {
      BitSet cfg = cfg();
      if (exitBits == null) {
        exitBits = new BitSet();
      }
      BitSet out = exitBits;
      out.clear();
      if (t.type == TransitionType.INTERNAL) {
        return out;
      }
      int d = domain(t, dest);
      for (int i = cfg.nextSetBit(1); i >= 0; i = cfg.nextSetBit(i + 1)) {
        if (i != d && c.within(i, d)) {
          out.set(i);
        }
      }
      return out;
    }

    /** Takes {@code t} to {@code dest}: exits, transition actions, entries. */
    void execute(Trans t, int dest) {
      if (t.type == TransitionType.INTERNAL) {
        actions(t.actions, t, dest);
        return;
      }
      if (cfg == null && plans && current.interned && t.type != TransitionType.DYNAMIC && dest == t.to) {
        Compiled.Plan p = current.plans.get(t);
        if (p == null) {
          p = plan(c, current, t);
          current.plans.putIfAbsent(t, p);
        }
        if (p != Compiled.Plan.NONE) {
          for (int x : p.exits) {
            actions(c.onLeave[x], t, dest);
            if (full) {
              trace("state.exit", JsonObject.builder().put("state", c.names[x]).build());
            }
          }
          actions(t.actions, t, dest);
          for (int x : p.entries) {
            actions(c.onEnter[x], t, dest);
            if (full) {
              trace("state.enter", JsonObject.builder().put("state", c.names[x]).build());
            }
          }
          current = p.result;
          return;
        }
      }
      BitSet cfg = cfg();
      buffers();
      int d = domain(t, dest);
      int[] order = exitBuf;
      int exits = order(exitSet(t, dest), true, order);
      if (planning) {
        planExits = java.util.Arrays.copyOf(order, exits);
        for (int o = 0; o < exits; o++) {
          unplannable |= c.history[order[o]] != HistoryMode.NONE || c.timed[order[o]].length > 0;
        }
      }
      for (int o = 0; o < exits; o++) {
        int x = order[o];
        if (c.history[x] != HistoryMode.NONE) {
          List<String> rec = new ArrayList<>();
          for (int i = cfg.nextSetBit(1); i >= 0; i = cfg.nextSetBit(i + 1)) {
            if (c.history[x] == HistoryMode.SHALLOW ? c.parent[i] == x : i != x && c.within(i, x)) {
              rec.add(c.names[i]);
            }
          }
          history().put(c.names[x], List.copyOf(rec));
        }
      }
      for (int o = 0; o < exits; o++) {
        int x = order[o];
        actions(c.onLeave[x], t, dest);
        cfg.clear(x);
        dropTimers(x);
        if (full) {
          trace("state.exit", JsonObject.builder().put("state", c.names[x]).build());
        }
      }
      actions(t.actions, t, dest);
      enter(t, dest, d, false);
    }

    /** Enters {@code dest} from {@code domain}: its ancestors below the domain, itself and its default or history configuration. */
    void enter(Trans t, int dest, int domain, boolean start) {
      if (enterBits == null) {
        enterBits = new BitSet();
      }
      buffers();
      BitSet toEnter = enterBits;
      toEnter.clear();
      addDescendants(dest, toEnter);
      for (int a = c.parent[dest]; a >= 0 && a != domain; a = c.parent[a]) {
        toEnter.set(a);
        if (c.kinds[a] == StateKind.PARALLEL) {
          for (int region : c.children[a]) {
            if (!hasWithin(toEnter, region)) {
              addDescendants(region, toEnter);
            }
          }
        }
      }
      toEnter.clear(Compiled.ROOT);
      int[] order = enterBuf;
      int entries = order(toEnter, false, order);
      if (planning) {
        planEntries = java.util.Arrays.copyOf(order, entries);
        for (int o = 0; o < entries; o++) {
          unplannable |= c.timed[order[o]].length > 0;
        }
      }
      BitSet cfg = cfg();
      for (int o = 0; o < entries; o++) {
        int x = order[o];
        actions(c.onEnter[x], t, dest);
        cfg.set(x);
        startTimers(x);
        if (full) {
          trace("state.enter", JsonObject.builder().put("state", c.names[x]).build());
        }
      }
    }

    /** The states of {@code set} by depth (deepest first when {@code deepestFirst}), then by index, into {@code out}; their number. */
    private int order(BitSet set, boolean deepestFirst, int[] out) {
      int n = 0;
      for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
        // insertion sort, stable: indexes arrive ascending, so equal depths stay by index
        int j = n++;
        while (j > 0 && (deepestFirst ? c.depth[out[j - 1]] < c.depth[i] : c.depth[out[j - 1]] > c.depth[i])) {
          out[j] = out[j - 1];
          j--;
        }
        out[j] = i;
      }
      return n;
    }

    private boolean hasWithin(BitSet set, int s) {
      for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
        if (c.within(i, s)) {
          return true;
        }
      }
      return false;
    }

    private void addDescendants(int s, BitSet out) {
      out.set(s);
      unplannable |= planning && c.history[s] != HistoryMode.NONE;
      List<String> rec = c.history[s] == HistoryMode.NONE ? null : history().get(c.names[s]);
      if (rec != null && !rec.isEmpty()) {
        for (String name : rec) {
          int r = c.index.get(name);
          if (c.history[s] == HistoryMode.DEEP) {
            out.set(r);
          } else {
            addDescendants(r, out);
          }
        }
        return;
      }
      if (c.kinds[s] == StateKind.COMPOUND && c.initialChild[s] >= 0) {
        addDescendants(c.initialChild[s], out);
      } else if (c.kinds[s] == StateKind.PARALLEL) {
        for (int region : c.children[s]) {
          addDescendants(region, out);
        }
      }
    }

    /** Completes the configuration of {@code states} (startAt): ancestors, default descendants; an error if impossible. */
    Diagnostic complete(List<String> states) {
      BitSet given = new BitSet();
      for (String name : states) {
        Integer i = c.index.get(name);
        if (i == null || i == Compiled.ROOT) {
          return Diagnostic.of(Code.E_WF_UNKNOWN_STATE, "State '" + name + "' is not a state of workflow '"
              + workflowId + "'");
        }
        for (int a = i; a >= 0; a = c.parent[a]) {
          given.set(a);
        }
      }
      for (int i = given.nextSetBit(0); i >= 0; i = given.nextSetBit(i + 1)) {
        if (c.kinds[i] == StateKind.COMPOUND) {
          int active = 0;
          for (int k : c.children[i]) {
            if (given.get(k)) {
              active++;
            }
          }
          if (active > 1) {
            return Diagnostic.of(Code.E_WF_UNKNOWN_STATE, "States " + c.list(children(given, i))
                + " of workflow '" + workflowId + "' cannot be active together (children of '" + c.names[i] + "')");
          }
        }
      }
      BitSet out = (BitSet) given.clone();
      for (int i = given.nextSetBit(0); i >= 0; i = given.nextSetBit(i + 1)) {
        if (c.kinds[i] == StateKind.COMPOUND) {
          boolean any = false;
          for (int k : c.children[i]) {
            any |= given.get(k);
          }
          if (!any && c.initialChild[i] >= 0) {
            addDescendants(c.initialChild[i], out);
          }
        } else if (c.kinds[i] == StateKind.PARALLEL) {
          for (int k : c.children[i]) {
            if (!given.get(k)) {
              addDescendants(k, out);
            }
          }
        }
      }
      cfg.or(out);
      for (int i = out.nextSetBit(1); i >= 0; i = out.nextSetBit(i + 1)) {
        startTimers(i);
      }
      return null;
    }

    private Set<Integer> children(BitSet given, int parent) {
      Set<Integer> out = new HashSet<>();
      for (int k : c.children[parent]) {
        if (given.get(k)) {
          out.add(k);
        }
      }
      return out;
    }

    /** The value of placeholder {@code k} in an action of {@code t} (null at start) going to {@code dest}. */
    private String value(String k, Trans t, int dest) {
      return switch (k) {
        case "instance.id" -> instanceId;
        case "workflow.id" -> workflowId;
        case "event.name" -> event;
        case "event.id" -> eventId != null ? eventId : instanceId + ":" + version;
        case "actor.id" -> actorId;
        case "transition.id" -> t == null ? "start" : t.id;
        case "transition.from" -> t == null || t.from == Compiled.ROOT ? "*" : c.names[t.from];
        case "transition.to" -> c.names[dest];
        default -> "";
      };
    }

    void actions(Action[] actions, Trans t, int dest) {
      if (replaying) {
        return;
      }
      for (Action a : actions) {
        intents.add(intent(a, instanceId, version, intents.size(), k -> value(k, t, dest)));
        if (full) {
          trace("action", JsonObject.builder().put("kind", a.kind().wireName()).put("label", a.view().label())
              .build());
        }
      }
    }

    // ---------------------------------------------------------------- history and timers (copy on write)

    /** The history after the step (the input map when unchanged). */
    Map<String, List<String>> historyResult() {
      return historyOut != null ? historyOut : historyIn;
    }

    Map<String, List<String>> history() {
      if (historyOut == null) {
        historyOut = new LinkedHashMap<>(historyIn);
      }
      return historyOut;
    }

    List<WorkflowTimer> timers() {
      if (timersOut == null) {
        return timersIn;
      }
      timersOut.sort(Comparator.comparing(WorkflowTimer::dueAt)
          .thenComparingInt(x -> c.byId.get(x.transition()).index));
      return timersOut;
    }

    private List<WorkflowTimer> timersMut() {
      if (timersOut == null) {
        timersOut = new ArrayList<>(timersIn);
      }
      return timersOut;
    }

    void startTimers(int state) {
      for (Trans t : c.timed[state]) {
        timersMut().add(new WorkflowTimer(c.names[state], t.id, t.event, now.plusMillis(t.timeoutMs)));
      }
    }

    void dropTimers(int state) {
      if (c.timed[state].length == 0) {
        return;
      }
      String name = c.names[state];
      timersMut().removeIf(x -> x.state().equals(name));
    }

    void dropTimer(WorkflowTimer timer) {
      timersMut().remove(timer);
    }

    /** Replay of a not-allowed timeout: drops the timer fireDue chose (the earliest due one of that event). */
    void dropDue(String ev, Instant at) {
      List<WorkflowTimer> ts = timers();
      if (!ts.isEmpty() && ts.get(0).isDue(at) && ts.get(0).event().equals(ev)) {
        dropTimer(ts.get(0));
      }
    }
  }
}
