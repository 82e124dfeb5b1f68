package dev.mpc.bench.rbac.sapl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpc.bench.rbac.RbacScenario;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.api.pdp.Decision;
import io.sapl.interpreter.InitializationException;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.PolicyDecisionPointFactory;
import java.util.List;
import java.util.Map;

/**
 * The scenario in SAPL 3.0.0 (embedded, in-memory PDP, {@code deny-unless-permit}). SAPL has no role
 * hierarchy, so each rule becomes one policy document whose target matches the action and resource
 * and whose body accepts any role that holds the rule's role (the role and every role inheriting it):
 * {@code policy "r7" permit action == "read" & resource == "orders" where "viewer" in subject.roles ||
 * "editor" in subject.roles || ...;}. The subject is {@code {"id": actor, "roles": [direct roles]}}.
 * SAPL is reactive only: a decision is {@code decideOnce(subscription).block()}.
 *
 * <p>Only on the plain class path (see BENCHMARKS.md): SAPL is a {@code provided} dependency, never
 * shaded into benchmarks.jar.
 */
public final class SaplPeer {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SaplPeer() {}

  /** Builds an embedded PDP over the documents (deny unless permit, no variables). */
  public static EmbeddedPolicyDecisionPoint build(List<String> documents) throws InitializationException {
    return PolicyDecisionPointFactory.fixedInRamPolicyDecisionPoint(documents,
        PolicyDocumentCombiningAlgorithm.DENY_UNLESS_PERMIT, Map.of());
  }

  /** The subscription of a scenario request. */
  public static AuthorizationSubscription subscription(RbacScenario s, RbacScenario.Request r) {
    ObjectNode subject = JsonNodeFactory.instance.objectNode();
    subject.put("id", r.actorId());
    ArrayNode roles = subject.putArray("roles");
    RbacScenario.Actor a = s.actors().get(r.actorId());
    if (a != null) {
      a.roles().forEach(roles::add);
    }
    return AuthorizationSubscription.of(subject, r.action(), r.resource(), MAPPER);
  }

  /** One decision: the first decision of the reactive stream. */
  public static boolean decide(EmbeddedPolicyDecisionPoint pdp, AuthorizationSubscription sub) {
    AuthorizationDecision d = pdp.decideOnce(sub).block();
    return d != null && d.getDecision() == Decision.PERMIT;
  }
}
