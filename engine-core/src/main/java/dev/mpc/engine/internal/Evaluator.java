package dev.mpc.engine.internal;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.DecisionMeta;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.Trace;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.DecisionComposer;
import dev.mpc.engine.DecisionComposer.Effect;
import dev.mpc.engine.DecisionComposer.Vote;
import dev.mpc.engine.TraceLevel;
import dev.mpc.engine.internal.CompiledArtifact.AclRule;
import dev.mpc.engine.internal.CompiledArtifact.Cond;
import dev.mpc.engine.internal.CompiledArtifact.FieldTest;
import dev.mpc.engine.internal.CompiledArtifact.PolicyRule;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.Evaluation;
import dev.mpc.expr.TraceEntry;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.redact.Redactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation pipeline over a {@link CompiledArtifact} (decisions.md "Evaluation"): the policy
 * decision and the ACL decision, composed by the engine's {@link DecisionComposer}; any fail-closed
 * error makes the result a deny carrying it. Stateless; one instance per engine.
 */
public final class Evaluator {
  /** The engine name stamped on decisions and traces. */
  public static final String ENGINE = "mpc-jvm";

  private static final Optional<String> ENGINE_OPTION = Optional.of(ENGINE);

  private final DecisionComposer composer;
  private final String engineVersion;
  private final Optional<String> engineOption;
  private final Redactor redactor;

  /**
   * An evaluator composing with {@code composer}, stamping {@code engineVersion}; traces are
   * scrubbed of the values the event holds under {@code redactor}'s sensitive keys (a trace shows
   * values without their keys, so key-based redaction alone would miss them).
   */
  public Evaluator(DecisionComposer composer, String engineVersion, Redactor redactor) {
    this.composer = composer;
    this.engineVersion = engineVersion;
    this.engineOption = Optional.of(engineVersion);
    this.redactor = redactor;
  }

  /**
   * Per-request state: the event, its expression bindings, the derived action and resource. For an
   * {@link EventEnvelope} nothing is converted to JSON up front: the bindings answer what an
   * expression reads from the envelope's fields ({@code actor.id}, {@code object.type},
   * {@code payload}, ...), and the whole JSON form is built only when something asks for a part
   * that has no direct answer.
   */
  public static final class Request extends Run implements Bindings.Resolver, java.util.function.Supplier<JsonObject> {
    private final EventEnvelope event;
    private JsonObject json;
    private Bindings bindings;
    final String name;
    final String kind;
    String action;
    final String type;
    private final String id;
    private String instance;
    final List<String> roleNames;
    long[] roles;
    /** Condition results by memo slot: 0 not yet evaluated, 1 true, 2 false (created on first use). */
    private byte[] memo;
    private JsonString nameValue;
    private JsonString kindValue;
    private JsonString actionValue;
    private JsonString typeValue;
    private JsonString idValue;
    private JsonString actorIdValue;
    private JsonObject actorJson;
    private JsonObject objectJson;

    /** Prepares {@code event}; {@code roles} (effective role bits) may be given when shared across a batch. */
    public Request(EventEnvelope event, long[] roles) {
      this.event = event;
      this.name = event.name();
      this.kind = event.kind().wireName();
      this.type = event.object().type();
      this.id = event.object().id();
      this.action = explicitAction(event);
      this.roleNames = event.actor().roles();
      this.roles = roles;
    }

    /**
     * Prepares an event given as a JSON map (need not be a schema-valid envelope): name, kind,
     * {@code object.type}, {@code object.id} and {@code actor.roles} are read where present.
     */
    public Request(JsonObject json, long[] roles) {
      this.event = null;
      this.json = json;
      this.name = text(json, "name");
      this.kind = text(json, "kind");
      this.action = actionOf(json);
      JsonObject object = json.getOrNull("object") instanceof JsonObject o ? o : JsonObject.EMPTY;
      this.type = text(object, "type");
      this.id = text(object, "id");
      List<String> rs = new ArrayList<>();
      if (json.getOrNull("actor") instanceof JsonObject a && a.getOrNull("roles") instanceof JsonArray arr) {
        for (JsonValue v : arr.items()) {
          if (v instanceof JsonString s) {
            rs.add(s.value());
          }
        }
      }
      this.roleNames = List.copyOf(rs);
      JsonObject.Builder b = JsonObject.builder();
      json.members().forEach(b::put);
      b.put("event", json).put("resource", object).put("action", action);
      this.bindings = Bindings.of(b.build());
      this.roles = roles;
    }

    /** Derives what depends on the compiled artifact (the action from the event name, cached there). */
    void prepare(CompiledArtifact c) {
      if (action == null) {
        action = c.actionOfName(name);
      }
      condSlots = c.condSlots;
    }

    /** The memoised result of {@code cond}, or null. */
    Boolean memo(Cond cond) {
      byte[] m = memo;
      if (m == null) {
        return null;
      }
      byte v = m[cond.slot];
      return v == 0 ? null : v == 1;
    }

    void memo(Cond cond, boolean value) {
      byte[] m = memo;
      if (m == null) {
        m = memo = new byte[condSlots];
      }
      m[cond.slot] = (byte) (value ? 1 : 2);
    }

