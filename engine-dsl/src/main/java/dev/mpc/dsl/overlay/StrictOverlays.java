package dev.mpc.dsl.overlay;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default overlay semantics (see {@code docs/imports-and-overlays.md}): {@code op} required,
 * a selector required, payload shapes checked, merge is RFC 7396, append only to arrays, no
 * silent no-match (unless {@code ifMissing}), every overlapping write by two overlays is an
 * {@code E_OVERLAY_CONFLICT} unless the later one says {@code resolve: "override"}, and the result
 * is all or nothing. Confined to one {@code apply} call.
 */
final class StrictOverlays {
  static final List<String> OPS = List.of("replace", "merge", "append", "remove", "patch");
  static final List<String> PROPERTIES =
      List.of("selector", "target", "op", "path", "value", "values", "kind", "ifMissing", "resolve", "description");
  private static final Set<String> SELECTOR_KEYS = Set.of("kind", "namespace", "id");

  /** One recorded write: which overlay wrote which path of which definition. */
  private record Write(String target, List<String> path, String pathText, String overlay, int index, String op) {}

  /** A rejected overlay: the diagnostic has been recorded. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected() {
      super(null, null, false, false);
    }
  }

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<String> applied = new ArrayList<>();
  private final List<Write> writes = new ArrayList<>();
  /** Position of the overlay being applied: overlays are told apart by position, not id. */
  private int index;

  OverlayResult apply(ManifestAst base, List<AstNode> overlays) {
    List<Working> working = new ArrayList<>();
    for (AstNode d : base.defs()) {
      working.add(new Working(d));
    }
    for (AstNode ov : overlays) {
      index++;
      try {
        applyOne(base.namespace(), working, ov);
      } catch (Rejected r) {
        // recorded; go on so that every problem is reported
      }
    }
    if (diagnostics.stream().anyMatch(Diagnostic::isFailure)) {
      return new OverlayResult(Optional.empty(), List.of(), diagnostics);
    }
    List<AstNode> defs = new ArrayList<>(working.size());
    for (Working w : working) {
      defs.add(w.toNode());
    }
    ManifestAst ast = new ManifestAst(base.schemaVersion(), base.namespace(), base.name(), base.manifestVersion(), defs);
    return new OverlayResult(Optional.of(ast), applied, diagnostics);
  }

