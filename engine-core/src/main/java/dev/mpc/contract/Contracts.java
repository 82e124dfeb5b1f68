package dev.mpc.contract;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Argument checks shared by the contract records. */
final class Contracts {
  private Contracts() {}

  static String requireNonEmpty(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  /** The wire name of a contract enum constant: its name in lowercase. */
  static String wireName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The constant whose wire name is {@code name}. */
  static <E extends Enum<E>> Optional<E> byWireName(E[] values, String name) {
    for (E e : values) {
      if (wireName(e).equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
