package dev.mpc.conformance.handlers;

import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonObject;

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
}
