package dev.mpc.governance;

/**
 * The kill switch modes a {@link GovernedRuntime} enforces per scope (governance.md §13.5).
 */
public enum RuntimeMode {
  /** Policies and ACL decide. */
  NORMAL("normal"),
  /** Policies are switched off; the ACL alone decides; decisions carry {@code R_GOV_POLICY_OFF}. */
  POLICY_OFF("policy-off"),
  /** Every write (create, update, delete, transition, ...) is denied with {@code R_GOV_KILL_SWITCH}; reads decide normally. */
  READ_ONLY("read-only");

  private final String wire;

  RuntimeMode(String wire) {
    this.wire = wire;
  }

  /** The wire name. */
  public String wireName() {
    return wire;
  }
}
