package dev.mpc.contract;

import java.util.Objects;

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
}
