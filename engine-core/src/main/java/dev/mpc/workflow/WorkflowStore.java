package dev.mpc.workflow;

import dev.mpc.diag.Result;
import java.util.List;
import java.util.Optional;

/**
 * The persistence SPI: the host's storage of instances and their append-only transition history,
 * with optimistic concurrency. The engine never calls a store; the host does: load → fire → save.
 *
 * <pre>{@code
 * WorkflowInstance i = store.load(id).orElseThrow();
 * TransitionResult r = engine.fire(artifact, i, "approve", actor, ctx, FireOptions.eventId(eventId));
 * if (!r.replayed()) {
 *   Result<WorkflowInstance> saved = store.save(r.instance(), i.version());
 *   if (!saved.isOk()) { ... E_WF_CONCURRENT_MODIFICATION: reload and fire again ... }
 * }
 * }</pre>
 *
 * <p>Contract (checked by engine-conformance's {@code WorkflowStoreContract}):
 * <ul>
 *   <li>{@link #create} stores a new instance at version 0 and appends its start record; an id
 *       that exists is a conflict ({@code E_WF_CONCURRENT_MODIFICATION}), nothing is overwritten.
 *   <li>{@link #save} is a compare-and-set: it succeeds only if the stored version equals
 *       {@code expectedVersion} and the instance's version is {@code expectedVersion + 1}; it then
 *       stores the instance and appends {@link WorkflowInstance#lastRecord()} to the history,
 *       atomically. A stale version is {@code E_WF_CONCURRENT_MODIFICATION} and changes nothing.
 *       Of N concurrent saves with the same expected version exactly one succeeds.
 *   <li>{@link #history} returns the records in version order 0, 1, 2, ... with no gap and no
 *       duplicate; records are never changed or removed.
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
public interface WorkflowStore {

  /** The stored instance {@code instanceId}, if any. */
  Optional<WorkflowInstance> load(String instanceId);

  /** Stores a new instance (version 0); its start record begins the history. */
  Result<WorkflowInstance> create(WorkflowInstance instance);

  /** Replaces the stored instance if its version is {@code expectedVersion}, appending the new record. */
  Result<WorkflowInstance> save(WorkflowInstance instance, long expectedVersion);

  /** The transition history of {@code instanceId}, oldest first (empty if unknown). */
  List<TransitionRecord> history(String instanceId);
}
