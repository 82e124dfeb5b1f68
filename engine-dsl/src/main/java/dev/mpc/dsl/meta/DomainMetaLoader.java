package dev.mpc.dsl.meta;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.internal.JsonFrontend;
import dev.mpc.dsl.internal.PositionedTree;
import dev.mpc.dsl.internal.Problems;

import dev.mpc.dsl.internal.TreeBuilder;
import dev.mpc.dsl.internal.YamlFrontend;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.FunctionDef;
import dev.mpc.meta.KindDef;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a {@link DomainMeta} from YAML or JSON written the way host applications write it:
 *
 * <pre>{@code
 * schema_version: 2
 * kinds:
 *   - name: Defect
 *     required_props: [title, severity, status, reported_by]
 *     optional_props: [assignee]
 *     allowed_types: [string, int, bool, array]
 *     aggregate: Tracking
 *   - name: order
 *     attributes: { total: int, status: string, note: "string|null" }
 * allowed_events: [create, update, transition, assign]
 * allowed_types: [string, int, bool, date, array, object]
 * allowed_functions:
 *   - { name: daysBetween, args: [string, string], returns: int, cost: 2 }
 * }</pre>
 *
 * <p>Both snake_case and camelCase keys are accepted ({@code required_props} or
 * {@code requiredProps}); writing both spellings of one key is an error. Every problem is reported
 * in one pass with its line and column: an unknown key ({@code E_PARSE_INVALID_TOKEN}, naming the
 * key, its line and the keys allowed there), a value of the wrong type
 * ({@code E_META_TYPE_NOT_ALLOWED}), a kind or function without a name
 * ({@code E_META_MISSING_REQUIRED_FIELD}), an {@code attributes} that is not a mapping of names
 * to type names ({@code E_META_TYPE_NOT_ALLOWED}), and every inconsistency {@link DomainMeta#problems()}
 * finds (duplicate names, unknown type names, negative costs). Syntax errors are those of the
 * manifest front ends ({@code E_PARSE_SYNTAX} with position). Defaults: schema version 1, empty
 * lists, function {@code returns} {@code any} and {@code cost} 1.
 *
 * <p>Thread-safe (stateless).
 */
public final class DomainMetaLoader {
  private static final Map<String, String> ROOT_KEYS = keys("schemaVersion", "kinds", "allowedTypes",
      "allowedEvents", "allowedFunctions");
  private static final Map<String, String> KIND_KEYS = keys("name", "requiredProps", "optionalProps",
      "allowedTypes", "aggregate", "attributes");
  private static final Map<String, String> FUNCTION_KEYS = keys("name", "args", "returns", "cost");

  private DomainMetaLoader() {}

  /**
   * Loads a meta from YAML or JSON <em>text</em> (JSON when the text starts with <code>{</code>).
   * To load a file, use {@link #load(Path)}: this method never opens files, so
   * {@code fromText("meta.yaml")} is the YAML scalar {@code meta.yaml} and fails with
   * {@code E_META_TYPE_NOT_ALLOWED} ("DomainMeta must be a mapping").
   *
   * @param text the text
   * @return the result
   */
  public static Result<DomainMeta> fromText(String text) {
    return fromText(text, null);
  }

  /**
   * Loads a meta from a file (UTF-8). Like {@code ManifestParser.parse(Path)}, bad content is a
   * coded diagnostic and only an unreadable file is an exception.
   *
   * @param file the file
   * @return the result
   * @throws IOException if the file cannot be read
   */
  public static Result<DomainMeta> load(Path file) throws IOException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    ParseLimits limits = ParseLimits.defaults();
    long size = Files.size(file);
    if (size > limits.maxDocumentChars() * 4) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "DomainMeta file of " + size
          + " bytes exceeds the limit of " + limits.maxDocumentChars() + " chars (ParseLimits.maxDocumentChars)",
          SourceMap.at(1, 1).withFile(name)));
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return fromText(text, name);
    } catch (CharacterCodingException e) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "DomainMeta file is not valid UTF-8",
          SourceMap.at(1, 1).withFile(name)));
    }
  }

  /**
   * Loads a meta from text; {@code sourceName} (may be null) fills the file of source maps. Every
   * input gives a result, never an exception: empty text (or only whitespace or comments) is
   * {@code E_META_MISSING_REQUIRED_FIELD} "DomainMeta is empty"; text beyond the
   * {@link ParseLimits#defaults() default parse limits} (document size, nesting depth, alias
   * expansion) gets the manifest front ends' coded limit error.
   *
   * @param text the text
   * @param sourceName the source name
   * @return the result
   */
  public static Result<DomainMeta> fromText(String text, String sourceName) {
    java.util.Objects.requireNonNull(text, "text");
    ParseLimits limits = ParseLimits.defaults();
    Problems problems = new Problems(limits.maxErrors(), Optional.ofNullable(sourceName));
    if (text.length() > limits.maxDocumentChars()) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "DomainMeta of " + text.length()
          + " chars exceeds the limit of " + limits.maxDocumentChars() + " chars (ParseLimits.maxDocumentChars)",
          problems.at(1, 1)));
    }
    try {
      String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
      PositionedTree tree = body.isBlank() ? null : body.stripLeading().startsWith("{")
          ? new JsonFrontend(limits).tree(body, problems)
          : new YamlFrontend(limits).tree(body, problems);
      if (tree == null && problems.any()) {
        return Result.failed(problems.list());
      }
      if (tree == null || tree.root() == null || tree.root().isNull()) {
        if (problems.any()) {
          return Result.failed(problems.list());
        }
        return Result.failed(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD,
            "DomainMeta is empty (expected a mapping with kinds, allowed_types, allowed_events, allowed_functions)",
            problems.at(1, 1)));
      }
      return new Reader(tree, problems).read();
    } catch (Problems.TooManyProblems | Problems.LimitExceeded stop) {
      return Result.failed(problems.list());
    }
  }

  /** canonical camelCase name -> itself, plus snake_case spelling -> camelCase name. */
  private static Map<String, String> keys(String... camel) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : camel) {
      m.put(c, c);
      m.put(c.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), c);
    }
    return m;
  }

  /** One pass over a positioned tree. */
  private static final class Reader {
    private final PositionedTree tree;
    private final Problems problems;
    private final Map<String, SourceMap> sources = new HashMap<>();
    private final SourceMap documentStart;

    Reader(PositionedTree tree, Problems problems) {
      this.tree = tree;
      this.problems = problems;
      this.documentStart = problems.at(1, 1);
    }

    Result<DomainMeta> read() {
      if (!(tree.root() instanceof JsonObject root)) {
        problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "DomainMeta must be a mapping (object), found "
            + tree.root().type().typeName(), documentStart));
        return Result.failed(problems.list());
      }
      Map<String, JsonValue> m = members(root, "", "", ROOT_KEYS);
      int schemaVersion = integer(m.get("schemaVersion"), "schemaVersion", 1);
      List<KindDef> kinds = new ArrayList<>();
      forEachObject(m.get("kinds"), "kinds", (o, p) -> kind(o, p).ifPresent(kinds::add));
      List<String> types = strings(m.get("allowedTypes"), "allowedTypes");
      List<String> events = strings(m.get("allowedEvents"), "allowedEvents");
      List<FunctionDef> functions = new ArrayList<>();
      forEachObject(m.get("allowedFunctions"), "allowedFunctions", (o, p) -> function(o, p).ifPresent(functions::add));
      if (problems.any()) {
        return Result.failed(byPosition(problems.list()));
      }
      DomainMeta meta = new DomainMeta(schemaVersion, kinds, types, events, functions);
      for (Diagnostic d : meta.problems()) {
        problems.add(d.withSource(d.path().map(this::sourceOf).orElse(documentStart)));
      }
      return problems.any() ? Result.failed(byPosition(problems.list())) : Result.ok(meta);
    }

    /** Diagnostics sorted by line and column (stable: same position keeps discovery order). */
    private static List<Diagnostic> byPosition(List<Diagnostic> list) {
      List<Diagnostic> sorted = new ArrayList<>(list);
      sorted.sort(Diagnostic.byPosition(true));
      return sorted;
    }

    private SourceMap sourceOf(String path) {
      String p = path;
      while (true) {
        SourceMap s = sources.get(p);
        if (s != null) {
          return s;
        }
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        if (cut <= 0) {
          return sources.getOrDefault(p, documentStart);
        }
        p = p.substring(0, cut);
      }
    }

    private Optional<KindDef> kind(JsonObject o, String path) {
      Map<String, JsonValue> m = members(o, path, "kind", KIND_KEYS);
      String name = name(m.get("name"), path, "kind");
      List<String> required = strings(m.get("requiredProps"), path + ".requiredProps");
      List<String> optional = strings(m.get("optionalProps"), path + ".optionalProps");
      List<String> types = strings(m.get("allowedTypes"), path + ".allowedTypes");
      Optional<String> aggregate = Optional.empty();
      JsonValue a = m.get("aggregate");
      if (a instanceof JsonString s) {
        aggregate = Optional.of(s.value());
      } else if (a != null && !a.isNull()) {
        typeError(path + ".aggregate", "must be a string");
      }
      Map<String, String> attributes = attributes(m.get("attributes"), path + ".attributes");
      return name == null ? Optional.empty()
          : Optional.of(new KindDef(name, required, optional, types, aggregate, attributes));
    }

    /** A kind's {@code attributes}: a mapping of attribute names to type names (each name's position kept). */
    private Map<String, String> attributes(JsonValue v, String path) {
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!(v instanceof JsonObject o)) {
        typeError(path, "must be a mapping of attribute names to type names");
        return out;
      }
      TreeBuilder.ObjectInfo info = tree.positions().get(o);
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        String at = path + "." + e.getKey();
        if (info != null) {
          sources.put(at, info.members().getOrDefault(e.getKey(), info.region()));
        }
        if (e.getValue() instanceof JsonString s) {
          out.put(e.getKey(), s.value());
        } else {
          typeError(at, "must be a type name, found " + e.getValue().type().typeName());
        }
      }
      return out;
    }

    private Optional<FunctionDef> function(JsonObject o, String path) {
      Map<String, JsonValue> m = members(o, path, "function", FUNCTION_KEYS);
      String name = name(m.get("name"), path, "function");
      List<String> args = strings(m.get("args"), path + ".args");
      String returns = "any";
      JsonValue r = m.get("returns");
      if (r instanceof JsonString s) {
        returns = s.value();
      } else if (r != null) {
        typeError(path + ".returns", "must be a type name");
      }
      int cost = integer(m.get("cost"), path + ".cost", 1);
      return name == null ? Optional.empty() : Optional.of(new FunctionDef(name, args, returns, cost));
    }

    /** The members of {@code o} under their camelCase names; reports unknown and doubly spelled keys. */
    private Map<String, JsonValue> members(JsonObject o, String path, String what, Map<String, String> allowed) {
      TreeBuilder.ObjectInfo info = tree.positions().get(o);
      if (info != null && !path.isEmpty()) {
        sources.put(path, info.region());
      }
      Map<String, JsonValue> out = new LinkedHashMap<>();
      Map<String, String> spelledAs = new HashMap<>();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        String key = e.getKey();
        SourceMap at = info == null ? documentStart
            : info.members().getOrDefault(key, info.region());
        String canonical = allowed.get(key);
        String memberPath = path.isEmpty() ? (canonical == null ? key : canonical) : path + "." + (canonical == null ? key : canonical);
        if (canonical == null) {
          problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "Unknown key '" + key + "' in DomainMeta" + (what.isEmpty() ? "" : " " + what)
              + " at line " + at.line() + " (allowed: " + String.join(", ", new java.util.LinkedHashSet<>(allowed.keySet()))
              + ")", at).withPath(memberPath));
          continue;
        }
        if (spelledAs.containsKey(canonical)) {
          problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "Key '" + key + "' at line " + at.line()
              + " repeats '" + spelledAs.get(canonical) + "' (same key, other spelling)", at).withPath(memberPath));
          continue;
        }
        spelledAs.put(canonical, key);
        sources.put(memberPath, at);
        out.put(canonical, e.getValue());
      }
      return out;
    }

    private void forEachObject(JsonValue v, String path, java.util.function.BiConsumer<JsonObject, String> f) {
      if (v == null || v.isNull()) {
        return;
      }
      if (!(v instanceof JsonArray a)) {
        typeError(path, "must be a list");
        return;
      }
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) instanceof JsonObject o) {
          f.accept(o, path + "[" + i + "]");
        } else {
          typeError(path + "[" + i + "]", "must be a mapping (object), found " + a.get(i).type().typeName());
        }
      }
    }

    private String name(JsonValue v, String path, String what) {
      if (v instanceof JsonString s && !s.value().isBlank()) {
        return s.value();
      }
      if (v == null) {
        problems.add(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD, "DomainMeta " + what + " at line "
            + sourceOf(path).line() + " has no name", sourceOf(path)).withPath(path + ".name"));
      } else {
        typeError(path + ".name", "must be a non-empty string");
      }
      return null;
    }

    private List<String> strings(JsonValue v, String path) {
      if (v == null || v.isNull()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (v instanceof JsonArray a) {
        for (JsonValue item : a.items()) {
          if (item instanceof JsonString s) {
            out.add(s.value());
          } else {
            typeError(path, "must be a list of strings, found " + item.type().typeName());
            return List.of();
          }
        }
        return out;
      }
      typeError(path, "must be a list of strings");
      return List.of();
    }

    private int integer(JsonValue v, String path, int fallback) {
      if (v == null) {
        return fallback;
      }
      if (v instanceof JsonInt i && i.value().bitLength() < 32) {
        return i.value().intValue();
      }
      typeError(path, "must be an integer");
      return fallback;
    }

    private void typeError(String path, String message) {
      SourceMap at = sourceOf(path);
      problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "DomainMeta '" + path + "' " + message + " (line "
          + at.line() + ")", at).withPath(path));
    }
  }
}
