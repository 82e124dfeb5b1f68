package dev.mpc.contract;

import java.util.Optional;

/**
 * What happened to the event's object. Wire names are lowercase ({@code create}, ...).
 *
 * <p>Immutable and thread-safe.
 */
public enum EventKind {
  /** The object was created. */
  CREATE,
  /** The object was changed. */
  UPDATE,
  /** The object was deleted. */
  DELETE,
  /** The object moved to another workflow state. */
  TRANSITION,
  /** Anything else, named by the event's {@code name}. */
  CUSTOM;

  private final String wire = Contracts.wireName(this);

  /** The wire name. */
  public String wireName() {
    return wire;
  }

  /** The kind with wire name {@code name}, if any. */
  public static Optional<EventKind> fromWireName(String name) {
    return Contracts.byWireName(values(), name);
  }
}
