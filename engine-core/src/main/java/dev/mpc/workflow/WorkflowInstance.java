package dev.mpc.workflow;

import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of one workflow instance: everything the engine needs to continue it, so
 * a host can load → fire → save with no per-instance engine object. Compact by design (state
 * names are the compiled model's shared strings; the idempotency window is bounded by
 * {@link WorkflowEngine.Builder#idempotencyWindow}); docs/workflow.md reports its measured size.
 *
 * <p>Immutable and thread-safe.
 *
 * @param workflowId the workflow definition's id
 * @param instanceId the host's instance id (non-empty)
 * @param artifactHash the hash of the artifact the instance runs on; firing with another artifact
 *     fails closed ({@code E_WF_ARTIFACT_MISMATCH})
 * @param configuration the active states, ancestors included, in the workflow's declaration order
 * @param history for each state with history that was left, what it recorded (declaration order)
 * @param timers the pending timers, ordered by due time, then declaration order of the transition
 * @param variables the host's instance variables (guards read them as {@code vars})
 * @param version 0 at start, +1 for every record
 * @param recent the last records, oldest first, the last one being {@link #lastRecord()}: the
 *     idempotency window (a fire whose event id is among them is a recorded no-op)
 */
public record WorkflowInstance(String workflowId, String instanceId, String artifactHash, List<String> configuration,
    Map<String, List<String>> history, List<WorkflowTimer> timers, JsonObject variables, long version,
    List<TransitionRecord> recent) {

  /** Creates an instance; {@code recent} must end with the record of {@code version}. */
  public WorkflowInstance {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(instanceId, "instanceId");
    if (instanceId.isEmpty()) {
      throw new IllegalArgumentException("instanceId must not be empty");
    }
    Objects.requireNonNull(artifactHash, "artifactHash");
    configuration = configuration instanceof dev.mpc.workflow.internal.StateList ? configuration
        : List.copyOf(configuration);
    history = freeze(history);
    timers = List.copyOf(timers);
    Objects.requireNonNull(variables, "variables");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, got " + version);
    }
    recent = List.copyOf(recent);
    if (recent.isEmpty() || recent.get(recent.size() - 1).version() != version) {
      throw new IllegalArgumentException("recent must end with the record of version " + version);
    }
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> history) {
    if (history.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    history.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "history key"), List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** The record that produced this version (what a store appends when it saves this instance). */
  public TransitionRecord lastRecord() {
    return recent.get(recent.size() - 1);
  }

  /** The recorded result of the fire with event id {@code eventId}, if it is in the idempotency window. */
  public Optional<TransitionRecord> recorded(String eventId) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      TransitionRecord r = recent.get(i);
      if (r.eventId().isPresent() && r.eventId().get().equals(eventId)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code state} is active. */
  public boolean isActive(String state) {
    return configuration.contains(state);
  }

  /** The active states sorted by code point and joined with {@code ,} (upstream's {@code currentState}). */
  public String stateLabel() {
    List<String> sorted = new ArrayList<>(configuration);
    sorted.sort(dev.mpc.json.Canonical.CODE_POINT_ORDER);
    return String.join(",", sorted);
  }
}
