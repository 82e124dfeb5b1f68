package dev.mpc.spring;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonValue;
import dev.mpc.redact.Redactor;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The mapping of coded errors and denials to RFC 9457 Problem Details (docs/hosting.md has the
 * table): {@code type} is the configured prefix followed by the code, {@code title} names the
 * class of problem, {@code status} the HTTP status, {@code code} the code, {@code errors} every
 * diagnostic with its line and column (manifest diagnostics), {@code reasons} a denial's reasons,
 * {@code correlationId} the request's. Status: parse, validation and compile errors 422; conflicts
 * 409; quotas 429 (the caller sets {@code Retry-After} from {@link #retryAfterSeconds}); auth,
 * signatures and policy or ACL denials 403; anything else 500, whose body says nothing internal.
 * Messages are redacted. Thread-safe.
 */
public final class MpcProblems {
  private final String typePrefix;
  private final Redactor redactor;

  /**
   * Problems whose {@code type} is {@code typePrefix + code}.
   *
   * @param typePrefix the type prefix
   * @param redactor the redactor
   */
  public MpcProblems(String typePrefix, Redactor redactor) {
    this.typePrefix = typePrefix;
    this.redactor = redactor;
  }

  /**
   * The HTTP status of {@code code}.
   *
   * @param code the code
   * @return the HTTP status of {@code code}
   */
  public static HttpStatus statusOf(Code code) {
    String c = code.code();
    switch (code) {
      case E_QUOTA_EXCEEDED:
        return HttpStatus.TOO_MANY_REQUESTS;
      case E_WF_CONCURRENT_MODIFICATION:
      case E_GOV_CONCURRENT_MODIFICATION:
      case E_GOV_IDEMPOTENCY_CONFLICT:
      case E_FORM_STATE_MISMATCH:
      case E_WF_ARTIFACT_MISMATCH:
      case E_WF_UNKNOWN_TRANSITION: // at run time: the event does not fit the instance's current state
      case E_META_BREAKING_CHANGE:
      case E_GOV_QUORUM_INCOMPLETE:
      case E_GOV_STATE_INVALID:
        return HttpStatus.CONFLICT;
      case E_GOV_ACTIVATION_IN_PROGRESS:
        return HttpStatus.SERVICE_UNAVAILABLE;
      case E_WF_AUTH_DENIED:
      case E_WF_GUARD_FAIL:
      case E_GOV_SIGNATURE_INVALID:
      case E_GOV_SIGNATURE_REQUIRED:
      case E_GOV_ATTESTATION_MISSING:
        return HttpStatus.FORBIDDEN;
      default:
        break;
    }
    if (c.startsWith("R_")) {
      return HttpStatus.FORBIDDEN;
    }
    if (c.startsWith("E_PARSE") || c.startsWith("E_VALID") || c.startsWith("E_META") || c.startsWith("E_OVERLAY")
        || c.startsWith("E_POLICY_INVALID") || c.startsWith("E_ACL_") || c.equals("E_INPUT_UNREADABLE")
        || c.equals("E_QUOTA_COMPLEXITY") || c.equals("E_EXPR_PARSE") || c.equals("E_EXPR_TYPE_MISMATCH")
        || c.equals("E_EXPR_UNKNOWN_FUNCTION") || c.equals("E_EXPR_INVALID_REGEX") || c.startsWith("E_FORM_INVALID")
        || c.endsWith("_TOO_LARGE") || c.equals("E_WF_NO_INITIAL") || c.equals("E_WF_INVALID_INITIAL")
        || c.equals("E_WF_UNREACHABLE_STATE") || c.equals("E_WF_DEAD_END") || c.equals("E_WF_ORPHANED_STATE")
        || c.equals("E_WF_DEADLOCK_STATE") || c.equals("E_WF_UNKNOWN_STATE")) {
      return HttpStatus.UNPROCESSABLE_ENTITY;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /**
   * The problem of failed work with {@code diagnostics} (the first error decides the status).
   *
   * @param diagnostics the diagnostics
   * @return the problem of failed work with {@code diagnostics} (the first error decides the status)
   */
  public ProblemDetail problem(List<Diagnostic> diagnostics) {
    Diagnostic first = diagnostics.stream().filter(d -> d.severity() == dev.mpc.diag.Severity.ERROR || d.severity() == dev.mpc.diag.Severity.FATAL).findFirst()
        .orElse(diagnostics.isEmpty() ? Diagnostic.of(Code.E_INTERNAL, "failed") : diagnostics.get(0));
    HttpStatus status = statusOf(first.code());
    ProblemDetail p = base(status, first.code());
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      p.setDetail("The request failed inside the service; quote the correlation id when reporting it.");
      return p;
    }
    p.setDetail(redactor.redactText(first.message()));
    List<Map<String, Object>> errors = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("code", d.code().code());
      e.put("severity", d.severity().wireName());
      e.put("message", redactor.redactText(d.message()));
      d.source().ifPresent(s -> {
        s.file().ifPresent(f -> e.put("file", f));
        e.put("line", s.line());
        e.put("column", s.col());
      });
      d.path().ifPresent(v -> e.put("path", v));
      errors.add(e);
    }
    p.setProperty("errors", errors);
    retryAfterSeconds(first.details().getOrNull("retryAfterMs")).ifPresent(s -> p.setProperty("retryAfterSeconds", s));
    return p;
  }

  /**
   * The problem of a denied decision: 403 with its reasons, 429 for a quota, the error's status for a fail-closed deny.
   *
   * @param d the d
   * @return the problem of a denied decision
   */
  public ProblemDetail problem(Decision d) {
    Optional<Reason> error = d.reasons().stream().filter(MpcDecisions::isError).findFirst();
    Code code = error.map(Reason::code).orElse(d.reasons().isEmpty() ? Code.R_ACL_NO_MATCH : d.reasons().get(0).code());
    HttpStatus status = error.isPresent() ? statusOf(code) : HttpStatus.FORBIDDEN;
    ProblemDetail p = base(status, code);
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      p.setDetail("The decision failed closed inside the service; quote the correlation id when reporting it.");
      p.setProperty("allow", false);
      return p;
    }
    p.setDetail(redactor.redactText(d.reasons().stream().map(r -> r.summary().orElse(r.code().code())).findFirst()
        .orElse("Denied")));
    p.setProperty("allow", false);
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Reason r : d.reasons()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", r.code().code());
      r.summary().ifPresent(s -> m.put("summary", redactor.redactText(s)));
      r.path().ifPresent(s -> m.put("path", s));
      reasons.add(m);
    }
    p.setProperty("reasons", reasons);
    error.flatMap(r -> retryAfterSeconds(r.data().getOrNull("retryAfterMs")))
        .ifPresent(s -> p.setProperty("retryAfterSeconds", s));
    d.meta().artifactHash().ifPresent(h -> p.setProperty("artifactHash", h));
    return p;
  }

  /**
   * Seconds for a {@code Retry-After} header from a {@code retryAfterMs} detail (rounded up, at least 1).
   *
   * @param retryAfterMs the retry after ms
   * @return the optional
   */
  public static Optional<Long> retryAfterSeconds(JsonValue retryAfterMs) {
    if (retryAfterMs instanceof JsonInt i && i.fitsLong() && i.longValueExact() >= 0) {
      return Optional.of(Math.max(1, (i.longValueExact() + 999) / 1000));
    }
    return Optional.empty();
  }

  private ProblemDetail base(HttpStatus status, Code code) {
    ProblemDetail p = ProblemDetail.forStatus(status);
    p.setType(URI.create(typePrefix + code.code()));
    p.setTitle(title(status));
    p.setProperty("code", code.code());
    MpcDecisions.correlationId().ifPresent(id -> p.setProperty("correlationId", id));
    return p;
  }

  private static String title(HttpStatus s) {
    switch (s) {
      case UNPROCESSABLE_ENTITY:
        return "Invalid input";
      case CONFLICT:
        return "Conflict";
      case TOO_MANY_REQUESTS:
        return "Too many requests";
      case FORBIDDEN:
        return "Forbidden";
      case SERVICE_UNAVAILABLE:
        return "Not ready";
      default:
        return "Internal error";
    }
  }

  /**
   * {@code p} as JSON text (members type, title, status, detail, then its properties), for writers outside Spring MVC.
   *
   * @param p the p
   * @return the string
   */
  public static String toJsonText(ProblemDetail p) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", String.valueOf(p.getType()));
    body.put("title", p.getTitle());
    body.put("status", p.getStatus());
    if (p.getDetail() != null) {
      body.put("detail", p.getDetail());
    }
    if (p.getProperties() != null) {
      body.putAll(p.getProperties());
    }
    return dev.mpc.json.Json.write(json(body));
  }

  private static JsonValue json(Object o) {
    if (o == null) {
      return dev.mpc.json.JsonNull.INSTANCE;
    }
    if (o instanceof JsonValue v) {
      return v;
    }
    if (o instanceof String s) {
      return dev.mpc.json.JsonString.of(s);
    }
    if (o instanceof Boolean b) {
      return dev.mpc.json.JsonBool.of(b);
    }
    if (o instanceof Integer || o instanceof Long || o instanceof Short) {
      return JsonInt.of(((Number) o).longValue());
    }
    if (o instanceof Map<?, ?> m) {
      dev.mpc.json.JsonObject.Builder b = dev.mpc.json.JsonObject.builder();
      m.forEach((k, v) -> b.put(String.valueOf(k), json(v)));
      return b.build();
    }
    if (o instanceof List<?> l) {
      List<JsonValue> items = new ArrayList<>(l.size());
      for (Object x : l) {
        items.add(json(x));
      }
      return dev.mpc.json.JsonArray.of(items);
    }
    return dev.mpc.json.JsonString.of(String.valueOf(o));
  }

  /**
   * The HTTP response of {@code p}: its status, {@code Retry-After} when it has one, the body.
   *
   * @param p the problem
   * @return the response
   */
  public static org.springframework.http.ResponseEntity<ProblemDetail> response(ProblemDetail p) {
    org.springframework.http.ResponseEntity.BodyBuilder b = org.springframework.http.ResponseEntity.status(p.getStatus());
    retryAfterOf(p).ifPresent(s -> b.header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(s)));
    return b.body(p);
  }

  /**
   * The {@code Retry-After} seconds of a problem, if it has one.
   *
   * @param p the p
   * @return the {@code Retry-After} seconds of a problem, if it has one
   */
  public static Optional<Long> retryAfterOf(ProblemDetail p) {
    Map<String, Object> props = p.getProperties();
    return props != null && props.get("retryAfterSeconds") instanceof Long l ? Optional.of(l) : Optional.empty();
  }
}
