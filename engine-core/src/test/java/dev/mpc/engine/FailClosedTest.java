package dev.mpc.engine;

import static dev.mpc.engine.Fixtures.actor;
import static dev.mpc.engine.Fixtures.artifact;
import static dev.mpc.engine.Fixtures.event;
import static dev.mpc.engine.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.diag.Code;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.HostFunctionException;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonInt;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every fail-closed path is a deny carrying the coded error, under every strategy, never an exception. */
class FailClosedTest {
  static final String ACL_ALLOW_ALL = "{\"kind\":\"ACL\",\"id\":\"all\",\"roles\":[\"u\"]}";
  static final DomainMeta RISK = DomainMeta.builder().function("risk", List.of("string"), "int", 1).build();
  static final String RISK_POLICY = "{\"kind\":\"Policy\",\"id\":\"risky\",\"effect\":\"allow\",\"match\":{\"expr\":"
      + "{\"op\":\">\",\"left\":{\"fn\":\"risk\",\"args\":[{\"ref\":\"actor.id\"}]},\"right\":{\"lit\":5}}}}";

  /**
   * The decision; every fail-closed path is also {@code allows()}'s answer, which is that of
   * {@code evaluate} at trace NONE (asserted here, for every test).
   */
  static Decision eval(MpcEngine engine, Artifact a, TraceLevel level) {
    var e = event("doc.read", actor("a1", "u"), "doc", "d1", obj("{\"n\":0}"));
    Decision none = engine.evaluate(a, e, EvaluationOptions.of(TraceLevel.NONE));
    assertEquals(none.allow(), engine.allows(a, e), "allows() agrees with evaluate() on " + none);
    return engine.evaluate(a, e, EvaluationOptions.of(level));
  }

  static void deniedWith(Code code, Decision d) {
    assertFalse(d.allow(), d.toString());
    assertEquals(code, d.reasons().get(0).code(), d.toString());
    assertTrue(d.meta().artifactHash().isPresent());
  }

  static MpcEngine engine(String strategy) {
    return MpcEngine.builder().strategy(strategy).build().orElseThrow();
  }

