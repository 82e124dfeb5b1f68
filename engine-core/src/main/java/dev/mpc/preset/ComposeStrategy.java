package dev.mpc.preset;

import java.util.Optional;

/**
 * How decisions of several engines combine into one.
 *
 * <p>Immutable and thread-safe.
 */
public enum ComposeStrategy {
  /** Any deny denies; reasons of the denying decisions only. */
  DENY_WINS("deny-wins"),
  /** Any allow allows; all reasons. */
  ALLOW_WINS("allow-wins"),
  /** The first decision with reasons decides. */
  FIRST_APPLICABLE("first-applicable"),
  /** Exactly one decision may apply; more is a conflict (deny). */
  ONLY_ONE("only-one");

  private final String wireName;

  ComposeStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name, e.g. {@code deny-wins}. */
  public String wireName() {
    return wireName;
  }

  /** The strategy with wire name {@code name}. */
  public static Optional<ComposeStrategy> fromWireName(String name) {
    for (ComposeStrategy s : values()) {
      if (s.wireName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
