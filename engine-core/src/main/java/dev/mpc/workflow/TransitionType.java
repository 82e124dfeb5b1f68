package dev.mpc.workflow;

/** How a transition treats its source state (UML semantics; upstream's {@code rule_type}). */
public enum TransitionType {
  /**
   * External (upstream {@code fixed}, the default): exits the source (and every active state below
   * the transition's domain), runs the transition actions, enters the target. A self-transition
   * exits and re-enters the state itself, never its ancestors.
   */
  EXTERNAL,
  /** Internal: runs the transition actions only; nothing is exited or entered, the configuration is unchanged. */
  INTERNAL,
  /**
   * Dynamic (upstream {@code dynamic}): external, with the target computed by the transition's
   * {@code to} expression at fire time; a value that is not a declared state fails the fire closed
   * ({@code E_WF_DYN_FAIL}).
   */
  DYNAMIC
}
