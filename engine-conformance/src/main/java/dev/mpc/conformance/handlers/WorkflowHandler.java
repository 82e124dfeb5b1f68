package dev.mpc.conformance.handlers;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Result;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Category {@code workflow} (conformance spec §3.15): the fixture's flat workflow becomes a
 * {@code Workflow} definition of an artifact run by {@link WorkflowEngine}.
 *
 * <p>Upstream compatibility lives here, not in the engine (docs/workflow.md lists each difference):
 * <ul>
 *   <li>guards: upstream's runner supplies no expression engine, so a guard is never evaluated;
 *       only with {@code meta.guard_behavior: "fail"} a guard port answers false. The adapter
 *       turns every truthy {@code guard} into a named guard answered by a stub {@link GuardPort}
 *       (always false under {@code "fail"}, always true otherwise); the engine itself evaluates
 *       guard expressions and fails closed;
 *   <li>{@code rule_type: dynamic} behaves like {@code fixed} (no expression engine upstream), and
 *       {@code internal} is mapped to {@code fixed};
 *   <li>{@code timeout_ms} (fallback {@code timeout}) of 0 means none; {@code timeout_check} mode
 *       starts the instance at the fixture clock and fires the due timer at clock +
 *       {@code advance_ms};
 *   <li>no {@code initial} in fire mode: the adapter declares the first state initial (the
 *       instance starts in {@code current} anyway); validation mode reports upstream's messages
 *       ({@code Workflow definition must declare an initial state}, the unregistered
 *       {@code E_WF_INVALID_INITIAL}, {@code Transition references unknown state});
 *   <li>{@code current} sets the active states (the engine completes the configuration);
 *   <li>output: the first error of the last fire as {@code {"error"}}; else {@code allow} and the
 *       reason codes, {@code state} (active states sorted, joined by {@code ,}) under
 *       {@code meta.include_state}, and {@code actions} (the {@code operation} of each action
 *       intent, in order) under {@code meta.include_actions} when any ran.
 * </ul>
 *
 * <p>With {@code "mode": "strict"} the fixture runs the engine as is (own fixtures): input
 * {@code definitions} (Workflow definitions in manifest form, expressions as text or JSON IR),
 * {@code workflow} (id), optional {@code start} ({@code {id, states, variables}}),
 * {@code guards} (stub GuardPort: name → {@code true}, {@code false}, {@code "throw"} or
 * {@code "slow"}), {@code auth} (stub AuthPort: {@code {"allow": [actor ids]}}, {@code "throw"}
 * or {@code "slow"}), {@code portTimeoutMs}, {@code window}, {@code limits} (preset limit overrides), {@code trace}, and {@code steps}: each
 * {@code {"event", "actor" (an Actor), "context", "eventId"}}, {@code {"advanceMs": n}} (moves the
 * clock), {@code {"due": true}} (fires the earliest due timer) or {@code {"available": actor}}.
 * "slow" ports advance the injected nanosecond source past the budget. Output:
 * {@code {"start": {...}, "steps": [...]}} with each step's record fields.
 *
 * <p>Stateless and thread-safe (each run builds its own engine).
 */
public final class WorkflowHandler implements CategoryHandler {
  private static final String STUB_GUARD = "upstream-guard";

  @Override
  public String category() {
    return "workflow";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    if (Outputs.strict(input)) {
      return Strict.run(context, input);
    }
    return upstream(context, input);
  }

  // ------------------------------------------------------------------ upstream compatibility

