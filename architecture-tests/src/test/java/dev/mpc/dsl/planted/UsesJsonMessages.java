package dev.mpc.dsl.planted;

import dev.mpc.json.internal.JsonMessages;

/** Allowed: engine-dsl is the one module dev.mpc.json.internal is exported to. */
public final class UsesJsonMessages {
  private UsesJsonMessages() {}

  /** Words a library message as the runtime does. */
  public static String clean(String message) {
    return JsonMessages.clean(message, "malformed JSON");
  }
}
