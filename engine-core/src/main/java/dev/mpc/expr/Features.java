package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature flags of the expression language, enforced at compile time: a call to a disabled
 * function is {@code E_META_FUNCTION_NOT_ALLOWED}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowNowFunction whether {@code now()} may be called (preset flag
 *     {@code allowNowFunction}, default true)
 * @param allowRegex whether {@code regex()} and the {@code matches} operator may be used (preset
 *     flag {@code allowRegex}, default true)
 * @param strictAllowlist whether only functions declared in DomainMeta may be called (built-ins
 *     included); default false: built-ins are always callable
 */
public record Features(boolean allowNowFunction, boolean allowRegex, boolean strictAllowlist) {
  private static final Features DEFAULTS = new Features(true, true, false);

  /** Everything allowed, built-ins callable without declaration. */
  public static Features defaults() {
    return DEFAULTS;
  }

  /**
   * Flags from a preset's {@code featureFlags} object: {@code allowNowFunction},
   * {@code allowRegex} and {@code strictFunctionAllowlist}; a missing flag keeps its default, a
   * flag that is not a boolean is {@code E_META_TYPE_NOT_ALLOWED} naming it (never silently the
   * default). Other members are not read here ({@link dev.mpc.preset.Preset#fromJson} checks a
   * whole preset).
   */
  public static Result<Features> fromPreset(JsonObject featureFlags) {
    List<Diagnostic> problems = new ArrayList<>();
    Features f = new Features(
        flag(featureFlags, "allowNowFunction", true, problems),
        flag(featureFlags, "allowRegex", true, problems),
        flag(featureFlags, "strictFunctionAllowlist", false, problems));
    return problems.isEmpty() ? Result.ok(f) : Result.failed(problems);
  }

  private static boolean flag(JsonObject o, String key, boolean dflt, List<Diagnostic> problems) {
    JsonValue v = o.getOrNull(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v instanceof JsonBool b) {
      return b.value();
    }
    problems.add(Diagnostic.of(Code.E_META_TYPE_NOT_ALLOWED,
        "featureFlags." + key + " must be a boolean, found " + v.type().typeName()));
    return dflt;
  }

  /** These flags with another {@link #allowNowFunction}. */
  public Features withAllowNowFunction(boolean value) {
    return new Features(value, allowRegex, strictAllowlist);
  }

  /** These flags with another {@link #allowRegex}. */
  public Features withAllowRegex(boolean value) {
    return new Features(allowNowFunction, value, strictAllowlist);
  }

  /** These flags with another {@link #strictAllowlist}. */
  public Features withStrictAllowlist(boolean value) {
    return new Features(allowNowFunction, allowRegex, value);
  }
}
