package dev.mpc.workflow;

import dev.mpc.contract.IntentKind;
import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One declared action of a state ({@code on_enter}/{@code on_leave}) or a transition: an intent
 * template of the taxonomy. At fire time the engine renders the placeholders of the target, the
 * idempotency key and string params ({@code ${instance.id}}, {@code ${workflow.id}},
 * {@code ${event.name}}, {@code ${event.id}}, {@code ${actor.id}}, {@code ${transition.id}},
 * {@code ${transition.from}}, {@code ${transition.to}}) into an {@link dev.mpc.contract.Intent}.
 * A bare action name {@code x} in a manifest is the intent {@code transform} on
 * {@code ${instance.id}} with {@code params.operation = x}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the intent kind (always one of the taxonomy)
 * @param target the target template, if any
 * @param params the params template
 * @param idempotencyKey the idempotency-key template, if any
 * @param label a short label for diagrams and logs: the operation of a named action, else the kind
 */
public record ActionView(IntentKind kind, Optional<String> target, JsonObject params, Optional<String> idempotencyKey,
    String label) {
  /** The placeholders an action template may use (anything else is a compile-time error). */
  public static final Set<String> PLACEHOLDERS = Set.of("instance.id", "workflow.id", "event.name", "event.id",
      "actor.id", "transition.id", "transition.from", "transition.to");

  /** Creates an action view. */
  public ActionView {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(label, "label");
  }
}
