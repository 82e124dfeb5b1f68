package dev.mpc.workflow;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of {@link WorkflowInstance} and {@link TransitionRecord}, for stores that keep
 * them as documents (engine-jdbc's {@code JdbcWorkflowStore}, a host's own table, a cache).
 * Reading what was written gives an equal value in every component (times to the nanosecond,
 * the idempotency window, history memory, timers, variables); a value that is not such a
 * document is a coded failure naming the JSON path, never an exception.
 *
 * <pre>{@code
 * {"workflowId":"order","instanceId":"o-1","artifactHash":"sha256:...","configuration":["review","legal"],
 *  "history":{"review":["legal"]},"timers":[{"state":"parked","transition":"t3","event":"expire",
 *  "dueAt":"2026-01-01T00:00:00Z"}],"variables":{},"version":2,"recent":[RECORD, ...]}
 * RECORD = {"version":2,"kind":"event","eventId":"e-9","event":"submit","actorId":"u-1",
 *  "at":"2026-01-01T00:00:00.000000001Z","from":["draft"],"to":["review","legal"],"allowed":true,
 *  "steps":[{"transition":"t1","target":"review"}],"reasons":[...],"errors":[...],"intents":[...],
 *  "variables":{}}
 * }</pre>
 *
 * <p>Reasons, errors and intents use the contract forms of {@link ContractJson}. Thread-safe
 * (stateless).
 */
public final class WorkflowJson {
  private WorkflowJson() {}

  /** The JSON form of an instance. */
  public static JsonObject toJson(WorkflowInstance i) {
    JsonObject.Builder history = JsonObject.builder();
    i.history().forEach((state, states) -> history.put(state, strings(states)));
    List<JsonValue> timers = new ArrayList<>(i.timers().size());
    for (WorkflowTimer t : i.timers()) {
      timers.add(JsonObject.builder().put("state", t.state()).put("transition", t.transition())
          .put("event", t.event()).put("dueAt", t.dueAt().toString()).build());
    }
    List<JsonValue> recent = new ArrayList<>(i.recent().size());
    for (TransitionRecord r : i.recent()) {
      recent.add(toJson(r));
    }
    return JsonObject.builder()
        .put("workflowId", i.workflowId())
        .put("instanceId", i.instanceId())
        .put("artifactHash", i.artifactHash())
        .put("configuration", strings(i.configuration()))
        .put("history", history.build())
        .put("timers", JsonArray.of(timers))
        .put("variables", i.variables())
        .put("version", i.version())
        .put("recent", JsonArray.of(recent))
        .build();
  }

  /** The JSON form of a history record. */
  public static JsonObject toJson(TransitionRecord r) {
    JsonObject.Builder b = JsonObject.builder()
        .put("version", r.version())
        .put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    r.eventId().ifPresent(v -> b.put("eventId", v));
    b.put("event", r.event());
    r.actorId().ifPresent(v -> b.put("actorId", v));
    List<JsonValue> steps = new ArrayList<>(r.steps().size());
    for (TransitionRecord.Step s : r.steps()) {
      steps.add(JsonObject.builder().put("transition", s.transition()).put("target", s.target()).build());
    }
    return b.put("at", r.at().toString())
        .put("from", strings(r.from()))
        .put("to", strings(r.to()))
        .put("allowed", r.allowed())
        .put("steps", JsonArray.of(steps))
        .put("reasons", array(r.reasons(), ContractJson::toJson))
        .put("errors", array(r.errors(), ContractJson::toJson))
        .put("intents", array(r.intents(), ContractJson::toJson))
        .put("variables", r.variables())
        .build();
  }

  /** Reads an instance from JSON text (as {@link Json#write} wrote it). */
  public static Result<WorkflowInstance> readInstance(String json) {
    return Json.parse(json).flatMap(WorkflowJson::readInstance);
  }

  /** Reads an instance. */
  public static Result<WorkflowInstance> readInstance(JsonValue json) {
    return read(() -> {
      JsonObject o = object(json, "$");
      Map<String, List<String>> history = new LinkedHashMap<>();
      JsonObject h = object(member(o, "history", "$"), "$.history");
      h.members().forEach((state, v) -> history.put(state, strings(v, "$.history." + state)));
      List<WorkflowTimer> timers = new ArrayList<>();
      JsonArray ts = array(member(o, "timers", "$"), "$.timers");
      for (int k = 0; k < ts.size(); k++) {
        String p = "$.timers[" + k + "]";
        JsonObject t = object(ts.get(k), p);
        timers.add(new WorkflowTimer(string(t, "state", p), string(t, "transition", p), string(t, "event", p),
            instant(t, "dueAt", p)));
      }
      List<TransitionRecord> recent = new ArrayList<>();
      JsonArray rs = array(member(o, "recent", "$"), "$.recent");
      for (int k = 0; k < rs.size(); k++) {
        recent.add(record(rs.get(k), "$.recent[" + k + "]"));
      }
      return new WorkflowInstance(string(o, "workflowId", "$"), string(o, "instanceId", "$"),
          string(o, "artifactHash", "$"), strings(member(o, "configuration", "$"), "$.configuration"), history, timers,
          object(member(o, "variables", "$"), "$.variables"), integer(o, "version", "$"), recent);
    });
  }

  /** Reads a history record from JSON text. */
  public static Result<TransitionRecord> readRecord(String json) {
    return Json.parse(json).flatMap(WorkflowJson::readRecord);
  }

  /** Reads a history record. */
  public static Result<TransitionRecord> readRecord(JsonValue json) {
    return read(() -> record(json, "$"));
  }

