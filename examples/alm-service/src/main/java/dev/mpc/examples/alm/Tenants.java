package dev.mpc.examples.alm;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.MpcException;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which scope decides for a tenant: its own ({@code <tenant>/alm}) once it has activated a
 * manifest, else the service's default ({@code default/alm}, the shipped rules). Another instance's
 * activation becomes visible here within {@value #REFRESH_MS} ms (the shared pointer store is read
 * at most that often per tenant without an artifact of its own).
 */
@Component
public class Tenants {
  /** The namespace of every tenant scope. */
  public static final String NAMESPACE = "alm";
  /** The scope of the shipped default rules. */
  public static final Scope DEFAULT = new Scope("default", NAMESPACE);
  static final long REFRESH_MS = 1000;

  private final GovernedRuntime runtime;
  private final ConcurrentHashMap<String, Long> checked = new ConcurrentHashMap<>();

  Tenants(GovernedRuntime runtime) {
    this.runtime = runtime;
  }

  /** The tenant's own scope. */
  public Scope own(String tenant) {
    return new Scope(tenant, NAMESPACE);
  }

  /** The scope that decides for {@code tenant} now. */
  public Scope deciding(String tenant) {
    Scope own = own(tenant);
    if (runtime.active(own).isPresent()) {
      return own;
    }
    long now = System.currentTimeMillis();
    Long last = checked.get(tenant);
    if (last == null || now - last >= REFRESH_MS) {
      checked.put(tenant, now);
      runtime.refresh(own);
      if (runtime.active(own).isPresent()) {
        return own;
      }
    }
    return DEFAULT;
  }

  /** The artifact deciding for {@code tenant}. */
  public Artifact artifact(String tenant) {
    Scope s = deciding(tenant);
    return runtime.activeArtifact(s).orElseThrow(() -> new MpcException(List.of(Diagnostic.of(
        Code.E_GOV_STATE_INVALID, "No artifact is active for tenant " + tenant))));
  }
}