  private void applyOne(String namespace, List<Working> working, AstNode ov) throws Rejected {
    JsonObject p = ov.properties();
    SourceMap at = ov.source().orElse(null);
    String id = ov.id();
    for (String key : p.members().keySet()) {
      if (!PROPERTIES.contains(key)) {
        throw invalid(at, "Overlay '" + id + "' has unknown property '" + key + "' (known: "
            + String.join(", ", PROPERTIES) + ")");
      }
    }
    JsonValue opValue = p.getOrNull("op");
    if (opValue == null) {
      throw invalid(at, "Overlay '" + id + "' has no op: set op to one of " + String.join(", ", OPS));
    }
    if (!(opValue instanceof JsonString os) || !OPS.contains(os.value())) {
      throw invalid(at, "Unknown overlay op '" + PythonText.str(opValue) + "' on '" + id + "'");
    }
    String op = os.value();
    JsonObject selector = selector(ov, at);
    String pathText = null;
    List<String> path = null;
    JsonValue rawPath = p.getOrNull("path");
    if (rawPath != null && !rawPath.isNull()) {
      if (!(rawPath instanceof JsonString ps) || ps.value().isEmpty()) {
        throw invalid(at, "Overlay '" + id + "' path must be a non-empty string, found " + PythonText.repr(rawPath));
      }
      pathText = ps.value();
      path = JsonPaths.parse(pathText, true);
      if (path.contains("")) {
        throw invalid(at, "Overlay '" + id + "' has an invalid path '" + pathText
            + "': dotted keys must be non-empty (use a JSON Pointer such as '/a/b' for unusual keys)");
      }
    }
    JsonValue payload = payload(ov, op, path, pathText, at);
    String ifMissing = word(ov, "ifMissing", List.of("error", "skip", "create"), "error", at);
    boolean override = word(ov, "resolve", List.of("override"), "", at).equals("override");
    JsonValue kindValue = p.getOrNull("kind");
    if (kindValue != null && !(kindValue instanceof JsonString ks && !ks.value().isEmpty())) {
      throw invalid(at, "Overlay '" + id + "' kind must be a non-empty string, found " + PythonText.repr(kindValue));
    }

    List<Working> matches = new ArrayList<>();
    for (Working w : working) {
      if (UpstreamOverlays.matches(selector, namespace, w)) {
        matches.add(w);
      }
    }
    if (matches.isEmpty()) {
      switch (ifMissing) {
        case "skip" -> {
          return;
        }
        case "create" -> {
          create(working, ov, selector, op, path, pathText, payload, override, at);
          return;
        }
        default -> throw unknownSelector(at, "No target found for selector ("
            + UpstreamOverlays.selectorParts(selector) + ")");
      }
    }
    for (Working w : matches) {
      checkConflicts(w.key(), footprint(op, path, payload), pathText, ov, op, override, at);
      JsonObject props = w.properties;
      switch (op) {
        case "remove" -> {
          if (path == null) {
            working.remove(w);
            applied.add("remove:" + w.id);
            continue;
          }
          props = JsonPaths.remove(props, path);
          applied.add("remove-path:" + w.id + ":" + pathText);
        }
        case "replace" -> props = path == null ? (JsonObject) payload : set(w, props, path, pathText, payload, ov, at);
        case "merge" -> {
          if (path == null) {
            props = (JsonObject) JsonPaths.mergePatch(props, payload);
          } else if (payload.isNull()) {
            props = JsonPaths.remove(props, path);
          } else {
            JsonValue cur = JsonPaths.get(props, path);
            props = set(w, props, path, pathText, JsonPaths.mergePatch(cur == null ? JsonObject.EMPTY : cur, payload), ov, at);
          }
        }
        case "append" -> {
          if (path == null) {
            for (Map.Entry<String, JsonValue> e : ((JsonObject) payload).members().entrySet()) {
              props = JsonPaths.with(props, e.getKey(), appended(w, props.getOrNull(e.getKey()), e.getValue(), e.getKey(), ov, at));
            }
          } else {
            props = set(w, props, path, pathText, appended(w, JsonPaths.get(props, path), payload, pathText, ov, at), ov, at);
          }
        }
        default -> { // patch
          if (path == null) {
            props = patched(props, (JsonObject) payload);
          } else {
            JsonValue cur = JsonPaths.get(props, path);
            if (cur != null && !(cur instanceof JsonObject)) {
              throw invalid(at, "Overlay '" + id + "' cannot patch '" + pathText + "' of '" + w.key() + "': it holds "
                  + typeName(cur) + ", not an object");
            }
            props = set(w, props, path, pathText, patched(cur == null ? JsonObject.EMPTY : (JsonObject) cur,
                (JsonObject) payload), ov, at);
          }
        }
      }
      String reserved = Working.reservedKey(props);
      if (reserved != null) {
        throw invalid(at, "Overlay '" + id + "' would set reserved property '" + reserved + "' on '" + w.key() + "'");
      }
      w.setProperties(props);
      if (!op.equals("remove")) {
        applied.add(op + ":" + w.id + (pathText == null ? "" : ":" + pathText));
      }
    }
  }

  private void create(List<Working> working, AstNode ov, JsonObject selector, String op, List<String> path,
      String pathText, JsonValue payload, boolean override, SourceMap at) throws Rejected {
    String id = ov.id();
    if (op.equals("remove")) {
      throw invalid(at, "Overlay '" + id + "': ifMissing 'create' cannot be used with op 'remove'");
    }
    if (!(selector.getOrNull("id") instanceof JsonString sid)) {
      throw invalid(at, "Overlay '" + id + "': ifMissing 'create' needs a selector id");
    }
    JsonValue kind = ov.properties().getOrNull("kind");
    if (kind == null) {
      kind = selector.getOrNull("kind");
    }
    if (!(kind instanceof JsonString k)) {
      throw invalid(at, "Overlay '" + id + "': ifMissing 'create' needs a kind (overlay property 'kind' or selector kind)");
    }
    String target = k.value() + ":" + sid.value();
    checkConflicts(target, List.of(List.of()), null, ov, op, override, at);
    JsonObject props;
    if (path == null) {
      props = (JsonObject) JsonPaths.mergePatch(JsonObject.EMPTY, payload);
    } else {
      try {
        props = JsonPaths.set(JsonObject.EMPTY, path, payload);
      } catch (JsonPaths.PathException e) {
        throw new IllegalStateException("a path into an empty object cannot cross a non-object", e);
      }
    }
    String reserved = Working.reservedKey(props);
    if (reserved != null) {
      throw invalid(at, "Overlay '" + id + "' would set reserved property '" + reserved + "' on '" + target + "'");
    }
    working.add(new Working(k.value(), sid.value(), props, ov.source()));
    applied.add(op + ":" + sid.value() + (pathText == null ? "" : ":" + pathText));
  }

