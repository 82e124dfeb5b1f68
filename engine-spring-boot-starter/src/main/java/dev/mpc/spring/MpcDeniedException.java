package dev.mpc.spring;

import dev.mpc.contract.Decision;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A request the engine denied, thrown by {@link MpcDecisions#require}. The starter's Problem
 * Details handler answers it with 403 (a policy or ACL deny, the Decision's reasons in the body),
 * 429 with {@code Retry-After} (a tenant quota) or the status of the coded error that made the
 * engine fail closed.
 */
public final class MpcDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Decision decision;

  /**
   * The denial of {@code decision} (which must deny).
   *
   * @param decision the decision
   */
  public MpcDeniedException(Decision decision) {
    super("denied: " + Objects.requireNonNull(decision, "decision").reasons().stream()
        .map(r -> r.code().code()).collect(Collectors.joining(", ")));
    if (decision.allow()) {
      throw new IllegalArgumentException("the decision allows");
    }
    this.decision = decision;
  }

  /**
   * The decision.
   *
   * @return the decision
   */
  public Decision decision() {
    return decision;
  }
}
