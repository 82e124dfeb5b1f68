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
 * Every tenant decides in its own scope ({@code <tenant>/alm}), so its quota, activation sequence
 * and ledger are its own. A tenant seen for the first time gets the shipped default rules
 * activated into its scope (idempotency key {@code defaults:<tenant>:<hash>}: every instance may do
 * it, one activates, the others replay) until it activates a manifest of its own. This instance
 * re-reads the shared pointer store for a tenant at most every {@value #REFRESH_MS} ms, so another
 * instance's activation is served here within that time.
 */
@Component
public class Tenants {
  /** The namespace of every tenant scope. */
  public static final String NAMESPACE = "alm";
  /** The scope of the shipped default rules. */
  public static final Scope DEFAULT = new Scope("default", NAMESPACE);
  static final long REFRESH_MS = 1000;

  private final GovernedRuntime runtime;
  private final DefaultRules defaults;
  private final ConcurrentHashMap<String, Long> checked = new ConcurrentHashMap<>();

  Tenants(GovernedRuntime runtime, DefaultRules defaults) {
    this.runtime = runtime;
    this.defaults = defaults;
  }

  /** Whether {@code tenant} runs the shipped default rules. */
  public boolean inherits(String tenant) {
    return runtime.active(deciding(tenant)).map(p -> p.artifactHash().equals(defaults.hash())).orElse(true);
  }

  /** The tenant's own scope. */
  public Scope own(String tenant) {
    return new Scope(tenant, NAMESPACE);
  }

  /** The scope that decides for {@code tenant} now (its own; created with the defaults on first use). */
  public Scope deciding(String tenant) {
    Scope own = own(tenant);
    long now = System.currentTimeMillis();
    Long last = checked.get(tenant);
    if (last == null || now - last >= REFRESH_MS) {
      checked.put(tenant, now);
      runtime.refresh(own); // picks up another instance's activation
    }
    if (runtime.active(own).isEmpty()) {
      runtime.activate(own, defaults.bundle(), "defaults:" + tenant + ":" + defaults.hash(), "alm-service");
      runtime.refresh(own); // a concurrent first use on another instance won: serve what it activated
    }
    return own;
  }

  /** The artifact deciding for {@code tenant}. */
  public Artifact artifact(String tenant) {
    Scope s = deciding(tenant);
    return runtime.activeArtifact(s).orElseThrow(() -> new MpcException(List.of(Diagnostic.of(
        Code.E_GOV_STATE_INVALID, "No artifact is active for tenant " + tenant))));
  }
}
