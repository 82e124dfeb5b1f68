package dev.mpc.engine.internal;

import dev.mpc.contract.Intent;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Intent templates (decisions.md "Intent templates", G-X5): a policy intent's {@code target},
 * {@code idempotencyKey} and string values in {@code params} (at any depth) may hold
 * {@code ${path}} placeholders naming a path of the event as expressions see it
 * ({@code ${event.id}}, {@code ${actor.id}}, {@code ${object.id}}, {@code ${payload.orderId}},
 * {@code ${action}}, ...). The compiler checks each path against the envelope's shape; at run time
 * a placeholder is replaced by the value's text (a string as it is, other values as canonical JSON,
 * a missing value or null as the empty string). A params value that is exactly one placeholder takes
 * the value itself, typed ({@code "amount": "${payload.amount}"} gives a number; a missing value
 * gives null). A target or key that renders empty is left out.
 */
final class IntentTemplate {
  private IntentTemplate() {}

  /** Whether {@code i} has any placeholder. */
  static boolean isTemplated(Intent i) {
    return i.target().map(IntentTemplate::has).orElse(false) || i.idempotencyKey().map(IntentTemplate::has).orElse(false)
        || has(i.params());
  }

  private static boolean has(String s) {
    return s.contains("${");
  }

  private static boolean has(JsonValue v) {
    if (v instanceof JsonString s) {
      return has(s.value());
    }
    if (v instanceof JsonObject o) {
      for (JsonValue x : o.members().values()) {
        if (has(x)) {
          return true;
        }
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        if (has(x)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code intents} with every placeholder filled from {@code values} (a path to its value, or null when absent). */
  static List<Intent> render(List<Intent> intents, Function<String, JsonValue> values) {
    List<Intent> out = new ArrayList<>(intents.size());
    for (Intent i : intents) {
      out.add(isTemplated(i) ? render(i, values) : i);
    }
    return List.copyOf(out);
  }

  static Intent render(Intent i, Function<String, JsonValue> values) {
    Optional<String> target = i.target().map(t -> text(t, values)).filter(t -> !t.isEmpty());
    Optional<String> key = i.idempotencyKey().map(k -> text(k, values)).filter(k -> !k.isEmpty());
    return new Intent(i.kind(), target, (JsonObject) value(i.params(), values), key);
  }

  private static JsonValue value(JsonValue v, Function<String, JsonValue> values) {
    if (v instanceof JsonString s) {
      String t = s.value();
      if (!has(t)) {
        return v;
      }
      if (t.startsWith("${") && t.indexOf('}') == t.length() - 1) {
        JsonValue whole = values.apply(t.substring(2, t.length() - 1).trim());
        return whole == null ? JsonNull.INSTANCE : whole;
      }
      return JsonString.of(text(t, values));
    }
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = JsonObject.builder();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        b.put(e.getKey(), value(e.getValue(), values));
      }
      return b.build();
    }
    if (v instanceof JsonArray a) {
      List<JsonValue> items = new ArrayList<>(a.size());
      for (JsonValue x : a.items()) {
        items.add(value(x, values));
      }
      return JsonArray.of(items);
    }
    return v;
  }

  /** {@code text} with each {@code ${path}} replaced by its value's text; an unclosed {@code ${} stays as it is. */
  static String text(String text, Function<String, JsonValue> values) {
    int at = text.indexOf("${");
    if (at < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    int from = 0;
    while (at >= 0) {
      int end = text.indexOf('}', at + 2);
      if (end < 0) {
        break;
      }
      sb.append(text, from, at);
      JsonValue v = values.apply(text.substring(at + 2, end).trim());
      if (v instanceof JsonString s) {
        sb.append(s.value());
      } else if (v != null && !v.isNull()) {
        sb.append(Canonical.json(v));
      }
      from = end + 1;
      at = text.indexOf("${", from);
    }
    return sb.append(text, from, text.length()).toString();
  }
}
