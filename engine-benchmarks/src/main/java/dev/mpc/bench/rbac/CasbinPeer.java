package dev.mpc.bench.rbac;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.file_adapter.FileAdapter;

/**
 * The scenario in jCasbin: the standard RBAC model with role inheritance ({@code g} rules) and the
 * policy as CSV lines ({@code p} rules; {@code g, child, parent} for the hierarchy and
 * {@code g, actor, role} for the assignments), loaded through jCasbin's own file adapter from memory.
 * A decision is {@code Enforcer.enforce(actor, resource, action)}.
 */
public final class CasbinPeer {

  /** jCasbin's basic RBAC model (the one in its README), default deny. */
  public static final String MODEL = String.join("\n",
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

  private CasbinPeer() {}

  /** The policy text: one {@code p} line per rule, {@code g} lines for the hierarchy and the actors. */
  public static String policy(RbacScenario s) {
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

  /** Builds an enforcer from the model text and the policy text (both in memory). */
  public static Enforcer build(String model, String policy) {
    Model m = Model.newModelFromString(model);
    Enforcer e = new Enforcer(m, new FileAdapter(new ByteArrayInputStream(policy.getBytes(StandardCharsets.UTF_8))),
        false);
    return e;
  }

  /** One decision. */
  public static boolean decide(Enforcer e, RbacScenario.Request r) {
    return e.enforce(r.actorId(), r.resource(), r.action());
  }
}
