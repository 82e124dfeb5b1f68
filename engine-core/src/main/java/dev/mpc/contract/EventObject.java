package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * The object an event is about.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type non-empty object type (e.g. {@code order})
 * @param id non-empty object id
 * @param attributes open attributes of the object; empty when none
 * @param state the object's workflow state, if it has one
 */
public record EventObject(String type, String id, JsonObject attributes, Optional<String> state) {
  /** Creates an event object. */
  public EventObject {
    Contracts.requireNonEmpty(type, "EventObject.type");
    Contracts.requireNonEmpty(id, "EventObject.id");
    Objects.requireNonNull(attributes, "EventObject.attributes");
    Objects.requireNonNull(state, "EventObject.state");
  }

  /** An object with no attributes and no state. */
  public static EventObject of(String type, String id) {
    return new EventObject(type, id, JsonObject.EMPTY, Optional.empty());
  }
}
