package dev.mpc.spring.security;

import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Turns Spring Security's {@link Authentication} into the engine's {@link Actor}. The default
 * ({@link #standard()}) takes the name as the id and each authority as a role ({@code ROLE_}
 * prefix removed); an anonymous or missing authentication is the actor {@code anonymous} without
 * roles. Declare a bean of this type to map claims, tenants or service accounts your way.
 */
@FunctionalInterface
public interface MpcActorResolver {
  /**
   * The actor of {@code authentication} (null when there is none).
   *
   * @param authentication the authentication
   * @return the actor of {@code authentication} (null when there is none)
   */
  Actor actorOf(Authentication authentication);

  /**
   * The default mapping.
   *
   * @return the default mapping
   */
  static MpcActorResolver standard() {
    return authentication -> {
      if (authentication == null || !authentication.isAuthenticated()
          || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
        return new Actor("anonymous", ActorType.USER, List.of(), JsonObject.EMPTY);
      }
      List<String> roles = new ArrayList<>();
      for (GrantedAuthority a : authentication.getAuthorities()) {
        String name = a.getAuthority();
        if (name != null && !name.isBlank()) {
          roles.add(name.startsWith("ROLE_") ? name.substring(5) : name);
        }
      }
      return new Actor(authentication.getName(), ActorType.USER, roles, JsonObject.EMPTY);
    };
  }
}