  private static JsonValue upstream(FixtureContext context, JsonObject input) {
    JsonObject meta = context.meta();
    boolean validation = !isTrue(input.getOrNull("timeout_check"))
        && (input.getOrNull("event") == null || input.getOrNull("event").isNull());
    boolean guardFails = meta.getOrNull("guard_behavior") instanceof JsonString g && g.value().equals("fail");
    List<String> states = strings(input.getOrNull("states"));
    String initial = input.getOrNull("initial") instanceof JsonString s && !s.value().isEmpty() ? s.value() : null;
    if (validation) {
      return validate(input, states, initial);
    }
    if (initial == null && !states.isEmpty()) {
      initial = states.get(0);
    }
    Artifact artifact = EngineFixtures.artifact(List.of(definition(input, states, initial)), DomainMeta.EMPTY,
        limits(context));
    AtomicLong nanos = new AtomicLong();
    WorkflowEngine engine = WorkflowEngine.builder().clock(context.clock()).nanoTime(nanos::get)
        .guardPort(GuardPort.of(Map.of(STUB_GUARD, call -> !guardFails))).build().orElseThrow();
    List<String> current = current(input.getOrNull("current"));
    Result<WorkflowInstance> started = current.isEmpty() ? engine.start(artifact, "workflow", "instance")
        : engine.startAt(artifact, "workflow", "instance", current);
    if (!started.isOk()) {
      return Outputs.error(started.diagnostics().get(0));
    }
    WorkflowInstance instance = started.orElseThrow();
    JsonValue rolesValue = input.getOrNull("actor_roles") != null ? input.getOrNull("actor_roles")
        : input.getOrNull("actorRoles");
    Actor actor = new Actor("conformance", ActorType.USER, strings(rolesValue), JsonObject.EMPTY);
    JsonObject ctx = input.getOrNull("context") instanceof JsonObject o ? o : JsonObject.EMPTY;
    TransitionResult last = null;
    if (isTrue(input.getOrNull("timeout_check"))) {
      long advance = input.getOrNull("advance_ms") instanceof JsonInt i ? i.value().longValue() : 0;
      Instant now = context.clock().instant().plusMillis(advance);
      last = engine.fireDue(artifact, instance, now).orElse(null);
      if (last == null) {
        return success(meta, true, List.of(), instance, List.of());
      }
    } else {
      for (String event : events(input.getOrNull("event"))) {
        last = engine.fire(artifact, instance, event, actor, ctx);
        instance = last.instance();
        if (!last.errors().isEmpty()) {
          break;
        }
      }
      if (last == null) {
        return success(meta, true, List.of(), instance, List.of());
      }
    }
    if (!last.errors().isEmpty()) {
      return Outputs.error(last.errors().get(0));
    }
    return success(meta, last.allowed(), last.reasons(), last.instance(), last.intents());
  }

  private static JsonObject success(JsonObject meta, boolean allow, List<Reason> reasons, WorkflowInstance instance,
      List<Intent> intents) {
    JsonObject.Builder out = JsonObject.builder().put("allow", allow).put("reasons", JsonArray.of(reasons.stream()
        .map(r -> (JsonValue) JsonObject.builder().put("code", r.code().code()).build()).toList()));
    if (truthy(meta.getOrNull("include_state"))) {
      out.put("state", instance.stateLabel());
    }
    List<JsonValue> actions = new ArrayList<>();
    for (Intent i : intents) {
      if (i.params().getOrNull("operation") instanceof JsonString op) {
        actions.add(op);
      }
    }
    if (truthy(meta.getOrNull("include_actions")) && !actions.isEmpty()) {
      out.put("actions", JsonArray.of(actions));
    }
    return out.build();
  }

  /** Validation mode: upstream's three checks, first error reported, upstream's messages. */
  private static JsonValue validate(JsonObject input, List<String> states, String initial) {
    if (initial == null) {
      return Outputs.error("E_WF_NO_INITIAL", "Workflow definition must declare an initial state", "error");
    }
    if (!states.contains(initial)) {
      return Outputs.error("E_WF_INVALID_INITIAL", "Initial state '" + initial + "' is not declared in states", "error");
    }
    if (input.getOrNull("transitions") instanceof JsonArray ts) {
      for (JsonValue v : ts.items()) {
        if (v instanceof JsonObject t) {
          for (String end : List.of("from", "to")) {
            String s = t.getOrNull(end) instanceof JsonString x ? x.value() : "";
            if (!states.contains(s)) {
              return Outputs.error("E_WF_UNKNOWN_STATE", "Transition references unknown state '" + s + "'", "error");
            }
          }
        }
      }
    }
    return JsonObject.builder().put("allow", true).put("reasons", JsonArray.EMPTY).build();
  }

