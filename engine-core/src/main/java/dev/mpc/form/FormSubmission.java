package dev.mpc.form;

import dev.mpc.diag.Diagnostic;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowInstance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link FormEngine#submit}: the submission's validation and, when it validated and
 * the form names a {@code workflowTrigger}, the workflow transition it fired.
 *
 * <p>Accepted exactly when {@link #errors()} is empty: the values validated, the instance was in
 * the form's {@code workflowState} (when the form names one) and the trigger, when there is one,
 * was allowed. An invalid submission ({@code E_FORM_INVALID_SUBMISSION}) or one for an instance in
 * another state ({@code E_FORM_STATE_MISMATCH}) fires nothing; a fired trigger the workflow refused
 * carries the workflow's errors ({@code E_WF_GUARD_FAIL}, {@code E_WF_AUTH_DENIED}, ...) and its
 * {@link #transition()} still holds the instance to save (the attempt is recorded in its history).
 *
 * <p>Immutable and thread-safe.
 *
 * @param formId the form
 * @param validation the values validated as a submission
 * @param transition the fired trigger's result, if one was fired
 * @param errors why the submission was not accepted (empty when it was)
 */
public record FormSubmission(String formId, Validation validation, Optional<TransitionResult> transition,
    List<Diagnostic> errors) {
  /** Creates an outcome. */
  public FormSubmission {
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(transition, "transition");
    errors = List.copyOf(errors);
  }

  /** Whether the submission was accepted (validated, and the trigger, if any, was allowed). */
  public boolean accepted() {
    return errors.isEmpty();
  }

  /** The workflow instance to save after this submission, if a trigger was fired. */
  public Optional<WorkflowInstance> instance() {
    return transition.map(TransitionResult::instance);
  }
}
