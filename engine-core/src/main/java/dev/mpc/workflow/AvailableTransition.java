package dev.mpc.workflow;

import dev.mpc.contract.Reason;
import dev.mpc.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * One transition an actor could fire now, from {@link WorkflowEngine#availableTransitions}: what a
 * UI shows as a button (enabled or greyed out, with why).
 *
 * <p>Immutable and thread-safe.
 *
 * @param transition the transition
 * @param enabled whether firing its event now would take it: roles, AuthPort and guards all pass
 *     (and no earlier alternative for the same source and event is enabled)
 * @param reasons the checks' reasons ({@code R_WF_GUARD_PASS}, {@code R_WF_GUARD_FAIL},
 *     {@code R_WF_AUTH_DENIED}), in check order
 * @param errors the coded errors that disable it (empty when enabled)
 */
public record AvailableTransition(TransitionView transition, boolean enabled, List<Reason> reasons,
    List<Diagnostic> errors) {
  /** Creates an entry. */
  public AvailableTransition {
    Objects.requireNonNull(transition, "transition");
    reasons = List.copyOf(reasons);
    errors = List.copyOf(errors);
  }
}
