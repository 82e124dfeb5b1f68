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

  /** 403 for the service's own checks (admin only, no tenant). */
  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  public ResponseEntity<ProblemDetail> forbidden(org.springframework.security.access.AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "ALM_FORBIDDEN", e.getMessage());
  }
}
