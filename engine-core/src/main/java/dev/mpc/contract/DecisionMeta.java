package dev.mpc.contract;

import java.util.Objects;
import java.util.Optional;

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
    Optional<String> artifactHash, Optional<String> engine, Optional<String> engineVersion, Optional<String> traceSpanId) {
  /** No provenance. */
  public static final DecisionMeta NONE =
      new DecisionMeta(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Creates decision provenance. */
  public DecisionMeta {
    Objects.requireNonNull(artifactHash, "artifactHash");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(traceSpanId, "traceSpanId");
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return artifactHash.isEmpty() && engine.isEmpty() && engineVersion.isEmpty() && traceSpanId.isEmpty();
  }

  /** Whether everything enterprise mode requires is present. */
  public boolean isEnterpriseComplete() {
    return artifactHash.isPresent() && engine.isPresent() && engineVersion.isPresent();
  }
}
