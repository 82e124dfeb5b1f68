package dev.mpc.examples.alm;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The service's own Problem Details (the engine's coded errors are the starter's). */
@RestControllerAdvice
public class ApiErrors {
  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, Secrets.redact(detail));
    p.setType(URI.create("https://mpc.dev/problems/" + code));
    p.setTitle(status.getReasonPhrase());
    p.setProperty("code", code);
    dev.mpc.spring.MpcDecisions.correlationId().ifPresent(id -> p.setProperty("correlationId", id));
    return ResponseEntity.status(status).body(p);
  }

  /** 404. */
  @ExceptionHandler(ItemController.NotFound.class)
  public ResponseEntity<ProblemDetail> notFound(ItemController.NotFound e) {
    return problem(HttpStatus.NOT_FOUND, "ALM_NOT_FOUND", e.getMessage());
  }

  /** 400. */
  @ExceptionHandler({ItemController.BadRequest.class, MissingRequestHeaderException.class})
  public ResponseEntity<ProblemDetail> badRequest(Exception e) {
    return problem(HttpStatus.BAD_REQUEST, "ALM_BAD_REQUEST", e.getMessage());
  }

  /** 400 for a body that is not JSON of the expected shape. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return problem(HttpStatus.BAD_REQUEST, "ALM_BAD_REQUEST", "the request body is not valid JSON of the expected shape");
  }

  /** 409. */
  @ExceptionHandler(ItemController.VersionConflict.class)
  public ResponseEntity<ProblemDetail> conflict(ItemController.VersionConflict e) {
    return problem(HttpStatus.CONFLICT, "ALM_VERSION_CONFLICT", e.getMessage());
  }

  /** 503 while the database is unreachable: nothing was written; retry. */
  @ExceptionHandler({org.springframework.dao.DataAccessException.class, dev.mpc.jdbc.JdbcException.class})
  public ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
    org.slf4j.LoggerFactory.getLogger(ApiErrors.class).warn("database unavailable: {}", Secrets.redact(e.getMessage()));
    ResponseEntity<ProblemDetail> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "ALM_UNAVAILABLE",
        "a dependency is unavailable; nothing was changed, retry shortly");
    return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "1").body(r.getBody());
  }

  /** 500 for anything unexpected: logged with its stack trace, the body says nothing internal. */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> internal(Exception e) throws Exception {
    if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.security.core.AuthenticationException) {
      throw e; // Spring's own 4xx (missing parameter, wrong method, ...) and authentication keep their handling
    }
    org.slf4j.LoggerFactory.getLogger(ApiErrors.class).error("unexpected failure", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "ALM_INTERNAL",
        "the request failed inside the service; quote the correlation id when reporting it");
  }

  /** 403 for the service's own checks (admin only, no tenant). */
  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  public ResponseEntity<ProblemDetail> forbidden(org.springframework.security.access.AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "ALM_FORBIDDEN", e.getMessage());
  }
}
