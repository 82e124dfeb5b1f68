package dev.mpc.dsl.overlay;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Persistent (copy-on-write) operations on JSON objects addressed by a path of object keys. Every
 * operation returns a new value and leaves its arguments untouched, so an overlay can never modify
 * the AST it was given. Thread-safe (stateless).
 */
final class JsonPaths {
  private JsonPaths() {}

  /** A path that cannot be followed: it crosses a value that is not an object. */
  static final class PathException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int depth;

    PathException(int depth) {
      super(null, null, false, false);
      this.depth = depth;
    }

    /** How many segments lead to the non-object value. */
    int depth() {
      return depth;
    }
  }

  /** Splits a path: JSON Pointer (RFC 6901) when it starts with {@code /}, else dotted. */
  static List<String> parse(String path, boolean pointers) {
    if (pointers && path.startsWith("/")) {
      List<String> out = new ArrayList<>();
      for (String raw : path.substring(1).split("/", -1)) {
        out.add(raw.replace("~1", "/").replace("~0", "~"));
      }
      return out;
    }
    return List.of(path.split("\\.", -1));
  }

  /** The value at {@code path}, or null when absent or crossing a non-object. */
  static JsonValue get(JsonObject root, List<String> path) {
    JsonValue cur = root;
    for (String key : path) {
      if (!(cur instanceof JsonObject o)) {
        return null;
      }
      cur = o.getOrNull(key);
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /** {@code root} with {@code path} set to {@code value}; missing intermediate objects are created. */
  static JsonObject set(JsonObject root, List<String> path, JsonValue value) throws PathException {
    return set(root, path, 0, value);
  }

  private static JsonObject set(JsonObject o, List<String> path, int i, JsonValue value) throws PathException {
    String key = path.get(i);
    if (i == path.size() - 1) {
      return with(o, key, value);
    }
    JsonValue next = o.getOrNull(key);
    if (next == null) {
      next = JsonObject.EMPTY;
    }
    if (!(next instanceof JsonObject child)) {
      throw new PathException(i + 1);
    }
    return with(o, key, set(child, path, i + 1, value));
  }

  /** {@code root} without the member at {@code path}; unchanged when the path does not exist. */
  static JsonObject remove(JsonObject root, List<String> path) {
    return remove(root, path, 0);
  }

  private static JsonObject remove(JsonObject o, List<String> path, int i) {
    String key = path.get(i);
    if (i == path.size() - 1) {
      return o.has(key) ? without(o, key) : o;
    }
    if (!(o.getOrNull(key) instanceof JsonObject child)) {
      return o;
    }
    JsonObject updated = remove(child, path, i + 1);
    return updated == child ? o : with(o, key, updated);
  }

  /** {@code o} with member {@code key} set (kept in place when present, else appended). */
  static JsonObject with(JsonObject o, String key, JsonValue value) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(o.members());
    m.put(key, value);
    return JsonObject.of(m);
  }

  /** {@code o} without member {@code key}. */
  static JsonObject without(JsonObject o, String key) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(o.members());
    m.remove(key);
    return JsonObject.of(m);
  }

  /** {@code {...a, ...b}}: one-level merge, {@code b} wins. */
  static JsonObject shallowMerge(JsonObject a, JsonObject b) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(a.members());
    m.putAll(b.members());
    return JsonObject.of(m);
  }

  /** Upstream's deep merge: objects merged key by key, recursively; anything else overwritten. */
  static JsonObject deepMerge(JsonObject base, JsonObject patch) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(base.members());
    for (Map.Entry<String, JsonValue> e : patch.members().entrySet()) {
      JsonValue cur = m.get(e.getKey());
      if (cur instanceof JsonObject co && e.getValue() instanceof JsonObject po) {
        m.put(e.getKey(), deepMerge(co, po));
      } else {
        m.put(e.getKey(), e.getValue());
      }
    }
    return JsonObject.of(m);
  }

  /** RFC 7396 JSON Merge Patch: objects merge recursively, {@code null} removes, others replace. */
  static JsonValue mergePatch(JsonValue target, JsonValue patch) {
    if (!(patch instanceof JsonObject p)) {
      return patch;
    }
    LinkedHashMap<String, JsonValue> m = target instanceof JsonObject t
        ? new LinkedHashMap<>(t.members()) : new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : p.members().entrySet()) {
      if (e.getValue().isNull()) {
        m.remove(e.getKey());
      } else {
        JsonValue cur = m.get(e.getKey());
        m.put(e.getKey(), mergePatch(cur == null ? JsonObject.EMPTY : cur, e.getValue()));
      }
    }
    return JsonObject.of(m);
  }

  /** {@code a ++ b}. */
  static JsonArray concat(JsonArray a, JsonArray b) {
    List<JsonValue> items = new ArrayList<>(a.size() + b.size());
    items.addAll(a.items());
    items.addAll(b.items());
    return JsonArray.of(items);
  }
}
