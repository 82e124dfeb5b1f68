package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.redact.Redactor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The coded-error to HTTP mapping, for every code, and what a 500 does not say. */
class MpcProblemsTest {
  private final MpcProblems problems = new MpcProblems("https://mpc.dev/problems/", Redactor.standard());

  @Test
  void everyCodeHasAStatus_inTheDocumentedClasses() {
    EnumSet<HttpStatus> allowed = EnumSet.of(HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.CONFLICT,
        HttpStatus.TOO_MANY_REQUESTS, HttpStatus.FORBIDDEN, HttpStatus.INTERNAL_SERVER_ERROR,
        HttpStatus.SERVICE_UNAVAILABLE);
    for (Code c : Code.values()) {
      assertTrue(allowed.contains(MpcProblems.statusOf(c)), c.code());
    }
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, MpcProblems.statusOf(Code.E_PARSE_SYNTAX));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, MpcProblems.statusOf(Code.E_VALID_UNRESOLVED_REF));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, MpcProblems.statusOf(Code.E_EXPR_TYPE_MISMATCH));
    assertEquals(HttpStatus.CONFLICT, MpcProblems.statusOf(Code.E_WF_CONCURRENT_MODIFICATION));
    assertEquals(HttpStatus.CONFLICT, MpcProblems.statusOf(Code.E_GOV_IDEMPOTENCY_CONFLICT));
    assertEquals(HttpStatus.TOO_MANY_REQUESTS, MpcProblems.statusOf(Code.E_QUOTA_EXCEEDED));
    assertEquals(HttpStatus.FORBIDDEN, MpcProblems.statusOf(Code.E_WF_AUTH_DENIED));
    assertEquals(HttpStatus.FORBIDDEN, MpcProblems.statusOf(Code.R_ACL_DENY_ROLE));
    assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, MpcProblems.statusOf(Code.E_INTERNAL));
    assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, MpcProblems.statusOf(Code.E_BUDGET_EXCEEDED));
  }

  @Test
  void anInternalError_saysNothingInternal() {
    ProblemDetail p = problems.problem(List.of(Diagnostic.of(Code.E_INTERNAL,
        "NullPointerException at dev.mpc.Secret.line(42) password=hunter2")));
    assertEquals(500, p.getStatus());
    String text = MpcProblems.toJsonText(p);
    assertFalse(text.contains("NullPointer") || text.contains("hunter2") || text.contains("dev.mpc"), text);
    assertFalse(p.getProperties().containsKey("errors"), text);
    Decision failedClosed = Decision.deny(List.of(Reason.of(Code.E_INTERNAL, "stack trace here")));
    String denied = MpcProblems.toJsonText(problems.problem(failedClosed));
    assertFalse(denied.contains("stack trace"), denied);
  }

  @Test
  void aQuotaProblem_carriesRetryAfterSeconds_roundedUp() {
    Diagnostic d = Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Quota exceeded").withDetails(
        dev.mpc.json.JsonObject.builder().put("retryAfterMs", 1001).build());
    ProblemDetail p = problems.problem(List.of(d));
    assertEquals(429, p.getStatus());
    assertEquals(2L, MpcProblems.retryAfterOf(p).orElseThrow());
    Map<String, Object> props = p.getProperties();
    assertEquals("E_QUOTA_EXCEEDED", props.get("code"));
  }
}
