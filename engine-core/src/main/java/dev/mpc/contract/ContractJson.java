package dev.mpc.contract;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.Severity;
import dev.mpc.diag.SourceMap;
import dev.mpc.diag.SourceSpan;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads and writes the JSON forms of the contracts, as the contract schemas define them.
 *
 * <p><b>Writing</b> omits absent optional members and empty open maps, and keeps lists even when
 * empty ({@code Decision} always has {@code reasons}, {@code messages} and {@code intents};
 * {@code Trace} always has {@code events}), as upstream MPC does. Everything written validates
 * against the bundled schemas.
 *
 * <p><b>Reading</b> never throws for bad input; it returns a {@link Result} whose diagnostics
 * name the JSON path: a missing required member is {@code E_META_MISSING_REQUIRED_FIELD}, a
 * member of the wrong JSON type {@code E_META_TYPE_NOT_ALLOWED}, a value that is not acceptable
 * (unknown enum value, unregistered code or intent kind, empty string, bad timestamp, negative
 * duration) {@code E_PARSE_INVALID_TOKEN}. Unknown members are ignored in
 * {@link Strictness#LENIENT} mode and rejected in {@link Strictness#STRICT} mode with
 * {@code Unknown key '{key}' for {Type}. Valid keys: [...]} ({@code E_PARSE_INVALID_TOKEN}).
 *
 * <p>Thread-safe (stateless).
 */
public final class ContractJson {
  private static final String INTENT_KINDS =
      java.util.Arrays.stream(IntentKind.values()).map(IntentKind::wireName).toList().toString();

  private ContractJson() {}

  /** How to treat members a contract does not define. */
  public enum Strictness {
    /** Ignore them (the default; forward compatible). */
    LENIENT,
    /** Reject them. */
    STRICT
  }

  // ============================================================================ writing

  /** The JSON form of a decision. */
  public static JsonObject toJson(Decision d) {
    JsonObject.Builder b = JsonObject.builder().put("allow", d.allow());
    b.put("reasons", array(d.reasons(), ContractJson::toJson));
    b.put("messages", array(d.messages(), ContractJson::toJson));
    b.put("intents", array(d.intents(), ContractJson::toJson));
    d.trace().ifPresent(t -> b.put("trace", toJson(t)));
    if (!d.meta().isEmpty()) {
      b.put("meta", toJson(d.meta()));
    }
    return b.build();
  }

  /** The JSON form of decision provenance. */
  public static JsonObject toJson(DecisionMeta m) {
    JsonObject.Builder b = JsonObject.builder();
    m.artifactHash().ifPresent(v -> b.put("artifactHash", v));
    m.engine().ifPresent(v -> b.put("engine", v));
    m.engineVersion().ifPresent(v -> b.put("engineVersion", v));
    m.traceSpanId().ifPresent(v -> b.put("traceSpanId", v));
    m.activationSequence().ifPresent(v -> b.put("activationSequence", v));
    return b.build();
  }

  /** The JSON form of a reason. */
  public static JsonObject toJson(Reason r) {
    JsonObject.Builder b = JsonObject.builder().put("code", r.code().code());
    r.summary().ifPresent(v -> b.put("summary", v));
    r.path().ifPresent(v -> b.put("path", v));
    putIfNotEmpty(b, "data", r.data());
    return b.build();
  }

  /** The JSON form of a message. */
  public static JsonObject toJson(Message m) {
    JsonObject.Builder b = JsonObject.builder().put("level", m.level().wireName()).put("text", m.text());
    m.i18nKey().ifPresent(v -> b.put("i18nKey", v));
    putIfNotEmpty(b, "params", m.params());
    return b.build();
  }

  /** The JSON form of an intent. */
  public static JsonObject toJson(Intent i) {
    JsonObject.Builder b = JsonObject.builder().put("kind", i.kind().wireName());
    i.target().ifPresent(v -> b.put("target", v));
    putIfNotEmpty(b, "params", i.params());
    i.idempotencyKey().ifPresent(v -> b.put("idempotencyKey", v));
    return b.build();
  }

  /** The JSON form of a trace. */
  public static JsonObject toJson(Trace t) {
    JsonObject.Builder b = JsonObject.builder().put("spanId", t.spanId());
    t.parentSpanId().ifPresent(v -> b.put("parentSpanId", v));
    b.put("engine", t.engine());
    b.put("events", array(t.events(), ContractJson::toJson));
    return b.build();
  }

  /** The JSON form of a trace event. */
  public static JsonObject toJson(TraceEvent e) {
    JsonObject.Builder b = JsonObject.builder().put("t", e.t());
    e.at().ifPresent(v -> b.put("at", v));
    putIfNotEmpty(b, "data", e.data());
    putIfNotEmpty(b, "result", e.result());
    e.durationMs().ifPresent(v -> b.put("durationMs", new JsonFloat(v)));
    return b.build();
  }

  /** The JSON form of an event envelope. */
  public static JsonObject toJson(EventEnvelope e) {
    JsonObject.Builder b = JsonObject.builder();
    e.id().ifPresent(v -> b.put("id", v));
    b.put("name", e.name()).put("kind", e.kind().wireName()).put("timestamp", e.timestamp());
    b.put("actor", toJson(e.actor()));
    b.put("object", toJson(e.object()));
    putIfNotEmpty(b, "context", e.context());
    putIfNotEmpty(b, "payload", e.payload());
    e.previous().ifPresent(v -> b.put("previous", v));
    return b.build();
  }

  /** The JSON form of an actor. */
  public static JsonObject toJson(Actor a) {
    JsonObject.Builder b = JsonObject.builder().put("id", a.id()).put("type", a.type().wireName());
    b.put("roles", JsonArray.of(a.roles().stream().map(JsonString::of).toList()));
    putIfNotEmpty(b, "claims", a.claims());
    return b.build();
  }

  /** The JSON form of an event object. */
  public static JsonObject toJson(ObjectRef o) {
    JsonObject.Builder b = JsonObject.builder().put("type", o.type()).put("id", o.id());
    putIfNotEmpty(b, "attributes", o.attributes());
    o.state().ifPresent(v -> b.put("state", v));
    return b.build();
  }

  /** The JSON form of a diagnostic (the {@code Error} contract). */
  public static JsonObject toJson(Diagnostic d) {
    JsonObject.Builder b = JsonObject.builder()
        .put("code", d.code().code())
        .put("message", d.message())
        .put("severity", d.severity().wireName());
    d.path().ifPresent(v -> b.put("path", v));
    d.source().ifPresent(s -> b.put("source", toJson(s)));
    putIfNotEmpty(b, "details", d.details());
    if (!d.causes().isEmpty()) {
      b.put("causes", array(d.causes(), ContractJson::toJson));
    }
    return b.build();
  }

  /** The JSON form of a source map. */
  public static JsonObject toJson(SourceMap s) {
    JsonObject.Builder b = JsonObject.builder();
    s.file().ifPresent(f -> b.put("file", f));
    b.put("line", s.line()).put("col", s.col());
    s.span().ifPresent(sp -> b.put("span", JsonObject.builder().put("line2", sp.line2()).put("col2", sp.col2()).build()));
    return b.build();
  }

  /** {@code {"errors":[...]}} for a list of diagnostics: the shape the CLI prints on failure. */
  public static JsonObject errorsDocument(List<Diagnostic> diagnostics) {
    return JsonObject.builder().put("errors", array(diagnostics, ContractJson::toJson)).build();
  }

  private static <T> JsonArray array(List<T> items, java.util.function.Function<T, JsonObject> f) {
    List<JsonValue> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return JsonArray.of(out);
  }

  private static void putIfNotEmpty(JsonObject.Builder b, String key, JsonObject value) {
    if (!value.isEmpty()) {
      b.put(key, value);
    }
  }

  // ============================================================================ reading

  /** Reads a decision from JSON text. */
  public static Result<Decision> readDecision(String json, Strictness strictness) {
    return Json.parse(json).flatMap(v -> readDecision(v, strictness));
  }

  /** Reads a decision. */
  public static Result<Decision> readDecision(JsonValue json, Strictness strictness) {
    return read(json, strictness, Reader::decision);
  }

  /** Reads an event envelope from JSON text. */
  public static Result<EventEnvelope> readEvent(String json, Strictness strictness) {
    return Json.parse(json).flatMap(v -> readEvent(v, strictness));
  }

  /** Reads an event envelope. */
  public static Result<EventEnvelope> readEvent(JsonValue json, Strictness strictness) {
    return read(json, strictness, Reader::event);
  }

  /** Reads a reason. */
  public static Result<Reason> readReason(JsonValue json, Strictness strictness) {
    return read(json, strictness, (r, v) -> r.reason(v, "$"));
  }

  /** Reads an intent. */
  public static Result<Intent> readIntent(JsonValue json, Strictness strictness) {
    return read(json, strictness, Reader::intent);
  }

  /** Reads a trace. */
  public static Result<Trace> readTrace(JsonValue json, Strictness strictness) {
    return read(json, strictness, Reader::trace);
  }

  /** Reads a diagnostic (the {@code Error} contract; {@code warning} severity is read as {@code warn}). */
  public static Result<Diagnostic> readDiagnostic(JsonValue json, Strictness strictness) {
    return read(json, strictness, Reader::diagnostic);
  }

  private static <T> Result<T> read(JsonValue json, Strictness strictness, BiFunction<Reader, JsonValue, T> f) {
    Reader r = new Reader(strictness);
    T value = f.apply(r, json);
    if (!r.problems.isEmpty() || value == null) {
      if (r.problems.isEmpty()) {
        r.problem(Code.E_PARSE_INVALID_TOKEN, "$", "invalid contract object");
      }
      return Result.failed(r.problems);
    }
    return Result.ok(value);
  }

  /** One decoding pass; collects every problem it finds. */
  private static final class Reader {
    private final Strictness strictness;
    private final List<Diagnostic> problems = new ArrayList<>();

    Reader(Strictness strictness) {
      this.strictness = strictness;
    }

    void problem(Code code, String path, String message) {
      problems.add(Diagnostic.of(code, path + ": " + message).withPath(path));
    }

    JsonObject object(JsonValue v, String path, String type, String... keys) {
      if (!(v instanceof JsonObject o)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, path, type + " must be an object, got " + v.type().typeName());
        return null;
      }
      if (strictness == Strictness.STRICT) {
        Set<String> valid = Set.of(keys);
        for (String k : o.members().keySet()) {
          if (!valid.contains(k)) {
            problem(Code.E_PARSE_INVALID_TOKEN, path,
                "Unknown key '" + k + "' for " + type + ". Valid keys: " + new TreeSet<>(valid));
          }
        }
      }
      return o;
    }

    JsonValue required(JsonObject o, String key, String path) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        problem(Code.E_META_MISSING_REQUIRED_FIELD, path, "'" + key + "' is a required property");
      }
      return v;
    }

    String string(JsonValue v, String path, boolean nonEmpty) {
      if (v == null) {
        return null;
      }
      if (!(v instanceof JsonString s)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, path, "expected string, got " + v.type().typeName());
        return null;
      }
      if (nonEmpty && s.value().isEmpty()) {
        problem(Code.E_PARSE_INVALID_TOKEN, path, "must not be empty");
        return null;
      }
      return s.value();
    }

    Optional<String> optString(JsonObject o, String key, String path, boolean nonEmpty) {
      JsonValue v = o.getOrNull(key);
      return v == null ? Optional.empty() : Optional.ofNullable(string(v, path + "." + key, nonEmpty));
    }

    JsonObject openMap(JsonObject o, String key, String path) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        return JsonObject.EMPTY;
      }
      if (v instanceof JsonObject m) {
        return m;
      }
      problem(Code.E_META_TYPE_NOT_ALLOWED, path + "." + key, "expected object, got " + v.type().typeName());
      return JsonObject.EMPTY;
    }

    <T> List<T> list(JsonObject o, String key, String path, BiFunction<JsonValue, String, T> item) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof JsonArray a)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, path + "." + key, "expected array, got " + v.type().typeName());
        return List.of();
      }
      List<T> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        T t = item.apply(a.get(i), path + "." + key + "[" + i + "]");
        if (t != null) {
          out.add(t);
        }
      }
      return out;
    }

    /** A required member holding one of an enum's wire names, else null with a problem recorded. */
    <E> E wireEnum(JsonObject o, String key, String path, Function<String, Optional<E>> parse, String allowed) {
      String s = string(required(o, key, path), path + "." + key, true);
      if (s == null) {
        return null;
      }
      Optional<E> e = parse.apply(s);
      if (e.isEmpty()) {
        problem(Code.E_PARSE_INVALID_TOKEN, path + "." + key, "'" + s + "' is not one of " + allowed);
        return null;
      }
      return e.get();
    }

    Code code(JsonValue v, String path, boolean reasonSlot) {
      String s = string(v, path, true);
      if (s == null) {
        return null;
      }
      Optional<Code> c = Code.of(s);
      if (c.isEmpty()) {
        problem(Code.E_PARSE_INVALID_TOKEN, path, "Unknown " + (reasonSlot ? "reason" : "error") + " code: '" + s
            + "'. Must be registered in the code registry.");
        return null;
      }
      return c.get();
    }

    // ---------------------------------------------------------------- types

    Decision decision(JsonValue v) {
      JsonObject o = object(v, "$", "Decision", "allow", "reasons", "messages", "intents", "trace", "meta");
      if (o == null) {
        return null;
      }
      JsonValue allowV = required(o, "allow", "$");
      Boolean allow = null;
      if (allowV != null) {
        if (allowV instanceof JsonBool b) {
          allow = b.value();
        } else {
          problem(Code.E_META_TYPE_NOT_ALLOWED, "$.allow", "expected boolean, got " + allowV.type().typeName());
        }
      }
      List<Reason> reasons = list(o, "reasons", "$", this::reason);
      List<Message> messages = list(o, "messages", "$", this::message);
      List<Intent> intents = list(o, "intents", "$", this::intent);
      Optional<Trace> trace = Optional.empty();
      if (o.has("trace")) {
        trace = Optional.ofNullable(trace(o.getOrNull("trace"), "$.trace"));
      }
      DecisionMeta meta = DecisionMeta.NONE;
      if (o.has("meta")) {
        JsonObject m = object(o.getOrNull("meta"), "$.meta", "DecisionMeta",
            "artifactHash", "engine", "engineVersion", "traceSpanId", "activationSequence");
        if (m != null) {
          meta = new DecisionMeta(optString(m, "artifactHash", "$.meta", false), optString(m, "engine", "$.meta", false),
              optString(m, "engineVersion", "$.meta", false), optString(m, "traceSpanId", "$.meta", false));
          if (m.getOrNull("activationSequence") instanceof dev.mpc.json.JsonInt seq && seq.value().signum() >= 0
              && seq.value().bitLength() < 63) {
            meta = meta.withActivationSequence(seq.value().longValue());
          } else if (m.has("activationSequence")) {
            problem(Code.E_META_TYPE_NOT_ALLOWED, "$.meta.activationSequence", "activationSequence must be a non-negative integer");
          }
        }
      }
      return allow == null ? null : new Decision(allow, reasons, messages, intents, trace, meta);
    }

    Reason reason(JsonValue v, String path) {
      JsonObject o = object(v, path, "Reason", "code", "summary", "path", "data");
      if (o == null) {
        return null;
      }
      Code c = code(required(o, "code", path), path + ".code", true);
      Optional<String> summary = optString(o, "summary", path, false);
      Optional<String> p = optString(o, "path", path, false);
      JsonObject data = openMap(o, "data", path);
      return c == null ? null : new Reason(c, summary, p, data);
    }

    Message message(JsonValue v, String path) {
      JsonObject o = object(v, path, "Message", "level", "text", "i18nKey", "params");
      if (o == null) {
        return null;
      }
      MessageLevel l = wireEnum(o, "level", path, MessageLevel::fromWireName, "[info, warn, error]");
      String text = string(required(o, "text", path), path + ".text", false);
      Optional<String> key = optString(o, "i18nKey", path, false);
      JsonObject params = openMap(o, "params", path);
      return (l == null || text == null) ? null : new Message(l, text, key, params);
    }

    Intent intent(JsonValue v) {
      return intent(v, "$");
    }

    Intent intent(JsonValue v, String path) {
      JsonObject o = object(v, path, "Intent", "kind", "target", "params", "idempotencyKey");
      if (o == null) {
        return null;
      }
      IntentKind k = wireEnum(o, "kind", path, IntentKind::fromWireName, INTENT_KINDS);
      Optional<String> target = optString(o, "target", path, true);
      JsonObject params = openMap(o, "params", path);
      Optional<String> key = optString(o, "idempotencyKey", path, true);
      return k == null ? null : new Intent(k, target, params, key);
    }

    Trace trace(JsonValue v) {
      return trace(v, "$");
    }

    Trace trace(JsonValue v, String path) {
      JsonObject o = object(v, path, "Trace", "spanId", "parentSpanId", "engine", "events");
      if (o == null) {
        return null;
      }
      String span = string(required(o, "spanId", path), path + ".spanId", true);
      Optional<String> parent = optString(o, "parentSpanId", path, true);
      String engine = string(required(o, "engine", path), path + ".engine", true);
      JsonValue eventsV = required(o, "events", path);
      List<TraceEvent> events = eventsV == null ? List.of() : list(o, "events", path, this::traceEvent);
      return (span == null || engine == null || eventsV == null) ? null : new Trace(span, parent, engine, events);
    }

    TraceEvent traceEvent(JsonValue v, String path) {
      JsonObject o = object(v, path, "TraceEvent", "t", "at", "data", "result", "durationMs");
      if (o == null) {
        return null;
      }
      String t = string(required(o, "t", path), path + ".t", true);
      Optional<String> at = optString(o, "at", path, true);
      JsonObject data = openMap(o, "data", path);
      JsonObject result = openMap(o, "result", path);
      Optional<Double> duration = Optional.empty();
      JsonValue d = o.getOrNull("durationMs");
      if (d != null) {
        double ms;
        if (d instanceof JsonInt i) {
          ms = i.value().doubleValue();
        } else if (d instanceof JsonFloat f) {
          ms = f.value();
        } else {
          problem(Code.E_META_TYPE_NOT_ALLOWED, path + ".durationMs", "expected number, got " + d.type().typeName());
          return null;
        }
        if (!(ms >= 0) || Double.isInfinite(ms)) {
          problem(Code.E_PARSE_INVALID_TOKEN, path + ".durationMs", "must be a finite number >= 0");
          return null;
        }
        duration = Optional.of(ms);
      }
      return t == null ? null : new TraceEvent(t, at, data, result, duration);
    }

    EventEnvelope event(JsonValue v) {
      JsonObject o = object(v, "$", "EventEnvelope",
          "id", "name", "kind", "timestamp", "actor", "object", "context", "payload", "previous");
      if (o == null) {
        return null;
      }
      Optional<String> id = optString(o, "id", "$", true);
      String name = string(required(o, "name", "$"), "$.name", true);
      EventKind kind = wireEnum(o, "kind", "$", EventKind::fromWireName,
          "[create, update, delete, transition, custom]");
      String ts = string(required(o, "timestamp", "$"), "$.timestamp", true);
      if (ts != null) {
        try {
          EventEnvelope.parseTimestamp(ts);
        } catch (IllegalArgumentException e) {
          problem(Code.E_PARSE_INVALID_TOKEN, "$.timestamp", e.getMessage());
          ts = null;
        }
      }
      JsonValue actorV = required(o, "actor", "$");
      Actor actor = actorV == null ? null : actor(actorV, "$.actor");
      JsonValue objV = required(o, "object", "$");
      ObjectRef object = objV == null ? null : objectRef(objV, "$.object");
      JsonObject context = openMap(o, "context", "$");
      JsonObject payload = openMap(o, "payload", "$");
      Optional<JsonObject> previous = o.has("previous") ? Optional.of(openMap(o, "previous", "$")) : Optional.empty();
      if (name == null || kind == null || ts == null || actor == null || object == null) {
        return null;
      }
      return new EventEnvelope(id, name, kind, ts, actor, object, context, payload, previous);
    }

    Actor actor(JsonValue v, String path) {
      JsonObject o = object(v, path, "Actor", "id", "type", "roles", "claims");
      if (o == null) {
        return null;
      }
      String id = string(required(o, "id", path), path + ".id", true);
      ActorType type = wireEnum(o, "type", path, ActorType::fromWireName, "[user, service, system]");
      List<String> roles = list(o, "roles", path, (r, p) -> string(r, p, true));
      JsonObject claims = openMap(o, "claims", path);
      return (id == null || type == null) ? null : new Actor(id, type, roles, claims);
    }

    ObjectRef objectRef(JsonValue v, String path) {
      JsonObject o = object(v, path, "ObjectRef", "type", "id", "attributes", "state");
      if (o == null) {
        return null;
      }
      String type = string(required(o, "type", path), path + ".type", true);
      String id = string(required(o, "id", path), path + ".id", true);
      JsonObject attributes = openMap(o, "attributes", path);
      Optional<String> state = optString(o, "state", path, false);
      return (type == null || id == null) ? null : new ObjectRef(type, id, attributes, state);
    }

    Diagnostic diagnostic(JsonValue v) {
      return diagnostic(v, "$");
    }

    Diagnostic diagnostic(JsonValue v, String path) {
      JsonObject o = object(v, path, "Error", "code", "message", "severity", "path", "source", "details", "causes");
      if (o == null) {
        return null;
      }
      Code c = code(required(o, "code", path), path + ".code", false);
      String message = string(required(o, "message", path), path + ".message", true);
      Severity severity = wireEnum(o, "severity", path, Severity::fromWireName, "[info, warn, error, fatal]");
      Optional<String> p = optString(o, "path", path, false);
      Optional<SourceMap> source = Optional.empty();
      if (o.has("source")) {
        source = Optional.ofNullable(sourceMap(o.getOrNull("source"), path + ".source"));
      }
      JsonObject details = openMap(o, "details", path);
      List<Diagnostic> causes = list(o, "causes", path, this::diagnostic);
      if (c == null || message == null || severity == null) {
        return null;
      }
      return new Diagnostic(c, message, severity, p, source, details, causes);
    }

    SourceMap sourceMap(JsonValue v, String path) {
      JsonObject o = object(v, path, "SourceMap", "file", "line", "col", "span");
      if (o == null) {
        return null;
      }
      Optional<String> file = optString(o, "file", path, false);
      Integer line = positive(required(o, "line", path), path + ".line");
      Integer col = positive(required(o, "col", path), path + ".col");
      Optional<SourceSpan> span = Optional.empty();
      if (o.has("span")) {
        JsonObject s = object(o.getOrNull("span"), path + ".span", "SourceSpan", "line2", "col2");
        if (s != null) {
          Integer l2 = positive(required(s, "line2", path + ".span"), path + ".span.line2");
          Integer c2 = positive(required(s, "col2", path + ".span"), path + ".span.col2");
          if (l2 != null && c2 != null) {
            span = Optional.of(new SourceSpan(l2, c2));
          }
        }
      }
      return (line == null || col == null) ? null : new SourceMap(file, line, col, span);
    }

    Integer positive(JsonValue v, String path) {
      if (v == null) {
        return null;
      }
      if (!(v instanceof JsonInt i)) {
        problem(Code.E_META_TYPE_NOT_ALLOWED, path, "expected integer, got " + v.type().typeName());
        return null;
      }
      if (i.value().signum() <= 0 || i.value().bitLength() > 31) {
        problem(Code.E_PARSE_INVALID_TOKEN, path, "must be an integer from 1 to 2147483647");
        return null;
      }
      return i.value().intValue();
    }
  }
}