  /** The flat fixture form as a manifest-form Workflow definition. */
  private static AstNode definition(JsonObject input, List<String> states, String initial) {
    JsonObject parents = obj(input.getOrNull("parents"));
    JsonObject historyModes = obj(input.getOrNull("history_modes"));
    JsonObject onEnter = obj(input.getOrNull("on_enter"));
    JsonObject onLeave = obj(input.getOrNull("on_leave"));
    Set<String> parallels = Set.copyOf(parallels(input.getOrNull("parallels")));
    List<JsonValue> stateMaps = new ArrayList<>();
    for (String s : states) {
      JsonObject.Builder m = JsonObject.builder().put("name", s);
      if (parents.getOrNull(s) instanceof JsonString p) {
        m.put("parent", p);
      }
      if (historyModes.getOrNull(s) instanceof JsonString h) {
        m.put("history", h);
      }
      if (onEnter.getOrNull(s) != null) {
        m.put("on_enter", onEnter.getOrNull(s));
      }
      if (onLeave.getOrNull(s) != null) {
        m.put("on_leave", onLeave.getOrNull(s));
      }
      if (parallels.contains(s)) {
        m.put("parallel", true);
      }
      stateMaps.add(m.build());
    }
    List<JsonValue> transitions = new ArrayList<>();
    if (input.getOrNull("transitions") instanceof JsonArray ts) {
      for (JsonValue v : ts.items()) {
        if (v instanceof JsonObject t) {
          transitions.add(transition(t));
        }
      }
    }
    JsonObject.Builder def = JsonObject.builder().put("kind", "Workflow").put("id", "workflow")
        .put("states", JsonArray.of(stateMaps)).put("transitions", JsonArray.of(transitions));
    if (initial != null) {
      def.put("initial", initial);
    }
    List<String> initials = strings(input.getOrNull("initials"));
    if (!initials.isEmpty()) {
      def.put("initials", JsonArray.of(initials.stream().map(x -> (JsonValue) JsonString.of(x)).toList()));
    }
    JsonValue ignored = input.getOrNull("ignored_triggers") != null ? input.getOrNull("ignored_triggers")
        : input.getOrNull("ignore");
    if (ignored instanceof JsonArray) {
      def.put("ignored_triggers", ignored);
    }
    return EngineFixtures.node(def.build());
  }

  private static JsonValue transition(JsonObject t) {
    JsonObject.Builder m = JsonObject.builder();
    String to = t.getOrNull("to") instanceof JsonString s ? s.value() : "";
    m.put("from", t.getOrNull("from") instanceof JsonString s ? s.value() : "").put("to", to);
    m.put("on", t.getOrNull("on") instanceof JsonString s ? s.value() : to);
    if (truthy(t.getOrNull("guard"))) {
      m.put("named_guard", STUB_GUARD);
    }
    JsonValue roles = t.getOrNull("auth_roles") != null ? t.getOrNull("auth_roles") : t.getOrNull("authRoles");
    if (roles instanceof JsonArray) {
      m.put("auth_roles", roles);
    }
    for (String[] keys : new String[][] {{"on_leave", "onLeave"}, {"on_enter", "onEnter"}}) {
      JsonValue a = t.getOrNull(keys[0]) != null ? t.getOrNull(keys[0]) : t.getOrNull(keys[1]);
      if (a != null && !a.isNull()) {
        m.put(keys[0], a);
      }
    }
    JsonValue timeout = t.getOrNull("timeout_ms") != null ? t.getOrNull("timeout_ms") : t.getOrNull("timeout");
    if (truthy(timeout)) {
      m.put("timeout_ms", timeout);
    }
    return m.build();
  }

  private static dev.mpc.expr.Limits limits(FixtureContext context) {
    return Preset.fromJson(context.preset()).map(Preset::exprLimits).value().orElse(dev.mpc.expr.Limits.defaults());
  }

  private static List<String> current(JsonValue v) {
    if (v instanceof JsonString s && !s.value().isEmpty()) {
      return List.of(s.value());
    }
    return strings(v);
  }

  private static List<String> events(JsonValue v) {
    if (v instanceof JsonString s) {
      return List.of(s.value());
    }
    return strings(v);
  }

  private static List<String> parallels(JsonValue v) {
    if (v instanceof JsonObject o) {
      List<String> out = new ArrayList<>();
      o.members().forEach((k, x) -> {
        if (truthy(x)) {
          out.add(k);
        }
      });
      return out;
    }
    return strings(v);
  }

