package dev.mpc.contract;

import dev.mpc.json.JsonType;
import java.util.List;
import java.util.Optional;

/**
 * The intent taxonomy: every kind of side effect an engine may recommend, with the parameters
 * each kind requires (engines.md §2.5). Hosts execute intents; engines never do.
 *
 * <p>Every kind requires a {@code target}. Kinds marked {@link #idempotencyKeyRequired()} also
 * require an {@code idempotencyKey}, so that a host executing the intent twice has an effect once.
 *
 * <p>Immutable and thread-safe.
 */
public enum IntentKind {
  /** Mask a field (target: dot-path of the field). Optional {@code mask} (default {@code ***}). */
  MASK_FIELD("maskField", false, List.of(), List.of(p("mask", JsonType.STRING))),
  /** Notify a recipient (target: user, channel or topic). Requires {@code template}. */
  NOTIFY("notify", true, List.of(p("template", JsonType.STRING)), List.of(p("data", JsonType.OBJECT))),
  /** Revoke a token, session or grant (target: its id). Optional {@code reason}. */
  REVOKE("revoke", true, List.of(), List.of(p("reason", JsonType.STRING))),
  /** Grant a role (target: actor id). Requires {@code role}. */
  GRANT_ROLE("grantRole", true, List.of(p("role", JsonType.STRING)), List.of()),
  /** Write an audit record (target: audited resource id). Requires {@code action} and {@code actor}. */
  AUDIT("audit", true, List.of(p("action", JsonType.STRING), p("actor", JsonType.STRING)),
      List.of(p("artifactHash", JsonType.STRING))),
  /** Transform an object (target: object id). Requires {@code operation}. */
  TRANSFORM("transform", false, List.of(p("operation", JsonType.STRING)), List.of(p("input", JsonType.OBJECT))),
  /** Tag an object (target: object id). Requires {@code tags}. */
  TAG("tag", false, List.of(p("tags", JsonType.OBJECT)), List.of()),
  /** Rate-limit an actor or resource. Requires {@code limitKey}, {@code windowMs}, {@code maxRequests}. */
  RATE_LIMIT("rateLimit", false,
      List.of(p("limitKey", JsonType.STRING), p("windowMs", JsonType.INT), p("maxRequests", JsonType.INT)), List.of()),
  /** Redirect (target: destination path). Optional {@code permanent} (default false, i.e. 302). */
  REDIRECT("redirect", false, List.of(), List.of(p("permanent", JsonType.BOOL))),
  /** Publish an artifact (target: artifact id). Requires {@code artifactHash}. */
  PUBLISH("publish", true, List.of(p("artifactHash", JsonType.STRING)), List.of()),
  /** Roll back (target: namespace or resource id). Requires {@code artifactHash}. */
  ROLLBACK("rollback", true, List.of(p("artifactHash", JsonType.STRING)), List.of());

  /**
   * A parameter of an intent kind.
   *
   * @param name parameter name
   * @param type its JSON type
   */
  public record Param(String name, JsonType type) {}

  private final String wireName;
  private final boolean idempotencyKeyRequired;
  private final List<Param> requiredParams;
  private final List<Param> optionalParams;

  IntentKind(String wireName, boolean idempotencyKeyRequired, List<Param> required, List<Param> optional) {
    this.wireName = wireName;
    this.idempotencyKeyRequired = idempotencyKeyRequired;
    this.requiredParams = required;
    this.optionalParams = optional;
  }

  private static Param p(String name, JsonType type) {
    return new Param(name, type);
  }

  /** The wire name, e.g. {@code maskField}. */
  public String wireName() {
    return wireName;
  }

  /** Whether intents of this kind must carry an idempotency key. */
  public boolean idempotencyKeyRequired() {
    return idempotencyKeyRequired;
  }

  /** Parameters that must be present. */
  public List<Param> requiredParams() {
    return requiredParams;
  }

  /** Parameters that may be present (others are allowed and passed through). */
  public List<Param> optionalParams() {
    return optionalParams;
  }

  /** The kind with wire name {@code name}, if registered. */
  public static Optional<IntentKind> fromWireName(String name) {
    for (IntentKind k : values()) {
      if (k.wireName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
