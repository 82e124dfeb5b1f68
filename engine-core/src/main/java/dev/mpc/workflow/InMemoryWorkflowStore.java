package dev.mpc.workflow;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link WorkflowStore} in memory: per instance, the current snapshot and its
 * history, replaced atomically per instance (compare-and-set under the map's per-key lock; no
 * global lock). For tests, demos and single-process hosts; it keeps everything until the process
 * ends.
 */
public final class InMemoryWorkflowStore implements WorkflowStore {
  /** One instance: the snapshot and its history (the list is only appended to, under the key's lock). */
  private record Entry(WorkflowInstance instance, List<TransitionRecord> history) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryWorkflowStore() {}

  @Override
  public Optional<WorkflowInstance> load(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    Entry e = entries.get(instanceId);
    return e == null ? Optional.empty() : Optional.of(e.instance());
  }

  @Override
  public Result<WorkflowInstance> create(WorkflowInstance instance) {
    Objects.requireNonNull(instance, "instance");
    if (instance.version() != 0) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a new instance must have version 0, '"
          + instance.instanceId() + "' has version " + instance.version()));
    }
    List<TransitionRecord> history = new ArrayList<>();
    history.add(instance.lastRecord());
    Entry fresh = new Entry(instance, history);
    Entry before = entries.putIfAbsent(instance.instanceId(), fresh);
    if (before != null) {
      return Result.failed(conflict(instance.instanceId(), 0, before.instance().version(), "already exists"));
    }
    return Result.ok(instance);
  }

  @Override
  public Result<WorkflowInstance> save(WorkflowInstance instance, long expectedVersion) {
    Objects.requireNonNull(instance, "instance");
    if (instance.version() != expectedVersion + 1) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "instance '" + instance.instanceId()
          + "' has version " + instance.version() + "; saving over version " + expectedVersion + " needs version "
          + (expectedVersion + 1)));
    }
    Diagnostic[] problem = new Diagnostic[1];
    entries.compute(instance.instanceId(), (id, e) -> {
      if (e == null) {
        problem[0] = Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "no stored instance '" + id + "'");
        return null;
      }
      if (e.instance().version() != expectedVersion) {
        problem[0] = conflict(id, expectedVersion, e.instance().version(), "was changed concurrently");
        return e;
      }
      if (!e.instance().workflowId().equals(instance.workflowId())) {
        problem[0] = Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "instance '" + id + "' runs workflow '"
            + e.instance().workflowId() + "', not '" + instance.workflowId() + "'");
        return e;
      }
      e.history().add(instance.lastRecord());
      return new Entry(instance, e.history());
    });
    return problem[0] == null ? Result.ok(instance) : Result.failed(problem[0]);
  }

  @Override
  public List<TransitionRecord> history(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    List<TransitionRecord> out = new ArrayList<>();
    entries.computeIfPresent(instanceId, (id, e) -> {
      out.addAll(e.history());
      return e;
    });
    return List.copyOf(out);
  }

  /** How many instances the store holds. */
  public int size() {
    return entries.size();
  }

  private static Diagnostic conflict(String id, long expected, long actual, String what) {
    return Diagnostic.of(Code.E_WF_CONCURRENT_MODIFICATION, "instance '" + id + "' " + what + " (expected version "
        + expected + ", stored version " + actual + ")").withDetails(JsonObject.builder().put("instanceId", id)
        .put("expectedVersion", expected).put("storedVersion", actual).build());
  }
}