    /**
     * The value at a dotted {@code path} as an expression reference would read it (the bindings'
     * whole-path answer, else a walk from the first segment), or null when absent.
     */
    JsonValue lookup(String path) {
      Bindings b = bindings();
      JsonValue v = b.get(path);
      if (v != null) {
        return v;
      }
      int dot = path.indexOf('.');
      if (dot < 0) {
        return null;
      }
      v = b.get(path.substring(0, dot));
      for (int from = dot + 1; from <= path.length(); ) {
        int next = path.indexOf('.', from);
        String seg = path.substring(from, next < 0 ? path.length() : next);
        if (!(v instanceof JsonObject o)) {
          return null;
        }
        v = o.getOrNull(seg);
        if (next < 0) {
          break;
        }
        from = next + 1;
      }
      return v;
    }

    /** The expression bindings (for an envelope, created on first use). */
    Bindings bindings() {
      Bindings b = bindings;
      if (b == null) {
        b = bindings = Bindings.resolving(this, this);
      }
      return b;
    }

    /** {@code type/id}, the instance a resource pattern may name. */
    String instance() {
      String i = instance;
      if (i == null) {
        i = instance = type + "/" + id;
      }
      return i;
    }

    /** The event's JSON form (built once, on first use, for an envelope). */
    JsonObject json() {
      JsonObject j = json;
      if (j == null) {
        j = json = ContractJson.toJson(event);
      }
      return j;
    }

    /** The whole bindings as one object (what {@link Bindings#toJson()} gives). */
    @Override
    public JsonObject get() {
      JsonObject.Builder b = JsonObject.builder();
      json().members().forEach(b::put);
      return b.put("event", json()).put("resource", object()).put("action", actionValue()).build();
    }

    /** An envelope's bindings: the event's members, {@code event}, {@code resource} and {@code action}. */
    @Override
    public JsonValue resolve(String n) {
      switch (n) {
        case "actor.id":
          return actorIdValue != null ? actorIdValue : (actorIdValue = JsonString.of(event.actor().id()));
        case "object.type", "resource.type":
          return typeValue != null ? typeValue : (typeValue = JsonString.of(type));
        case "object.id", "resource.id":
          return idValue != null ? idValue : (idValue = JsonString.of(id));
        case "name":
          return nameValue != null ? nameValue : (nameValue = JsonString.of(name));
        case "kind":
          return kindValue != null ? kindValue : (kindValue = JsonString.of(kind));
        case "action":
          return actionValue();
        case "payload":
          return event.payload().members().isEmpty() ? null : event.payload();
        case "context":
          return event.context().members().isEmpty() ? null : event.context();
        case "object.attributes", "resource.attributes":
          return event.object().attributes().members().isEmpty() ? null : event.object().attributes();
        case "actor.claims":
          return event.actor().claims().members().isEmpty() ? null : event.actor().claims();
        case "actor":
          return actor();
        case "object", "resource":
          return object();
        case "event":
          return json();
        default:
          return n.indexOf('.') >= 0 ? null : json().getOrNull(n);
      }
    }

    private JsonString actionValue() {
      return actionValue != null ? actionValue : (actionValue = JsonString.of(action));
    }

    private JsonObject actor() {
      JsonObject a = actorJson;
      if (a == null) {
        a = actorJson = event != null ? ContractJson.toJson(event.actor())
            : json.getOrNull("actor") instanceof JsonObject o ? o : null;
      }
      return a;
    }

    private JsonObject object() {
      JsonObject o = objectJson;
      if (o == null) {
        o = objectJson = event != null ? ContractJson.toJson(event.object())
            : json.getOrNull("object") instanceof JsonObject x ? x : JsonObject.EMPTY;
      }
      return o;
    }

    /**
     * The value at {@code segments} of the event itself (not the bindings' aliases {@code event},
     * {@code resource}, {@code action}): what a policy's match map or an ACL attribute map tests.
     */
    JsonValue path(int field, String full, String[] segments) {
      if (event != null && field >= 0) {
        return switch (field) {
          case F_NAME -> nameValue != null ? nameValue : (nameValue = JsonString.of(name));
          case F_KIND -> kindValue != null ? kindValue : (kindValue = JsonString.of(kind));
          case F_TYPE -> typeValue != null ? typeValue : (typeValue = JsonString.of(type));
          case F_ID -> idValue != null ? idValue : (idValue = JsonString.of(id));
          default -> actorIdValue != null ? actorIdValue : (actorIdValue = JsonString.of(event.actor().id()));
        };
      }
      JsonValue v = event != null ? member(segments[0]) : json.getOrNull(segments[0]);
      for (int i = 1; i < segments.length; i++) {
        if (!(v instanceof JsonObject o)) {
          return null;
        }
        v = o.getOrNull(segments[i]);
      }
      return v;
    }

    private JsonValue member(String top) {
      switch (top) {
        case "actor":
          return actor();
        case "object":
          return object();
        case "name", "kind", "payload", "context":
          return resolve(top);
        case "event", "resource", "action":
          return null;
        default:
          return json().getOrNull(top);
      }
    }

