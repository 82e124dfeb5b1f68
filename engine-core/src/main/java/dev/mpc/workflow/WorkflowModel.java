package dev.mpc.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read-only view of one compiled workflow: its states tree and transitions, exactly as the
 * engine runs them (what {@code mpc workflow graph} draws). Obtained from
 * {@link WorkflowEngine#model}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the workflow definition's id
 * @param name its display name, if any
 * @param artifactHash the hash of the artifact it was compiled from
 * @param initial the top-level state an instance starts in
 * @param states every state, in declaration order (parents may follow their children in the source; here too)
 * @param transitions every transition, in declaration order
 * @param ignoredTriggers events accepted with {@code R_WF_IGNORED} when no transition matches
 */
public record WorkflowModel(String id, Optional<String> name, String artifactHash, String initial,
    List<StateView> states, List<TransitionView> transitions, List<String> ignoredTriggers) {
  /** Creates a model view. */
  public WorkflowModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(artifactHash, "artifactHash");
    Objects.requireNonNull(initial, "initial");
    states = List.copyOf(states);
    transitions = List.copyOf(transitions);
    ignoredTriggers = List.copyOf(ignoredTriggers);
  }

  /** The state called {@code name}. */
  public Optional<StateView> state(String name) {
    for (StateView s : states) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The top-level states, in declaration order. */
  public List<StateView> topLevel() {
    List<StateView> out = new ArrayList<>();
    for (StateView s : states) {
      if (s.parent().isEmpty()) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The transitions leaving {@code state} (declared on it, not on its ancestors), in declaration order. */
  public List<TransitionView> transitionsFrom(String state) {
    List<TransitionView> out = new ArrayList<>();
    for (TransitionView t : transitions) {
      if (t.from().equals(state)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The transition with id {@code id}. */
  public Optional<TransitionView> transition(String id) {
    for (TransitionView t : transitions) {
      if (t.id().equals(id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The named guards the transitions use, each with the ids of the transitions naming it. */
  public Map<String, List<String>> namedGuards() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TransitionView t : transitions) {
      t.namedGuard().ifPresent(g -> out.computeIfAbsent(g, k -> new ArrayList<>()).add(t.id()));
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }
}
