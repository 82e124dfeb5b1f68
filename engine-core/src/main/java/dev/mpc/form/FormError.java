package dev.mpc.form;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem of a submission.
 *
 * @param fieldId the field ({@code __form__} for the form itself)
 * @param key the message key ({@code form.required}, {@code form.type}, ...; see {@code messages.properties})
 * @param params the message parameters, in order (the field's display name first)
 * @param message the message in the engine's locale
 * @param expr the failing expression's source, where there is one
 */
public record FormError(String fieldId, String key, List<JsonValue> params, String message, Optional<String> expr) {
  /** Creates an error. */
  public FormError {
    Objects.requireNonNull(fieldId, "fieldId");
    Objects.requireNonNull(key, "key");
    params = List.copyOf(params);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expr, "expr");
  }

  /** The parameters as a JSON array. */
  public JsonArray paramsJson() {
    return JsonArray.of(params);
  }
}
