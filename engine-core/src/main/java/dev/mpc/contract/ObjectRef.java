package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * The object an event is about: the envelope's {@code object} member (the spec's "Object",
 * engines.md §2.2). Named {@code ObjectRef} so that it clashes neither with {@code java.lang.Object}
 * nor, on a wildcard import, with {@code java.util.EventObject}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type non-empty object type (e.g. {@code order})
 * @param id non-empty object id
 * @param attributes open attributes of the object; empty when none
 * @param state the object's workflow state, if it has one
 */
public record ObjectRef(String type, String id, JsonObject attributes, Optional<String> state) {
  /** Creates an object reference. */
  public ObjectRef {
    Contracts.requireNonEmpty(type, "ObjectRef.type");
    Contracts.requireNonEmpty(id, "ObjectRef.id");
    Objects.requireNonNull(attributes, "ObjectRef.attributes");
    Objects.requireNonNull(state, "ObjectRef.state");
  }

  /** An object with no attributes and no state. */
  public static ObjectRef of(String type, String id) {
    return new ObjectRef(type, id, JsonObject.EMPTY, Optional.empty());
  }
}
