package dev.mpc.conformance.handlers;

import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import java.util.List;

/** The single-error output most handlers use (conformance spec §1.8). */
final class Outputs {
  private Outputs() {}

  /** {@code {"error": {"code", "message", "severity"}}}. */
  static JsonObject error(String code, String message, String severity) {
    return JsonObject.builder()
        .put("error", JsonObject.builder().put("code", code).put("message", message).put("severity", severity).build())
        .build();
  }

  /** {@code {"error": {...}}} of a diagnostic, without path, source or details. */
  static JsonObject error(Diagnostic d) {
    return error(d.code().code(), d.message(), d.severity().wireName());
  }

  /** {@code {"errors": [{code, message, severity}, ...]}}. */
  static JsonObject errors(List<Diagnostic> diagnostics) {
    return JsonObject.builder().put("errors", diagnostics(diagnostics)).build();
  }

  /** {@code [{code, message, severity}, ...]}. */
  static JsonArray diagnostics(List<Diagnostic> diagnostics) {
    return JsonArray.of(diagnostics.stream().map(d -> error(d).getOrNull("error")).toList());
  }

  /**
   * Whether an own fixture asks for the default (strict) engine with {@code "mode": "strict"};
   * upstream fixtures never carry {@code mode}, so they always get upstream compatibility.
   */
  static boolean strict(JsonObject input) {
    if (!input.has("mode")) {
      return false;
    }
    if (input.getOrNull("mode") instanceof JsonString s && (s.value().equals("strict") || s.value().equals("compat"))) {
      return s.value().equals("strict");
    }
    throw new IllegalArgumentException("'mode' must be \"strict\" or \"compat\"");
  }
}