  // ------------------------------------------------------------------------------ reading

  /** A problem found while reading; turned into the failed result. */
  private static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    Unreadable(Diagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  private static <T> Result<T> read(java.util.function.Supplier<T> reader) {
    try {
      return Result.ok(reader.get());
    } catch (Unreadable e) {
      return Result.failed(e.diagnostic);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "$: not a valid workflow document: "
          + e.getMessage()).withPath("$"));
    }
  }

  private static Unreadable problem(Code code, String path, String message) {
    return new Unreadable(Diagnostic.of(code, path + ": " + message).withPath(path));
  }

  private static TransitionRecord record(JsonValue v, String p) {
    JsonObject o = object(v, p);
    String kindName = string(o, "kind", p);
    TransitionRecord.Kind kind;
    try {
      kind = TransitionRecord.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw problem(Code.E_PARSE_INVALID_TOKEN, p + ".kind", "'" + kindName + "' is not one of [start, event, timeout, variables]");
    }
    List<TransitionRecord.Step> steps = new ArrayList<>();
    JsonArray ss = array(member(o, "steps", p), p + ".steps");
    for (int k = 0; k < ss.size(); k++) {
      String sp = p + ".steps[" + k + "]";
      JsonObject s = object(ss.get(k), sp);
      steps.add(new TransitionRecord.Step(string(s, "transition", sp), string(s, "target", sp)));
    }
    List<Reason> reasons = contracts(o, "reasons", p, v2 -> ContractJson.readReason(v2, ContractJson.Strictness.LENIENT));
    List<Diagnostic> errors = contracts(o, "errors", p,
        v2 -> ContractJson.readDiagnostic(v2, ContractJson.Strictness.LENIENT));
    List<Intent> intents = contracts(o, "intents", p, v2 -> ContractJson.readIntent(v2, ContractJson.Strictness.LENIENT));
    JsonValue allowed = member(o, "allowed", p);
    if (!(allowed instanceof JsonBool b)) {
      throw problem(Code.E_META_TYPE_NOT_ALLOWED, p + ".allowed", "expected boolean, got " + allowed.type().typeName());
    }
    return new TransitionRecord(integer(o, "version", p), kind, optString(o, "eventId", p), string(o, "event", p),
        optString(o, "actorId", p), instant(o, "at", p), strings(member(o, "from", p), p + ".from"),
        strings(member(o, "to", p), p + ".to"), b.value(), steps, reasons, errors, intents,
        object(member(o, "variables", p), p + ".variables"));
  }

  private static <T> List<T> contracts(JsonObject o, String key, String p, Function<JsonValue, Result<T>> reader) {
    JsonArray a = array(member(o, key, p), p + "." + key);
    List<T> out = new ArrayList<>(a.size());
    for (int k = 0; k < a.size(); k++) {
      Result<T> r = reader.apply(a.get(k));
      if (!r.isOk()) {
        Diagnostic first = r.diagnostics().get(0);
        throw problem(first.code(), p + "." + key + "[" + k + "]", first.message());
      }
      out.add(r.orElseThrow());
    }
    return out;
  }

  private static JsonValue member(JsonObject o, String key, String p) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      throw problem(Code.E_META_MISSING_REQUIRED_FIELD, p, "'" + key + "' is a required property");
    }
    return v;
  }

  private static JsonObject object(JsonValue v, String p) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw problem(Code.E_META_TYPE_NOT_ALLOWED, p, "expected object, got " + v.type().typeName());
  }

  private static JsonArray array(JsonValue v, String p) {
    if (v instanceof JsonArray a) {
      return a;
    }
    throw problem(Code.E_META_TYPE_NOT_ALLOWED, p, "expected array, got " + v.type().typeName());
  }

  private static String string(JsonObject o, String key, String p) {
    JsonValue v = member(o, key, p);
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw problem(Code.E_META_TYPE_NOT_ALLOWED, p + "." + key, "expected string, got " + v.type().typeName());
  }

  private static Optional<String> optString(JsonObject o, String key, String p) {
    return o.has(key) ? Optional.of(string(o, key, p)) : Optional.empty();
  }

  private static long integer(JsonObject o, String key, String p) {
    JsonValue v = member(o, key, p);
    if (v instanceof JsonInt i && i.fitsLong()) {
      return i.longValueExact();
    }
    throw problem(Code.E_META_TYPE_NOT_ALLOWED, p + "." + key, "expected a 64-bit integer, got " + v);
  }

  private static Instant instant(JsonObject o, String key, String p) {
    String s = string(o, key, p);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw problem(Code.E_PARSE_INVALID_TOKEN, p + "." + key, "'" + s + "' is not an ISO-8601 instant");
    }
  }

  private static List<String> strings(JsonValue v, String p) {
    JsonArray a = array(v, p);
    List<String> out = new ArrayList<>(a.size());
    for (int k = 0; k < a.size(); k++) {
      if (!(a.get(k) instanceof JsonString s)) {
        throw problem(Code.E_META_TYPE_NOT_ALLOWED, p + "[" + k + "]", "expected string, got " + a.get(k).type().typeName());
      }
      out.add(s.value());
    }
    return out;
  }

  // ------------------------------------------------------------------------------ writing

  private static JsonArray strings(List<String> values) {
    List<JsonValue> out = new ArrayList<>(values.size());
    for (String s : values) {
      out.add(JsonString.of(s));
    }
    return JsonArray.of(out);
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> f) {
    List<JsonValue> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return JsonArray.of(out);
  }
}
