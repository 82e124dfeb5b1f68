package dev.mpc.conformance;

import dev.mpc.contract.IntentKind;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds unregistered codes and intent kinds anywhere in an output (conformance.md §1.7): an
 * object whose {@code code} is a string starting with {@code E_} or {@code R_} that is not in
 * {@link Code}, or an object with a string {@code kind} and at least one of {@code target},
 * {@code params}, {@code idempotencyKey} (an intent) whose kind is not in {@link IntentKind}.
 * Echoed data is checked too, as upstream does.
 *
 * <p>Thread-safe (stateless).
 */
public final class RegistryCheck {
  private RegistryCheck() {}

  /**
   * The violations in {@code output}, in document order; empty when everything is registered.
   *
   * @param output the output
   * @return the violations in {@code output}, in document order
   */
  public static List<String> violations(JsonValue output) {
    List<String> out = new ArrayList<>();
    Deque<JsonValue> todo = new ArrayDeque<>();
    todo.push(output);
    while (!todo.isEmpty()) {
      JsonValue v = todo.pop();
      if (v instanceof JsonObject o) {
        if (o.getOrNull("code") instanceof JsonString c) {
          String code = c.value();
          if (code.startsWith("E_") && Code.of(code).isEmpty()) {
            out.add("Unknown error code: '" + code + "'");
          } else if (code.startsWith("R_") && Code.of(code).isEmpty()) {
            out.add("Unknown reason code: '" + code + "'");
          }
        }
        if (o.getOrNull("kind") instanceof JsonString k
            && (o.has("target") || o.has("params") || o.has("idempotencyKey"))
            && IntentKind.fromWireName(k.value()).isEmpty()) {
          out.add("Unknown intent kind: '" + k.value() + "'");
        }
        List<JsonValue> children = new ArrayList<>(o.members().values());
        for (int i = children.size() - 1; i >= 0; i--) {
          todo.push(children.get(i));
        }
      } else if (v instanceof JsonArray a) {
        for (int i = a.size() - 1; i >= 0; i--) {
          todo.push(a.get(i));
        }
      }
    }
    return out;
  }
}
