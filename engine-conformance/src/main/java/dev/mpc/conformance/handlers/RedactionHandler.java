package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import dev.mpc.redact.Detector;
import dev.mpc.redact.KeyMatching;
import dev.mpc.redact.Redactor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Category {@code redaction} (conformance spec §3.12): masks {@code data} with a
 * {@link Redactor} configured from {@code config} and returns {@code {"data": <redacted>}}.
 *
 * <p>Upstream compatibility lives here, not in the engine: without {@code "mode": "strict"} the
 * redactor is configured as upstream's — its nine default keys, which {@code config.deny_keys}
 * <b>replaces</b>; {@link KeyMatching#EXACT} (case-insensitive equality only); case-sensitive
 * patterns, with runs of {@code *} collapsed to one (in {@code fnmatch} {@code **} is {@code *});
 * {@code null} values left unmasked; no value detectors; {@code mask_value} converted with
 * Python's {@code str}.
 *
 * <p>With {@code "mode": "strict"} (MPC for the JVM's own fixtures) the engine's defaults apply
 * and {@code config} may say: {@code deny_keys} (added to the defaults),
 * {@code replace_default_keys} (bool), {@code deny_patterns}, {@code mask_value} (string),
 * {@code redact_nulls} (bool), {@code case_sensitive_patterns} (bool), {@code key_matching}
 * ({@code exact}, {@code normalized}, {@code suffix}), {@code detectors} (names of
 * {@link Detector}, lower case). A {@code text} input is redacted as free text into
 * {@code "text"}. An invalid configuration gives {@code {"errors": [...]}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedactionHandler implements CategoryHandler {
  /** Upstream's default deny keys (engines.md §9.2). */
  static final List<String> UPSTREAM_DEFAULT_KEYS = List.of(
      "password", "secret", "token", "apiKey", "api_key", "authorization", "ssn", "creditCard", "credit_card");

  @Override
  public String category() {
    return "redaction";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    boolean strict = Outputs.strict(input);
    JsonValue configValue = input.get("config").orElse(JsonObject.EMPTY);
    if (!(configValue instanceof JsonObject config)) {
      throw new IllegalArgumentException("redaction 'config' must be an object");
    }
    Redactor.Builder b = Redactor.builder();
    if (strict) {
      configureStrict(b, config);
    } else {
      configureCompat(b, config);
    }
    Result<Redactor> built = b.build();
    if (!(built instanceof Result.Ok<Redactor> ok)) {
      return Outputs.errors(built.diagnostics());
    }
    Redactor r = ok.get();
    JsonObject.Builder out = JsonObject.builder().put("data", r.redact(input.get("data").orElse(JsonNull.INSTANCE)));
    if (strict && input.getOrNull("text") instanceof JsonString text) {
      out.put("text", r.redactText(text.value()));
    }
    return out.build();
  }

  private static void configureCompat(Redactor.Builder b, JsonObject config) {
    b.replaceDefaultKeys().keyMatching(KeyMatching.EXACT).caseSensitivePatterns(true).redactNulls(false)
        .detectors(Set.of());
    b.denyKeys(config.getOrNull("deny_keys") instanceof JsonArray ? strings(config, "deny_keys") : UPSTREAM_DEFAULT_KEYS);
    for (String p : strings(config, "deny_patterns")) {
      b.denyPatterns(p.replaceAll("\\*{2,}", "*"));
    }
    if (config.has("mask_value")) {
      b.maskValue(PythonText.str(config.getOrNull("mask_value")));
    }
  }

  private static void configureStrict(Redactor.Builder b, JsonObject config) {
    b.denyKeys(strings(config, "deny_keys"));
    if (bool(config, "replace_default_keys", false)) {
      b.replaceDefaultKeys();
    }
    b.denyPatterns(strings(config, "deny_patterns"));
    if (config.getOrNull("mask_value") instanceof JsonString m) {
      b.maskValue(m.value());
    }
    b.redactNulls(bool(config, "redact_nulls", true));
    b.caseSensitivePatterns(bool(config, "case_sensitive_patterns", false));
    if (config.getOrNull("key_matching") instanceof JsonString k) {
      b.keyMatching(KeyMatching.valueOf(k.value().toUpperCase(Locale.ROOT)));
    }
    if (config.has("detectors")) {
      EnumSet<Detector> ds = EnumSet.noneOf(Detector.class);
      for (String d : strings(config, "detectors")) {
        ds.add(Detector.valueOf(d.toUpperCase(Locale.ROOT)));
      }
      b.detectors(ds);
    }
  }

  private static List<String> strings(JsonObject o, String key) {
    JsonValue v = o.getOrNull(key);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException("redaction config '" + key + "' must be an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue item : a.items()) {
      if (!(item instanceof JsonString s)) {
        throw new IllegalArgumentException("redaction config '" + key + "' must hold strings");
      }
      out.add(s.value());
    }
    return out;
  }

  private static boolean bool(JsonObject o, String key, boolean dflt) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonBool b) {
      return b.value();
    }
    throw new IllegalArgumentException("redaction config '" + key + "' must be a boolean");
  }
}
