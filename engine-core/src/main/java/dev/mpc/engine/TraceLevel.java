package dev.mpc.engine;

/** How much of an evaluation a Decision's {@link dev.mpc.contract.Trace} records. */
public enum TraceLevel {
  /** No trace (fastest). */
  NONE,
  /** The rules that decided: the matching policies and the deciding ACL rule, with the composition. */
  DECISION,
  /**
   * The explain view: every rule considered (skipped or matched, and why), each condition with
   * its value, each expression's sub-results, and for a budget error the expression that
   * exhausted it.
   */
  FULL
}
