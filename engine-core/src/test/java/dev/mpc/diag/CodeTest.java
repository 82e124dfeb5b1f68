package dev.mpc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodeTest {
  /** Upstream's authoritative registry (conformance.md §1.7): 47 error and 13 reason codes. */
  private static final List<String> UPSTREAM = List.of(
      "E_PARSE_SYNTAX", "E_PARSE_INVALID_TOKEN", "E_PARSE_UNSUPPORTED_FORMAT", "E_PARSE_MISSING_REQUIRED",
      "E_META_UNKNOWN_KIND", "E_META_MISSING_REQUIRED_FIELD", "E_META_TYPE_NOT_ALLOWED", "E_META_FUNCTION_NOT_ALLOWED",
      "E_META_BREAKING_CHANGE", "E_VALID", "E_VALID_DUPLICATE_DEF", "E_VALID_UNRESOLVED_REF", "E_VALID_CYCLE_DETECTED",
      "E_VALID_NAMESPACE_CONFLICT", "E_VALID_INVALID_WORKFLOW", "E_EXPR_TYPE_MISMATCH", "E_EXPR_UNKNOWN_FUNCTION",
      "E_EXPR_LIMIT_DEPTH", "E_EXPR_LIMIT_STEPS", "E_EXPR_LIMIT_TIME", "E_EXPR_REGEX_LIMIT", "E_EXPR_DIV_BY_ZERO",
      "E_EXPR_INVALID_REGEX", "E_BUDGET_EXCEEDED", "E_WF_NO_INITIAL", "E_WF_UNKNOWN_STATE", "E_WF_UNKNOWN_TRANSITION",
      "E_WF_GUARD_FAIL", "E_WF_AUTH_DENIED", "E_POLICY_INVALID_MATCHER", "E_POLICY_INVALID_TEMPLATE",
      "E_ACL_INVALID_RULE", "E_ACL_UNKNOWN_ACTION", "E_OVERLAY_CONFLICT", "E_OVERLAY_UNKNOWN_SELECTOR",
      "E_OVERLAY_INVALID_OP", "E_COMPOSE_CONFLICT", "E_FORM_DSL_TOO_LARGE", "E_FORM_DATA_TOO_LARGE",
      "E_FORM_ACTOR_TOO_LARGE", "E_FORM_EXPR_FAILED", "E_FORM_TIMEOUT", "E_GOV_SIGNATURE_REQUIRED",
      "E_GOV_SIGNATURE_INVALID", "E_GOV_ATTESTATION_MISSING", "E_GOV_ACTIVATION_FAILED", "E_QUOTA_EXCEEDED",
      "R_POLICY_ALLOW", "R_POLICY_DENY", "R_ACL_ALLOW_ROLE", "R_ACL_DENY_ROLE", "R_ACL_ALLOW_ABAC", "R_ACL_DENY_ABAC",
      "R_WF_GUARD_PASS", "R_WF_GUARD_FAIL", "R_WF_AUTH_DENIED", "R_WF_QUEUED", "R_WF_IGNORED",
      "R_GOV_SIGNATURE_VALID", "R_GOV_ATTESTATION_PASSED");

  /** Codes the specs name beyond upstream's registry (emitted upstream, or introduced by the design). */
  private static final List<String> SPEC_EXTRA = List.of(
      "E_EXPR_PARSE", "E_WF_INVALID_INITIAL", "E_WF_DYN_FAIL", "E_WF_UNREACHABLE_STATE", "E_WF_DEADLOCK_STATE",
      "E_WF_DEAD_END", "E_WF_ORPHANED_STATE", "E_WF_CONCURRENT_MODIFICATION", "E_QUOTA_COMPLEXITY",
      "E_GOV_AUDIT_FAILED", "E_GOV_QUORUM_INCOMPLETE", "E_GOV_STATE_INVALID", "E_GOV_IDEMPOTENCY_CONFLICT",
      "E_GOV_ACTIVATION_IN_PROGRESS", "E_GOV_CONCURRENT_MODIFICATION", "R_ACL_NO_MATCH", "R_COMPOSE_CONFLICT",
      "R_WF_UNKNOWN_TRANSITION", "R_GOV_POLICY_OFF", "R_GOV_KILL_SWITCH", "R_GOV_QUORUM_INCOMPLETE");

  /** The workflow engine's own codes (docs/workflow.md): port failure, port timeout, artifact mismatch. */
  private static final List<String> WORKFLOW_OWN = List.of("E_WF_PORT_FAILED", "E_WF_PORT_TIMEOUT",
      "E_WF_ARTIFACT_MISMATCH");

  /** The governed runtime's own codes (docs/governance.md): readiness probe failure and timeout. */
  private static final List<String> GOVERNANCE_OWN = List.of("E_GOV_PROBE_FAILED", "E_GOV_PROBE_TIMEOUT");

  /** The form engine's own codes (docs/forms.md): an invalid submission, a submission in the wrong state. */
  private static final List<String> FORM_OWN = List.of("E_FORM_INVALID_SUBMISSION", "E_FORM_STATE_MISMATCH");

  /** The linter's warnings (docs/testing.md). */
  private static final List<String> LINT_OWN = List.of("W_LINT_SHADOWED_RULE", "W_LINT_UNREACHABLE_RULE",
      "W_LINT_AMBIGUOUS_PRIORITY", "W_LINT_UNUSED_ROLE", "W_LINT_UNDECLARED_ROLE", "W_LINT_CONSTANT_CONDITION",
      "W_LINT_UNFIRABLE_TRANSITION");

  @Test
  void upstreamRegistry_exactlyUpstreamsCodes() {
    Set<String> ours = Code.upstreamRegistry().stream().map(Code::code).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(UPSTREAM), ours);
    assertEquals(47, ours.stream().filter(c -> c.startsWith("E_")).count());
    assertEquals(13, ours.stream().filter(c -> c.startsWith("R_")).count());
  }

  @Test
  void registry_holdsEverySpecCodePlusInternal() {
    Set<String> all = Arrays.stream(Code.values()).map(Code::code).collect(Collectors.toSet());
    for (String c : UPSTREAM) {
      assertTrue(all.contains(c), c);
    }
    for (String c : SPEC_EXTRA) {
      assertTrue(all.contains(c), c);
    }
    assertEquals(UPSTREAM.size() + SPEC_EXTRA.size() + 4 + WORKFLOW_OWN.size() + GOVERNANCE_OWN.size()
        + FORM_OWN.size() + LINT_OWN.size(), all.size(),
        "only E_INTERNAL, E_META_EVENT_NOT_ALLOWED, E_INPUT_UNREADABLE, R_COMPOSE_NOT_APPLICABLE, the workflow"
        + " port/artifact codes, the readiness probe codes and the form submission codes are MPC's own");
    for (String c : FORM_OWN) {
      assertTrue(all.contains(c), c);
    }
    for (String c : LINT_OWN) {
      assertTrue(all.contains(c), c);
      assertEquals(Severity.WARN, Code.valueOf(c).defaultSeverity(), c);
    }
    for (String c : GOVERNANCE_OWN) {
      assertTrue(all.contains(c), c);
    }
    for (String c : WORKFLOW_OWN) {
      assertTrue(all.contains(c), c);
    }
    assertTrue(all.contains("E_INPUT_UNREADABLE"));
    assertTrue(all.contains("R_COMPOSE_NOT_APPLICABLE"));
    assertTrue(all.contains("E_INTERNAL"));
    assertTrue(all.contains("E_META_EVENT_NOT_ALLOWED"));
  }

  @Test
  void codes_haveKindSeverityAndMeaning() {
    for (Code c : Code.values()) {
      assertEquals(1, (c.isError() ? 1 : 0) + (c.isReason() ? 1 : 0) + (c.isLint() ? 1 : 0), c.code());
      assertFalse(c.meaning().isBlank(), c.code());
      if (c.isReason()) {
        assertEquals(Severity.INFO, c.defaultSeverity(), c.code());
      }
    }
    assertEquals(Severity.FATAL, Code.E_GOV_SIGNATURE_REQUIRED.defaultSeverity());
    assertEquals(Severity.WARN, Code.E_WF_DEAD_END.defaultSeverity());
  }

  @Test
  void of_unknownCode_empty() {
    assertTrue(Code.of("E_NOT_A_CODE").isEmpty());
    assertEquals(Code.E_VALID, Code.of("E_VALID").orElseThrow());
  }

  @Test
  void severity_wireNames() {
    assertEquals("warn", Severity.WARN.wireName());
    assertEquals(Severity.WARN, Severity.fromWireName("warning").orElseThrow());
    assertTrue(Severity.fromWireName("bad").isEmpty());
  }

  @Test
  void result_okCannotCarryFailures_failedNeedsOne() {
    Diagnostic err = Diagnostic.of(Code.E_VALID, "bad");
    Diagnostic warn = Diagnostic.of(Code.E_WF_DEAD_END, "dead end");
    assertThrows(IllegalArgumentException.class, () -> Result.ok("x", List.of(err)));
    assertThrows(IllegalArgumentException.class, () -> Result.failed(List.of(warn)));
    Result<String> ok = Result.ok("x", List.of(warn));
    assertEquals("x", ok.orElseThrow());
    Result<Integer> chained = ok.flatMap(s -> Result.failed(err));
    assertEquals(List.of(warn, err), chained.diagnostics());
    MpcException e = assertThrows(MpcException.class, chained::orElseThrow);
    assertEquals(List.of(warn, err), e.diagnostics());
  }

  @Test
  void diagnostic_toString_showsPositionAndCode() {
    Diagnostic d = Diagnostic.of(Code.E_PARSE_SYNTAX, "boom", SourceMap.at(3, 4).withFile("m.mpc"));
    assertEquals("m.mpc:3:4: [E_PARSE_SYNTAX] boom", d.toString());
    assertThrows(IllegalArgumentException.class, () -> Diagnostic.of(Code.E_PARSE_SYNTAX, ""));
    assertThrows(IllegalArgumentException.class, () -> SourceMap.at(0, 1));
  }
}
