package dev.mpc.conformance;

import java.util.List;

/** The category handlers MPC ships, one per fixture category it implements. */
public final class Handlers {
  private Handlers() {}

  /** Every implemented category handler. Add new ones here (one line each). */
  public static List<CategoryHandler> standard() {
    return List.of(
        // category handlers are added as their components land
        new dev.mpc.conformance.handlers.ExprHandler());
  }
}
