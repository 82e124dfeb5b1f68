package dev.mpc.workflow;

import dev.mpc.contract.Decision;
import dev.mpc.contract.DecisionMeta;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.Trace;
import dev.mpc.diag.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link WorkflowEngine#fire} or {@link WorkflowEngine#fireDue}: the record of what
 * happened, the new instance to save, and the trace.
 *
 * <p>Not allowed (unknown transition, guard or authorization failure, port failure or timeout,
 * expression error, exhausted budget, artifact mismatch, internal error): the configuration is
 * unchanged, {@link #errors()} carries the coded reasons and {@link #intents()} is empty. The
 * instance still advances one version (the attempt is recorded in the history and the
 * idempotency window), except when the fire could not be attributed to the instance at all
 * (artifact mismatch, unknown workflow), in which case {@link #instance()} is the input instance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param record what happened (the new instance's {@link WorkflowInstance#lastRecord()}, or for a
 *     replay the recorded first result)
 * @param instance the instance after the fire: save it with expected version
 *     {@code instance().version() - 1}; for a replay, the input instance unchanged
 * @param trace the trace, at the level asked for (empty at {@code NONE})
 * @param replayed whether this is a recorded no-op: the event id was already fired on the instance
 * @param meta provenance: artifact hash, engine {@value WorkflowEngine#ENGINE_NAME}, version, span id
 */
public record TransitionResult(TransitionRecord record, WorkflowInstance instance, Optional<Trace> trace,
    boolean replayed, DecisionMeta meta) {
  /** Creates a result. */
  public TransitionResult {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(meta, "meta");
  }

  /** Whether the event was accepted. */
  public boolean allowed() {
    return record.allowed();
  }

  /** The configuration before. */
  public List<String> from() {
    return record.from();
  }

  /** The configuration after. */
  public List<String> to() {
    return record.to();
  }

  /** Why, in evaluation order. */
  public List<Reason> reasons() {
    return record.reasons();
  }

  /** The coded errors (non-empty exactly when not allowed). */
  public List<Diagnostic> errors() {
    return record.errors();
  }

  /** The intents the host should execute, in order (empty when not allowed). */
  public List<Intent> intents() {
    return record.intents();
  }

  /** The transitions taken, in execution order. */
  public List<TransitionRecord.Step> steps() {
    return record.steps();
  }

  /**
   * The result as a contract {@link Decision}: allow, reasons (followed by a reason per error,
   * with the error's code), intents, trace and meta.
   */
  public Decision decision() {
    List<Reason> reasons = new java.util.ArrayList<>(record.reasons());
    for (Diagnostic d : record.errors()) {
      reasons.add(Reason.of(d.code(), d.message()));
    }
    return new Decision(record.allowed(), reasons, List.of(), record.intents(), trace, meta);
  }
}
