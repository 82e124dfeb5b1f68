package dev.mpc.spring.security;

import dev.mpc.spring.MpcProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a method call {@link MpcAuthorize} denied (Spring Security's
 * {@link AuthorizationDeniedException} carrying an {@link MpcAuthorizationDecision}) with 403
 * Problem Details listing the Decision's reasons. Other denials are left to Spring Security.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class MpcSecurityProblemHandler {
  private final MpcProblems problems;

  /**
   * A handler rendering with {@code problems}.
   *
   * @param problems the problems
   */
  public MpcSecurityProblemHandler(MpcProblems problems) {
    this.problems = problems;
  }

  /**
   * A denied method call.
   *
   * @param e the e
   * @return a denied method call
   * @throws AuthorizationDeniedException again when MPC did not make the decision
   */
  @ExceptionHandler(AuthorizationDeniedException.class)
  public ResponseEntity<ProblemDetail> denied(AuthorizationDeniedException e) {
    if (!(e.getAuthorizationResult() instanceof MpcAuthorizationDecision m)) {
      throw e;
    }
    return MpcProblems.response(problems.problem(m.decision()));
  }
}
