package dev.mpc.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.internal.CompiledArtifact;
import dev.mpc.engine.internal.Evaluator;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluation façade: one call turns a compiled {@link Artifact} and an {@link EventEnvelope}
 * into a {@link Decision} (decisions.md "Evaluation").
 *
 * <pre>{@code
 * MpcEngine engine = MpcEngine.builder().preset(preset).functions(hostFunctions).build().orElseThrow();
 * Artifact artifact = Artifact.fromJson(artifactJson).orElseThrow();   // once, at deploy time
 * Decision d = engine.evaluate(artifact, event);                       // per request
 * if (d.allow()) { ... execute d.intents() ... }
 * }</pre>
 *
 * <p>Pipeline: the policy decision (every matching Policy votes; any deny denies; nothing matching
 * is not applicable) and the ACL decision (first deciding rule by priority, default deny with
 * {@code R_ACL_NO_MATCH}; an artifact without ACL rules is not applicable), for the action the
 * event names ({@code payload.action}, else {@code context.action}, else the last segment of the
 * event name) on the resource {@code object.type} (patterns may also match {@code type/id}),
 * composed with the preset's strategy by {@link DecisionComposer}. A fail-closed error (an
 * expression error, exhausted budget, missing or failing host function, a definition the engine
 * cannot compile, an internal failure) makes the decision a deny carrying the coded error, whatever
 * the strategy. The decision's meta carries the artifact hash, engine {@value #ENGINE_NAME}, its
 * version and the trace span id; the trace is recorded at the {@link TraceLevel} asked for; the
 * redactor is applied to everything returned.
 *
 * <p>Per artifact, the compiled, indexed form is built once and kept in a bounded cache keyed by
 * artifact hash (and lowered-expression digest); the two most recent are also memoised, and the
 * cache itself is made only when a third distinct artifact comes. Immutable and thread-safe; never does I/O; reads
 * time only from the injected clock (trace timestamps).
 */
public final class MpcEngine {
  /** The engine name in {@code meta.engine} and traces. */
  public static final String ENGINE_NAME = Evaluator.ENGINE;

  private final Preset preset;
  private final FunctionRegistry functions;
  private final Clock clock;
  private final Redactor redactor;
  private final Map<String, Set<String>> hierarchy;
  private final Evaluator evaluator;
  /**
   * The bounded cache of compiled forms, made when a third distinct artifact is evaluated (or a
   * second one when {@code cacheSize} is 1): until then the two-entry memo below holds them, so an
   * engine that evaluates one active artifact (a command-line run, most hosts) never starts
   * Caffeine (about 10 ms and its System.Logger on first use).
   */
  private volatile Cache<String, CompiledArtifact> compiled;
  private final long cacheSize;
  private final DecisionListener listener;
  /** The artifact instance evaluated last and its compiled form: the usual case, one active artifact. */
  private volatile Last last;
  /** The artifact before {@link #last}: two alternating artifacts (an impact replay, a canary) stay memoised. */
  private volatile Last previous;

  private record Last(Artifact artifact, String key, CompiledArtifact compiled) {}