  /** The paths an op writes: its path; the whole definition; or each top-level payload key. */
  private static List<List<String>> footprint(String op, List<String> path, JsonValue payload) {
    if (path != null) {
      return List.of(path);
    }
    if (op.equals("replace") || op.equals("remove")) {
      return List.of(List.of());
    }
    List<List<String>> keys = new ArrayList<>();
    for (String k : ((JsonObject) payload).members().keySet()) {
      keys.add(List.of(k));
    }
    return keys;
  }

  private void checkConflicts(String target, List<List<String>> footprint, String pathText, AstNode ov, String op,
      boolean override, SourceMap at) throws Rejected {
    Write clash = null;
    List<String> clashPath = null;
    for (List<String> f : footprint) {
      for (Write w : writes) {
        if (w.target().equals(target) && w.index() != index && overlaps(w.path(), f)) {
          clash = clash == null ? w : clash;
          clashPath = clashPath == null ? f : clashPath;
        }
      }
      writes.add(new Write(target, f, f.isEmpty() ? "" : pathText != null ? pathText : String.join(".", f), ov.id(), index, op));
    }
    if (clash == null || override) {
      return;
    }
    String here = clashPath.isEmpty() ? "(whole definition)" : pathText != null ? pathText : String.join(".", clashPath);
    String message;
    if (op.equals("replace") && clash.op().equals("replace") && !clashPath.isEmpty() && clash.path().equals(clashPath)) {
      message = "Conflicting overlays on path '" + here + "': more than one replace op targets the same path";
    } else {
      message = "Conflicting overlays on '" + target + "': '" + op + "' of '" + here + "' by '" + ov.id()
          + "' overlaps '" + clash.op() + "' of '" + (clash.path().isEmpty() ? "(whole definition)" : clash.pathText())
          + "' by '" + clash.overlay() + "'";
    }
    diagnostics.add(Diagnostic.of(Code.E_OVERLAY_CONFLICT, message + "; add resolve: \"override\" to '" + ov.id()
        + "' to let it win", at).withDetails(JsonObject.builder()
            .put("target", target).put("overlay", ov.id()).put("op", op)
            .put("conflictsWith", clash.overlay()).put("conflictingOp", clash.op()).build()));
    throw new Rejected();
  }

  private static boolean overlaps(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    return a.subList(0, n).equals(b.subList(0, n));
  }

  private JsonObject selector(AstNode ov, SourceMap at) throws Rejected {
    JsonValue sel = ov.properties().getOrNull("selector");
    JsonValue target = ov.properties().getOrNull("target");
    if (sel != null && target != null) {
      throw unknownSelector(at, "Overlay '" + ov.id() + "' has both 'selector' and 'target'; use one");
    }
    if (target != null) {
      if (target instanceof JsonString t && !t.value().isEmpty()) {
        return JsonObject.builder().put("id", t).build();
      }
      throw unknownSelector(at, "Overlay '" + ov.id() + "' target must be a non-empty string, found " + PythonText.repr(target));
    }
    if (!(sel instanceof JsonObject s) || s.isEmpty()) {
      throw unknownSelector(at, "Overlay '" + ov.id() + "' has no target selector");
    }
    for (Map.Entry<String, JsonValue> e : s.members().entrySet()) {
      if (!SELECTOR_KEYS.contains(e.getKey())) {
        throw unknownSelector(at, "Overlay '" + ov.id() + "' selector has unknown member '" + e.getKey()
            + "' (known: kind, namespace, id)");
      }
      if (!(e.getValue() instanceof JsonString v) || v.value().isEmpty()) {
        throw unknownSelector(at, "Overlay '" + ov.id() + "' selector member '" + e.getKey()
            + "' must be a non-empty string, found " + PythonText.repr(e.getValue()));
      }
    }
    return s;
  }

