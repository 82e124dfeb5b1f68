package dev.mpc.contract;

import java.util.Optional;

/**
 * Who acts. Wire names are lowercase ({@code user}, {@code service}, {@code system}).
 *
 * <p>Immutable and thread-safe.
 */
public enum ActorType {
  /** A person. */
  USER,
  /** Another program. */
  SERVICE,
  /** The platform itself (schedulers, timeouts). */
  SYSTEM;

  private final String wire = Contracts.wireName(this);

  /** The wire name. */
  public String wireName() {
    return wire;
  }

  /** The type with wire name {@code name}, if any. */
  public static Optional<ActorType> fromWireName(String name) {
    return Contracts.byWireName(values(), name);
  }
}
