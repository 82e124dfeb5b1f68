package dev.mpc.governance;

/** Argument checks of the governance records. */
final class Req {
  private Req() {}

  static String nonEmpty(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must be a non-empty string");
    }
    return value;
  }
}
