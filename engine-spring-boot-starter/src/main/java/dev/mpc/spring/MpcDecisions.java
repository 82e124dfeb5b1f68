package dev.mpc.spring;

import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Reason;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.TraceLevel;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * What host code calls to get a decision (bean name {@code mpc}): evaluates against the artifact
 * active in the configured scope (or a scope the caller names) through the {@link GovernedRuntime},
 * so modes, quotas and activation sequences apply; carries the request's correlation id (the MDC's
 * {@value #MDC_KEY}) into the Decision's {@code meta.traceSpanId}; records the metrics.
 *
 * <pre>{@code
 * Decision d = mpc.decide(event);          // or:
 * mpc.require(event);                      // throws MpcDeniedException -> 403 / 429 Problem Details
 * }</pre>
 *
 * <p>Thread-safe. Never throws for a deny; {@link #require} throws only {@link MpcDeniedException}.
 */
public final class MpcDecisions {
  /** The MDC key of the correlation id (set by the starter's servlet filter). */
  public static final String MDC_KEY = "correlationId";

  private final GovernedRuntime runtime;
  private final Scope scope;
  private final TraceLevel defaultTrace;
  private final MpcMetrics metrics;

  /**
   * A facade over {@code runtime}.
   *
   * @param runtime the governed runtime
   * @param scope the default scope
   * @param defaultTrace the trace level of {@link #decide(EventEnvelope)}
   * @param metrics where to record
   */
  public MpcDecisions(GovernedRuntime runtime, Scope scope, TraceLevel defaultTrace, MpcMetrics metrics) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.defaultTrace = Objects.requireNonNull(defaultTrace, "defaultTrace");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The decision on {@code event} in the default scope, at the default trace level.
   *
   * @param event the event
   * @return the decision on {@code event} in the default scope, at the default trace level
   */
  public Decision decide(EventEnvelope event) {
    return decide(scope, event, defaultTrace);
  }

  /**
   * The decision on {@code event}; {@code explain} records the full trace.
   *
   * @param event the event
   * @param explain the explain
   * @return the decision on {@code event}
   */
  public Decision decide(EventEnvelope event, boolean explain) {
    return decide(scope, event, explain ? TraceLevel.FULL : defaultTrace);
  }

  /**
   * The decision on {@code event} in {@code scope} at trace level {@code trace}.
   *
   * @param scope the scope
   * @param event the event
   * @param trace the trace
   * @return the decision on {@code event} in {@code scope} at trace level {@code trace}
   */
  public Decision decide(Scope scope, EventEnvelope event, TraceLevel trace) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(event, "event");
    EvaluationOptions options = EvaluationOptions.of(trace);
    Optional<String> correlation = correlationId();
    if (correlation.isPresent()) {
      options = options.withCorrelationId(correlation.get());
    }
    long t0 = System.nanoTime();
    Decision d = runtime.evaluate(scope, event, options);
    metrics.decision(d, System.nanoTime() - t0);
    return d;
  }

  /**
   * The decision on {@code event} if it allows.
   *
   * @param event the event
   * @return the decision on {@code event} if it allows
   * @throws MpcDeniedException carrying the decision when it denies
   */
  public Decision require(EventEnvelope event) {
    Decision d = decide(event);
    if (!d.allow()) {
      throw new MpcDeniedException(d);
    }
    return d;
  }

  /**
   * The default scope.
   *
   * @return the default scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * The runtime behind this facade.
   *
   * @return the runtime behind this facade
   */
  public GovernedRuntime runtime() {
    return runtime;
  }

  /**
   * The current correlation id (MDC), if any.
   *
   * @return the current correlation id (MDC), if any
   */
  public static Optional<String> correlationId() {
    String id = MDC.get(MDC_KEY);
    return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
  }

  /**
   * The event kind of an action name: {@code create}, {@code update}, {@code delete} and
   * {@code transition} are their kinds, anything else ({@code read}, {@code approve}, ...) is
   * {@link dev.mpc.contract.EventKind#CUSTOM}.
   *
   * @param action the action (lower case)
   * @return the kind
   */
  public static dev.mpc.contract.EventKind kindOf(String action) {
    switch (action) {
      case "create":
        return dev.mpc.contract.EventKind.CREATE;
      case "update":
        return dev.mpc.contract.EventKind.UPDATE;
      case "delete":
        return dev.mpc.contract.EventKind.DELETE;
      case "transition":
        return dev.mpc.contract.EventKind.TRANSITION;
      default:
        return dev.mpc.contract.EventKind.CUSTOM;
    }
  }

  /** Whether a reason is an error code ({@code E_...}) rather than a decision reason ({@code R_...}). */
  static boolean isError(Reason r) {
    return r.code().code().startsWith("E_");
  }
}
