package dev.mpc.preset;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Features;
import dev.mpc.expr.Limits;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.FunctionDef;
import dev.mpc.meta.TypeNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A preset: limits, feature flags, default functions and the default composition strategy, under
 * a name and version ({@code preset-*.json}).
 *
 * <p>Load one with {@link #fromJson} (every problem is reported at once, with the member path) or
 * take a standard one with {@link #standard(String)}: {@code preset-generic-full},
 * {@code preset-generic-min}, {@code preset-security-hardened}, {@code preset-ui-friendly}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the preset name
 * @param presetVersion the preset's version
 * @param metaSchemaVersion the DomainMeta schema version the preset targets
 * @param limits the limits
 * @param defaultFunctions function declarations the preset contributes
 * @param featureFlags feature switches
 * @param composeStrategy how engine decisions combine by default
 */
public record Preset(
    String name, String presetVersion, int metaSchemaVersion, PresetLimits limits, List<FunctionDef> defaultFunctions,
    FeatureFlags featureFlags, ComposeStrategy composeStrategy) {

  /** The names of the standard presets shipped in the jar. */
  public static final List<String> STANDARD =
      List.of("preset-generic-full", "preset-generic-min", "preset-security-hardened", "preset-ui-friendly");

  private static final Set<String> KEYS = Set.of("presetVersion", "name", "metaSchemaVersion", "defaultLimits",
      "defaultFunctions", "featureFlags", "defaultPolicyStrategy");
  private static final Set<String> LIMIT_KEYS = Set.of("maxManifestNodes", "maxExprSteps", "maxExprDepth",
      "maxEvalTimeMs", "maxRegexOps", "maxManifestChars", "maxManifestDepth", "maxManifestValues", "maxYamlAliases",
      "maxParseErrors", "maxEvalAllocSize");
  private static final Set<String> FLAG_KEYS =
      Set.of("allowNowFunction", "allowRegex", "denyByDefaultACL", "uiSchemaHints", "strictFunctionAllowlist");
  private static final Set<String> FUNCTION_KEYS = Set.of("name", "args", "returns", "cost");
  private static final Set<String> STRATEGY_KEYS = Set.of("compose");

  /** Creates a preset. */
  public Preset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(presetVersion, "presetVersion");
    Objects.requireNonNull(limits, "limits");
    defaultFunctions = List.copyOf(defaultFunctions);
    Objects.requireNonNull(featureFlags, "featureFlags");
    Objects.requireNonNull(composeStrategy, "composeStrategy");
  }

  /**
   * The standard preset {@code name}, loaded from the jar.
   *
   * @throws IllegalArgumentException if there is no standard preset of that name
   */
  public static Preset standard(String name) {
    if (!STANDARD.contains(name)) {
      throw new IllegalArgumentException("no standard preset '" + name + "'; standard presets: " + STANDARD);
    }
    try (InputStream in = Preset.class.getResourceAsStream(name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("standard preset " + name + " is missing from the engine-core jar");
      }
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a preset from JSON text. */
  public static Result<Preset> fromJson(String json) {
    return Json.parse(json).flatMap(Preset::fromJson);
  }

  /**
   * Reads a preset. Unknown members (the message names the known ones), wrong types, limits out
   * of range (refused, never clamped: e.g. {@code maxExprDepth} above
   * {@value PresetLimits#MAX_EXPR_DEPTH}), unknown type names in functions and unknown strategies
   * are all reported, each with its member path. Absent members take upstream's fallbacks ({@link PresetLimits#FALLBACK}, {@link FeatureFlags#DEFAULTS},
   * {@code deny-wins}).
   */
  public static Result<Preset> fromJson(JsonValue json) {
    List<Diagnostic> problems = new ArrayList<>();
    if (!(json instanceof JsonObject o)) {
      return Result.failed(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED, "preset must be a JSON object"));
    }
    unknownKeys(o, KEYS, "", problems);
    String name = string(o, "name", "name", problems);
    String version = string(o, "presetVersion", "presetVersion", problems);
    int metaVersion = (int) integer(o.getOrNull("metaSchemaVersion"), "metaSchemaVersion", 1, 1, problems);

    PresetLimits fb = PresetLimits.FALLBACK;
    JsonObject l = object(o, "defaultLimits", problems);
    unknownKeys(l, LIMIT_KEYS, "defaultLimits.", problems);
    long nodes = limit(l, "maxManifestNodes", fb.maxManifestNodes(), 1, Integer.MAX_VALUE, problems);
    long steps = limit(l, "maxExprSteps", fb.maxExprSteps(), 1, PresetLimits.MAX_EXPR_STEPS, problems);
    long depth = limit(l, "maxExprDepth", fb.maxExprDepth(), 1, PresetLimits.MAX_EXPR_DEPTH, problems);
    long time = limit(l, "maxEvalTimeMs", fb.maxEvalTimeMs(), 0, Integer.MAX_VALUE, problems);
    long regex = limit(l, "maxRegexOps", fb.maxRegexOps(), 0, PresetLimits.MAX_EXPR_STEPS, problems);
    long chars = limit(l, "maxManifestChars", fb.maxManifestChars(), 1, Long.MAX_VALUE, problems);
    long mdepth = limit(l, "maxManifestDepth", fb.maxManifestDepth(), 1, PresetLimits.MAX_MANIFEST_DEPTH, problems);
    long values = limit(l, "maxManifestValues", fb.maxManifestValues(), 1, Long.MAX_VALUE, problems);
    long aliases = limit(l, "maxYamlAliases", fb.maxYamlAliases(), 0, Integer.MAX_VALUE, problems);
    long errors = limit(l, "maxParseErrors", fb.maxParseErrors(), 1, Integer.MAX_VALUE, problems);
    long alloc = limit(l, "maxEvalAllocSize", fb.maxEvalAllocSize(), 0, Limits.MAX_ALLOC_CAP, problems);

    List<FunctionDef> functions = new ArrayList<>();
    JsonValue fv = o.getOrNull("defaultFunctions");
    if (fv != null && !(fv instanceof JsonArray)) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, "defaultFunctions", "must be an array"));
    } else if (fv instanceof JsonArray fa) {
      for (int i = 0; i < fa.size(); i++) {
        function(fa.get(i), "defaultFunctions[" + i + "]", problems).ifPresent(functions::add);
      }
    }

    FeatureFlags d = FeatureFlags.DEFAULTS;
    JsonObject f = object(o, "featureFlags", problems);
    unknownKeys(f, FLAG_KEYS, "featureFlags.", problems);
    FeatureFlags flags = new FeatureFlags(
        bool(f, "allowNowFunction", d.allowNowFunction(), problems), bool(f, "allowRegex", d.allowRegex(), problems),
        bool(f, "denyByDefaultACL", d.denyByDefaultACL(), problems), bool(f, "uiSchemaHints", d.uiSchemaHints(), problems),
        bool(f, "strictFunctionAllowlist", d.strictFunctionAllowlist(), problems));

    ComposeStrategy strategy = ComposeStrategy.DENY_WINS;
    JsonObject s = object(o, "defaultPolicyStrategy", problems);
    unknownKeys(s, STRATEGY_KEYS, "defaultPolicyStrategy.", problems);
    JsonValue c = s.getOrNull("compose");
    if (c instanceof JsonString cs) {
      Optional<ComposeStrategy> parsed = ComposeStrategy.fromWireName(cs.value());
      if (parsed.isPresent()) {
        strategy = parsed.get();
      } else {
        problems.add(problem(Code.E_PARSE_INVALID_TOKEN, "defaultPolicyStrategy.compose",
            "'" + cs.value() + "' is not one of [deny-wins, allow-wins, first-applicable, only-one]"));
      }
    } else if (c != null) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, "defaultPolicyStrategy.compose", "must be a string"));
    }
    if (!problems.isEmpty()) {
      return Result.failed(problems);
    }
    return Result.ok(new Preset(name, version, metaVersion,
        new PresetLimits((int) nodes, (int) steps, (int) depth, time, (int) regex, chars, (int) mdepth, values,
            (int) aliases, (int) errors, (int) alloc), functions, flags, strategy));
  }

  /**
   * The expression budgets this preset sets: {@code maxExprSteps}, {@code maxExprDepth},
   * {@code maxEvalTimeMs}, {@code maxRegexOps}, {@code maxEvalAllocSize} (the other expression caps
   * keep their defaults).
   */
  public Limits exprLimits() {
    return Limits.defaults().withMaxExprSteps(limits.maxExprSteps()).withMaxExprDepth(limits.maxExprDepth())
        .withMaxEvalTimeMs(limits.maxEvalTimeMs()).withMaxRegexOps(limits.maxRegexOps())
        .withMaxEvalAllocSize(limits.maxEvalAllocSize());
  }

  /**
   * The expression feature flags this preset sets: {@code allowNowFunction}, {@code allowRegex},
   * {@code strictFunctionAllowlist}.
   */
  public Features exprFeatures() {
    return new Features(featureFlags.allowNowFunction(), featureFlags.allowRegex(), featureFlags.strictFunctionAllowlist());
  }

  private static Optional<FunctionDef> function(JsonValue v, String path, List<Diagnostic> problems) {
    if (!(v instanceof JsonObject o)) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, path, "must be an object"));
      return Optional.empty();
    }
    int before = problems.size();
    unknownKeys(o, FUNCTION_KEYS, path + ".", problems);
    String name = string(o, "name", path + ".name", problems);
    List<String> args = new ArrayList<>();
    JsonValue a = o.getOrNull("args");
    if (a instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i) instanceof JsonString t && TypeNames.isValid(t.value())) {
          args.add(t.value());
        } else {
          problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, path + ".args[" + i + "]", "not a known type: " + arr.get(i)));
        }
      }
    } else if (a != null) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, path + ".args", "must be an array of type names"));
    }
    String returns = o.getOrNull("returns") == null ? "any" : string(o, "returns", path + ".returns", problems);
    if (returns != null && !TypeNames.isValid(returns)) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, path + ".returns", "not a known type: '" + returns + "'"));
    }
    long cost = integer(o.getOrNull("cost"), path + ".cost", 1, 0, problems);
    return problems.size() == before ? Optional.of(new FunctionDef(name, args, returns, (int) cost)) : Optional.empty();
  }

  private static Diagnostic problem(Code code, String path, String message) {
    return Diagnostic.of(code, "preset " + path + ": " + message).withPath(path);
  }

  private static void unknownKeys(JsonObject o, Set<String> known, String prefix, List<Diagnostic> problems) {
    for (String k : o.members().keySet()) {
      if (!known.contains(k)) {
        problems.add(problem(Code.E_PARSE_INVALID_TOKEN, prefix + k, "unknown key '" + k + "'; known keys: "
            + known.stream().sorted().toList()));
      }
    }
  }

  private static JsonObject object(JsonObject o, String key, List<Diagnostic> problems) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      return JsonObject.EMPTY;
    }
    if (v instanceof JsonObject obj) {
      return obj;
    }
    problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, key, "must be an object"));
    return JsonObject.EMPTY;
  }

  private static String string(JsonObject o, String key, String path, List<Diagnostic> problems) {
    JsonValue v = o.getOrNull(key);
    if (v instanceof JsonString s && !s.value().isEmpty()) {
      return s.value();
    }
    problems.add(problem(v == null ? Code.E_META_MISSING_REQUIRED_FIELD : Code.E_META_TYPE_NOT_ALLOWED, path,
        v == null ? "is required" : "must be a non-empty string"));
    return null;
  }

  private static long integer(JsonValue v, String path, long fallback, long min, List<Diagnostic> problems) {
    return integer(v, path, fallback, min, Integer.MAX_VALUE, problems);
  }

  private static long limit(JsonObject limits, String key, long fallback, long min, long max, List<Diagnostic> problems) {
    return integer(limits.getOrNull(key), "defaultLimits." + key, fallback, min, max, problems);
  }

  /** An integer in {@code [min, max]}; out of range is refused (coded), never clamped. */
  private static long integer(JsonValue v, String path, long fallback, long min, long max, List<Diagnostic> problems) {
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof JsonInt i) || !i.fitsLong() || (max <= Integer.MAX_VALUE && i.value().bitLength() > 31)) {
      problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, path, "must be an integer in [" + min + ", " + max + "], got " + v));
      return fallback;
    }
    long value = i.value().longValue();
    if (value < min || value > max) {
      problems.add(problem(Code.E_PARSE_INVALID_TOKEN, path,
          (value < min ? "must be at least " + min : "must be at most " + max) + ", got " + i));
      return fallback;
    }
    return value;
  }

  private static boolean bool(JsonObject o, String key, boolean fallback, List<Diagnostic> problems) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonBool b) {
      return b.value();
    }
    problems.add(problem(Code.E_META_TYPE_NOT_ALLOWED, "featureFlags." + key, "must be a boolean"));
    return fallback;
  }
}
