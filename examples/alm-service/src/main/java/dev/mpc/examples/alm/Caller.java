package dev.mpc.examples.alm;

import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who calls: the actor (token subject, roles from the {@code roles} claim) and the tenant (the
 * {@code tenant} claim). A token without a tenant is refused.
 *
 * @param actor the engine's actor
 * @param tenant the caller's tenant
 */
public record Caller(Actor actor, String tenant) {
  /** The caller of {@code auth}. */
  static Caller of(Authentication auth) {
    if (!(auth instanceof JwtAuthenticationToken jwt)) {
      throw new org.springframework.security.access.AccessDeniedException("a bearer token is required");
    }
    Jwt token = jwt.getToken();
    String tenant = token.getClaimAsString("tenant");
    if (tenant == null || tenant.isBlank() || tenant.length() > 200) {
      throw new org.springframework.security.access.AccessDeniedException("the token names no tenant");
    }
    List<String> roles = new ArrayList<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      String n = a.getAuthority();
      if (n.startsWith("ROLE_")) {
        roles.add(n.substring(5));
      }
    }
    Actor actor = new Actor(token.getSubject(), ActorType.USER, roles,
        JsonObject.builder().put("tenant", tenant).build());
    return new Caller(actor, tenant);
  }

  /** Whether the caller holds {@code role} directly. */
  boolean has(String role) {
    return actor.roles().contains(role);
  }
}
