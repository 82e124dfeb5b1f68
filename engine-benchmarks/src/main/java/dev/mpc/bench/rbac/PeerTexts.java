package dev.mpc.bench.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario rendered into each peer's native text. Kept apart from the peer adapters and free of
 * any engine class, so a cold-build benchmark can prepare the text without loading the engine it is
 * about to time.
 */
public final class PeerTexts {

  private PeerTexts() {}

  /** jCasbin's basic RBAC model (the one in its README), default deny. */
  public static final String CASBIN_MODEL = String.join("\n",
      "[request_definition]",
      "r = sub, obj, act",
      "",
      "[policy_definition]",
      "p = sub, obj, act",
      "",
      "[role_definition]",
      "g = _, _",
      "",
      "[policy_effect]",
      "e = some(where (p.eft == allow))",
      "",
      "[matchers]",
      "m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act",
      "");

  /** The policy text: one {@code p} line per rule, {@code g} lines for the hierarchy and the actors. */
  public static String casbinPolicy(RbacScenario s) {
    StringBuilder sb = new StringBuilder();
    for (RbacScenario.Rule r : s.rules()) {
      sb.append("p, ").append(r.role()).append(", ").append(r.resource()).append(", ").append(r.action())
          .append('\n');
    }
    for (Map.Entry<String, List<String>> e : s.inherits().entrySet()) {
      for (String parent : e.getValue()) {
        sb.append("g, ").append(e.getKey()).append(", ").append(parent).append('\n');
      }
    }
    for (RbacScenario.Actor a : s.actors().values()) {
      for (String role : a.roles()) {
        sb.append("g, ").append(a.id()).append(", ").append(role).append('\n');
      }
    }
    return sb.toString();
  }

  /** The policy text: one {@code permit} per rule. */
  public static String cedarPolicies(RbacScenario s) {
    StringBuilder sb = new StringBuilder();
    for (RbacScenario.Rule r : s.rules()) {
      sb.append("permit(principal in Role::\"").append(r.role()).append("\", action == Action::\"")
          .append(r.action()).append("\", resource == Resource::\"").append(r.resource()).append("\");\n");
    }
    return sb.toString();
  }

  /**
   * One SAPL policy document per rule. SAPL has no role hierarchy, so the body accepts every role
   * holding the rule's role (the role and every role inheriting it).
   */
  public static List<String> saplDocuments(RbacScenario s) {
    List<String> docs = new ArrayList<>(s.rules().size());
    int i = 0;
    for (RbacScenario.Rule r : s.rules()) {
      StringBuilder sb = new StringBuilder();
      sb.append("policy \"r").append(i++).append("\" permit action == \"").append(r.action())
          .append("\" & resource == \"").append(r.resource()).append("\" where ");
      Set<String> holders = s.holdersOf(r.role());
      boolean first = true;
      for (String h : holders) {
        if (!first) {
          sb.append(" || ");
        }
        first = false;
        sb.append('"').append(h).append("\" in subject.roles");
      }
      sb.append(';');
      docs.add(sb.toString());
    }
    return docs;
  }

}
