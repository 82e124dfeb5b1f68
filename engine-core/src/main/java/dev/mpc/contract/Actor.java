package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * The actor of an event.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id non-empty actor id
 * @param type what kind of actor
 * @param roles role names, each non-empty (empty list when none)
 * @param claims open attributes (e.g. tenant, department), used by attribute-based rules; empty
 *     when none
 */
public record Actor(String id, ActorType type, List<String> roles, JsonObject claims) {
  /** Creates an actor. */
  public Actor {
    Contracts.requireNonEmpty(id, "Actor.id");
    Objects.requireNonNull(type, "Actor.type");
    roles = List.copyOf(roles);
    for (String r : roles) {
      Contracts.requireNonEmpty(r, "Actor.roles[]");
    }
    Objects.requireNonNull(claims, "Actor.claims");
  }

  /** A user with roles and no claims. */
  public static Actor user(String id, String... roles) {
    return new Actor(id, ActorType.USER, List.of(roles), JsonObject.EMPTY);
  }
}
