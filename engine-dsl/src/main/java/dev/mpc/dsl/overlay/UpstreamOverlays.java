package dev.mpc.dsl.overlay;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Upstream MPC's overlay engine reproduced (engines spec §8.4, §8.5), except that the input is
 * never modified (G-O1) and writes our AST cannot hold (reserved property keys, paths through
 * non-objects) are reported as {@code E_OVERLAY_INVALID_OP} instead of corrupting or crashing.
 * Confined to one {@code apply} call.
 */
final class UpstreamOverlays {
  private final String defaultOp;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<String> applied = new ArrayList<>();
  private final Set<String> replacedPaths = new HashSet<>();

  UpstreamOverlays(String defaultOp) {
    this.defaultOp = defaultOp;
  }

  OverlayResult apply(ManifestAst base, List<AstNode> overlays) {
    List<Working> working = new ArrayList<>();
    for (AstNode d : base.defs()) {
      working.add(new Working(d));
    }
    for (AstNode ov : overlays) {
      applyOne(base.namespace(), working, ov);
    }
    List<AstNode> defs = new ArrayList<>(working.size());
    for (Working w : working) {
      defs.add(w.toNode());
    }
    ManifestAst ast = new ManifestAst(base.schemaVersion(), base.namespace(), base.name(), base.manifestVersion(), defs);
    return new OverlayResult(Optional.of(ast), applied, diagnostics);
  }

  private void applyOne(String namespace, List<Working> working, AstNode ov) {
    JsonObject p = ov.properties();
    SourceMap at = ov.source().orElse(null);
    JsonObject selector;
    if (p.getOrNull("selector") instanceof JsonObject s) {
      selector = s;
    } else if (p.getOrNull("target") instanceof JsonString t) {
      selector = JsonObject.builder().put("id", t).build();
    } else {
      diagnostics.add(Diagnostic.of(Code.E_OVERLAY_UNKNOWN_SELECTOR, "Overlay '" + ov.id() + "' has no target selector", at));
      return;
    }
    String op = p.has("op") ? PythonText.str(p.getOrNull("op")) : defaultOp;
    JsonValue rawPath = p.getOrNull("path");
    String path = rawPath != null && truthy(rawPath) ? PythonText.str(rawPath) : null;
    List<String> segments = path == null ? null : JsonPaths.parse(path, false);
    List<Working> matches = new ArrayList<>();
    for (Working w : working) {
      if (matches(selector, namespace, w)) {
        matches.add(w);
      }
    }
    if (op.equals("remove")) {
      if (segments != null) {
        for (Working w : matches) {
          w.setProperties(JsonPaths.remove(w.properties, segments));
          applied.add("remove-path:" + w.id + ":" + path);
        }
      } else {
        for (Working w : matches) {
          working.remove(w);
          applied.add("remove:" + w.id);
        }
      }
      return;
    }
    if (matches.isEmpty() && !op.equals("replace") && !op.equals("append")) {
      diagnostics.add(Diagnostic.of(Code.E_OVERLAY_UNKNOWN_SELECTOR,
          "No target found for selector (" + selectorParts(selector) + ")", at));
      return;
    }
    if (op.equals("replace") && segments != null) {
      for (Working w : matches) {
        if (!replacedPaths.add(w.key() + ":" + path)) {
          diagnostics.add(Diagnostic.of(Code.E_OVERLAY_CONFLICT, "Conflicting overlays on path '" + path
              + "': more than one replace op targets the same path", at));
        }
      }
    }
    JsonValue v = p.has("values") ? p.getOrNull("values") : p.getOrNull("value");
    JsonObject payload;
    if (v == null || v.isNull()) {
      payload = JsonObject.EMPTY;
    } else if (v instanceof JsonObject o) {
      payload = o;
    } else {
      payload = path != null ? JsonObject.builder().put(path, v).build() : JsonObject.EMPTY;
    }
    switch (op) {
      case "replace", "append" -> {
        if (matches.isEmpty()) {
          create(working, ov, selector, op, payload, at);
          return;
        }
        for (Working w : matches) {
          if (segments != null) {
            JsonValue value = payload.has(path) ? payload.getOrNull(path)
                : payload.isEmpty() ? JsonNull.INSTANCE : payload.members().values().iterator().next();
            if (op.equals("append") && JsonPaths.get(w.properties, segments) instanceof JsonArray cur
                && value instanceof JsonArray add) {
              value = JsonPaths.concat(cur, add);
            }
            setPath(w, segments, value, ov, at);
            applied.add(op + ":" + w.id + ":" + path);
          } else if (op.equals("replace")) {
            if (checkReserved(w, payload, ov, at)) {
              w.setProperties(payload);
              w.name = Optional.empty();
              w.children = List.of();
              w.source = ov.source();
              applied.add("replace:" + w.id);
            }
          } else {
            LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(w.properties.members());
            for (Map.Entry<String, JsonValue> e : payload.members().entrySet()) {
              JsonValue cur = m.get(e.getKey());
              m.put(e.getKey(), cur instanceof JsonArray ca && e.getValue() instanceof JsonArray na
                  ? JsonPaths.concat(ca, na) : e.getValue());
            }
            if (update(w, JsonObject.of(m), ov, at)) {
              applied.add("append:" + w.id);
            }
          }
        }
      }
      case "merge" -> {
        for (Working w : matches) {
          if (segments != null) {
            JsonValue cur = JsonPaths.get(w.properties, segments);
            setPath(w, segments, cur instanceof JsonObject co ? JsonPaths.shallowMerge(co, payload) : payload, ov, at);
            applied.add("merge:" + w.id + ":" + path);
          } else if (update(w, JsonPaths.deepMerge(w.properties, payload), ov, at)) {
            applied.add("merge:" + w.id);
          }
        }
      }
      case "patch" -> {
        for (Working w : matches) {
          LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(w.properties.members());
          for (Map.Entry<String, JsonValue> e : payload.members().entrySet()) {
            JsonValue cur = m.get(e.getKey());
            m.put(e.getKey(), cur instanceof JsonObject co && e.getValue() instanceof JsonObject no
                ? JsonPaths.shallowMerge(co, no) : e.getValue());
          }
          if (update(w, JsonObject.of(m), ov, at)) {
            applied.add("patch:" + w.id);
          }
        }
      }
      default -> diagnostics.add(Diagnostic.of(Code.E_OVERLAY_INVALID_OP,
          "Unknown overlay op '" + op + "' on '" + ov.id() + "'", at));
    }
  }

