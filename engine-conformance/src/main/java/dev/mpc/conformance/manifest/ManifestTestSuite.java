package dev.mpc.conformance.manifest;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.Documents;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A manifest test file ({@code *.mpctest.yaml} or {@code .json}, docs/testing.md): the manifest (or
 * compiled artifact) under test, its DomainMeta, preset and clock, and the cases. Reading never
 * throws for bad content: an unknown key (with a did-you-mean), a missing required field or a
 * value of the wrong type is a coded diagnostic at the file, line and column of the value, never a
 * silently empty test.
 *
 * @param file the test file
 * @param manifest the manifest to compile (relative paths resolved against the file), or empty
 * @param artifact the compiled artifact, or empty (exactly one of the two)
 * @param meta the DomainMeta (required with a manifest)
 * @param preset a standard preset name or a preset JSON file, if given
 * @param clock the fixed clock ({@code now()} reads it)
 * @param functions host functions the DomainMeta declares, answered with these constants (a case
 *     may override them)
 * @param cases the cases, in file order
 */
public record ManifestTestSuite(Path file, Optional<Path> manifest, Optional<Path> artifact, Optional<Path> meta,
    Optional<String> preset, Instant clock, Map<String, JsonValue> functions, List<Case> cases) {

  /** The default clock of a suite without one. */
  public static final Instant DEFAULT_CLOCK = Instant.parse("2026-01-01T00:00:00Z");

  /** One case. */
  public sealed interface Case permits EventCase, WorkflowCase {
    /** @return the case's name */
    String name();

    /** @return where the case is in its file */
    SourceMap source();
  }

  /**
   * A decision case: an event and what the decision must contain.
   *
   * @param name the name
   * @param source where it is
   * @param event the event envelope (timestamp filled from the clock when left out), or the event
   *     map when {@code eventMap}
   * @param eventMap whether {@code event} is an event map ({@code event_map:}, evaluated as is, as
   *     upstream's policies read any dotted path of the event: engines.md §2.2) rather than an envelope
   * @param allow the expected outcome, if given
   * @param reasons codes that must occur
   * @param intents intents that must occur (the listed fields equal)
   * @param noIntents intents that must not occur
   * @param functions host function answers for this case (over the suite's)
   */
  public record EventCase(String name, SourceMap source, JsonObject event, boolean eventMap, Optional<Boolean> allow,
      List<String> reasons, List<JsonObject> intents, List<JsonObject> noIntents, Map<String, JsonValue> functions)
      implements Case {}

  /**
   * A workflow case: events fired in order from the initial state.
   *
   * @param name the name
   * @param source where it is
   * @param workflow the workflow id
   * @param actor the actor (JSON)
   * @param fire the events
   * @param state the expected final state label, if given
   * @param allowed the expected outcome of each fire, if given
   */
  public record WorkflowCase(String name, SourceMap source, String workflow, JsonObject actor, List<String> fire,
      Optional<String> state, Optional<List<Boolean>> allowed) implements Case {}

  private static final Set<String> SUITE_KEYS = Set.of("manifest", "artifact", "meta", "preset", "clock", "functions",
      "cases");
  private static final Set<String> EVENT_CASE_KEYS = Set.of("name", "event", "event_map", "expect", "functions");
  private static final Set<String> WORKFLOW_CASE_KEYS = Set.of("name", "workflow", "actor", "fire", "expect");
  private static final Set<String> EVENT_EXPECT_KEYS = Set.of("allow", "reasons", "intents", "no_intents");
  private static final Set<String> WORKFLOW_EXPECT_KEYS = Set.of("state", "allowed");

  /**
   * Reads a test file.
   *
   * @param file the file
   * @return the suite, or every problem found
   * @throws IOException when the file cannot be read
   */
  public static Result<ManifestTestSuite> read(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return parse(text, file);
  }

  /**
   * Reads a test file's text.
   *
   * @param text the content
   * @param file where it is (relative paths in it are resolved against its folder)
   * @return the suite, or every problem found
   */
  public static Result<ManifestTestSuite> parse(String text, Path file) {
    Result<Documents.Document> doc = Documents.read(text, file.toString());
    if (!doc.isOk()) {
      return Result.failed(doc.diagnostics());
    }
    return new Reader(doc.orElseThrow(), file).suite();
  }

  /** One pass; collects every problem. */
  private static final class Reader {
    private final Documents.Document doc;
    private final Path file;
    private final Path dir;
    private final List<Diagnostic> problems = new ArrayList<>();

    Reader(Documents.Document doc, Path file) {
      this.doc = doc;
      this.file = file;
      Path parent = file.toAbsolutePath().getParent();
      this.dir = parent == null ? Path.of(".") : parent;
    }

    SourceMap at(JsonObject o, String key) {
      return (key == null ? doc.where(o) : doc.where(o, key)).orElse(SourceMap.at(1, 1).withFile(file.toString()));
    }

    void problem(Code code, String message, SourceMap where) {
      problems.add(Diagnostic.of(code, message, where));
    }

    void keys(JsonObject o, Set<String> valid, String what) {
      for (String k : o.members().keySet()) {
        if (!valid.contains(k)) {
          String hint = closest(k, valid).map(c -> " (did you mean '" + c + "'?)").orElse("");
          problem(Code.E_PARSE_INVALID_TOKEN, "Unknown key '" + k + "' in " + what + hint + ". Valid keys: "
              + new TreeSet<>(valid), at(o, k));
        }
      }
    }

    Optional<String> string(JsonObject o, String key, boolean required, String what) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        if (required) {
          problem(Code.E_META_MISSING_REQUIRED_FIELD, what + " needs '" + key + "'", at(o, null));
        }
        return Optional.empty();
      }
      if (v instanceof JsonString s && !s.value().isEmpty()) {
        return Optional.of(s.value());
      }
      problem(Code.E_META_TYPE_NOT_ALLOWED, "'" + key + "' of " + what + " must be a non-empty string", at(o, key));
      return Optional.empty();
    }

    Optional<JsonObject> object(JsonObject o, String key, boolean required, String what) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        if (required) {
          problem(Code.E_META_MISSING_REQUIRED_FIELD, what + " needs '" + key + "'", at(o, null));
        }
        return Optional.empty();
      }
      if (v instanceof JsonObject m) {
        return Optional.of(m);
      }
      problem(Code.E_META_TYPE_NOT_ALLOWED, "'" + key + "' of " + what + " must be a mapping", at(o, key));
      return Optional.empty();
    }

    Optional<JsonArray> array(JsonObject o, String key, String what) {
      JsonValue v = o.getOrNull(key);
      if (v == null) {
        return Optional.empty();
      }
      if (v instanceof JsonArray a) {
        return Optional.of(a);
      }
      problem(Code.E_META_TYPE_NOT_ALLOWED, "'" + key + "' of " + what + " must be a list", at(o, key));
      return Optional.empty();
    }

    Result<ManifestTestSuite> suite() {
      if (!(doc.root() instanceof JsonObject root)) {
        return Result.failed(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "a test file is a mapping with 'manifest'"
            + " (or 'artifact') and 'cases'", SourceMap.at(1, 1).withFile(file.toString())));
      }
      keys(root, SUITE_KEYS, "the test file");
      Optional<String> manifest = string(root, "manifest", false, "the test file");
      Optional<String> artifact = string(root, "artifact", false, "the test file");
      if (manifest.isPresent() == artifact.isPresent()) {
        problem(Code.E_META_MISSING_REQUIRED_FIELD, "a test file names exactly one of 'manifest' and 'artifact'",
            at(root, null));
      }
      Optional<String> meta = string(root, "meta", manifest.isPresent(), "a test file with 'manifest'");
      Optional<String> preset = string(root, "preset", false, "the test file");
      Instant clock = DEFAULT_CLOCK;
      Optional<String> c = string(root, "clock", false, "the test file");
      if (c.isPresent()) {
        try {
          clock = java.time.OffsetDateTime.parse(c.get()).toInstant();
        } catch (DateTimeParseException e) {
          problem(Code.E_PARSE_INVALID_TOKEN, "'clock' must be an RFC 3339 date-time, not '" + c.get() + "'",
              at(root, "clock"));
        }
      }
      Map<String, JsonValue> suiteFunctions = functions(root, "the test file");
      List<Case> cases = new ArrayList<>();
      Optional<JsonArray> list = array(root, "cases", "the test file");
      if (list.isEmpty() || list.get().isEmpty()) {
        problem(Code.E_META_MISSING_REQUIRED_FIELD, "a test file needs at least one case in 'cases'", at(root,
            root.has("cases") ? "cases" : null));
      } else {
        for (int i = 0; i < list.get().size(); i++) {
          JsonValue v = list.get().get(i);
          if (!(v instanceof JsonObject o)) {
            problem(Code.E_META_TYPE_NOT_ALLOWED, "case " + (i + 1) + " must be a mapping", at(root, "cases"));
            continue;
          }
          Case k = testCase(o, i + 1);
          if (k != null) {
            cases.add(k);
          }
        }
      }
      if (!problems.isEmpty()) {
        problems.sort(Diagnostic.byPosition(true));
        return Result.failed(problems);
      }
      return Result.ok(new ManifestTestSuite(file, manifest.map(dir::resolve), artifact.map(dir::resolve),
          meta.map(dir::resolve), preset.map(p -> p.endsWith(".json") ? dir.resolve(p).toString() : p), clock,
          suiteFunctions, List.copyOf(cases)));
    }

    Map<String, JsonValue> functions(JsonObject o, String what) {
      Optional<JsonObject> f = object(o, "functions", false, what);
      return f.map(m -> Map.copyOf(m.members())).orElse(Map.of());
    }

    Case testCase(JsonObject o, int n) {
      String what = "case " + n;
      Optional<String> name = string(o, "name", true, what);
      String label = name.map(s -> "case '" + s + "'").orElse(what);
      SourceMap where = at(o, null);
      if (o.has("workflow")) {
        keys(o, WORKFLOW_CASE_KEYS, label + " (a workflow case)");
        Optional<String> wf = string(o, "workflow", true, label);
        Optional<JsonObject> actor = object(o, "actor", true, label);
        List<String> fire = new ArrayList<>();
        Optional<JsonArray> events = array(o, "fire", label);
        if (events.isEmpty() || events.get().isEmpty()) {
          problem(Code.E_META_MISSING_REQUIRED_FIELD, label + " needs events in 'fire'", at(o, o.has("fire") ? "fire" : null));
        } else {
          for (JsonValue e : events.get().items()) {
            if (e instanceof JsonString s && !s.value().isEmpty()) {
              fire.add(s.value());
            } else {
              problem(Code.E_META_TYPE_NOT_ALLOWED, "'fire' of " + label + " lists event names (strings)", at(o, "fire"));
            }
          }
        }
        Optional<String> state = Optional.empty();
        Optional<List<Boolean>> allowed = Optional.empty();
        Optional<JsonObject> expect = object(o, "expect", true, label);
        if (expect.isPresent()) {
          JsonObject x = expect.get();
          keys(x, WORKFLOW_EXPECT_KEYS, "'expect' of " + label);
          state = string(x, "state", false, "'expect' of " + label);
          Optional<JsonArray> a = array(x, "allowed", "'expect' of " + label);
          if (a.isPresent()) {
            List<Boolean> bs = new ArrayList<>();
            for (JsonValue b : a.get().items()) {
              if (b instanceof JsonBool jb) {
                bs.add(jb.value());
              } else {
                problem(Code.E_META_TYPE_NOT_ALLOWED, "'allowed' of " + label + " lists booleans", at(x, "allowed"));
              }
            }
            if (bs.size() != fire.size() && !fire.isEmpty()) {
              problem(Code.E_PARSE_INVALID_TOKEN, "'allowed' of " + label + " has " + bs.size() + " entries for "
                  + fire.size() + " fired events", at(x, "allowed"));
            }
            allowed = Optional.of(List.copyOf(bs));
          }
          if (state.isEmpty() && allowed.isEmpty()) {
            problem(Code.E_META_MISSING_REQUIRED_FIELD, "'expect' of " + label + " needs 'state' or 'allowed'", at(x, null));
          }
        }
        return name.isPresent() && wf.isPresent() && actor.isPresent()
            ? new WorkflowCase(name.get(), where, wf.get(), actor.get(), List.copyOf(fire), state, allowed) : null;
      }
      keys(o, EVENT_CASE_KEYS, label);
      boolean eventMap = o.has("event_map");
      if (eventMap && o.has("event")) {
        problem(Code.E_PARSE_INVALID_TOKEN, label + " gives both 'event' (an envelope) and 'event_map' (an event"
            + " map); give one", at(o, "event_map"));
      }
      Optional<JsonObject> event = object(o, eventMap ? "event_map" : "event", true, label);
      Optional<JsonObject> expect = object(o, "expect", true, label);
      Optional<Boolean> allow = Optional.empty();
      List<String> reasons = new ArrayList<>();
      List<JsonObject> intents = new ArrayList<>();
      List<JsonObject> none = new ArrayList<>();
      if (expect.isPresent()) {
        JsonObject x = expect.get();
        keys(x, EVENT_EXPECT_KEYS, "'expect' of " + label);
        JsonValue a = x.getOrNull("allow");
        if (a instanceof JsonBool b) {
          allow = Optional.of(b.value());
        } else if (a != null) {
          problem(Code.E_META_TYPE_NOT_ALLOWED, "'allow' of " + label + " must be true or false", at(x, "allow"));
        }
        array(x, "reasons", "'expect' of " + label).ifPresent(r -> {
          for (JsonValue v : r.items()) {
            if (v instanceof JsonString s && Code.of(s.value()).isPresent()) {
              reasons.add(s.value());
            } else {
              problem(Code.E_PARSE_INVALID_TOKEN, "'reasons' of " + label + " lists registered codes; " + v
                  + " is not one", at(x, "reasons"));
            }
          }
        });
        intentList(x, "intents", label, intents);
        intentList(x, "no_intents", label, none);
        if (allow.isEmpty() && reasons.isEmpty() && intents.isEmpty() && none.isEmpty()) {
          problem(Code.E_META_MISSING_REQUIRED_FIELD, "'expect' of " + label + " expects nothing: give 'allow',"
              + " 'reasons', 'intents' or 'no_intents'", at(x, null));
        }
      }
      return name.isPresent() && event.isPresent() && expect.isPresent()
          ? new EventCase(name.get(), where, event.get(), eventMap, allow, List.copyOf(reasons), List.copyOf(intents),
              List.copyOf(none), functions(o, label)) : null;
    }

    void intentList(JsonObject x, String key, String label, List<JsonObject> out) {
      array(x, key, "'expect' of " + label).ifPresent(list -> {
        for (JsonValue v : list.items()) {
          if (v instanceof JsonObject i && i.getOrNull("kind") instanceof JsonString) {
            out.add(i);
          } else {
            problem(Code.E_META_TYPE_NOT_ALLOWED, "'" + key + "' of " + label + " lists intents with at least a 'kind'",
                at(x, key));
          }
        }
      });
    }
  }

  /** The valid key closest to {@code key} (a likely slip), if any. */
  static Optional<String> closest(String key, Set<String> valid) {
    return dev.mpc.diag.Spelling.nearest(key, new TreeSet<>(valid));
  }

  /** @return the cases by name (first wins) */
  Map<String, Case> byName() {
    Map<String, Case> m = new java.util.LinkedHashMap<>();
    cases.forEach(c -> m.putIfAbsent(c.name(), c));
    return m;
  }
}
