package dev.mpc.governance;

/**
 * Where an artifact is active: a tenant and a namespace.
 *
 * @param tenant the tenant id (non-empty)
 * @param namespace the namespace (non-empty)
 */
public record Scope(String tenant, String namespace) {
  /** Creates a scope. */
  public Scope {
    Req.nonEmpty(tenant, "Scope.tenant");
    Req.nonEmpty(namespace, "Scope.namespace");
  }

  @Override
  public String toString() {
    return tenant + "/" + namespace;
  }
}
