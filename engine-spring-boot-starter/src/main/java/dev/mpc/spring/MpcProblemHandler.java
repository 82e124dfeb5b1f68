package dev.mpc.spring;

import dev.mpc.diag.MpcException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@link MpcException} (coded errors: a manifest that does not compile, a conflict, a
 * quota) and {@link MpcDeniedException} (a denied decision) with RFC 9457 Problem Details
 * ({@code application/problem+json}), mapped by {@link MpcProblems}; a 429 carries
 * {@code Retry-After}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class MpcProblemHandler {
  private final MpcProblems problems;

  /**
   * A handler rendering with {@code problems}.
   *
   * @param problems the problems
   */
  public MpcProblemHandler(MpcProblems problems) {
    this.problems = problems;
  }

  /**
   * A coded failure.
   *
   * @param e the e
   * @return a coded failure
   */
  @ExceptionHandler(MpcException.class)
  public ResponseEntity<ProblemDetail> coded(MpcException e) {
    return MpcProblems.response(problems.problem(e.diagnostics()));
  }

  /**
   * A denied decision.
   *
   * @param e the e
   * @return a denied decision
   */
  @ExceptionHandler(MpcDeniedException.class)
  public ResponseEntity<ProblemDetail> denied(MpcDeniedException e) {
    return MpcProblems.response(problems.problem(e.decision()));
  }
}
