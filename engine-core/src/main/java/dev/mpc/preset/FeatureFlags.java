package dev.mpc.preset;

/**
 * Feature switches of a preset. Unlike upstream MPC, where these flags are dead, MPC for the JVM
 * enforces them: {@code now()} and regex functions are rejected at compile time when disabled,
 * and ACLs deny when no rule matches under {@code denyByDefaultACL}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowNowFunction whether expressions may call {@code now()}
 * @param allowRegex whether expressions may use regular expressions
 * @param denyByDefaultACL whether an ACL with no matching rule denies
 * @param uiSchemaHints whether UI schema generation adds presentation hints
 */
public record FeatureFlags(boolean allowNowFunction, boolean allowRegex, boolean denyByDefaultACL, boolean uiSchemaHints) {
  /** The flags a preset without {@code featureFlags} gets: everything allowed, ACLs deny by default. */
  public static final FeatureFlags DEFAULTS = new FeatureFlags(true, true, true, false);
}
