package dev.mpc.diag;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of every error ({@code E_*}) and reason ({@code R_*}) code MPC produces. A
 * {@link Diagnostic} or {@code Reason} can only carry a constant of this enum, so an unregistered
 * code cannot be produced.
 *
 * <p>The constant name is the wire code. Each code has a default {@link Severity} (a producer may
 * override it per diagnostic), a one-line meaning, and a flag telling whether upstream MPC's code
 * registry ({@code src/mpc/kernel/errors/registry.py}) has it: upstream engines emit several codes
 * that its own registry lacks (so its conformance check would reject them); MPC for the JVM
 * registers all of them, and adds {@link #E_INTERNAL} for fail-closed internal errors and
 * {@link #R_COMPOSE_NOT_APPLICABLE} for compositions in which nothing applied.
 *
 * <p>Immutable and thread-safe.
 */
public enum Code {
  // ---- parsing
  /** Text that does not follow the syntax of its format. */
  E_PARSE_SYNTAX(Severity.ERROR, true, "text does not follow the syntax of its format"),
  /** A well-formed token whose value is not acceptable (bad escape, non-finite number, wrong type). */
  E_PARSE_INVALID_TOKEN(Severity.ERROR, true, "a token's value is not acceptable"),
  /** An explicitly requested format that does not exist. */
  E_PARSE_UNSUPPORTED_FORMAT(Severity.ERROR, true, "unknown manifest format"),
  /** A required member (a node's kind or id) is missing or empty. */
  E_PARSE_MISSING_REQUIRED(Severity.ERROR, true, "a required member is missing or empty"),

  // ---- DomainMeta
  /** A definition's kind is not declared in DomainMeta. */
  E_META_UNKNOWN_KIND(Severity.ERROR, true, "kind not declared in DomainMeta"),
  /** A property the kind requires is absent. */
  E_META_MISSING_REQUIRED_FIELD(Severity.ERROR, true, "required property missing"),
  /** A value's type is not allowed for its kind. */
  E_META_TYPE_NOT_ALLOWED(Severity.ERROR, true, "value type not allowed"),
  /** A function that DomainMeta does not allow. */
  E_META_FUNCTION_NOT_ALLOWED(Severity.ERROR, true, "function not allowed by DomainMeta"),
  /** An event DomainMeta does not allow (MPC for the JVM's own code; upstream never checks events). */
  E_META_EVENT_NOT_ALLOWED(Severity.ERROR, false, "event not allowed by DomainMeta"),
  /** A DomainMeta change that breaks existing manifests. */
  E_META_BREAKING_CHANGE(Severity.ERROR, true, "breaking DomainMeta change"),

  // ---- validation
  /** Validation failed (wraps the individual errors as causes). */
  E_VALID(Severity.ERROR, true, "validation failed"),
  /** Two definitions with the same kind and id. */
  E_VALID_DUPLICATE_DEF(Severity.ERROR, true, "duplicate definition"),
  /** A reference (state, import, parent) that does not resolve. */
  E_VALID_UNRESOLVED_REF(Severity.ERROR, true, "unresolved reference"),
  /** A cycle over extends, imports or workflow transitions. */
  E_VALID_CYCLE_DETECTED(Severity.ERROR, true, "cycle detected"),
  /** One id used by several kinds in one namespace. */
  E_VALID_NAMESPACE_CONFLICT(Severity.ERROR, true, "namespace conflict"),
  /** A workflow definition that cannot work. */
  E_VALID_INVALID_WORKFLOW(Severity.ERROR, true, "invalid workflow"),

  // ---- expressions
  /** An operand or argument of the wrong type. */
  E_EXPR_TYPE_MISMATCH(Severity.ERROR, true, "expression type mismatch"),
  /** A call to a function that is neither built in nor declared. */
  E_EXPR_UNKNOWN_FUNCTION(Severity.ERROR, true, "unknown function"),
  /** Expression nesting deeper than the limit. */
  E_EXPR_LIMIT_DEPTH(Severity.ERROR, true, "expression depth limit exceeded"),
  /** Expression step limit exceeded (registered upstream, never emitted: steps use E_BUDGET_EXCEEDED). */
  E_EXPR_LIMIT_STEPS(Severity.ERROR, true, "expression step limit exceeded"),
  /** Expression evaluation took longer than the limit. */
  E_EXPR_LIMIT_TIME(Severity.ERROR, true, "expression time limit exceeded"),
  /** More regex operations than the limit in one evaluation. */
  E_EXPR_REGEX_LIMIT(Severity.ERROR, true, "regex operation limit exceeded"),
  /** Division or modulo by zero. */
  E_EXPR_DIV_BY_ZERO(Severity.ERROR, true, "division by zero"),
  /** A regex pattern that does not compile. */
  E_EXPR_INVALID_REGEX(Severity.ERROR, true, "invalid regex pattern"),
  /** An evaluation budget (steps) was exhausted. */
  E_BUDGET_EXCEEDED(Severity.ERROR, true, "evaluation budget exceeded"),
  /** Expression text that does not parse. */
  E_EXPR_PARSE(Severity.ERROR, false, "expression syntax error"),

  // ---- workflow
  /** A workflow without an initial state. */
  E_WF_NO_INITIAL(Severity.ERROR, true, "workflow has no initial state"),
  /** A state name that the workflow does not declare. */
  E_WF_UNKNOWN_STATE(Severity.ERROR, true, "unknown workflow state"),
  /** No transition for the event from the current state. */
  E_WF_UNKNOWN_TRANSITION(Severity.ERROR, true, "no transition for event"),
  /** A transition guard denied the transition. */
  E_WF_GUARD_FAIL(Severity.ERROR, true, "guard failed"),
  /** The actor may not fire the transition. */
  E_WF_AUTH_DENIED(Severity.ERROR, true, "transition not authorized"),
  /** The initial state is not a declared state. */
  E_WF_INVALID_INITIAL(Severity.ERROR, false, "invalid initial state"),
  /** A dynamic transition target could not be computed. */
  E_WF_DYN_FAIL(Severity.ERROR, false, "dynamic transition failed"),
  /** A state no transition path reaches. */
  E_WF_UNREACHABLE_STATE(Severity.WARN, false, "unreachable state"),
  /** A non-final state with no way out. */
  E_WF_DEADLOCK_STATE(Severity.WARN, false, "deadlock state"),
  /** A non-final state without outgoing transitions. */
  E_WF_DEAD_END(Severity.WARN, false, "dead-end state"),
  /** A state that cannot reach any final state. */
  E_WF_ORPHANED_STATE(Severity.WARN, false, "state cannot reach a final state"),
  /** A workflow snapshot changed concurrently (compare-and-set failed). */
  E_WF_CONCURRENT_MODIFICATION(Severity.ERROR, false, "concurrent workflow modification"),
  /** A workflow port (GuardPort, AuthPort) threw or is missing; the transition failed closed. */
  E_WF_PORT_FAILED(Severity.ERROR, false, "workflow port failed; failed closed"),
  /** A workflow port answered after its time budget; the answer was discarded and the transition failed closed. */
  E_WF_PORT_TIMEOUT(Severity.ERROR, false, "workflow port timed out; failed closed"),
  /** A workflow instance fired against an artifact other than the one it runs on. */
  E_WF_ARTIFACT_MISMATCH(Severity.ERROR, false, "workflow instance belongs to another artifact"),

  // ---- policy, ACL, overlay, compose
  /** A policy matcher that cannot be evaluated. */
  E_POLICY_INVALID_MATCHER(Severity.ERROR, true, "invalid policy matcher"),
  /** A policy intent template that cannot be rendered. */
  E_POLICY_INVALID_TEMPLATE(Severity.ERROR, true, "invalid policy template"),
  /** An ACL rule that cannot be evaluated. */
  E_ACL_INVALID_RULE(Severity.ERROR, true, "invalid ACL rule"),
  /** An action no ACL rule knows. */
  E_ACL_UNKNOWN_ACTION(Severity.ERROR, true, "unknown ACL action"),
  /** Two overlay operations on the same target. */
  E_OVERLAY_CONFLICT(Severity.ERROR, true, "overlay conflict"),
  /** An overlay selector that matches nothing or is missing. */
  E_OVERLAY_UNKNOWN_SELECTOR(Severity.ERROR, true, "unknown overlay selector"),
  /** An overlay operation that does not exist or cannot apply. */
  E_OVERLAY_INVALID_OP(Severity.ERROR, true, "invalid overlay operation"),
  /** More than one decision applicable under the only-one strategy. */
  E_COMPOSE_CONFLICT(Severity.ERROR, true, "conflicting decisions"),

  // ---- forms
  /** Form DSL text over the size limit. */
  E_FORM_DSL_TOO_LARGE(Severity.ERROR, true, "form DSL too large"),
  /** Form data over the size limit. */
  E_FORM_DATA_TOO_LARGE(Severity.ERROR, true, "form data too large"),
  /** Form actor over the size limit. */
  E_FORM_ACTOR_TOO_LARGE(Severity.ERROR, true, "form actor too large"),
  /** A form expression failed. */
  E_FORM_EXPR_FAILED(Severity.ERROR, true, "form expression failed"),
  /** Form evaluation took too long. */
  E_FORM_TIMEOUT(Severity.ERROR, true, "form evaluation timed out"),
  /** A form submission that does not validate: nothing was fired. */
  E_FORM_INVALID_SUBMISSION(Severity.ERROR, false, "form submission is invalid"),
  /** A form submitted for a workflow instance that is not in the form's workflow state: nothing was fired. */
  E_FORM_STATE_MISMATCH(Severity.ERROR, false, "workflow instance is not in the form's state"),

  // ---- governance
  /** Enterprise mode requires a signed artifact. */
  E_GOV_SIGNATURE_REQUIRED(Severity.FATAL, true, "signature required"),
  /** An artifact signature that does not verify. */
  E_GOV_SIGNATURE_INVALID(Severity.FATAL, true, "signature invalid"),
  /** A required attestation is missing. */
  E_GOV_ATTESTATION_MISSING(Severity.ERROR, true, "attestation missing"),
  /** Activation failed. */
  E_GOV_ACTIVATION_FAILED(Severity.ERROR, true, "activation failed"),
  /** A quota (e.g. maximum manifest nodes) was exceeded. */
  E_QUOTA_EXCEEDED(Severity.ERROR, true, "quota exceeded"),
  /** A complexity quota was exceeded. */
  E_QUOTA_COMPLEXITY(Severity.ERROR, false, "complexity quota exceeded"),
  /** The audit ledger could not record an activation. */
  E_GOV_AUDIT_FAILED(Severity.ERROR, false, "audit failed"),
  /** Not enough approvals for activation. */
  E_GOV_QUORUM_INCOMPLETE(Severity.ERROR, false, "approval quorum incomplete"),
  /** A governance state transition that is not allowed. */
  E_GOV_STATE_INVALID(Severity.ERROR, false, "invalid governance state"),
  /** The same idempotency key with a different request. */
  E_GOV_IDEMPOTENCY_CONFLICT(Severity.ERROR, false, "idempotency key conflict"),
  /** An activation with the same key is still in progress. */
  E_GOV_ACTIVATION_IN_PROGRESS(Severity.ERROR, false, "activation in progress"),
  /** The active artifact changed concurrently (compare-and-set failed). */
  E_GOV_CONCURRENT_MODIFICATION(Severity.ERROR, false, "concurrent activation"),

  // ---- MPC for the JVM
  /** An internal error; the operation failed closed (denied). */
  E_INTERNAL(Severity.FATAL, false, "internal error; failed closed"),
  /** An input file or directory the {@code mpc} command cannot read (missing, a directory, no permission). */
  E_INPUT_UNREADABLE(Severity.ERROR, false, "input file cannot be read"),
  /** A readiness probe of a host port threw or answered false. */
  E_GOV_PROBE_FAILED(Severity.ERROR, false, "readiness probe failed"),
  /** A readiness probe of a host port did not answer within its timeout. */
  E_GOV_PROBE_TIMEOUT(Severity.ERROR, false, "readiness probe timed out"),

  // ---- reasons
  /** Lint: a rule that never decides, because a higher-priority rule decides first on every event it matches. */
  W_LINT_SHADOWED_RULE(Severity.WARN, false, "rule shadowed by a higher-priority rule"),
  /** Lint: a rule that can match no event (an envelope field that does not exist, an unknown action or resource). */
  W_LINT_UNREACHABLE_RULE(Severity.WARN, false, "rule matches no event"),
  /** Lint: an allow and a deny of equal priority on overlapping events: their order decides. */
  W_LINT_AMBIGUOUS_PRIORITY(Severity.WARN, false, "allow and deny of equal priority overlap"),
  /** Lint: a role defined and never referenced. */
  W_LINT_UNUSED_ROLE(Severity.WARN, false, "role referenced nowhere"),
  /** Lint: a rule or transition granted to a role no Role definition declares. */
  W_LINT_UNDECLARED_ROLE(Severity.WARN, false, "role granted nothing"),
  /** Lint: a guard or condition whose value does not depend on the event. */
  W_LINT_CONSTANT_CONDITION(Severity.WARN, false, "guard or condition is constant"),
  /** Lint: a workflow transition that can never fire (an earlier one always takes its event first). */
  W_LINT_UNFIRABLE_TRANSITION(Severity.WARN, false, "transition can never fire"),

  /** A policy allowed. */
  R_POLICY_ALLOW(Severity.INFO, true, "policy allowed"),
  /** A policy denied. */
  R_POLICY_DENY(Severity.INFO, true, "policy denied"),
  /** An ACL role rule allowed. */
  R_ACL_ALLOW_ROLE(Severity.INFO, true, "ACL role rule allowed"),
  /** An ACL role rule denied, or no ACL rule matched. */
  R_ACL_DENY_ROLE(Severity.INFO, true, "ACL role rule denied (or no rule matched)"),
  /** An ACL attribute rule allowed. */
  R_ACL_ALLOW_ABAC(Severity.INFO, true, "ACL attribute rule allowed"),
  /** An ACL attribute rule denied. */
  R_ACL_DENY_ABAC(Severity.INFO, true, "ACL attribute rule denied"),
  /** No ACL rule matched; denied by default. */
  R_ACL_NO_MATCH(Severity.INFO, false, "no ACL rule matched"),
  /** A workflow guard passed. */
  R_WF_GUARD_PASS(Severity.INFO, true, "workflow guard passed"),
  /** A workflow guard failed. */
  R_WF_GUARD_FAIL(Severity.INFO, true, "workflow guard failed"),
  /** A workflow transition was not authorized. */
  R_WF_AUTH_DENIED(Severity.INFO, true, "workflow transition not authorized"),
  /** A workflow event was queued. */
  R_WF_QUEUED(Severity.INFO, true, "workflow event queued"),
  /** A workflow event was ignored. */
  R_WF_IGNORED(Severity.INFO, true, "workflow event ignored"),
  /** No workflow transition for the event. */
  R_WF_UNKNOWN_TRANSITION(Severity.INFO, false, "no workflow transition for the event"),
  /** Decisions conflicted under the only-one strategy. */
  R_COMPOSE_CONFLICT(Severity.INFO, false, "decisions conflicted"),
  /** No composed decision applied; the composer's configured default decided (MPC for the JVM's own). */
  R_COMPOSE_NOT_APPLICABLE(Severity.INFO, false, "no decision applied; the composition default decided"),
  /** An artifact signature verified. */
  R_GOV_SIGNATURE_VALID(Severity.INFO, true, "signature valid"),
  /** Required attestations passed. */
  R_GOV_ATTESTATION_PASSED(Severity.INFO, true, "attestation passed"),
  /** The policy engine was bypassed by an operator switch. */
  R_GOV_POLICY_OFF(Severity.INFO, false, "policy switched off"),
  /** Denied by the kill switch. */
  R_GOV_KILL_SWITCH(Severity.INFO, false, "kill switch"),
  /** Approvals are still missing. */
  R_GOV_QUORUM_INCOMPLETE(Severity.INFO, false, "approval quorum incomplete");

  private static final Map<String, Code> BY_NAME;
  private static final Set<Code> UPSTREAM;

  static {
    Map<String, Code> byName = new HashMap<>();
    EnumSet<Code> upstream = EnumSet.noneOf(Code.class);
    for (Code c : values()) {
      byName.put(c.name(), c);
      if (c.upstreamRegistered) {
        upstream.add(c);
      }
    }
    BY_NAME = Map.copyOf(byName);
    UPSTREAM = Collections.unmodifiableSet(upstream);
  }

  private final Severity defaultSeverity;
  private final boolean upstreamRegistered;
  private final String meaning;

  Code(Severity defaultSeverity, boolean upstreamRegistered, String meaning) {
    this.defaultSeverity = defaultSeverity;
    this.upstreamRegistered = upstreamRegistered;
    this.meaning = meaning;
  }

  /** The wire code, e.g. {@code E_PARSE_SYNTAX}. */
  public String code() {
    return name();
  }

  /** The severity diagnostics with this code carry unless their producer says otherwise. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** A one-line meaning, for documentation and tooling. */
  public String meaning() {
    return meaning;
  }

  /** Whether this is an error code ({@code E_*}). */
  public boolean isError() {
    return name().startsWith("E_");
  }

  /** Whether this is a reason code ({@code R_*}). */
  public boolean isReason() {
    return name().startsWith("R_");
  }

  /** Whether this is a lint warning code ({@code W_LINT_*}: a finding, never a failure). */
  public boolean isLint() {
    return name().startsWith("W_");
  }

  /** Whether upstream MPC's code registry has this code. */
  public boolean upstreamRegistered() {
    return upstreamRegistered;
  }

  /** The code with wire name {@code code}, if registered. */
  public static Optional<Code> of(String code) {
    return Optional.ofNullable(BY_NAME.get(code));
  }

  /** The codes upstream MPC's registry has (47 error and 13 reason codes). */
  public static Set<Code> upstreamRegistry() {
    return UPSTREAM;
  }
}
