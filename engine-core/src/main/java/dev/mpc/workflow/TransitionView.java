package dev.mpc.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared transition of a compiled workflow, as a renderer, a port or a tool sees it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the transition's id: its declared {@code id}, else {@code t<index>}
 * @param index its position in the workflow's {@code transitions} list
 * @param from the source state
 * @param event the triggering event name ({@code on}; defaults to {@code to} as upstream)
 * @param to the target state, or for a {@link TransitionType#DYNAMIC} transition the target
 *     expression's text
 * @param type external, internal or dynamic
 * @param guard the guard expression's text (or canonical JSON IR), if any
 * @param namedGuard the name of the guard the host's {@link GuardPort} answers, if any
 * @param roles the actor must hold at least one of these roles (empty: no role check)
 * @param auth whether the transition requires the host's {@link AuthPort} to authorize it
 * @param timeout for a timed transition, the delay after entering {@code from} at which its timer is due
 * @param actions the transition's own actions, in execution order (upstream's {@code on_leave} then {@code on_enter})
 */
public record TransitionView(String id, int index, String from, String event, String to, TransitionType type,
    Optional<String> guard, Optional<String> namedGuard, List<String> roles, boolean auth, Optional<Duration> timeout,
    List<ActionView> actions) {
  /** Creates a transition view. */
  public TransitionView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(namedGuard, "namedGuard");
    roles = List.copyOf(roles);
    Objects.requireNonNull(timeout, "timeout");
    actions = List.copyOf(actions);
  }

  /** Whether this is a timed transition (fired only by its timer, never by {@code fire}). */
  public boolean isTimed() {
    return timeout.isPresent();
  }
}
