package dev.mpc.conformance.kit;

/** What the governance kits share: deterministic 64-hex-digit values. */
final class Ledgers {
  private Ledgers() {}

  /** 64 hex digits: {@code fill} repeated, ending in {@code n} in hex. */
  static String hex(char fill, long n) {
    String tail = Long.toHexString(n);
    return String.valueOf(fill).repeat(64 - tail.length()) + tail;
  }
}
