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
  private final Set<String> guardNames;
  private final Cache<String, Result<Compiled>> cache;
  private final Cache<String, ExprEngine> engines;
  private volatile Last last;

  private record Last(Artifact artifact, String workflowId, Result<Compiled> compiled) {}

  /** A runtime with {@code config}. */
  public Runtime(Config config) {
    this.config = config;
    this.guardNames = config.guardPort() == null ? null : Set.copyOf(config.guardPort().guards());
    this.cache = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.cacheSize() * 8).build();
    this.engines = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.cacheSize()).build();
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
    Result<Compiled> c = cache.get(key + "/" + workflowId, k -> {
      try {
        ExprEngine engine = engines.get(key, x -> exprEngine(artifact));
        return Compiled.compile(artifact, workflowId, engine, config.preset().exprLimits(), guardNames,
            config.authPort() != null);
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
    BitSet cfg = c.bits(instance.configuration());
    if (cfg == null) {
      return unattributed(artifact, instance, event, actor, options, kind, Diagnostic.of(Code.E_WF_UNKNOWN_STATE,
          "Instance '" + instance.instanceId() + "' is in states the workflow does not declare: "
          + instance.configuration()));
    }
    Instant now = due != null ? due.now : config.clock().instant();
    long version = instance.version() + 1;
    Step s = new Step(c, instance.workflowId(), instance.instanceId(), instance.variables(), cfg, instance.history(),
        instance.timers(), now, actor.id(), event, options.eventId().orElse(null), version,
        options.traceLevel() == TraceLevel.NONE ? null : new ArrayList<>());
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
    } else if (s.selected.isEmpty()) {
      allowed = false;
    } else {
      s.errors.clear();
      for (int i = 0; i < s.selected.size(); i++) {
        s.execute(s.selected.get(i), s.targets.get(i));
      }
      allowed = true;
    }
    if (due != null && !allowed) {
      s.dropTimer(due.timer); // it fired; its guard said no (or failed): it is not retried
    }
    List<String> to = allowed ? c.names(s.cfg) : from;
    List<TransitionRecord.Step> steps = List.of();
    if (allowed && !s.selected.isEmpty()) {
      // immutable here, so TransitionRecord's List.copyOf keeps it as is
      TransitionRecord.Step[] out = new TransitionRecord.Step[s.selected.size()];
      for (int i = 0; i < out.length; i++) {
        Trans t = s.selected.get(i);
        int target = s.targets.get(i);
        out[i] = t.step != null && t.to == target ? t.step : new TransitionRecord.Step(t.id, c.names[target]);
      }
      steps = out.length == 1 ? List.of(out[0]) : List.of(out);
    }
    List<Diagnostic> errors = s.errors.isEmpty() ? List.of() : s.errors.stream().map(config.redactor()::redact).toList();
    TransitionRecord rec = new TransitionRecord(version, kind, options.eventId(), event, Optional.of(actor.id()), now,
        from, to, allowed, steps, s.reasons, errors, allowed ? s.intents : List.of(), instance.variables());
    WorkflowInstance next = new WorkflowInstance(instance.workflowId(), instance.instanceId(), instance.artifactHash(),
        to, allowed ? s.historyResult() : instance.history(), allowed || due != null ? s.timers() : instance.timers(),
        instance.variables(), version, window(instance.recent(), rec));
    Optional<String> span = span(options, artifact, instance, event);
    Optional<Trace> trace = s.trace == null ? Optional.empty() : Optional.of(config.redactor().redact(
        new Trace(span.orElseThrow(), Optional.empty(), WorkflowEngine.ENGINE_NAME, s.trace)));
    return new TransitionResult(rec, next, trace, false, meta(artifact, span));
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
      for (int leaf : s.leaves()) {
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
    final Compiled c;
    final String workflowId;
    final String instanceId;
    final JsonObject variables;
    final BitSet cfg;
    final Map<String, List<String>> historyIn;
    Map<String, List<String>> historyOut;
    final List<WorkflowTimer> timersIn;
    List<WorkflowTimer> timersOut;
    Instant now;
    final String actorId;
    String event;
    final String eventId;
    final long version;
    final List<TraceEvent> trace;
    boolean full;
    boolean replaying;
    Actor actor;
    JsonObject context = JsonObject.EMPTY;
    Bindings bindings;
    // sized for the common fire (one transition, one check, an action or two): the default
    // capacity of 10 would allocate a 56-byte array per list; errors stay lazy (usually none)
    final List<Reason> reasons = new ArrayList<>(2);
    final List<Diagnostic> errors = new ArrayList<>();
    final List<Intent> intents = new ArrayList<>(2);
    final List<Trans> selected = new ArrayList<>(1);
    final List<Integer> targets = new ArrayList<>(1);
    int candidates;

    Step(Compiled c, String workflowId, String instanceId, JsonObject variables, BitSet cfg,
        Map<String, List<String>> history, List<WorkflowTimer> timers, Instant now, String actorId, String event,
        String eventId, long version, List<TraceEvent> trace) {
      this.c = c;
      this.workflowId = workflowId;
      this.instanceId = instanceId;
      this.variables = variables;
      this.cfg = cfg;
      this.historyIn = history;
      this.timersIn = timers;
      this.now = now;
      this.actorId = actorId;
      this.event = event;
      this.eventId = eventId;
      this.version = version;
      this.trace = trace;
    }

    void trace(String t, JsonObject data) {
      if (trace != null) {
        trace.add(TraceEvent.of(t, data));
      }
    }

    /** The active leaves (no active child), in declaration order. */
    int[] leaves() {
      int[] out = new int[cfg.cardinality()];
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
          out[n++] = i;
        }
      }
      if (n == 0) {
        return new int[] {Compiled.ROOT};
      }
      return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Chooses the transitions for the event; a fail-closed error, or null. */
    Diagnostic select() {
      int[] leaves = leaves();
      // one leaf: each candidate is checked once and at most one transition is selected, so
      // neither the outcome memo nor the exit-conflict check is needed
      Map<Trans, Integer> outcomes = leaves.length > 1 ? new java.util.HashMap<>() : null;
      BitSet exiting = leaves.length > 1 ? new BitSet() : null;
      for (int leaf : leaves) {
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
        if (chosen == null || selected.contains(chosen)) {
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
        selected.add(chosen);
        targets.add(target);
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
      if (t == null || t.timeoutMs < 0 || !cfg.get(t.from)) {
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
        selected.add(t);
        targets.add(target);
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
            c.names(cfg));
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
            context, variables, c.names(cfg));
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
                .put("state", String.join(",", c.names(cfg))).put("attributes", variables).build())
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

    /** The active states {@code t} exits (empty for an internal transition). */
    BitSet exitSet(Trans t, int dest) {
      BitSet out = new BitSet();
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
      int d = domain(t, dest);
      int[] order = ordered(exitSet(t, dest), true);
      for (int x : order) {
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
      for (int x : order) {
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
      BitSet toEnter = new BitSet();
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
      for (int x : ordered(toEnter, false)) {
        actions(c.onEnter[x], t, dest);
        cfg.set(x);
        startTimers(x);
        if (full) {
          trace("state.enter", JsonObject.builder().put("state", c.names[x]).build());
        }
      }
    }

    /** The states of {@code set} by depth (deepest first when {@code deepestFirst}), then by index. */
    private int[] ordered(BitSet set, boolean deepestFirst) {
      int[] out = new int[set.cardinality()];
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
      return out;
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
        String target = a.targetForm() == Compiled.LITERAL ? a.target()
            : a.targetForm() == Compiled.INSTANCE_ID ? instanceId : Compiled.render(a.target(), k -> value(k, t, dest));
        JsonObject params = a.paramsRendered()
            ? (JsonObject) Compiled.renderJson(a.params(), k -> value(k, t, dest)) : a.params();
        String key = a.key() == null
            ? (a.kind().idempotencyKeyRequired() ? instanceId + ":" + version + ":" + intents.size() : null)
            : a.keyForm() == Compiled.LITERAL ? a.key()
            : a.keyForm() == Compiled.INSTANCE_ID ? instanceId : Compiled.render(a.key(), k -> value(k, t, dest));
        Intent intent = new Intent(a.kind(), target.isEmpty() ? Optional.of(instanceId) : Optional.of(target), params,
            key == null || key.isEmpty() ? Optional.empty() : Optional.of(key));
        intents.add(intent);
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
