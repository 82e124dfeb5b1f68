package dev.mpc.dsl.schema;

import dev.mpc.diag.Code;
import dev.mpc.diag.Severity;
import java.util.Objects;

/**
 * One problem a {@link DefinitionSchema} found in a definition's properties.
 *
 * @param code the registered code
 * @param severity {@code error}, or {@code warn} for an unknown property
 * @param member the member path inside the properties ({@code effect}, {@code intents/0/kind});
 *     empty for the definition itself (a missing required property)
 * @param message the message, naming the definition, the member and what is expected
 */
public record SchemaProblem(Code code, Severity severity, String member, String message) {
  /**
   * Creates a problem.
   *
   * @param code the code
   * @param severity the severity
   * @param member the member
   * @param message the message
   */
  public SchemaProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The top-level property the member belongs to ({@code intents} for {@code intents/0/kind}).
   *
   * @return the top-level property the member belongs to ({@code intents} for {@code intents/0/kind})
   */
  public String property() {
    int slash = member.indexOf('/');
    return slash < 0 ? member : member.substring(0, slash);
  }
}
