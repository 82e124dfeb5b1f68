package dev.mpc.expr;

import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;

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
   * {@code allowRegex} and {@code strictFunctionAllowlist}; a missing or non-boolean flag keeps
   * its default.
   */
  public static Features fromPreset(JsonObject featureFlags) {
    return new Features(
        flag(featureFlags, "allowNowFunction", true),
        flag(featureFlags, "allowRegex", true),
        flag(featureFlags, "strictFunctionAllowlist", false));
  }

  private static boolean flag(JsonObject o, String key, boolean dflt) {
    JsonValue v = o.getOrNull(key);
    return v instanceof JsonBool b ? b.value() : dflt;
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