  private void create(List<Working> working, AstNode ov, JsonObject selector, String op, JsonObject payload, SourceMap at) {
    JsonValue id = selector.getOrNull("id");
    if (id == null || !truthy(id)) {
      return;
    }
    JsonValue kind = ov.properties().getOrNull("kind");
    if (kind == null || !truthy(kind)) {
      kind = selector.getOrNull("kind");
    }
    String k = kind != null && truthy(kind) ? PythonText.str(kind) : "Unknown";
    Working created = new Working(k, PythonText.str(id), JsonObject.EMPTY, ov.source());
    if (update(created, payload, ov, at)) {
      working.add(created);
      applied.add(op + ":" + created.id);
    }
  }

  private void setPath(Working w, List<String> segments, JsonValue value, AstNode ov, SourceMap at) {
    try {
      update(w, JsonPaths.set(w.properties, segments, value), ov, at);
    } catch (JsonPaths.PathException e) {
      diagnostics.add(Diagnostic.of(Code.E_OVERLAY_INVALID_OP, "Overlay '" + ov.id() + "' path '"
          + String.join(".", segments) + "' crosses a non-object value at '"
          + String.join(".", segments.subList(0, e.depth())) + "' of '" + w.key() + "'", at));
    }
  }

  private boolean update(Working w, JsonObject props, AstNode ov, SourceMap at) {
    if (!checkReserved(w, props, ov, at)) {
      return false;
    }
    w.setProperties(props);
    return true;
  }

  private boolean checkReserved(Working w, JsonObject props, AstNode ov, SourceMap at) {
    String reserved = Working.reservedKey(props);
    if (reserved == null) {
      return true;
    }
    diagnostics.add(Diagnostic.of(Code.E_OVERLAY_INVALID_OP, "Overlay '" + ov.id() + "' would set reserved property '"
        + reserved + "' on '" + w.key() + "'", at));
    return false;
  }

  static boolean matches(JsonObject selector, String namespace, Working w) {
    return member(selector, "kind", w.kind) && member(selector, "namespace", namespace) && member(selector, "id", w.id);
  }

  private static boolean member(JsonObject selector, String key, String actual) {
    JsonValue v = selector.getOrNull(key);
    return v == null || !truthy(v) || v.equals(JsonString.of(actual));
  }

  static String selectorParts(JsonObject selector) {
    List<String> parts = new ArrayList<>();
    for (String key : List.of("kind", "namespace", "id")) {
      JsonValue v = selector.getOrNull(key);
      if (v != null && truthy(v)) {
        parts.add(key + "=" + PythonText.str(v));
      }
    }
    return String.join(", ", parts);
  }

  static boolean truthy(JsonValue v) {
    return PythonText.truthy(v);
  }
}
