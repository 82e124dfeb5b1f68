package dev.mpc.conformance.planted;

import dev.mpc.json.internal.JsonMessages;

/** Planted violation: dev.mpc.json.internal is exported to engine-dsl only, not to the fixture runner. */
public final class UsesJsonMessages {
  private UsesJsonMessages() {}

  /** Uses engine-core's internal message cleaner: forbidden here. */
  public static String clean(String message) {
    return JsonMessages.clean(message, "malformed JSON");
  }
}