  /** The strings of a JSON array, in order, repeats kept (other items and non-arrays ignored). */
  private static List<String> strings(JsonValue v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        if (x instanceof JsonString s) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  private static JsonObject obj(JsonValue v) {
    return v instanceof JsonObject o ? o : JsonObject.EMPTY;
  }

  private static boolean isTrue(JsonValue v) {
    return v instanceof JsonBool b && b.value();
  }

  /** Python truthiness. */
  private static boolean truthy(JsonValue v) {
    if (v == null || v instanceof JsonNull) {
      return false;
    }
    if (v instanceof JsonBool b) {
      return b.value();
    }
    if (v instanceof JsonInt i) {
      return i.value().signum() != 0;
    }
    if (v instanceof dev.mpc.json.JsonFloat f) {
      return f.value() != 0.0;
    }
    if (v instanceof JsonString s) {
      return !s.value().isEmpty();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty();
    }
    return !((JsonObject) v).isEmpty();
  }

  // ------------------------------------------------------------------ strict (own fixtures)

  /** The strict run: the engine as is, with stub ports, over a list of steps. */
  static final class Strict {
    private Strict() {}

    static JsonValue run(FixtureContext context, JsonObject input) {
      List<AstNode> defs = new ArrayList<>();
      if (input.getOrNull("definitions") instanceof JsonArray arr) {
        for (JsonValue v : arr.items()) {
          if (v instanceof JsonObject o) {
            defs.add(EngineFixtures.node(o));
          }
        }
      }
      Result<Preset> preset = Preset.fromJson(EngineFixtures.withLimits(context.preset(), input.getOrNull("limits")));
      if (!preset.isOk()) {
        return Outputs.errors(preset.diagnostics());
      }
      Artifact artifact = EngineFixtures.artifact(defs, DomainMeta.EMPTY, preset.orElseThrow().exprLimits());
      AtomicLong nanos = new AtomicLong();
      long budget = input.getOrNull("portTimeoutMs") instanceof JsonInt i ? i.value().longValue() : 250;
      Instant[] now = {context.clock().instant()};
      java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now[0];
        }
      };
      WorkflowEngine.Builder b = WorkflowEngine.builder().preset(preset.orElseThrow()).clock(clock).nanoTime(nanos::get)
          .portTimeout(Duration.ofMillis(budget));
      if (input.getOrNull("window") instanceof JsonInt w) {
        b.idempotencyWindow(w.value().intValue());
      }
      if (input.getOrNull("guards") instanceof JsonObject g) {
        Map<String, java.util.function.Predicate<dev.mpc.workflow.GuardCall>> m = new LinkedHashMap<>();
        g.members().forEach((name, v) -> m.put(name, call -> answer(v, nanos, budget, "guard '" + name + "'")));
        b.guardPort(GuardPort.of(m));
      }
      JsonValue auth = input.getOrNull("auth");
      if (auth != null && !auth.isNull()) {
        AuthPort port = call -> {
          if (auth instanceof JsonObject a) {
            return EngineFixtures.strings(a.getOrNull("allow")).contains(call.actor().id());
          }
          return answer(auth, nanos, budget, "auth");
        };
        b.authPort(port);
      }
      if (!defs.isEmpty()) {
        b.check(artifact);
      }
      Result<WorkflowEngine> built = b.build();
      if (!built.isOk()) {
        return Outputs.errors(built.diagnostics());
      }
      WorkflowEngine engine = built.orElseThrow();
      String workflow = input.getOrNull("workflow") instanceof JsonString s ? s.value() : "";
      JsonObject start = obj(input.getOrNull("start"));
      String id = start.getOrNull("id") instanceof JsonString s ? s.value() : "i1";
      JsonObject vars = obj(start.getOrNull("variables"));
      Result<WorkflowInstance> started = start.has("states")
          ? engine.startAt(artifact, workflow, id, strings(start.getOrNull("states")))
          : engine.start(artifact, workflow, id, vars);
      if (!started.isOk()) {
        return Outputs.errors(started.diagnostics());
      }
      WorkflowInstance instance = started.orElseThrow();
      List<TransitionRecord> history = new ArrayList<>(List.of(instance.lastRecord()));
      TraceLevel level = input.getOrNull("trace") instanceof JsonString t ? TraceLevel.valueOf(t.value())
          : TraceLevel.NONE;
      List<JsonValue> steps = new ArrayList<>();
      JsonArray stepList = input.getOrNull("steps") instanceof JsonArray a ? a : JsonArray.EMPTY;
      for (JsonValue sv : stepList.items()) {
        JsonObject step = obj(sv);
        if (step.getOrNull("advanceMs") instanceof JsonInt adv) {
          now[0] = now[0].plusMillis(adv.value().longValue());
          JsonObject.Builder o = JsonObject.builder().put("at", now[0].toString());
          engine.nextDue(instance).ifPresent(due -> o.put("nextDue", due.toString()));
          steps.add(o.build());
          continue;
        }
        if (step.getOrNull("available") instanceof JsonObject a) {
          Actor actor = actor(a);
          List<JsonValue> rows = new ArrayList<>();
          for (var av : engine.availableTransitions(artifact, instance, actor, obj(step.getOrNull("context")))) {
            rows.add(JsonObject.builder().put("transition", av.transition().id()).put("event", av.transition().event())
                .put("enabled", av.enabled()).put("reasons", codes(av.reasons()))
                .put("errors", Outputs.diagnostics(av.errors())).build());
          }
          steps.add(JsonObject.builder().put("available", JsonArray.of(rows)).build());
          continue;
        }
        FireOptions options = FireOptions.defaults().withTrace(level);
        if (step.getOrNull("eventId") instanceof JsonString e) {
          options = options.withEventId(e.value());
        }
        TransitionResult r;
        if (isTrue(step.getOrNull("due"))) {
          Optional<TransitionResult> due = engine.fireDue(artifact, instance, now[0], options);
          if (due.isEmpty()) {
            steps.add(JsonObject.builder().put("due", false).build());
            continue;
          }
          r = due.get();
        } else {
          String event = step.getOrNull("event") instanceof JsonString e ? e.value() : "";
          r = engine.fire(artifact, instance, event, actor(obj(step.getOrNull("actor"))), obj(step.getOrNull("context")),
              options);
        }
        if (!r.replayed() && r.instance() != instance) {
          history.add(r.instance().lastRecord());
        }
        instance = r.instance();
        steps.add(result(r, instance, level));
      }
      JsonObject.Builder out = JsonObject.builder().put("start", JsonObject.builder()
          .put("state", JsonArray.of(history.get(0).to().stream().map(x -> (JsonValue) JsonString.of(x)).toList()))
          .put("intents", JsonArray.of(history.get(0).intents().stream().map(x -> (JsonValue) ContractJson.toJson(x))
              .toList())).put("timers", timers(started.orElseThrow())).build());
      out.put("steps", JsonArray.of(steps));
      Result<WorkflowInstance> replayed = engine.replay(artifact, workflow, id, history);
      out.put("replayMatches", replayed.isOk() && replayed.orElseThrow().equals(instance));
      return out.build();
    }