    private static final int F_NAME = 0;
    private static final int F_KIND = 1;
    private static final int F_TYPE = 2;
    private static final int F_ID = 3;
    private static final int F_ACTOR_ID = 4;

    /** The envelope field {@link #path} reads directly for {@code full}, or -1 (decided once, at build). */
    static int fieldOf(String full) {
      return switch (full) {
        case "name" -> F_NAME;
        case "kind" -> F_KIND;
        case "object.type" -> F_TYPE;
        case "object.id" -> F_ID;
        case "actor.id" -> F_ACTOR_ID;
        default -> -1;
      };
    }

    /** The span id when the caller gave no correlation id. */
    String span(CompiledArtifact c) {
      return event != null ? SpanId.of(c.hash, event) : SpanId.of(c.hash, json);
    }
  }

  /** {@code payload.action}, else {@code context.action} (each a non-empty string), else null. */
  private static String explicitAction(EventEnvelope e) {
    if (!e.payload().isEmpty() && e.payload().getOrNull("action") instanceof JsonString s && !s.value().isEmpty()) {
      return s.value();
    }
    if (!e.context().isEmpty() && e.context().getOrNull("action") instanceof JsonString s && !s.value().isEmpty()) {
      return s.value();
    }
    return null;
  }

  private static String text(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? s.value() : "";
  }

  /**
   * The action of {@code e}: {@code payload.action}, else {@code context.action} (each when a
   * non-empty string), else the text after the last {@code .} of the event name (the whole name
   * when it has none).
   */
  public static String actionOf(EventEnvelope e) {
    return actionOf(ContractJson.toJson(e));
  }

  /**
   * The action of an event map: a top-level {@code action} (not an envelope field), else
   * {@code payload.action}, else {@code context.action} (each a non-empty string), else the text
   * after the last {@code .} of {@code name} (the whole name when it has none; {@code unknown}
   * without a name).
   */
  public static String actionOf(JsonObject e) {
    if (e.getOrNull("action") instanceof JsonString s && !s.value().isEmpty()) {
      return s.value();
    }
    for (String holder : new String[] {"payload", "context"}) {
      if (e.getOrNull(holder) instanceof JsonObject h && h.getOrNull("action") instanceof JsonString s
          && !s.value().isEmpty()) {
        return s.value();
      }
    }
    String n = text(e, "name");
    if (n.isEmpty()) {
      return "unknown";
    }
    int dot = n.lastIndexOf('.');
    return dot >= 0 && dot < n.length() - 1 ? n.substring(dot + 1) : n;
  }

  /** The effective role bits of the request's actor (computed once, reused by a batch). */
  public static long[] roles(CompiledArtifact c, List<String> roles) {
    return c.effectiveRoles(roles);
  }

  /** Collected while evaluating. */
  abstract static class Run {
    TraceLevel level;
    List<TraceEvent> events;
    List<Reason> errors = List.of();
    /** Whether the decision holds text derived from the event (needs the redactor at the end). */
    boolean tainted;
    /** Whether a vote was built for this request alone (not prebuilt, not memoised): its composition is not memoised. */
    boolean freshVote;
    String at;
    /** The compiled form's condition memo slots (set by {@code prepare}). */
    int condSlots;

    /**
     * Starts the evaluation state (a request is evaluated once: the state lives in the request
     * itself, one object per call instead of two).
     */
    final void begin(TraceLevel level, String at) {
      if (this.level != null) {
        throw new IllegalStateException("a request is evaluated once");
      }
      this.level = level;
      this.events = level == TraceLevel.NONE ? null : new ArrayList<>();
      this.at = at;
    }

    boolean full() {
      return level == TraceLevel.FULL;
    }

    void error(Reason r) {
      if (errors.isEmpty()) {
        errors = new ArrayList<>(2);
      }
      errors.add(r);
      tainted = true;
    }

    Reason lastError() {
      return errors.get(errors.size() - 1);
    }

    void event(String t, JsonObject data, JsonObject result) {
      if (events != null) {
        events.add(new TraceEvent(t, Optional.ofNullable(at), data, result, Optional.empty()));
      }
    }
  }

  /**
   * Evaluates {@code r} against {@code c}. Never throws for an outcome (the caller catches the
   * rest). The decision is redacted here when it needs it: a decision made only of the artifact's
   * own texts (reasons and intents redacted when the compiled form was built) is returned as is;
   * one holding text derived from the event (an error, the no-match reason) or a trace goes through
   * the redactor.
   */
  public Decision evaluate(CompiledArtifact c, Request r, TraceLevel level, Optional<String> correlationId, String at) {
    return evaluate(c, r, level, correlationId, at, false);
  }

