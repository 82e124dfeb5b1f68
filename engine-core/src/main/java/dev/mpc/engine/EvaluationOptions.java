package dev.mpc.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Per-call options of {@link MpcEngine#evaluate(dev.mpc.artifact.Artifact, dev.mpc.contract.EventEnvelope,
 * EvaluationOptions)}.
 *
 * @param traceLevel how much the Decision's trace records
 * @param correlationId the host's correlation id: becomes {@code meta.traceSpanId} and the trace's
 *     span id (otherwise a span id is derived deterministically from the inputs)
 * @param policiesOff evaluate the ACL only, as if the artifact had no policies (the governance
 *     kill switch mode {@code policy-off}; the decision then carries {@code R_GOV_POLICY_OFF})
 */
public record EvaluationOptions(TraceLevel traceLevel, Optional<String> correlationId, boolean policiesOff) {
  private static final EvaluationOptions DEFAULTS = new EvaluationOptions(TraceLevel.NONE, Optional.empty());

  /** Options with policies on. */
  public EvaluationOptions(TraceLevel traceLevel, Optional<String> correlationId) {
    this(traceLevel, correlationId, false);
  }

  /** Creates options; a correlation id must not be blank. */
  public EvaluationOptions {
    Objects.requireNonNull(traceLevel, "traceLevel");
    Objects.requireNonNull(correlationId, "correlationId");
    if (correlationId.isPresent() && correlationId.get().isBlank()) {
      throw new IllegalArgumentException("correlationId must not be blank");
    }
  }

  /** No trace, no correlation id. */
  public static EvaluationOptions defaults() {
    return DEFAULTS;
  }

  /** Options with {@code level} and no correlation id. */
  public static EvaluationOptions of(TraceLevel level) {
    return new EvaluationOptions(level, Optional.empty());
  }

  /** These options with {@code id} as correlation id. */
  public EvaluationOptions withCorrelationId(String id) {
    return new EvaluationOptions(traceLevel, Optional.of(id), policiesOff);
  }

  /** These options with policies switched off (or on). */
  public EvaluationOptions withPoliciesOff(boolean off) {
    return new EvaluationOptions(traceLevel, correlationId, off);
  }
}
