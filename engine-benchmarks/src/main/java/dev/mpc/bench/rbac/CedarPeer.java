package dev.mpc.bench.rbac;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario in cedar-java: one {@code permit(principal in Role::"r", action == Action::"a",
 * resource == Resource::"x");} per rule, roles as {@code Role} entities whose parents are the roles
 * they inherit, actors as {@code User} entities whose parents are their roles. The policy set is
 * parsed once and handed to the native side once ({@link PolicySet#cache()}), so a decision sends
 * only the request and its entities across JNI.
 *
 * <p>Entities per request: the actor's {@code User} entity and the {@code Role} entities it can reach
 * (what a host would load from its entity store for that actor), prepared once per actor outside the
 * timed code; the hierarchy walk itself ({@code principal in Role::...}) is Cedar's.
 */
public final class CedarPeer {

  private static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
  private static final EntityTypeName ROLE = EntityTypeName.parse("Role").orElseThrow();
  private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
  private static final EntityTypeName RESOURCE = EntityTypeName.parse("Resource").orElseThrow();

  private CedarPeer() {}

  /** Parses the policy text and caches the policy set on the native side. */
  public static PolicySet build(String policies) throws InternalException, CacheException {
    PolicySet set = PolicySet.parsePolicies(policies);
    set.cache();
    return set;
  }

  /** A request ready to send: the request and the actor's entities. */
  public record Prepared(AuthorizationRequest request, Set<Entity> entities) {}

  /** Per actor: its {@code User} entity plus every {@code Role} entity reachable from its roles. */
  public static Map<String, Set<Entity>> entities(RbacScenario s) {
    Map<String, Set<Entity>> out = new HashMap<>();
    for (RbacScenario.Actor a : s.actors().values()) {
      Set<EntityUID> parents = new HashSet<>();
      Set<String> reachable = new LinkedHashSet<>();
      for (String role : a.roles()) {
        parents.add(ROLE.of(role));
        reachable.addAll(s.closure(role));
      }
      Set<Entity> es = new HashSet<>();
      es.add(new Entity(USER.of(a.id()), parents));
      for (String role : reachable) {
        Set<EntityUID> rp = new HashSet<>();
        for (String p : s.inherits().getOrDefault(role, List.of())) {
          rp.add(ROLE.of(p));
        }
        es.add(new Entity(ROLE.of(role), rp));
      }
      out.put(a.id(), es);
    }
    return out;
  }

  /** The request of a scenario request, with its actor's entities. */
  public static Prepared prepare(Map<String, Set<Entity>> entities, RbacScenario.Request r) {
    AuthorizationRequest q = new AuthorizationRequest(USER.of(r.actorId()), ACTION.of(r.action()),
        RESOURCE.of(r.resource()), Map.of());
    return new Prepared(q, entities.getOrDefault(r.actorId(), Set.of(new Entity(USER.of(r.actorId())))));
  }

  /** One decision. */
  public static boolean decide(BasicAuthorizationEngine engine, PolicySet set, Prepared p) throws AuthException {
    AuthorizationResponse resp = engine.isAuthorized(p.request(), set, p.entities());
    if (resp.type != AuthorizationResponse.SuccessOrFailure.Success) {
      throw new IllegalStateException("cedar: " + resp.errors);
    }
    return resp.success.orElseThrow().isAllowed();
  }
}
