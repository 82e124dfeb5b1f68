package dev.mpc.preset;

/**
 * Feature switches of a preset ({@code featureFlags}). Unlike upstream MPC, where these flags are
 * dead, MPC for the JVM enforces them: {@code now()} and regex functions are rejected at compile
 * time when disabled, only DomainMeta-declared functions are callable under
 * {@code strictFunctionAllowlist}, and ACLs deny when no rule matches under
 * {@code denyByDefaultACL}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowNowFunction whether expressions may call {@code now()} (default true)
 * @param allowRegex whether expressions may use regular expressions (default true)
 * @param denyByDefaultACL whether an ACL with no matching rule denies (default true)
 * @param uiSchemaHints whether UI schema generation adds presentation hints (default false)
 * @param strictFunctionAllowlist whether only functions declared in the DomainMeta may be called,
 *     built-ins included (default false; MPC for the JVM's own flag)
 */
public record FeatureFlags(
    boolean allowNowFunction, boolean allowRegex, boolean denyByDefaultACL, boolean uiSchemaHints,
    boolean strictFunctionAllowlist) {
  /** The flags a preset without {@code featureFlags} gets: everything allowed, ACLs deny by default. */
  public static final FeatureFlags DEFAULTS = new FeatureFlags(true, true, true, false, false);
}
