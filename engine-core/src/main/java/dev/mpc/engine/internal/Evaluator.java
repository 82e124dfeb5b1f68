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

  private final DecisionComposer composer;
  private final String engineVersion;
  private final Redactor redactor;

  /**
   * An evaluator composing with {@code composer}, stamping {@code engineVersion}; traces are
   * scrubbed of the values the event holds under {@code redactor}'s sensitive keys (a trace shows
   * values without their keys, so key-based redaction alone would miss them).
   */
  public Evaluator(DecisionComposer composer, String engineVersion, Redactor redactor) {
    this.composer = composer;
    this.engineVersion = engineVersion;
    this.redactor = redactor;
  }

  /** Per-request state: the event in JSON form, the expression bindings, the derived action and resource. */
  public static final class Request {
    final JsonObject json;
    final Bindings bindings;
    final String name;
    final String kind;
    final String action;
    final String type;
    final String instance;
    final List<String> roleNames;
    long[] roles;

    /** Prepares {@code event}; {@code roles} (effective role bits) may be given when shared across a batch. */
    public Request(EventEnvelope event, long[] roles) {
      this(ContractJson.toJson(event), roles);
    }

    /**
     * Prepares an event given as a JSON map (need not be a schema-valid envelope): name, kind,
     * {@code object.type}, {@code object.id} and {@code actor.roles} are read where present.
     */
    public Request(JsonObject json, long[] roles) {
      this.json = json;
      this.name = text(json, "name");
      this.kind = text(json, "kind");
      this.action = actionOf(json);
      JsonObject object = json.getOrNull("object") instanceof JsonObject o ? o : JsonObject.EMPTY;
      this.type = text(object, "type");
      this.instance = type + "/" + text(object, "id");
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
  private static final class Run {
    final TraceLevel level;
    final List<TraceEvent> events;
    final List<Reason> errors = new ArrayList<>();
    final String at;

    Run(TraceLevel level, String at) {
      this.level = level;
      this.events = level == TraceLevel.NONE ? null : new ArrayList<>();
      this.at = at;
    }

    boolean full() {
      return level == TraceLevel.FULL;
    }

    void event(String t, JsonObject data, JsonObject result) {
      if (events != null) {
        events.add(new TraceEvent(t, Optional.ofNullable(at), data, result, Optional.empty()));
      }
    }
  }

  /** Evaluates {@code r} against {@code c}. Never throws for an outcome (the caller catches the rest). */
  public Decision evaluate(CompiledArtifact c, Request r, TraceLevel level, Optional<String> correlationId, String at) {
    Run run = new Run(level, at);
    for (Diagnostic d : c.fatal) {
      run.errors.add(error(d, "artifact"));
      run.event("artifact.error", JsonObject.builder().put("code", d.code().code()).build(),
          JsonObject.builder().put("message", d.message()).build());
    }
    Vote policy = policies(c, r, run);
    Vote acl = acl(c, r, run);
    Decision composed = composer.composeVotes(List.of(policy, acl));
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
    run.event("compose", JsonObject.builder().put("strategy", composer.strategy().wireName())
        .put("policy", policy.effect().name()).put("acl", acl.effect().name()).build(),
        JsonObject.builder().put("allow", out.allow()).put("failedClosed", !run.errors.isEmpty()).build());
    String span = correlationId.orElseGet(() -> spanOf(c, r));
    out = out.withMeta(new DecisionMeta(Optional.of(c.hash), Optional.of(ENGINE), Optional.of(engineVersion),
        Optional.of(span)));
    if (run.events != null) {
      Set<String> secrets = new HashSet<>();
      secrets(r.json, false, secrets);
      List<TraceEvent> events = run.events;
      if (!secrets.isEmpty()) {
        events = new ArrayList<>(events.size());
        for (TraceEvent t : run.events) {
          events.add(new TraceEvent(t.t(), t.at(), (JsonObject) scrub(t.data(), secrets),
              (JsonObject) scrub(t.result(), secrets), t.durationMs()));
        }
      }
      out = out.withTrace(new Trace(span, Optional.empty(), ENGINE, List.copyOf(events)));
    }
    return out;
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

  /** A span id derived from the inputs: the first 32 hex digits of the stable hash of artifact hash and event. */
  static String spanOf(CompiledArtifact c, Request r) {
    return Canonical.stableHash(JsonObject.builder().put("artifactHash", c.hash).put("event", r.json).build())
        .substring(0, 32);
  }

  /** A decision for an internal failure: deny, {@code E_INTERNAL}, meta stamped. */
  public Decision internal(String artifactHash, Optional<String> correlationId, Throwable t) {
    Reason reason = new Reason(Code.E_INTERNAL, Optional.of("Internal error during evaluation ("
        + t.getClass().getSimpleName() + "); failed closed"), Optional.empty(), JsonObject.EMPTY);
    return Decision.deny(List.of(reason)).withMeta(new DecisionMeta(Optional.ofNullable(artifactHash),
        Optional.of(ENGINE), Optional.of(engineVersion), correlationId));
  }

  private static Reason reason(Code code, String summary, JsonObject data) {
    return new Reason(code, Optional.of(summary), Optional.empty(), data);
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
      return new Vote(Effect.NOT_APPLICABLE, Decision.allow(List.of()));
    }
    PolicyRule[][] lists = {
        c.byName.get(r.name), c.byKind.get(r.kind), c.byType.get(r.type), c.catchAll};
    int[] at = new int[lists.length];
    List<Reason> allow = new ArrayList<>();
    List<Reason> deny = new ArrayList<>();
    List<Intent> intents = new ArrayList<>();
    int considered = 0;
    while (true) {
      int best = CompiledArtifact.Ranked.next(lists, at);
      if (best < 0) {
        break;
      }
      PolicyRule p = lists[best][at[best]++];
      considered++;
      Outcome o = policy(p, r, run);
      if (o == Outcome.ERROR) {
        deny.add(run.errors.get(run.errors.size() - 1));
      } else if (o == Outcome.MATCH) {
        if (p.deny) {
          deny.add(reason(Code.R_POLICY_DENY, "Denied by policy '" + p.label + "'", 
              JsonObject.builder().put("policy", p.id).build()));
        } else {
          allow.add(reason(Code.R_POLICY_ALLOW, "Allowed by policy '" + p.label + "'", 
              JsonObject.builder().put("policy", p.id).build()));
        }
        intents.addAll(p.intents);
      }
    }
    if (run.full()) {
      run.event("policy.index", JsonObject.builder().put("policies", c.policies.length).build(),
          JsonObject.builder().put("considered", considered).put("skippedByIndex", c.policies.length - considered).build());
    }
    if (!deny.isEmpty()) {
      return new Vote(Effect.DENY, Decision.deny(deny).withIntents(Intent.deduplicate(intents)));
    }
    if (!allow.isEmpty()) {
      return new Vote(Effect.PERMIT, Decision.allow(allow).withIntents(Intent.deduplicate(intents)));
    }
    return new Vote(Effect.NOT_APPLICABLE, Decision.allow(List.of()));
  }

  private enum Outcome { MATCH, SKIP, ERROR }

  private Outcome policy(PolicyRule p, Request r, Run run) {
    JsonObject.Builder data = run.events == null ? null : JsonObject.builder().put("policy", p.id)
        .put("effect", p.deny ? "deny" : "allow");
    if (p.broken != null) {
      run.errors.add(error(p.broken, "Policy:" + p.id));
      run.event("policy.error", data == null ? null : data.build(), JsonObject.builder()
          .put("code", p.broken.code().code()).put("message", p.broken.message()).build());
      return Outcome.ERROR;
    }
    for (FieldTest f : p.fields) {
      JsonValue actual = f.resolve(r.json);
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
    for (Cond cond : new Cond[] {p.match, p.condition}) {
      if (cond == null) {
        continue;
      }
      Boolean v = test(cond, "Policy:" + p.id, r, run, result);
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
      Result<Evaluation> ev = cond.compiled.evaluateDetailed(r.bindings, true);
      if (!(ev instanceof Result.Ok<Evaluation> ok)) {
        Diagnostic d = ev.diagnostics().get(0);
        run.errors.add(error(d.withPath(rule + "/" + cond.site), rule));
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
      Result<JsonValue> ev = cond.compiled.evaluate(r.bindings);
      if (!(ev instanceof Result.Ok<JsonValue> ok)) {
        Diagnostic d = ev.diagnostics().get(0);
        run.errors.add(error(d.withPath(rule + "/" + cond.site), rule));
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
      run.errors.add(error(d, rule));
      if (result != null) {
        result.put(cond.site, JsonObject.builder().put("code", d.code().code()).put("message", d.message()).build());
      }
      return null;
    }
    if (result != null) {
      result.put(cond.site, b);
    }
    return b.value();
  }

  // ---------------------------------------------------------------- ACL

  private Vote acl(CompiledArtifact c, Request r, Run run) {
    if (!c.hasAcl()) {
      run.event("acl.none", JsonObject.EMPTY, JsonObject.EMPTY);
      return new Vote(Effect.NOT_APPLICABLE, Decision.allow(List.of()));
    }
    if (r.roles == null) {
      r.roles = c.effectiveRoles(r.roleNames);
    }
    Map<String, AclRule[]> forType = c.aclExact.get(r.type);
    Map<String, AclRule[]> forAny = c.aclExact.get("*");
    AclRule[][] lists = {
        forType == null ? null : forType.get(r.action), forType == null ? null : forType.get("*"),
        forAny == null ? null : forAny.get(r.action), forAny == null ? null : forAny.get("*"), c.aclOther};
    int[] at = new int[lists.length];
    while (true) {
      int best = CompiledArtifact.Ranked.next(lists, at);
      if (best < 0) {
        break;
      }
      AclRule rule = lists[best][at[best]++];
      if (best == lists.length - 1 && !targets(rule, r)) {
        continue;
      }
      Vote v = aclRule(rule, r, run);
      if (v != null) {
        return v;
      }
    }
    run.event("acl.nomatch", JsonObject.builder().put("action", r.action).put("resource", r.type).build(),
        JsonObject.builder().put("allow", false).build());
    return new Vote(Effect.DENY, Decision.deny(List.of(new Reason(Code.R_ACL_NO_MATCH,
        Optional.of("No matching ACL rule for action='" + r.action + "', resource='" + r.type + "'"), Optional.empty(),
        JsonObject.builder().put("action", r.action).put("resource", r.type).build()))));
  }

  private static boolean targets(AclRule rule, Request r) {
    return (rule.resource == null || rule.resource.matches(r.type) || rule.resource.matches(r.instance))
        && (rule.action == null || rule.action.matches(r.action));
  }

  /** The vote of {@code rule} if it decides, else null (next rule). */
  private Vote aclRule(AclRule rule, Request r, Run run) {
    String ref = "ACL:" + rule.id;
    JsonObject.Builder data = run.events == null ? null : JsonObject.builder().put("rule", rule.id)
        .put("effect", rule.deny ? "deny" : "allow");
    if (rule.broken != null) {
      Reason e = error(rule.broken, ref);
      run.errors.add(e);
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
          return new Vote(Effect.DENY, Decision.deny(List.of(run.errors.get(run.errors.size() - 1))));
        }
        holds = v;
      } else {
        holds = true;
        for (FieldTest f : rule.attrs) {
          JsonValue actual = f.resolve(r.json);
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
    boolean abac = rule.hasCondition;
    run.event("acl.match", data == null ? null : data.build(), result == null ? null : result.build());
    String kind = abac ? "ABAC" : "ACL";
    JsonObject ruleData = JsonObject.builder().put("rule", rule.id).build();
    if (rule.deny) {
      return new Vote(Effect.DENY, Decision.deny(List.of(reason(abac ? Code.R_ACL_DENY_ABAC : Code.R_ACL_DENY_ROLE,
          "Denied by " + kind + " rule '" + rule.id + "'", ruleData))));
    }
    return new Vote(Effect.PERMIT, Decision.allow(List.of(reason(abac ? Code.R_ACL_ALLOW_ABAC : Code.R_ACL_ALLOW_ROLE,
        "Allowed by " + kind + " rule '" + rule.id + "'", ruleData))).withIntents(rule.masks));
  }
}
