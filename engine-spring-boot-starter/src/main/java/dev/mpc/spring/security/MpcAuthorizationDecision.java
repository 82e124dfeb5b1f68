package dev.mpc.spring.security;

import dev.mpc.contract.Decision;
import java.util.Objects;
import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A Spring Security authorization decision made by MPC: granted exactly when the engine's
 * {@link Decision} allows, and carrying it, so an access-denied response can show its reasons.
 */
public class MpcAuthorizationDecision extends AuthorizationDecision {
  /** The request attribute under which request authorization leaves the decision. */
  public static final String ATTRIBUTE = MpcAuthorizationDecision.class.getName();

  /** The engine's decision (not serialized: decisions are not {@code Serializable}). */
  private final transient Decision decision;

  /**
   * The Spring form of {@code decision}.
   *
   * @param decision the decision
   */
  public MpcAuthorizationDecision(Decision decision) {
    super(Objects.requireNonNull(decision, "decision").allow());
    this.decision = decision;
  }

  /**
   * The engine's decision.
   *
   * @return the engine's decision
   */
  public Decision decision() {
    return decision;
  }

  @Override
  public String toString() {
    return "MpcAuthorizationDecision[granted=" + isGranted() + ", reasons=" + decision.reasons() + "]";
  }
}
