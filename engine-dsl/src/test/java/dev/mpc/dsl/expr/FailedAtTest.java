package dev.mpc.dsl.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Evaluation;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import org.junit.jupiter.api.Test;

/**
 * A failed traced evaluation says where it failed: the innermost sub-expression (or function
 * call) the error left, with its position, and what the evaluation had used until then. This is
 * what a FULL decision trace shows for a budget error.
 */
class FailedAtTest {
  private static Diagnostic failTraced(String text, Limits limits, Bindings vars) {
    CompiledExpression c = Expressions.compile(text, TypeEnv.empty(), limits).orElseThrow();
    Result<Evaluation> r = c.evaluateDetailed(vars, true);
    assertFalse(r.isOk(), text);
    return r.diagnostics().get(0);
  }

  private static JsonObject failedAt(Diagnostic d) {
    return (JsonObject) d.details().getOrNull("failedAt");
  }

  @Test
  void allocationBudget_namesTheFunctionCallThatExceededIt_withItsPosition() {
    Bindings vars = Bindings.of(JsonObject.builder().put("s", "abcdefgh").build());
    Diagnostic d = failTraced("len(s) > 1 and\n  len(upper(s) + s) > 2", Limits.defaults().withMaxEvalAllocSize(12), vars);
    assertEquals(Code.E_BUDGET_EXCEEDED, d.code());
    JsonObject at = failedAt(d);
    assertEquals(JsonString.of("ExprBinOp"), at.getOrNull("node"), at::toString); // upper(s) + s: the growth site
    assertEquals(2, ((dev.mpc.json.JsonInt) at.getOrNull("line")).value().intValue(), at::toString);
    assertTrue(((JsonArray) d.details().getOrNull("completed")).size() > 0, d::toString);
  }

  @Test
  void regexBudget_namesTheRegexCall() {
    Bindings vars = Bindings.of(JsonObject.builder().put("s", "a".repeat(100_000)).build());
    Diagnostic d = failTraced("len(s) > 0 and regex(s, '(?:a?){50}b')", Limits.defaults().withMaxRegexOps(10), vars);
    assertEquals(Code.E_EXPR_REGEX_LIMIT, d.code());
    assertEquals(JsonString.of("regex"), failedAt(d).getOrNull("function"), d::toString);
    assertTrue(d.details().has("regexOps") && d.details().has("steps"), d::toString);
  }

  @Test
  void stepBudget_namesTheNodeThatTippedIt() {
    Diagnostic d = failTraced("1 + a + a + a + a + a + a", Limits.defaults().withMaxExprSteps(6),
        Bindings.of(JsonObject.builder().put("a", 1).build()));
    assertEquals(Code.E_BUDGET_EXCEEDED, d.code());
    // steps are charged per unconditional block before it runs: here the whole expression's
    assertEquals(dev.mpc.json.JsonBool.TRUE, failedAt(d).getOrNull("before"), d::toString);
    assertEquals(JsonString.of("ExprBinOp"), failedAt(d).getOrNull("node"), d::toString);
    // in a branch, the node whose branch's steps exceeded the budget
    Diagnostic branch = failTraced("a == 1 and (a + a + a + a + a + a + a + a == 8)", Limits.defaults().withMaxExprSteps(6),
        Bindings.of(JsonObject.builder().put("a", 1).build()));
    assertEquals(Code.E_BUDGET_EXCEEDED, branch.code());
    assertFalse(failedAt(branch).has("before"), branch::toString);
  }

  @Test
  void untracedEvaluation_keepsTheBareDiagnostic() {
    CompiledExpression c = Expressions.compile("1 + a + a + a + a + a + a", TypeEnv.empty(),
        Limits.defaults().withMaxExprSteps(6)).orElseThrow();
    Bindings vars = Bindings.of(JsonObject.builder().put("a", 1).build());
    assertTrue(c.evaluate(vars).diagnostics().get(0).details().isEmpty());
    assertTrue(c.evaluateDetailed(vars, false).diagnostics().get(0).details().isEmpty());
  }
}
