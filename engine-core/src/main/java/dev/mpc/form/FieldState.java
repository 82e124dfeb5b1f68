package dev.mpc.form;

import java.util.Objects;

/**
 * What a field is for one actor and data: shown or not, editable or not.
 *
 * @param fieldId the field id
 * @param visible whether the UI shows it (false: its visibility expression said so, an ACL rule
 *     denies reading it, or the expression failed closed)
 * @param readonly whether the actor may not change it (its read-only expression, an ACL mask on
 *     it, an ACL rule denying the update, or a failure closed)
 */
public record FieldState(String fieldId, boolean visible, boolean readonly) {
  /** Creates a state. */
  public FieldState {
    Objects.requireNonNull(fieldId, "fieldId");
  }
}
