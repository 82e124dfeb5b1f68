package dev.mpc.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared state of a compiled workflow, as a renderer or tool sees it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the state name (unique in the workflow)
 * @param kind simple, compound, parallel or final
 * @param parent the parent state, empty at top level
 * @param children the child states, in declaration order (empty for simple and final states)
 * @param initialChild for a compound state, the child entered by default (a parallel state enters all children)
 * @param history the history the state keeps when it is left
 * @param onEnter actions when the state is entered, in order
 * @param onLeave actions when the state is exited, in order
 * @param depth 0 for top-level states, parent's depth + 1 otherwise
 */
public record StateView(String name, StateKind kind, Optional<String> parent, List<String> children,
    Optional<String> initialChild, HistoryMode history, List<ActionView> onEnter, List<ActionView> onLeave, int depth) {
  /** Creates a state view. */
  public StateView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(parent, "parent");
    children = List.copyOf(children);
    Objects.requireNonNull(initialChild, "initialChild");
    Objects.requireNonNull(history, "history");
    onEnter = List.copyOf(onEnter);
    onLeave = List.copyOf(onLeave);
  }

  /** Whether the state has children (compound or parallel). */
  public boolean isComposite() {
    return !children.isEmpty();
  }
}