  /**
   * Whether {@code r} is allowed: exactly {@code evaluate(c, r, NONE, ..).allow()}, without
   * building what only the Decision carries (reasons beyond the memoised ones, meta, span id).
   * Any error fails closed (false), as it denies there.
   */
  public boolean allows(CompiledArtifact c, Request r) {
    Run run = r;
    run.begin(TraceLevel.NONE, null);
    r.prepare(c);
    if (!c.fatal.isEmpty()) {
      return false;
    }
    Vote policy = policies(c, r, run);
    Vote acl = acl(c, r, run);
    if (!run.errors.isEmpty()) {
      return false;
    }
    if (run.tainted || run.freshVote || policy.effect() == Effect.NOT_APPLICABLE
        || acl.effect() == Effect.NOT_APPLICABLE) {
      return composer.composeVotes(policy, acl).allow();
    }
    Decision composed = c.composedOf(policy, acl);
    return composed != null ? composed.allow() : composer.composeVotes(policy, acl).allow();
  }

  /** {@link #evaluate(CompiledArtifact, Request, TraceLevel, Optional, String)}, with policies switched off when asked. */
  public Decision evaluate(CompiledArtifact c, Request r, TraceLevel level, Optional<String> correlationId, String at,
      boolean policiesOff) {
    Run run = r;
    run.begin(level, at);
    r.prepare(c);
    for (Diagnostic d : c.fatal) {
      run.error(error(d, "artifact"));
      if (run.events != null) {
        run.event("artifact.error", JsonObject.builder().put("code", d.code().code()).build(),
            JsonObject.builder().put("message", d.message()).build());
      }
    }
    Vote policy = policiesOff ? NOT_APPLICABLE : policies(c, r, run); // MpcEngine adds R_GOV_POLICY_OFF
    Vote acl = acl(c, r, run);
    Decision composed;
    if (run.tainted || run.freshVote || !run.errors.isEmpty() || policy.effect() == Effect.NOT_APPLICABLE
        || acl.effect() == Effect.NOT_APPLICABLE) {
      composed = composer.composeVotes(policy, acl); // one side alone: composition copies nothing
    } else {
      // both votes are the compiled form's own objects: their composition is memoised by identity
      composed = c.composedOf(policy, acl);
      if (composed == null) {
        composed = c.putComposed(policy, acl, composer.composeVotes(policy, acl));
      }
    }
    Decision out = composed;
    if (!run.errors.isEmpty()) {
      List<Reason> reasons = new ArrayList<>(run.errors);
      if (!composed.allow()) {
        for (Reason x : composed.reasons()) {
          if (!reasons.contains(x)) {
            reasons.add(x);
          }
        }
      }
      out = Decision.deny(reasons).withIntents(composed.allow() ? List.of() : composed.intents());
    }
    if (run.events != null) {
      run.event("compose", JsonObject.builder().put("strategy", composer.strategy().wireName())
          .put("policy", policy.effect().name()).put("acl", acl.effect().name()).build(),
          JsonObject.builder().put("allow", out.allow()).put("failedClosed", !run.errors.isEmpty()).build());
    }
    Optional<String> span = correlationId.isPresent() ? correlationId : Optional.of(r.span(c));
    out = out.withMeta(new DecisionMeta(c.hashOption, ENGINE_OPTION, engineOption, span));
    if (run.events != null) {
      Set<String> secrets = new HashSet<>();
      secrets(r.json(), false, secrets);
      List<TraceEvent> events = run.events;
      if (!secrets.isEmpty()) {
        events = new ArrayList<>(events.size());
        for (TraceEvent t : run.events) {
          events.add(new TraceEvent(t.t(), t.at(), (JsonObject) scrub(t.data(), secrets),
              (JsonObject) scrub(t.result(), secrets), t.durationMs()));
        }
      }
      out = out.withTrace(new Trace(span.get(), Optional.empty(), ENGINE, List.copyOf(events)));
      return redactor.redact(out);
    }
    return run.tainted ? redactor.redact(out) : out;
  }

  /** Collects the scalar values held (at any depth) under sensitive keys of {@code v}. */
  private void secrets(JsonValue v, boolean sensitive, Set<String> out) {
    if (v instanceof JsonObject o) {
      o.members().forEach((k, x) -> secrets(x, sensitive || redactor.isSensitiveKey(k), out));
    } else if (v instanceof JsonArray a) {
      a.items().forEach(x -> secrets(x, sensitive, out));
    } else if (sensitive && v != null && !v.isNull()) {
      String text = v instanceof JsonString s ? s.value() : Canonical.json(v);
      if (!text.isEmpty()) {
        out.add(text);
      }
    }
  }