  private JsonValue payload(AstNode ov, String op, List<String> path, String pathText, SourceMap at) throws Rejected {
    JsonObject p = ov.properties();
    String id = ov.id();
    boolean hasValue = p.has("value");
    boolean hasValues = p.has("values");
    if (op.equals("remove")) {
      if (hasValue || hasValues) {
        throw invalid(at, "Overlay '" + id + "': op 'remove' takes no value");
      }
      return JsonObject.EMPTY;
    }
    if (path != null) {
      if (hasValues) {
        throw invalid(at, "Overlay '" + id + "': an op with a path takes 'value' (used as is), not 'values'");
      }
      if (!hasValue) {
        throw invalid(at, "Overlay '" + id + "': op '" + op + "' at path '" + pathText + "' needs a 'value'");
      }
      JsonValue v = p.getOrNull("value");
      if (op.equals("append") && !(v instanceof JsonArray)) {
        throw invalid(at, "Overlay '" + id + "': op 'append' needs an array value, found " + typeName(v));
      }
      if (op.equals("patch") && !(v instanceof JsonObject)) {
        throw invalid(at, "Overlay '" + id + "': op 'patch' needs an object value, found " + typeName(v));
      }
      return v;
    }
    if (hasValue && hasValues) {
      throw invalid(at, "Overlay '" + id + "' has both 'value' and 'values'; use one");
    }
    JsonValue v = hasValues ? p.getOrNull("values") : p.getOrNull("value");
    if (!(v instanceof JsonObject o)) {
      throw invalid(at, "Overlay '" + id + "': op '" + op + "' without a path needs an object of properties in 'values', found "
          + (v == null ? "nothing" : typeName(v)));
    }
    if (op.equals("append")) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!(e.getValue() instanceof JsonArray)) {
          throw invalid(at, "Overlay '" + id + "': op 'append' needs array values, but '" + e.getKey() + "' is "
              + typeName(e.getValue()));
        }
      }
    }
    return o;
  }

  private String word(AstNode ov, String key, List<String> allowed, String dflt, SourceMap at) throws Rejected {
    JsonValue v = ov.properties().getOrNull(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonString s && allowed.contains(s.value())) {
      return s.value();
    }
    throw invalid(at, "Overlay '" + ov.id() + "' " + key + " must be one of " + String.join(", ", allowed)
        + ", found " + PythonText.repr(v));
  }

  private JsonObject set(Working w, JsonObject props, List<String> path, String pathText, JsonValue value, AstNode ov,
      SourceMap at) throws Rejected {
    try {
      return JsonPaths.set(props, path, value);
    } catch (JsonPaths.PathException e) {
      throw invalid(at, "Overlay '" + ov.id() + "' path '" + pathText + "' crosses a non-object value at '"
          + String.join(".", path.subList(0, e.depth())) + "' of '" + w.key() + "'");
    }
  }

  private JsonValue appended(Working w, JsonValue cur, JsonValue add, String where, AstNode ov, SourceMap at)
      throws Rejected {
    if (cur == null) {
      return add;
    }
    if (cur instanceof JsonArray ca) {
      return JsonPaths.concat(ca, (JsonArray) add);
    }
    throw invalid(at, "Overlay '" + ov.id() + "' cannot append to '" + where + "' of '" + w.key() + "': it holds "
        + typeName(cur) + ", not an array");
  }

  private static JsonObject patched(JsonObject props, JsonObject payload) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(props.members());
    for (Map.Entry<String, JsonValue> e : payload.members().entrySet()) {
      JsonValue cur = m.get(e.getKey());
      m.put(e.getKey(), cur instanceof JsonObject co && e.getValue() instanceof JsonObject no
          ? JsonPaths.shallowMerge(co, no) : e.getValue());
    }
    return JsonObject.of(m);
  }

  private static String typeName(JsonValue v) {
    return "a" + (v.type().name().startsWith("A") || v.type().name().startsWith("O") || v.type().name().startsWith("I")
        ? "n " : " ") + v.type().name().toLowerCase(Locale.ROOT);
  }

  private Rejected invalid(SourceMap at, String message) {
    diagnostics.add(Diagnostic.of(Code.E_OVERLAY_INVALID_OP, message, at));
    return new Rejected();
  }

  private Rejected unknownSelector(SourceMap at, String message) {
    diagnostics.add(Diagnostic.of(Code.E_OVERLAY_UNKNOWN_SELECTOR, message, at));
    return new Rejected();
  }
}
