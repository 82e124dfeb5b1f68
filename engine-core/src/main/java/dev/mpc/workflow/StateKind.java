package dev.mpc.workflow;

/** What kind of state a {@link StateView} is. */
public enum StateKind {
  /** A leaf state without children. */
  SIMPLE,
  /** A state with children, exactly one of which is active while it is (entered through its initial child). */
  COMPOUND,
  /** A state whose children are orthogonal regions: all of them are active while it is. */
  PARALLEL,
  /** A leaf state that completes its parent (at top level: the instance). */
  FINAL
}
