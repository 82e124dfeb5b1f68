package dev.mpc.form;

import java.util.List;

/**
 * A submission's validation result.
 *
 * @param valid whether there are no errors
 * @param errors the errors, in field order
 */
public record Validation(boolean valid, List<FormError> errors) {
  /** Creates a result. */
  public Validation {
    errors = List.copyOf(errors);
    if (valid != errors.isEmpty()) {
      throw new IllegalArgumentException("valid exactly when there are no errors");
    }
  }

  /** The result of {@code errors}. */
  public static Validation of(List<FormError> errors) {
    return new Validation(errors.isEmpty(), errors);
  }
}
