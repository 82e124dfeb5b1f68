package dev.mpc.meta;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The host application's declaration of what manifests may contain: kinds (with required and
 * optional properties, allowed value types, an optional aggregate and, for the objects events are
 * about, attribute types), events, value types and functions (with argument types, result type
 * and cost).
 *
 * <p>Build one with {@link #builder()} (which rejects an inconsistent meta at {@code build()},
 * listing every problem) or load one from YAML/JSON with engine-dsl's loader.
 *
 * <p>Kinds, functions and events are indexed by name when the meta is created, so looking one up
 * costs the same however large the meta is ({@link #kind}, {@link #function},
 * {@link #allowsEvent}); with repeated names (an inconsistent meta) the first declaration wins.
 *
 * <p>Immutable and thread-safe. (A final class rather than a record only to hold those indexes;
 * equality is by the five components, as a record's.)
 */
public final class DomainMeta {

  /** The empty meta (schema version 1, nothing declared). */
  public static final DomainMeta EMPTY = new DomainMeta(1, List.of(), List.of(), List.of(), List.of());

  private final int schemaVersion;
  private final List<KindDef> kinds;
  private final List<String> allowedTypes;
  private final List<String> allowedEvents;
  private final List<FunctionDef> allowedFunctions;
  private final Map<String, KindDef> kindIndex;
  private final Map<String, FunctionDef> functionIndex;
  private final Set<String> eventSet;

  /**
   * Creates a meta; use {@link #problems()} or the builder to check consistency.
   *
   * @param schemaVersion the meta's own version; a breaking change needs a higher one
   * @param kinds declared kinds, in declaration order, names unique
   * @param allowedTypes value types allowed anywhere (empty means unrestricted)
   * @param allowedEvents event names manifests may refer to (empty means unrestricted)
   * @param allowedFunctions functions expressions may call, names unique
   */
  public DomainMeta(int schemaVersion, List<KindDef> kinds, List<String> allowedTypes, List<String> allowedEvents,
      List<FunctionDef> allowedFunctions) {
    this.schemaVersion = schemaVersion;
    this.kinds = List.copyOf(kinds);
    this.allowedTypes = List.copyOf(allowedTypes);
    this.allowedEvents = List.copyOf(allowedEvents);
    this.allowedFunctions = List.copyOf(allowedFunctions);
    Map<String, KindDef> ki = new HashMap<>(Math.max(16, this.kinds.size() * 2));
    for (KindDef k : this.kinds) {
      ki.putIfAbsent(k.name(), k);
    }
    this.kindIndex = ki;
    Map<String, FunctionDef> fi = new HashMap<>(Math.max(16, this.allowedFunctions.size() * 2));
    for (FunctionDef f : this.allowedFunctions) {
      fi.putIfAbsent(f.name(), f);
    }
    this.functionIndex = fi;
    this.eventSet = new HashSet<>(this.allowedEvents);
  }

  /** The meta's own version; a breaking change needs a higher one. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** Declared kinds, in declaration order. */
  public List<KindDef> kinds() {
    return kinds;
  }

  /** Value types allowed anywhere (empty means unrestricted). */
  public List<String> allowedTypes() {
    return allowedTypes;
  }

  /** Event names manifests may refer to (empty means unrestricted). */
  public List<String> allowedEvents() {
    return allowedEvents;
  }

  /** Functions expressions may call, in declaration order. */
  public List<FunctionDef> allowedFunctions() {
    return allowedFunctions;
  }

  /** A builder. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The kind named {@code name} (constant time). */
  public Optional<KindDef> kind(String name) {
    return Optional.ofNullable(kindIndex.get(name));
  }

  /** The function named {@code name} (constant time). */
  public Optional<FunctionDef> function(String name) {
    return Optional.ofNullable(functionIndex.get(name));
  }

  /** Whether {@link #allowedEvents()} lists {@code event} (constant time; false when the list is empty). */
  public boolean allowsEvent(String event) {
    return eventSet.contains(event);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainMeta m && m.schemaVersion == schemaVersion && m.kinds.equals(kinds)
        && m.allowedTypes.equals(allowedTypes) && m.allowedEvents.equals(allowedEvents)
        && m.allowedFunctions.equals(allowedFunctions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schemaVersion, kinds, allowedTypes, allowedEvents, allowedFunctions);
  }

  @Override
  public String toString() {
    return "DomainMeta[schemaVersion=" + schemaVersion + ", kinds=" + kinds.size() + ", allowedTypes=" + allowedTypes
        + ", allowedEvents=" + allowedEvents.size() + ", allowedFunctions=" + allowedFunctions.size() + "]";
  }

  /**
   * Everything inconsistent about this meta, each a diagnostic with a member path (e.g.
   * {@code kinds[2].allowedTypes}) and code
   * {@code E_META_TYPE_NOT_ALLOWED} (unknown type names, with a suggestion where there is one:
   * {@code did you mean 'array'?} for {@code list}) or {@code E_VALID_DUPLICATE_DEF}
   * (repeated kind, function, property, type or event names; upstream silently keeps the first)
   * or {@code E_PARSE_INVALID_TOKEN} (empty names, attribute names that are not one path segment,
   * negative costs, schema version below 1).
   * Empty when the meta is consistent.
   */
  public List<Diagnostic> problems() {
    List<Diagnostic> out = new ArrayList<>();
    if (schemaVersion < 1) {
      out.add(at("schemaVersion", Code.E_PARSE_INVALID_TOKEN, "schemaVersion must be at least 1, got " + schemaVersion));
    }
    Set<String> kindNames = new HashSet<>();
    for (int i = 0; i < kinds.size(); i++) {
      KindDef k = kinds.get(i);
      String path = "kinds[" + i + "]";
      String at = "kind '" + k.name() + "'";
      if (k.name().isBlank()) {
        out.add(at(path, Code.E_PARSE_INVALID_TOKEN, "a kind has an empty name"));
      } else if (!kindNames.add(k.name())) {
        out.add(at(path, Code.E_VALID_DUPLICATE_DEF, "Kind '" + k.name() + "' is declared more than once"));
      }
      duplicates(out, path + ".requiredProps", at + " requiredProps", k.requiredProps());
      duplicates(out, path + ".optionalProps", at + " optionalProps", k.optionalProps());
      Set<String> required = new HashSet<>(k.requiredProps());
      for (String p : k.optionalProps()) {
        if (required.contains(p)) {
          out.add(at(path + ".optionalProps", Code.E_VALID_DUPLICATE_DEF,
              "Kind '" + k.name() + "': property '" + p + "' is both required and optional"));
        }
      }
      types(out, path + ".allowedTypes", at + " allowedTypes", k.allowedTypes());
      if (k.aggregate().filter(String::isBlank).isPresent()) {
        out.add(at(path + ".aggregate", Code.E_PARSE_INVALID_TOKEN, "Kind '" + k.name() + "': aggregate must not be empty"));
      }
      for (Map.Entry<String, String> a : k.attributes().entrySet()) {
        String name = a.getKey();
        if (name.isBlank() || name.indexOf('.') >= 0) {
          out.add(at(path + ".attributes." + name, Code.E_PARSE_INVALID_TOKEN, "Kind '" + k.name() + "': attribute name '"
              + name + "' must be one non-empty path segment (no '.')"));
        }
        type(out, path + ".attributes." + name, at + " attribute '" + name + "'", a.getValue());
      }
    }
    types(out, "allowedTypes", "allowedTypes", allowedTypes);
    duplicates(out, "allowedEvents", "allowedEvents", allowedEvents);
    Set<String> fnNames = new HashSet<>();
    for (int i = 0; i < allowedFunctions.size(); i++) {
      FunctionDef f = allowedFunctions.get(i);
      String path = "allowedFunctions[" + i + "]";
      String at = "function '" + f.name() + "'";
      if (f.name().isBlank()) {
        out.add(at(path, Code.E_PARSE_INVALID_TOKEN, "a function has an empty name"));
      } else if (!fnNames.add(f.name())) {
        out.add(at(path, Code.E_VALID_DUPLICATE_DEF, "Function '" + f.name() + "' is declared more than once"));
      }
      for (String a : f.args()) {
        type(out, path + ".args", at + " args", a);
      }
      type(out, path + ".returns", at + " returns", f.returns());
      if (f.cost() < 0) {
        out.add(at(path + ".cost", Code.E_PARSE_INVALID_TOKEN,
            "Function '" + f.name() + "': cost must be >= 0, got " + f.cost()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * This meta, if it is consistent: what engine builders call so that an inconsistent meta fails at
   * build time, never at first use.
   *
   * @throws IllegalArgumentException listing every problem of {@link #problems()}
   */
  public DomainMeta requireConsistent() {
    List<Diagnostic> problems = problems();
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("invalid DomainMeta:");
      problems.forEach(d -> sb.append("\n  [").append(d.code()).append("] ").append(d.message()));
      throw new IllegalArgumentException(sb.toString());
    }
    return this;
  }

  private static Diagnostic at(String path, Code code, String message) {
    return Diagnostic.of(code, message).withPath(path);
  }

  private static void duplicates(List<Diagnostic> out, String path, String where, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        out.add(at(path, Code.E_VALID_DUPLICATE_DEF, where + ": '" + n + "' is listed more than once"));
      }
    }
  }

  private static void types(List<Diagnostic> out, String path, String where, List<String> types) {
    duplicates(out, path, where, types);
    for (String t : types) {
      type(out, path, where, t);
    }
  }

  private static void type(List<Diagnostic> out, String path, String where, String type) {
    if (!TypeNames.isValid(type)) {
      out.add(at(path, Code.E_META_TYPE_NOT_ALLOWED, where + ": unknown type '" + type
          + "' (known: any, array, bool, date, float, int, null, number, object, string, and unions a|b)"
          + TypeNames.suggestion(type).map(t -> "; did you mean '" + t + "'?").orElse("")));
    }
  }

  /**
   * The hash form of pipeline.md §9.4 (upstream compatible): {@code schemaVersion}, {@code kinds}
   * as {@code {name, requiredProps, allowedTypes}} (optional properties and aggregates are not
   * part of it) plus {@code attributes} ({@code {name: type}}) for a kind that declares attribute
   * types (they type expressions, so they are part of the identity; a kind without them hashes as
   * upstream), {@code allowedTypes}, {@code allowedEvents}, {@code allowedFunctions} as
   * {@code {name, args, returns, cost}}; lists in declaration order.
   */
  public JsonObject hashForm() {
    List<JsonValue> ks = new ArrayList<>();
    for (KindDef k : kinds) {
      JsonObject.Builder b = JsonObject.builder().put("name", k.name()).put("requiredProps", strings(k.requiredProps()))
          .put("allowedTypes", strings(k.allowedTypes()));
      attributes(b, k);
      ks.add(b.build());
    }
    List<JsonValue> fs = new ArrayList<>();
    for (FunctionDef f : allowedFunctions) {
      fs.add(JsonObject.builder().put("name", f.name()).put("args", strings(f.args())).put("returns", f.returns())
          .put("cost", JsonInt.of(f.cost())).build());
    }
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("schemaVersion", JsonInt.of(schemaVersion));
    m.put("kinds", JsonArray.of(ks));
    m.put("allowedTypes", strings(allowedTypes));
    m.put("allowedEvents", strings(allowedEvents));
    m.put("allowedFunctions", JsonArray.of(fs));
    return JsonObject.of(m);
  }

  /** The meta hash: the stable hash of {@link #hashForm()}. */
  public String hash() {
    return Canonical.stableHash(hashForm());
  }

  /**
   * The full JSON form (camelCase, everything including optional properties, aggregates and a
   * kind's {@code attributes}, the last only when declared), as the loader reads it back.
   */
  public JsonObject toJson() {
    List<JsonValue> ks = new ArrayList<>();
    for (KindDef k : kinds) {
      JsonObject.Builder b = JsonObject.builder().put("name", k.name()).put("requiredProps", strings(k.requiredProps()))
          .put("optionalProps", strings(k.optionalProps())).put("allowedTypes", strings(k.allowedTypes()));
      k.aggregate().ifPresent(a -> b.put("aggregate", a));
      attributes(b, k);
      ks.add(b.build());
    }
    JsonObject hf = hashForm();
    return JsonObject.builder().put("schemaVersion", JsonInt.of(schemaVersion)).put("kinds", JsonArray.of(ks))
        .put("allowedTypes", hf.getOrNull("allowedTypes")).put("allowedEvents", hf.getOrNull("allowedEvents"))
        .put("allowedFunctions", hf.getOrNull("allowedFunctions")).build();
  }

  /** {@code attributes: {name: type}} on a kind entry, only when the kind declares attribute types. */
  private static void attributes(JsonObject.Builder b, KindDef k) {
    if (!k.attributes().isEmpty()) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      k.attributes().forEach((n, t) -> m.put(n, JsonString.of(t)));
      b.put("attributes", JsonObject.of(m));
    }
  }

  /**
   * Reads the JSON form {@link #toJson()} writes (camelCase keys only; unknown keys, wrong types
   * and inconsistencies are reported as coded diagnostics). This is the strict reader the runtime
   * uses for compiled artifacts; hosts loading hand-written YAML/JSON use engine-dsl's
   * {@code DomainMetaLoader}, which also accepts snake_case and reports lines.
   */
  public static dev.mpc.diag.Result<DomainMeta> fromJson(JsonValue json) {
    List<Diagnostic> problems = new ArrayList<>();
    if (!(json instanceof JsonObject o)) {
      return dev.mpc.diag.Result.failed(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "DomainMeta must be an object"));
    }
    keys(o, "DomainMeta", Set.of("schemaVersion", "kinds", "allowedTypes", "allowedEvents", "allowedFunctions"), problems);
    int version = o.getOrNull("schemaVersion") == null ? 1 : intOf(o.getOrNull("schemaVersion"), "schemaVersion", problems);
    List<KindDef> kinds = new ArrayList<>();
    for (JsonValue k : listOf(o.getOrNull("kinds"), "kinds", problems)) {
      if (!(k instanceof JsonObject ko)) {
        problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "kinds[] must be objects"));
        continue;
      }
      keys(ko, "kind", Set.of("name", "requiredProps", "optionalProps", "allowedTypes", "aggregate", "attributes"),
          problems);
      String name = stringOf(ko.getOrNull("name"), "kind name", problems);
      Optional<String> aggregate = ko.getOrNull("aggregate") == null ? Optional.empty()
          : Optional.ofNullable(stringOf(ko.getOrNull("aggregate"), "aggregate", problems));
      if (name != null) {
        kinds.add(new KindDef(name, stringsOf(ko.getOrNull("requiredProps"), "requiredProps", problems),
            stringsOf(ko.getOrNull("optionalProps"), "optionalProps", problems),
            stringsOf(ko.getOrNull("allowedTypes"), "allowedTypes", problems), aggregate,
            attributesOf(ko.getOrNull("attributes"), problems)));
      }
    }
    List<FunctionDef> functions = new ArrayList<>();
    for (JsonValue f : listOf(o.getOrNull("allowedFunctions"), "allowedFunctions", problems)) {
      if (!(f instanceof JsonObject fo)) {
        problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "allowedFunctions[] must be objects"));
        continue;
      }
      keys(fo, "function", Set.of("name", "args", "returns", "cost"), problems);
      String name = stringOf(fo.getOrNull("name"), "function name", problems);
      String returns = fo.getOrNull("returns") == null ? "any" : stringOf(fo.getOrNull("returns"), "returns", problems);
      int cost = fo.getOrNull("cost") == null ? 1 : intOf(fo.getOrNull("cost"), "cost", problems);
      if (name != null && returns != null) {
        functions.add(new FunctionDef(name, stringsOf(fo.getOrNull("args"), "args", problems), returns, cost));
      }
    }
    DomainMeta meta = new DomainMeta(version, kinds, stringsOf(o.getOrNull("allowedTypes"), "allowedTypes", problems),
        stringsOf(o.getOrNull("allowedEvents"), "allowedEvents", problems), functions);
    problems.addAll(meta.problems());
    return problems.isEmpty() ? dev.mpc.diag.Result.ok(meta) : dev.mpc.diag.Result.failed(problems);
  }

  private static void keys(JsonObject o, String what, Set<String> allowed, List<Diagnostic> problems) {
    for (String k : o.members().keySet()) {
      if (!allowed.contains(k)) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "Unknown key '" + k + "' in DomainMeta " + what));
      }
    }
  }

  private static List<JsonValue> listOf(JsonValue v, String what, List<Diagnostic> problems) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof JsonArray a) {
      return a.items();
    }
    problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, what + " must be an array"));
    return List.of();
  }

  private static Map<String, String> attributesOf(JsonValue v, List<Diagnostic> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "attributes must be an object {name: type}"));
      return out;
    }
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      String type = stringOf(e.getValue(), "attribute '" + e.getKey() + "' type", problems);
      if (type != null) {
        out.put(e.getKey(), type);
      }
    }
    return out;
  }

  private static List<String> stringsOf(JsonValue v, String what, List<Diagnostic> problems) {
    List<String> out = new ArrayList<>();
    for (JsonValue item : listOf(v, what, problems)) {
      String s = stringOf(item, what + "[]", problems);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static String stringOf(JsonValue v, String what, List<Diagnostic> problems) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, what + " must be a string"));
    return null;
  }

  private static int intOf(JsonValue v, String what, List<Diagnostic> problems) {
    if (v instanceof JsonInt i && i.value().bitLength() < 32) {
      return i.value().intValue();
    }
    problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, what + " must be an integer"));
    return 0;
  }

  private static JsonArray strings(List<String> items) {
    return JsonArray.of(items.stream().map(JsonString::of).toList());
  }

  /** Builds a {@link DomainMeta}. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private int schemaVersion = 1;
    private final List<KindDef> kinds = new ArrayList<>();
    private final List<String> allowedTypes = new ArrayList<>();
    private final List<String> allowedEvents = new ArrayList<>();
    private final List<FunctionDef> functions = new ArrayList<>();

    private Builder() {}

    /** Sets the schema version (default 1). */
    public Builder schemaVersion(int version) {
      this.schemaVersion = version;
      return this;
    }

    /** Adds a kind. */
    public Builder kind(KindDef kind) {
      kinds.add(kind);
      return this;
    }

    /** Adds a kind with required properties. */
    public Builder kind(String name, String... requiredProps) {
      return kind(KindDef.of(name, requiredProps));
    }

    /**
     * Declares the attribute types of objects of type {@code kind} ({@code {"total": "int"}}),
     * added to those already declared: on the kind added last under that name, or on a new kind
     * without properties (an object type that is not a definition kind).
     */
    public Builder attributes(String kind, Map<String, String> types) {
      for (int i = kinds.size() - 1; i >= 0; i--) {
        KindDef k = kinds.get(i);
        if (k.name().equals(kind)) {
          Map<String, String> all = new LinkedHashMap<>(k.attributes());
          all.putAll(types);
          kinds.set(i, k.withAttributes(all));
          return this;
        }
      }
      return kind(new KindDef(kind, List.of(), List.of(), List.of(), Optional.empty(), types));
    }

    /** Adds globally allowed types. */
    public Builder allowedTypes(String... types) {
      allowedTypes.addAll(List.of(types));
      return this;
    }

    /** Adds allowed events. */
    public Builder allowedEvents(String... events) {
      allowedEvents.addAll(List.of(events));
      return this;
    }

    /** Adds a function. */
    public Builder function(String name, List<String> args, String returns, int cost) {
      functions.add(new FunctionDef(name, args, returns, cost));
      return this;
    }

    /**
     * The meta.
     *
     * @throws IllegalArgumentException listing every problem of {@link DomainMeta#problems()}
     */
    public DomainMeta build() {
      return new DomainMeta(schemaVersion, kinds, allowedTypes, allowedEvents, functions).requireConsistent();
    }
  }
}
