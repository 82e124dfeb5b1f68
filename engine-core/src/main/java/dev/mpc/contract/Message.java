package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A user-facing message attached to a decision, optionally localisable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param level how important
 * @param text the text
 * @param i18nKey localisation key, if any
 * @param params localisation parameters; empty when none
 */
public record Message(MessageLevel level, String text, Optional<String> i18nKey, JsonObject params) {
  /** Creates a message. */
  public Message {
    Objects.requireNonNull(level, "Message.level");
    Objects.requireNonNull(text, "Message.text");
    Objects.requireNonNull(i18nKey, "Message.i18nKey");
    Objects.requireNonNull(params, "Message.params");
  }
}