    private static boolean answer(JsonValue v, AtomicLong nanos, long budgetMs, String what) {
      if (v instanceof JsonBool b) {
        return b.value();
      }
      if (v instanceof JsonString s && s.value().equals("throw")) {
        throw new IllegalStateException(what + " is unavailable");
      }
      if (v instanceof JsonString s && s.value().equals("slow")) {
        nanos.addAndGet((budgetMs + 1) * 1_000_000L);
        return true;
      }
      throw new IllegalArgumentException("a stub port answers true, false, \"throw\" or \"slow\"");
    }

    private static Actor actor(JsonObject a) {
      String id = a.getOrNull("id") instanceof JsonString s ? s.value() : "user";
      return new Actor(id, ActorType.USER, strings(a.getOrNull("roles")), obj(a.getOrNull("claims")));
    }

    private static JsonArray codes(List<Reason> reasons) {
      return JsonArray.of(reasons.stream().map(r -> (JsonValue) JsonString.of(r.code().code())).toList());
    }

    private static JsonArray timers(WorkflowInstance i) {
      return JsonArray.of(i.timers().stream().map(t -> (JsonValue) JsonObject.builder().put("state", t.state())
          .put("transition", t.transition()).put("dueAt", t.dueAt().toString()).build()).toList());
    }

    private static JsonObject result(TransitionResult r, WorkflowInstance instance, TraceLevel level) {
      JsonObject.Builder o = JsonObject.builder().put("allowed", r.allowed()).put("version", instance.version())
          .put("to", JsonArray.of(r.to().stream().map(x -> (JsonValue) JsonString.of(x)).toList()))
          .put("reasons", codes(r.reasons())).put("errors", Outputs.diagnostics(r.errors()))
          .put("intents", JsonArray.of(r.intents().stream().map(x -> (JsonValue) ContractJson.toJson(x)).toList()));
      if (r.replayed()) {
        o.put("replayed", true);
      }
      if (!instance.history().isEmpty()) {
        JsonObject.Builder h = JsonObject.builder();
        instance.history().forEach((k, v) -> h.put(k, JsonArray.of(v.stream().map(x -> (JsonValue) JsonString.of(x))
            .toList())));
        o.put("history", h.build());
      }
      if (!instance.timers().isEmpty()) {
        o.put("timers", timers(instance));
      }
      if (level != TraceLevel.NONE) {
        o.put("trace", r.trace().map(ContractJson::toJson).map(t -> (JsonValue) t).orElse(JsonNull.INSTANCE));
      }
      return o.build();
    }
  }

}
