package dev.mpc.jdbc.planted;

import org.springframework.util.StringUtils;

/** Planted: an adapter that reaches Spring (and the compiler). */
public final class UsesSpring {
  private UsesSpring() {}

  /** Uses Spring and engine-dsl. */
  public static boolean blank(String s) {
    return !StringUtils.hasText(s) && dev.mpc.dsl.Syntax.detect(s) != null;
  }
}
