package dev.mpc.bench.rbac;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

  private CasbinPeer() {}

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