  private MpcEngine(Builder b, DecisionComposer composer) {
    this.preset = b.preset;
    this.functions = b.functions;
    this.clock = b.clock;
    this.redactor = b.redactor;
    this.hierarchy = b.hierarchy;
    this.evaluator = new Evaluator(composer, MpcVersion.compatibility(), b.redactor);
    this.cacheSize = b.cacheSize;
    this.listener = b.listener;
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Evaluates {@code event} against {@code artifact} with {@link EvaluationOptions#defaults()}. */
  public Decision evaluate(Artifact artifact, EventEnvelope event) {
    return evaluate(artifact, event, EvaluationOptions.defaults());
  }

  /** Evaluates {@code event} against {@code artifact}. Never throws for an outcome. */
  public Decision evaluate(Artifact artifact, EventEnvelope event, EvaluationOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(options, "options");
    Decision d = run(artifact, event, null, options);
    if (listener != null) {
      try {
        listener.onDecision(artifact.hash(), event, d);
      } catch (RuntimeException ignored) {
        // a listener never changes a decision
      }
    }
    return d;
  }

  /**
   * Whether {@code event} is allowed: always {@code evaluate(artifact, event).allow()} at trace
   * {@code NONE} (the same
   * policies, ACL rules, composition and fail-closed outcomes: an internal error or exhausted
   * budget is {@code false}), for hot paths that need only the answer, as jCasbin's
   * {@code enforce} and Cedar's {@code isAuthorized} give it: no reasons, intents, meta or span id
   * are built. A caller that must apply intents (masks) or show reasons calls {@link #evaluate}.
   * With a {@link DecisionListener} configured the full decision is built and reported, so a
   * decision log misses no check.
   *
   * @param artifact the artifact
   * @param event the event
   * @return whether the event is allowed
   */
  public boolean allows(Artifact artifact, EventEnvelope event) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(event, "event");
    if (listener != null) {
      return evaluate(artifact, event).allow();
    }
    try {
      return evaluator.allows(compiled(artifact), new Evaluator.Request(event, null));
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  /**
   * Evaluates an event given as a JSON map, which need not be a schema-valid envelope (engines.md
   * §2.2: policies read any dotted path of the event map): the name, kind, {@code object.type},
   * {@code object.id} and {@code actor.roles} are read where present; the action is a top-level
   * {@code action}, else as for an envelope. Never throws for an outcome.
   */
  public Decision evaluate(Artifact artifact, JsonObject event, EvaluationOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(options, "options");
    return run(artifact, event, null, options);
  }

  /**
   * Evaluates every event against {@code artifact}, in order. Work that depends only on the actor
   * (its effective roles) is done once per distinct role list of the batch.
   */
  public List<Decision> evaluateAll(Artifact artifact, List<EventEnvelope> events, EvaluationOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(options, "options");
    List<Decision> out = new ArrayList<>(events.size());
    Map<List<String>, long[]> roles = new HashMap<>();
    CompiledArtifact c;
    try {
      c = compiled(artifact);
    } catch (RuntimeException | StackOverflowError e) {
      for (EventEnvelope ev : events) {
        out.add(redactor.redact(evaluator.internal(artifact.hash(), options.correlationId(), e)));
      }
      return out;
    }
    for (EventEnvelope ev : events) {
      Objects.requireNonNull(ev, "event");
      long[] r;
      try {
        r = roles.computeIfAbsent(ev.actor().roles(), k -> Evaluator.roles(c, k));
      } catch (RuntimeException e) {
        r = null;
      }
      long[] shared = r;
      out.add(run(artifact, ev, shared, options));
    }
    return out;
  }

  /**
   * The actions {@code actor} may perform on {@code resource} (a type such as {@code orders}, or
   * {@code type/id}), each with the intents (masks) of its allowing decision. For every literal
   * action that an ACL rule matching the resource names, it evaluates the event named
   * {@code <type>.<action>} of kind {@code custom} by {@code actor} on object {@code (type, id)}
   * (id {@code *} when the resource names none) with {@code payload.action} set: so it agrees with
   * {@link #evaluate} for exactly those events, policies included.
   */
  public Permissions permissions(Artifact artifact, Actor actor, String resource) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(resource, "resource");
    Map<String, List<dev.mpc.contract.Intent>> allowed = new LinkedHashMap<>();
    for (EventEnvelope e : permissionEvents(artifact, actor, resource)) {
      Decision d = evaluate(artifact, e);
      if (d.allow()) {
        allowed.put(Evaluator.actionOf(e), d.intents());
      }
    }
    return new Permissions(resource, allowed);
  }

  /** The events {@link #permissions} evaluates, one per candidate action, in code-point order of action. */
  public List<EventEnvelope> permissionEvents(Artifact artifact, Actor actor, String resource) {
    int slash = resource.indexOf('/');
    String type = slash > 0 ? resource.substring(0, slash) : resource;
    String id = slash > 0 && slash < resource.length() - 1 ? resource.substring(slash + 1) : "*";
    if (type.isEmpty()) {
      return List.of();
    }
    List<String> actions;
    try {
      actions = compiled(artifact).actionsFor(type, type + "/" + id);
    } catch (RuntimeException e) {
      return List.of();
    }
    List<EventEnvelope> out = new ArrayList<>();
    String at = Instant.EPOCH.toString();
    for (String a : actions) {
      out.add(new EventEnvelope(Optional.empty(), type + "." + a, EventKind.CUSTOM, at, actor,
          new ObjectRef(type, id, JsonObject.EMPTY, Optional.empty()), JsonObject.EMPTY,
          JsonObject.builder().put("action", a).build(), Optional.empty()));
    }
    return out;
  }

  /** Evaluates an {@link EventEnvelope} or an event map ({@link JsonObject}), failing closed on any throwable outcome. */
  private Decision run(Artifact artifact, Object event, long[] roles, EvaluationOptions options) {
    try {
      CompiledArtifact c = compiled(artifact);
      Evaluator.Request request = event instanceof EventEnvelope e ? new Evaluator.Request(e, roles)
          : new Evaluator.Request((JsonObject) event, roles);
      String at = options.traceLevel() == TraceLevel.NONE ? null : clock.instant().toString();
      Decision d = evaluator.evaluate(c, request, options.traceLevel(), options.correlationId(), at,
          options.policiesOff());
      return options.policiesOff() ? withPoliciesOff(d) : d;
    } catch (RuntimeException | StackOverflowError e) {
      return redactor.redact(evaluator.internal(artifact.hash(), options.correlationId(), e));
    }
  }

  private static final dev.mpc.contract.Reason POLICIES_OFF = dev.mpc.contract.Reason.of(
      dev.mpc.diag.Code.R_GOV_POLICY_OFF, "Policies are switched off (kill switch mode policy-off); the ACL decided");

  /** The decision with {@code R_GOV_POLICY_OFF} as its last reason. */
  private static Decision withPoliciesOff(Decision d) {
    List<dev.mpc.contract.Reason> reasons = new java.util.ArrayList<>(d.reasons());
    reasons.add(POLICIES_OFF);
    return new Decision(d.allow(), reasons, d.messages(), d.intents(), d.trace(), d.meta());
  }

  /** The compiled form of {@code artifact} under {@code key}: from the memo or the cache, built on a miss. */
  private CompiledArtifact formOf(Artifact artifact, String key) {
    Cache<String, CompiledArtifact> cache = compiled;
    if (cache == null) {
      Last l = last;
      Last p = previous;
      if (l != null && l.key.equals(key)) {
        return l.compiled; // an equal artifact, another instance
      }
      if (p != null && p.key.equals(key)) {
        return p.compiled;
      }
      int held = (l != null ? 1 : 0) + (p != null ? 1 : 0);
      if (held < Math.min(2, cacheSize)) {
        return build(artifact); // the memo will hold it
      }
      cache = cache();
    }
    return cache.get(key, k -> build(artifact));
  }

  private CompiledArtifact build(Artifact artifact) {
    return CompiledArtifact.build(artifact, functions, preset.exprLimits(), preset.exprFeatures(), clock, hierarchy,
        redactor);
  }

  /** The cache, made on first need and seeded with what the memo holds. */
  private synchronized Cache<String, CompiledArtifact> cache() {
    Cache<String, CompiledArtifact> c = compiled;
    if (c == null) {
      c = Caffeine.newBuilder().executor(Runnable::run).maximumSize(cacheSize).build();
      for (Last m : new Last[] {previous, last}) {
        if (m != null) {
          c.put(m.key, m.compiled);
        }
      }
      compiled = c;
    }
    return c;
  }

  private CompiledArtifact compiled(Artifact artifact) {
    Last l = last;
    if (l != null && l.artifact == artifact) {
      return l.compiled; // same (immutable) instance: no key to build, no cache lookup
    }
    Last p = previous;
    if (p != null && p.artifact == artifact) {
      previous = l;
      last = p;
      return p.compiled;
    }
    String key = CompiledArtifact.keyOf(artifact);
    CompiledArtifact c = formOf(artifact, key);
    Last keep = l != null && !l.key.equals(key) ? l : p != null && !p.key.equals(key) ? p : null;
    previous = cacheSize > 1 ? keep : null;
    last = new Last(artifact, key, c);
    return c;
  }

  /**
   * Builds and caches the compiled form of {@code artifact} now, so the first evaluation of it does
   * not pay for the build (a governed runtime calls it before it switches to a new artifact).
   * Never throws: a form that cannot be built fails each evaluation closed, as it would without this.
   */
  public void prepare(Artifact artifact) {
    try {
      compiled(artifact);
    } catch (RuntimeException | StackOverflowError e) {
      // evaluate() reports it, per evaluation, with E_INTERNAL
    }
  }

  /**
   * Drops the compiled form of {@code artifact} from the cache (a governed runtime calls it when
   * an activation replaces the artifact); a later evaluation of it builds the form again.
   */
  public void invalidate(Artifact artifact) {
    Last l = last;
    if (l != null && l.artifact.hash().equals(artifact.hash())) {
      last = null;
    }
    Last p = previous;
    if (p != null && p.artifact.hash().equals(artifact.hash())) {
      previous = null;
    }
    Cache<String, CompiledArtifact> c = compiled;
    if (c != null) {
      c.invalidate(CompiledArtifact.keyOf(artifact));
    }
  }

  /** The preset. */
  public Preset preset() {
    return preset;
  }

  /** How many compiled artifacts the engine holds (approximate once the cache exists). */
  public long compiledArtifacts() {
    Cache<String, CompiledArtifact> c = compiled;
    if (c == null) {
      Last l = last;
      Last p = previous;
      return (l != null ? 1 : 0) + (p != null && (l == null || !p.key.equals(l.key)) ? 1 : 0);
    }
    c.cleanUp();
    return c.estimatedSize();
  }

  /**
   * Builds an {@link MpcEngine}; {@link #build()} reports every problem at once. Not thread-safe;
   * confine to one thread.
   */
  public static final class Builder {
    private Preset preset = Preset.standard("preset-generic-full");
    private FunctionRegistry functions = FunctionRegistry.empty();
    private Clock clock = Clock.system(ZoneOffset.UTC);
    private Redactor redactor = Redactor.standard();
    private Map<String, Set<String>> hierarchy = Map.of();
    private String strategy;
    private long cacheSize = 64;
    private DecisionListener listener;
    private final List<Diagnostic> problems = new ArrayList<>();

    private Builder() {}

    /**
     * A listener told of every decision on an {@link EventEnvelope} (a {@link DecisionLog}; default
     * none, and then evaluation does not pay for one).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DecisionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The preset: expression limits and features, and the compose strategy (default {@code preset-generic-full}). */
    public Builder preset(Preset preset) {
      if (preset == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "preset must not be null"));
      } else {
        this.preset = preset;
      }
      return this;
    }

    /** The host's function implementations (default none: built-ins only). */
    public Builder functions(FunctionRegistry functions) {
      if (functions == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "functions must not be null"));
      } else {
        this.functions = functions;
      }
      return this;
    }

    /** The clock for trace timestamps and {@code now()} (default: system UTC). */
    public Builder clock(Clock clock) {
      if (clock == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "clock must not be null"));
      } else {
        this.clock = clock;
      }
      return this;
    }

    /** The redactor applied to every decision, trace and message (default {@link Redactor#standard()}). */
    public Builder redaction(Redactor redactor) {
      if (redactor == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "redaction must not be null"));
      } else {
        this.redactor = redactor;
      }
      return this;
    }

    /**
     * The host's role hierarchy: a holder of a key role also holds the roles it maps to
     * (transitively). Added to the artifact's {@code Role} definitions; a cycle is an error.
     */
    public Builder roleHierarchy(Map<String, ? extends Set<String>> hierarchy) {
      if (hierarchy == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "roleHierarchy must not be null"));
        return this;
      }
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      hierarchy.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
      this.hierarchy = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Overrides the preset's compose strategy (wire name, e.g. {@code allow-wins}). */
    public Builder strategy(String wireName) {
      this.strategy = wireName;
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

    /** The engine, or every configuration problem. */
    public Result<MpcEngine> build() {
      List<Diagnostic> all = new ArrayList<>(problems);
      all.addAll(CompiledArtifact.checkHierarchy(hierarchy));
      DecisionComposer.Builder cb = DecisionComposer.builder();
      if (strategy != null) {
        cb.strategy(strategy);
      } else {
        cb.strategy(preset.composeStrategy());
      }
      Result<DecisionComposer> composer = cb.build();
      all.addAll(composer.diagnostics());
      if (!all.isEmpty() || !composer.isOk()) {
        return Result.failed(all);
      }
      return Result.ok(new MpcEngine(this, composer.orElseThrow()));
    }
  }
}
