package dev.mpc.form;

import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * Who looks at a form, with which values.
 *
 * @param data the form's values (a submission, or what the UI shows)
 * @param actor the actor
 * @param state the workflow state the object is in, if any (expressions see it as {@code state})
 * @param current the stored values before this submission, if any: a read-only field may carry
 *     its current value, never another one
 * @param failOpen whether a failing expression takes its default (visible, editable, valid)
 *     rather than the safe side (hidden, read-only, invalid); empty: the engine's setting
 */
public record FormRequest(JsonObject data, Actor actor, Optional<String> state, Optional<JsonObject> current,
    Optional<Boolean> failOpen) {
  /** Creates a request. */
  public FormRequest {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(failOpen, "failOpen");
  }

  /** {@code data} seen by {@code actor}, no workflow state, no stored values, the engine's failure mode. */
  public static FormRequest of(JsonObject data, Actor actor) {
    return new FormRequest(data, actor, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This request in workflow state {@code s}. */
  public FormRequest inState(String s) {
    return new FormRequest(data, actor, Optional.of(s), current, failOpen);
  }

  /** This request with the stored values {@code values}. */
  public FormRequest withCurrent(JsonObject values) {
    return new FormRequest(data, actor, state, Optional.of(values), failOpen);
  }

  /** This request failing open ({@code true}) or closed. */
  public FormRequest withFailOpen(boolean open) {
    return new FormRequest(data, actor, state, current, Optional.of(open));
  }
}