  @Test
  void expressionError_divisionByZero_deniesUnderEveryStrategy() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"match\":{\"expr\":{\"op\":\"==\","
        + "\"left\":{\"op\":\"/\",\"left\":{\"lit\":1},\"right\":{\"ref\":\"object.attributes.n\"}},\"right\":{\"lit\":1}}}}",
        ACL_ALLOW_ALL);
    for (String s : List.of("deny-wins", "allow-wins", "first-applicable", "only-one")) {
      for (TraceLevel l : TraceLevel.values()) {
        deniedWith(Code.E_EXPR_DIV_BY_ZERO, eval(engine(s), a, l));
      }
    }
  }

  @Test
  void nonBooleanCondition_isTypeMismatch() {
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"match\":{\"expr\":{\"ref\":\"object.id\"}}}",
        ACL_ALLOW_ALL);
    deniedWith(Code.E_EXPR_TYPE_MISMATCH, eval(engine("allow-wins"), a, TraceLevel.NONE));
  }

  @Test
  void exhaustedBudget_denies_fullTraceNamesTheSite() {
    Preset tiny = Preset.fromJson("{\"name\":\"tiny\",\"presetVersion\":\"1\",\"defaultLimits\":{\"maxExprSteps\":3}}")
        .orElseThrow();
    String big = "{\"op\":\"and\",\"left\":{\"op\":\"==\",\"left\":{\"ref\":\"actor.id\"},\"right\":{\"lit\":\"a1\"}},"
        + "\"right\":{\"op\":\"and\",\"left\":{\"op\":\"==\",\"left\":{\"ref\":\"object.id\"},\"right\":{\"lit\":\"d1\"}},"
        + "\"right\":{\"op\":\"==\",\"left\":{\"ref\":\"name\"},\"right\":{\"lit\":\"doc.read\"}}}}";
    Artifact a = artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"match\":{\"expr\":" + big + "}}",
        ACL_ALLOW_ALL);
    MpcEngine e = MpcEngine.builder().preset(tiny).build().orElseThrow();
    Decision d = eval(e, a, TraceLevel.FULL);
    deniedWith(Code.E_BUDGET_EXCEEDED, d);
    String trace = Canonical.json(ContractJson.toJson(d.trace().orElseThrow()));
    assertTrue(trace.contains("\"site\":\"match/expr\"") && trace.contains("E_BUDGET_EXCEEDED"), trace);
  }

  @Test
  void missingHostFunction_denies() {
    Artifact a = artifact(RISK, RISK_POLICY, ACL_ALLOW_ALL);
    deniedWith(Code.E_EXPR_UNKNOWN_FUNCTION, eval(engine("allow-wins"), a, TraceLevel.NONE));
  }

  @Test
  void hostFunctionThatThrows_denies_codedOrInternal() {
    Artifact a = artifact(RISK, RISK_POLICY, ACL_ALLOW_ALL);
    FunctionDecl sig = new FunctionDecl("risk", List.of(ExprType.STRING), ExprType.INT, 1);
    MpcEngine failing = MpcEngine.builder().functions(FunctionRegistry.builder().function(sig, args -> {
      throw new HostFunctionException("risk service says no");
    }).build()).build().orElseThrow();
    deniedWith(Code.E_EXPR_TYPE_MISMATCH, eval(failing, a, TraceLevel.NONE));
    MpcEngine crashing = MpcEngine.builder().functions(FunctionRegistry.builder().function(sig, args -> {
      throw new IllegalStateException("bug");
    }).build()).build().orElseThrow();
    deniedWith(Code.E_INTERNAL, eval(crashing, a, TraceLevel.FULL));
    MpcEngine working = MpcEngine.builder().functions(FunctionRegistry.builder().function(sig, args -> JsonInt.of(9))
        .build()).build().orElseThrow();
    assertTrue(eval(working, a, TraceLevel.NONE).allow(), "with an implementation the same artifact allows");
  }

  @Test
  void internalFailure_deniesWithEInternal() {
    Clock broken = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("clock down");
      }
    };
    MpcEngine e = MpcEngine.builder().clock(broken).build().orElseThrow();
    Artifact a = artifact(ACL_ALLOW_ALL);
    deniedWith(Code.E_INTERNAL, eval(e, a, TraceLevel.DECISION));
    assertEquals(1, e.evaluateAll(a, List.of(event("doc.read", actor("a1", "u"), "doc", "d1")),
        EvaluationOptions.of(TraceLevel.FULL)).size());
  }

  @Test
  void invalidDefinitions_failClosedWithTheirCode() {
    deniedWith(Code.E_POLICY_INVALID_TEMPLATE, eval(engine("allow-wins"),
        artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"Deny\"}", ACL_ALLOW_ALL), TraceLevel.NONE));
    deniedWith(Code.E_POLICY_INVALID_TEMPLATE, eval(engine("deny-wins"),
        artifact("{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"priority\":\"high\"}", ACL_ALLOW_ALL),
        TraceLevel.NONE));
    deniedWith(Code.E_POLICY_INVALID_MATCHER, eval(engine("deny-wins"), artifact(
        "{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"match\":{\"expr\":{\"lit\":true},\"name\":\"x\"}}",
        ACL_ALLOW_ALL), TraceLevel.NONE));
    deniedWith(Code.E_ACL_INVALID_RULE, eval(engine("deny-wins"),
        artifact("{\"kind\":\"ACL\",\"id\":\"a\",\"roles\":\"u\"}"), TraceLevel.NONE));
    deniedWith(Code.E_POLICY_INVALID_TEMPLATE, eval(engine("deny-wins"), artifact(
        "{\"kind\":\"Policy\",\"id\":\"p\",\"effect\":\"allow\",\"intents\":[{\"kind\":\"launchMissiles\"}]}",
        ACL_ALLOW_ALL), TraceLevel.NONE));
  }

  @Test
  void missingLoweredIr_failsClosed() {
    // A condition without lowered IR (an artifact built without the compiler's lowering).
    Artifact a = Artifact.of(dev.mpc.ast.ManifestAst.of(List.of(dev.mpc.ast.AstNode.of("Policy", "p", null,
        obj("{\"effect\":\"allow\",\"condition\":\"x > 1\"}"), List.of()))), DomainMeta.EMPTY, "0.1.0");
    deniedWith(Code.E_POLICY_INVALID_MATCHER, eval(engine("allow-wins"), a, TraceLevel.NONE));
  }
}
