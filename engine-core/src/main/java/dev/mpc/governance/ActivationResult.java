package dev.mpc.governance;

import dev.mpc.diag.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an activation, a rollback or a mode change of a {@link GovernedRuntime} did. All or
 * nothing: when {@link #success()} is false the previous artifact and mode are still active, and
 * {@link #failedStep()} names the step that failed.
 *
 * @param success whether the change is committed (a replay of a committed change is a success)
 * @param scope where
 * @param action {@code activate}, {@code rollback} or {@code mode}
 * @param previousHash the artifact active before the change, if any
 * @param activeHash the artifact active after it (on failure: the one still active), if any
 * @param sequence the scope's activation sequence number after it (0 when nothing was ever active)
 * @param mode the scope's mode after it
 * @param completedSteps the steps done, in order
 * @param failedStep the step that failed
 * @param errors why it failed (empty on success)
 * @param replayed whether this call replayed an earlier committed change of the same idempotency
 *     key (nothing was appended, nothing moved)
 * @param record the ledger record of the change, on success
 */
public record ActivationResult(boolean success, Scope scope, String action, Optional<String> previousHash,
    Optional<String> activeHash, long sequence, RuntimeMode mode, List<Step> completedSteps,
    Optional<Step> failedStep, List<Diagnostic> errors, boolean replayed, Optional<LedgerRecord> record) {

  /** The steps of a change, in the order they run. */
  public enum Step {
    /** The idempotency key was looked up in the ledger (replay or conflict). */
    IDEMPOTENCY("idempotency"),
    /** The scope's mode allows the change. */
    MODE("mode"),
    /** The bundle's envelope and signature verified against the trust store. */
    VERIFY("verify"),
    /** The required attestations are present. */
    ATTEST("attest"),
    /** The lifecycle allows it (the bundle is Published, or was Active before, for a rollback). */
    LIFECYCLE("lifecycle"),
    /** The artifact was read from the bundle and verified on load (hashes recomputed, provenance matching). */
    LOAD("load"),
    /** The bundle's bytes are in the content-addressed bundle store. */
    STORE("store"),
    /** The active pointer moved (compare-and-set). */
    SWAP("swap"),
    /** The ledger record was appended. */
    LEDGER("ledger"),
    /** This process switched to the new artifact and dropped the old one's compiled form. */
    INVALIDATE_CACHE("invalidate_cache");

    private final String wire;

    Step(String wire) {
      this.wire = wire;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }
  }

  /** Creates a result. */
  public ActivationResult {
    Objects.requireNonNull(scope, "scope");
    Req.nonEmpty(action, "action");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(activeHash, "activeHash");
    Objects.requireNonNull(mode, "mode");
    completedSteps = List.copyOf(completedSteps);
    Objects.requireNonNull(failedStep, "failedStep");
    errors = List.copyOf(errors);
    Objects.requireNonNull(record, "record");
    if (success != errors.isEmpty() || success == failedStep.isPresent()) {
      throw new IllegalArgumentException("a success has no errors and no failed step; a failure has both");
    }
  }
}
