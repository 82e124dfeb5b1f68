package dev.mpc.contract;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Provenance of a decision. In enterprise mode {@code artifactHash}, {@code engine} and
 * {@code engineVersion} must be present.
 *
 * <p>Immutable and thread-safe.
 *
 * @param artifactHash hash of the compiled artifact that decided
 * @param engine engine identifier (e.g. {@code core-policy})
 * @param engineVersion engine version (semver)
 * @param traceSpanId the {@link Trace#spanId()} of the decision's trace
 */
public record DecisionMeta(
    Optional<String> artifactHash, Optional<String> engine, Optional<String> engineVersion, Optional<String> traceSpanId,
    OptionalLong activationSequence) {
  /** No provenance. */
  public static final DecisionMeta NONE =
      new DecisionMeta(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Creates decision provenance. */
  public DecisionMeta {
    Objects.requireNonNull(artifactHash, "artifactHash");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(traceSpanId, "traceSpanId");
    Objects.requireNonNull(activationSequence, "activationSequence");
  }

  /** Creates decision provenance without an activation sequence (a decision outside a governed runtime). */
  public DecisionMeta(Optional<String> artifactHash, Optional<String> engine, Optional<String> engineVersion,
      Optional<String> traceSpanId) {
    this(artifactHash, engine, engineVersion, traceSpanId, OptionalLong.empty());
  }

  /**
   * This provenance with the activation sequence number of the artifact that decided: the
   * {@code GovernedRuntime} stamps it, so a caller can ask later evaluations to be at or after it.
   */
  public DecisionMeta withActivationSequence(long sequence) {
    return new DecisionMeta(artifactHash, engine, engineVersion, traceSpanId, OptionalLong.of(sequence));
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return artifactHash.isEmpty() && engine.isEmpty() && engineVersion.isEmpty() && traceSpanId.isEmpty()
        && activationSequence.isEmpty();
  }

  /** Whether everything enterprise mode requires is present. */
  public boolean isEnterpriseComplete() {
    return artifactHash.isPresent() && engine.isPresent() && engineVersion.isPresent();
  }
}
