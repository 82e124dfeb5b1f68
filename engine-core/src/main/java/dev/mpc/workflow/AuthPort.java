package dev.mpc.workflow;

/**
 * The host's authorization of transitions on objects: may this actor fire this transition on this
 * instance (ownership, tenancy, delegation, ...)?
 *
 * <p><b>When it is called:</b> when configured, during {@link WorkflowEngine#fire} and
 * {@link WorkflowEngine#availableTransitions} once per candidate transition, after the
 * transition's required roles passed and before any guard; never for timed transitions fired by
 * {@link WorkflowEngine#fireDue} (they are taken by the engine on the scheduler's behalf, not by an
 * actor). A transition declaring {@code auth: true} cannot pass without an AuthPort: building a
 * {@link WorkflowEngine} against artifacts with such transitions and no port is a build-time
 * error, and at run time they are denied ({@code E_WF_AUTH_DENIED}).
 *
 * <p><b>Thread:</b> the caller's thread; the engine starts no threads. Implementations must be
 * thread-safe (host threads may call the engine concurrently).
 *
 * <p><b>Time budget and failure:</b> as for {@link GuardPort}: an answer after
 * {@link WorkflowEngine.Builder#portTimeout} is discarded ({@code E_WF_PORT_TIMEOUT}), an
 * exception is {@code E_WF_PORT_FAILED}; both are logged through slf4j at WARN and fail the fire
 * closed. {@code false} denies the transition with {@code R_WF_AUTH_DENIED} and
 * {@code E_WF_AUTH_DENIED}.
 */
@FunctionalInterface
public interface AuthPort {
  /**
   * Whether {@link AuthCall#actor()} may fire {@link AuthCall#transition()}.
   *
   * @throws Exception any failure: the fire fails closed with {@code E_WF_PORT_FAILED}
   */
  boolean authorize(AuthCall call) throws Exception;
}