  /** {@code v} with every value equal to, or text containing, a secret masked. */
  private JsonValue scrub(JsonValue v, Set<String> secrets) {
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = JsonObject.builder();
      o.members().forEach((k, x) -> b.put(k, scrub(x, secrets)));
      return b.build();
    }
    if (v instanceof JsonArray a) {
      return JsonArray.of(a.items().stream().map(x -> scrub(x, secrets)).toList());
    }
    if (v == null || v.isNull()) {
      return v;
    }
    String text = v instanceof JsonString s ? s.value() : Canonical.json(v);
    String mask = redactor.maskValue().isEmpty() ? "***" : redactor.maskValue();
    if (secrets.contains(text)) {
      return JsonString.of(mask);
    }
    if (v instanceof JsonString) {
      String t = text;
      for (String secret : secrets) {
        if (secret.length() >= 4 && t.contains(secret)) {
          t = t.replace(secret, mask);
        }
      }
      return t.equals(text) ? v : JsonString.of(t);
    }
    return v;
  }

  /** A decision for an internal failure: deny, {@code E_INTERNAL}, meta stamped. */
  public Decision internal(String artifactHash, Optional<String> correlationId, Throwable t) {
    Reason reason = new Reason(Code.E_INTERNAL, Optional.of("Internal error during evaluation ("
        + t.getClass().getSimpleName() + "); failed closed"), Optional.empty(), JsonObject.EMPTY);
    return Decision.deny(List.of(reason)).withMeta(new DecisionMeta(Optional.ofNullable(artifactHash),
        Optional.of(ENGINE), Optional.of(engineVersion), correlationId));
  }

  private static Reason error(Diagnostic d, String rule) {
    JsonObject.Builder data = JsonObject.builder().put("rule", rule);
    d.path().ifPresent(p -> data.put("path", p));
    return new Reason(d.code(), Optional.of("Failed closed: " + d.message()), Optional.empty(), data.build());
  }

  // ---------------------------------------------------------------- policy

  private Vote policies(CompiledArtifact c, Request r, Run run) {
    if (!c.hasPolicies()) {
      run.event("policy.none", JsonObject.EMPTY, JsonObject.EMPTY);
      return NOT_APPLICABLE;
    }
    PolicyRule[] byName = c.byName.isEmpty() ? null : c.byName.get(r.name);
    PolicyRule[] byKind = c.byKind.isEmpty() ? null : c.byKind.get(r.kind);
    PolicyRule[] byType = c.byType.isEmpty() ? null : c.byType.get(r.type);
    CompiledArtifact.Ranked[] single = single(byName, byKind, byType, c.catchAll, null);
    Merge m = single == null ? new Merge(byName, byKind, byType, c.catchAll, null) : null;
    int k = 0;
    PolicyRule first = null;
    Reason firstError = null;
    int matched = 0;
    int considered = 0;
    // the matching policies while each is pure (no error, no templated intent): their vote is then
    // a function of the set alone, memoised by their ordinals
    PolicyRule[] hits = null;
    Reason[] errs = null;
    boolean pure = true;
    boolean small = c.policies.length <= 64;
    long mask = 0L;
    int bound = single != null ? single.length : -1;
    for (PolicyRule p; (p = (PolicyRule) (m != null ? m.next() : k < single.length ? single[k++] : null)) != null; ) {
      considered++;
      Outcome o = policy(p, r, run);
      if (o == Outcome.SKIP) {
        continue;
      }
      Reason error = o == Outcome.ERROR ? run.lastError() : null;
      pure &= error == null && !p.templated;
      if (matched == 0) {
        first = p;
        firstError = error;
        mask = 1L << p.ordinal;
        matched++;
        continue;
      }
      if (small && pure && hits == null) {
        mask |= 1L << p.ordinal; // a pure set of at most 64 policies: its bits are its memo key
        matched++;
        continue;
      }
      if (hits == null) {
        hits = small ? matchedOf(c, mask, Math.max(bound > 0 ? bound : 8, matched + 1)) : new PolicyRule[bound > 0 ? bound : 8];
        hits[0] = first;
      } else if (matched == hits.length) {
        hits = java.util.Arrays.copyOf(hits, matched * 2);
        errs = errs == null ? null : java.util.Arrays.copyOf(errs, matched * 2);
      }
      if (error != null || firstError != null) {
        if (errs == null) {
          errs = new Reason[hits.length];
          errs[0] = firstError;
        }
        errs[matched] = error;
      }
      hits[matched++] = p;
    }
    if (run.full()) {
      run.event("policy.index", JsonObject.builder().put("policies", c.policies.length).build(),
          JsonObject.builder().put("considered", considered).put("skippedByIndex", c.policies.length - considered).build());
    }
    if (matched == 0) {
      return NOT_APPLICABLE;
    }
    if (matched == 1) {
      if (firstError == null) {
        if (first.templated) {
          run.tainted = true; // the intents quote the event
          Decision d = first.vote.decision();
          return new Vote(first.vote.effect(), d.withIntents(IntentTemplate.render(d.intents(), r::lookup)));
        }
        return first.vote;
      }
      return new Vote(Effect.DENY, Decision.deny(List.of(firstError)));
    }
    if (pure && small) {
      // the memo of small pure sets, keyed by their bits: a hit allocates nothing
      Vote known = c.smallVote(mask);
      if (known != null) {
        return known;
      }
      hits = matchedOf(c, mask, matched);
    }
    CompiledArtifact.Matched key = null;
    if (pure && !(small && c.smallVoteFree(mask))) {
      int[] ordinals = new int[matched];
      for (int i = 0; i < matched; i++) {
        ordinals[i] = hits[i].ordinal;
      }
      key = new CompiledArtifact.Matched(ordinals);
      Vote known = c.policyVotes.get(key);
      if (known != null) {
        return known;
      }
    }
    List<Reason> allow = new ArrayList<>(matched);
    List<Reason> deny = new ArrayList<>(matched);
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < matched; i++) {
      collect(hits[i], errs == null ? null : errs[i], allow, deny, intents, r, run);
    }
    List<Intent> unique = intents.isEmpty() ? List.of() : Intent.deduplicate(intents);
    boolean denied = !deny.isEmpty();
    List<Reason> deciding = denied ? deny : allow;
    Vote vote = new Vote(denied ? Effect.DENY : Effect.PERMIT, new Decision(!denied,
        dev.mpc.contract.internal.SealedList.wrap(deciding.toArray()), List.of(), unique, Optional.empty(),
        DecisionMeta.NONE));
    if (pure && small && key == null) {
      Vote stored = c.putSmallVote(mask, vote);
      if (stored != null) {
        return stored;
      }
      run.freshVote = true; // another set took the slot meanwhile: this vote is not memoised
      return vote;
    }
    if (key != null && c.policyVotes.size() < CompiledArtifact.MEMO_LIMIT) {
      Vote prev = c.policyVotes.putIfAbsent(key, vote);
      return prev != null ? prev : vote;
    }
    run.freshVote = true;
    return vote;
  }

  /** The policies whose ordinals are the bits of {@code mask}, in rank order, in an array of {@code size}. */
  private static PolicyRule[] matchedOf(CompiledArtifact c, long mask, int size) {
    PolicyRule[] out = new PolicyRule[size];
    int i = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      out[i++] = c.policies[Long.numberOfTrailingZeros(m)];
    }
    return out;
  }

  private static final Vote NOT_APPLICABLE = new Vote(Effect.NOT_APPLICABLE, Decision.allow(List.of()));

  /** Adds a matching policy's reason and intents, or its error's reason, to the lists. */
  private static void collect(PolicyRule p, Reason error, List<Reason> allow, List<Reason> deny, List<Intent> intents,
      Request r, Run run) {
    if (error != null) {
      deny.add(error);
    } else {
      (p.deny ? deny : allow).add(p.reason);
      if (p.templated) {
        run.tainted = true; // the intents quote the event
        intents.addAll(IntentTemplate.render(p.intents, r::lookup));
      } else if (!p.intents.isEmpty()) {
        intents.addAll(p.intents);
      }
    }
  }

  private static final CompiledArtifact.Ranked[] NO_RULES = new CompiledArtifact.Ranked[0];

  /**
   * The only non-empty bucket of the five (read directly, no merge needed), an empty array when
   * all are empty, or null when several need merging.
   */
  private static CompiledArtifact.Ranked[] single(CompiledArtifact.Ranked[] l0, CompiledArtifact.Ranked[] l1,
      CompiledArtifact.Ranked[] l2, CompiledArtifact.Ranked[] l3, CompiledArtifact.Ranked[] l4) {
    int n = (used(l0) ? 1 : 0) + (used(l1) ? 1 : 0) + (used(l2) ? 1 : 0) + (used(l3) ? 1 : 0) + (used(l4) ? 1 : 0);
    if (n > 1) {
      return null;
    }
    return used(l0) ? l0 : used(l1) ? l1 : used(l2) ? l2 : used(l3) ? l3 : used(l4) ? l4 : NO_RULES;
  }

  private static boolean used(CompiledArtifact.Ranked[] l) {
    return l != null && l.length > 0;
  }

  /**
   * Merges up to five rank-sorted buckets in rank order without sorting and without allocating
   * per step (a small object the JIT can keep in registers).
   */
  private static final class Merge {
    private final CompiledArtifact.Ranked[] l0;
    private final CompiledArtifact.Ranked[] l1;
    private final CompiledArtifact.Ranked[] l2;
    private final CompiledArtifact.Ranked[] l3;
    private final CompiledArtifact.Ranked[] l4;
    private int i0;
    private int i1;
    private int i2;
    private int i3;
    private int i4;
    /** Which bucket the last rule came from (0-4). */
    int from;

    Merge(CompiledArtifact.Ranked[] l0, CompiledArtifact.Ranked[] l1, CompiledArtifact.Ranked[] l2,
        CompiledArtifact.Ranked[] l3, CompiledArtifact.Ranked[] l4) {
      this.l0 = l0;
      this.l1 = l1;
      this.l2 = l2;
      this.l3 = l3;
      this.l4 = l4;
    }

    /** The next rule in rank order, or null when every bucket is used up. */
    CompiledArtifact.Ranked next() {
      CompiledArtifact.Ranked best = null;
      int which = -1;
      if (l0 != null && i0 < l0.length) {
        best = l0[i0];
        which = 0;
      }
      if (l1 != null && i1 < l1.length && (best == null || l1[i1].ordinal < best.ordinal)) {
        best = l1[i1];
        which = 1;
      }
      if (l2 != null && i2 < l2.length && (best == null || l2[i2].ordinal < best.ordinal)) {
        best = l2[i2];
        which = 2;
      }
      if (l3 != null && i3 < l3.length && (best == null || l3[i3].ordinal < best.ordinal)) {
        best = l3[i3];
        which = 3;
      }
      if (l4 != null && i4 < l4.length && (best == null || l4[i4].ordinal < best.ordinal)) {
        best = l4[i4];
        which = 4;
      }
      switch (which) {
        case 0 -> i0++;
        case 1 -> i1++;
        case 2 -> i2++;
        case 3 -> i3++;
        case 4 -> i4++;
        default -> {
          return null;
        }
      }
      from = which;
      return best;
    }
  }

  private enum Outcome { MATCH, SKIP, ERROR }

  private Outcome policy(PolicyRule p, Request r, Run run) {
    JsonObject.Builder data = run.events == null ? null : JsonObject.builder().put("policy", p.id)
        .put("effect", p.deny ? "deny" : "allow");
    if (p.broken != null) {
      run.error(error(p.broken, p.ref));
      run.event("policy.error", data == null ? null : data.build(), JsonObject.builder()
          .put("code", p.broken.code().code()).put("message", p.broken.message()).build());
      return Outcome.ERROR;
    }
    for (FieldTest f : r.event != null ? p.afterBucket : p.fields) {
      JsonValue actual = f.resolve(r);
      if (!JsonEquality.equal(actual, f.expected)) {
        if (run.full()) {
          boolean secret = redactor.isSensitiveKey(f.segments[f.segments.length - 1]);
          JsonValue mask = JsonString.of(redactor.maskValue().isEmpty() ? "***" : redactor.maskValue());
          run.event("policy.skip", data.build(), JsonObject.builder().put("field", f.path)
              .put("expected", secret ? mask : f.expected)
              .put("actual", secret ? mask : actual == null ? JsonNull.INSTANCE : actual).build());
        }
        return Outcome.SKIP;
      }
    }
    JsonObject.Builder result = run.events == null ? null : JsonObject.builder();
    for (Cond cond : p.conds) {
      Boolean v = test(cond, p.ref, r, run, result);
      if (v == null) {
        run.event("policy.error", data == null ? null : data.build(), result == null ? null : result.build());
        return Outcome.ERROR;
      }
      if (!v) {
        if (run.full()) {
          run.event("policy.skip", data.build(), result.put("failed", cond.site).build());
        }
        return Outcome.SKIP;
      }
    }
    run.event("policy.match", data == null ? null : data.build(), result == null ? null : result.build());
    return Outcome.MATCH;
  }

  /**
   * Evaluates a condition: TRUE, FALSE, or null after recording a fail-closed error (an expression
   * error, an exhausted budget, a failing host function, a non-boolean result).
   */
  private Boolean test(Cond cond, String rule, Request r, Run run, JsonObject.Builder result) {
    JsonValue value;
    if (run.full()) {
      Result<Evaluation> ev = cond.compiled.evaluateDetailed(r.bindings(), true);
      if (!(ev instanceof Result.Ok<Evaluation> ok)) {
        Diagnostic d = ev.diagnostics().get(0);
        run.error(error(d.withPath(rule + "/" + cond.site), rule));
        JsonObject.Builder e = JsonObject.builder().put("site", cond.site).put("code", d.code().code())
            .put("message", d.message()).put("expr", dev.mpc.expr.ExprJson.encode(cond.ir));
        if (!d.details().isEmpty()) {
          e.put("details", d.details());
        }
        result.put(cond.site, e.build());
        run.event("expr.eval", JsonObject.builder().put("rule", rule).put("site", cond.site).build(), e.build());
        return null;
      }
      value = ok.get().value();
      List<JsonValue> nodes = new ArrayList<>();
      for (TraceEntry t : ok.get().trace()) {
        nodes.add(JsonObject.builder().put("node", t.node()).put("value", t.value()).put("type", t.type()).build());
      }
      run.event("expr.eval", JsonObject.builder().put("rule", rule).put("site", cond.site).build(),
          JsonObject.builder().put("value", value).put("steps", ok.get().steps()).put("nodes", JsonArray.of(nodes))
              .build());
    } else {
      Boolean known = r.memo(cond);
      if (known != null) {
        if (result != null) {
          result.put(cond.site, JsonBool.of(known));
        }
        return known;
      }
      Result<JsonValue> ev = cond.compiled.evaluate(r.bindings());
      if (!(ev instanceof Result.Ok<JsonValue> ok)) {
        Diagnostic d = ev.diagnostics().get(0);
        run.error(error(d.withPath(rule + "/" + cond.site), rule));
        if (result != null) {
          result.put(cond.site, JsonObject.builder().put("code", d.code().code()).put("message", d.message()).build());
        }
        return null;
      }
      value = ok.get();
    }
    if (!(value instanceof JsonBool b)) {
      Diagnostic d = Diagnostic.of(Code.E_EXPR_TYPE_MISMATCH, "the condition at '" + cond.site + "' of '" + rule
          + "' evaluated to " + value.type().typeName() + ", not a boolean").withPath(rule + "/" + cond.site);
      run.error(error(d, rule));
      if (result != null) {
        result.put(cond.site, JsonObject.builder().put("code", d.code().code()).put("message", d.message()).build());
      }
      return null;
    }
    if (result != null) {
      result.put(cond.site, b);
    }
    if (!run.full()) {
      r.memo(cond, b.value());
    }
    return b.value();
  }

  // ---------------------------------------------------------------- ACL

  private Vote acl(CompiledArtifact c, Request r, Run run) {
    if (!c.hasAcl()) {
      run.event("acl.none", JsonObject.EMPTY, JsonObject.EMPTY);
      return NOT_APPLICABLE;
    }
    if (r.roles == null) {
      r.roles = c.effectiveRoles(r.roleNames);
    }
    CompiledArtifact.AclBucket forType = c.aclExact.get(r.type);
    CompiledArtifact.AclBucket forAny = c.aclAnyType;
    AclRule[] l0 = forType == null ? null : forType.byAction.get(r.action);
    AclRule[] l1 = forType == null ? null : forType.anyAction;
    AclRule[] l2 = forAny == null ? null : forAny.byAction.get(r.action);
    AclRule[] l3 = forAny == null ? null : forAny.anyAction;
    CompiledArtifact.Ranked[] single = single(l0, l1, l2, l3, c.aclOther);
    Merge m = single == null ? new Merge(l0, l1, l2, l3, c.aclOther) : null;
    boolean patterns = single == c.aclOther;
    int k = 0;
    for (AclRule rule; (rule = (AclRule) (m != null ? m.next() : k < single.length ? single[k++] : null)) != null; ) {
      if ((m != null ? m.from == 4 : patterns) && !targets(rule, r)) {
        continue;
      }
      Vote v = aclRule(rule, r, run);
      if (v != null) {
        return v;
      }
    }
    run.tainted = true; // the reason quotes the event's action and resource
    if (run.events != null) {
      run.event("acl.nomatch", JsonObject.builder().put("action", r.action).put("resource", r.type).build(),
          JsonObject.builder().put("allow", false).build());
    }
    return new Vote(Effect.DENY, Decision.deny(List.of(new Reason(Code.R_ACL_NO_MATCH,
        Optional.of("No matching ACL rule for action='" + r.action + "', resource='" + r.type + "'"), Optional.empty(),
        JsonObject.builder().put("action", r.action).put("resource", r.type).build()))));
  }

  private static boolean targets(AclRule rule, Request r) {
    return (rule.resource == null || rule.resource.matches(r.type) || rule.resource.matches(r.instance()))
        && (rule.action == null || rule.action.matches(r.action));
  }

  /** The vote of {@code rule} if it decides, else null (next rule). */
  private Vote aclRule(AclRule rule, Request r, Run run) {
    String ref = rule.ref;
    JsonObject.Builder data = run.events == null ? null : JsonObject.builder().put("rule", rule.id)
        .put("effect", rule.deny ? "deny" : "allow");
    if (rule.broken != null) {
      Reason e = error(rule.broken, ref);
      run.error(e);
      run.event("acl.error", data == null ? null : data.build(), JsonObject.builder()
          .put("code", rule.broken.code().code()).put("message", rule.broken.message()).build());
      return new Vote(Effect.DENY, Decision.deny(List.of(e)));
    }
    JsonObject.Builder result = run.events == null ? null : JsonObject.builder();
    if (rule.roles != null) {
      boolean hit = false;
      for (int w = 0; w < rule.roles.length && w < r.roles.length; w++) {
        if ((rule.roles[w] & r.roles[w]) != 0) {
          hit = true;
          break;
        }
      }
      if (result != null) {
        result.put("roles", hit);
      }
      if (!hit) {
        if (run.full()) {
          run.event("acl.skip", data.put("needRoles", JsonArray.of(rule.roleNames.stream()
              .map(JsonString::of).toList())).build(), result.put("why", "no role of the rule").build());
        }
        return null;
      }
    } else if (!rule.hasCondition) {
      if (run.full()) {
        run.event("acl.skip", data.build(), JsonObject.builder().put("why", "neither roles nor condition").build());
      }
      return null;
    }
    if (rule.hasCondition) {
      boolean holds;
      if (rule.emptyCondition) {
        holds = false;
      } else if (rule.expr != null) {
        Boolean v = test(rule.expr, ref, r, run, result);
        if (v == null) {
          run.event("acl.error", data == null ? null : data.build(), result == null ? null : result.build());
          return new Vote(Effect.DENY, Decision.deny(List.of(run.lastError())));
        }
        holds = v;
      } else {
        holds = true;
        for (FieldTest f : rule.attrs) {
          JsonValue actual = f.resolve(r);
          if (!JsonEquality.equal(actual, f.expected)) {
            holds = false;
            if (result != null) {
              boolean secret = redactor.isSensitiveKey(f.segments[f.segments.length - 1]);
              JsonValue mask = JsonString.of(redactor.maskValue().isEmpty() ? "***" : redactor.maskValue());
              result.put("failedAttribute", f.path)
                  .put("actual", secret ? mask : actual == null ? JsonNull.INSTANCE : actual)
                  .put("expected", secret ? mask : f.expected);
            }
            break;
          }
        }
      }
      if (result != null) {
        result.put("condition", holds);
      }
      if (!holds) {
        if (run.full()) {
          run.event("acl.skip", data.build(), result.put("why", rule.emptyCondition ? "empty condition never holds"
              : "condition does not hold").build());
        }
        return null;
      }
    }
    run.event("acl.match", data == null ? null : data.build(), result == null ? null : result.build());
    return rule.vote;
  }
}
