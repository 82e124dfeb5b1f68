package dev.mpc.conformance;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Explains how an actual output differs from the expected one: a recursive walk where object
 * keys are the sorted union and arrays compare by index. Each difference is three lines:
 * {@code path: a.b[1]}, {@code expected: <json or (missing)>}, {@code actual: <json or (missing)>}.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonDiff {
  /** At most this many differences are listed. */
  public static final int MAX_DIFFERENCES = 25;

  private JsonDiff() {}

  /**
   * The difference lines; empty when the canonical forms are equal.
   *
   * @param expected the expected
   * @param actual the actual
   * @return the difference lines
   */
  public static List<String> diff(JsonValue expected, JsonValue actual) {
    List<String> out = new ArrayList<>();
    walk("", expected, actual, out, new int[] {0});
    return out;
  }

  private static void walk(String path, JsonValue expected, JsonValue actual, List<String> out, int[] count) {
    if (count[0] >= MAX_DIFFERENCES) {
      return;
    }
    if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
      TreeSet<String> keys = new TreeSet<>(Canonical.CODE_POINT_ORDER);
      keys.addAll(e.members().keySet());
      keys.addAll(a.members().keySet());
      for (String k : keys) {
        walk(path.isEmpty() ? k : path + "." + k, e.getOrNull(k), a.getOrNull(k), out, count);
      }
      return;
    }
    if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
      for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
        walk(path + "[" + i + "]", i < e.size() ? e.get(i) : null, i < a.size() ? a.get(i) : null, out, count);
      }
      return;
    }
    String es = expected == null ? "(missing)" : Canonical.json(expected);
    String as = actual == null ? "(missing)" : Canonical.json(actual);
    if (!es.equals(as)) {
      count[0]++;
      out.add("path: " + (path.isEmpty() ? "(root)" : path));
      out.add("  expected: " + es);
      out.add("  actual:   " + as);
      if (count[0] == MAX_DIFFERENCES) {
        out.add("(further differences not listed)");
      }
    }
  }
}
