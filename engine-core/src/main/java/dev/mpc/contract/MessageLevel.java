package dev.mpc.contract;

import java.util.Optional;

/**
 * The level of a user-facing {@link Message}: {@code info}, {@code warn} or {@code error}.
 *
 * <p>Immutable and thread-safe.
 */
public enum MessageLevel {
  /** Information. */
  INFO,
  /** A warning. */
  WARN,
  /** An error. */
  ERROR;

  private final String wire = Contracts.wireName(this);

  /** The wire name. */
  public String wireName() {
    return wire;
  }

  /** The level with wire name {@code name}, if any. */
  public static Optional<MessageLevel> fromWireName(String name) {
    return Contracts.byWireName(values(), name);
  }
}
