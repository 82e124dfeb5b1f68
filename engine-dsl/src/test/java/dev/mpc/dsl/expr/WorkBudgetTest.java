package dev.mpc.dsl.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: no single operation may do unbounded work inside one evaluation. A regex call is
 * charged by input length times program size before it runs (RE2/J cannot be interrupted), and
 * strings and lists an evaluation builds are charged to an allocation budget before they are
 * built. The tests assert codes; the timeout is only a hang guard.
 */
class WorkBudgetTest {
  private static final Limits L = Limits.defaults();
  private static final List<String> HOSTILE = List.of(
      "(?:a|aa|aaa|aaaa|aaaaa|aaaaaa){1,300}b", "(?:a?){500}b", "(?i)(?:[a-z]?){400}q");

  private static Diagnostic error(Result<?> r) {
    assertFalse(r.isOk(), () -> "expected a failure, got " + r);
    return r.diagnostics().get(0);
  }

  private static Result<JsonValue> eval(String text, Limits limits, Map<String, ?> vars) {
    return Expressions.compile(text, TypeEnv.empty(), limits).orElseThrow().evaluate(Bindings.ofJava(vars));
  }

  @Test
  void hostileRegex_overLargeInput_regexBudgetErrorBeforeRunning() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int size : new int[] {100_000, 1_000_000}) {
        Map<String, Object> vars = Map.of("s", "a".repeat(size), "p", "");
        for (String p : HOSTILE) {
          Map<String, Object> withP = Map.of("s", vars.get("s"), "p", p);
          for (String text : List.of("regex(s, '" + p + "')", "s matches '" + p + "'", "regex(s, p)", "s matches p")) {
            assertEquals(Code.E_EXPR_REGEX_LIMIT, error(eval(text, L, withP)).code(), text + " over " + size);
          }
        }
      }
    });
  }

  @Test
  void hostileRegex_regexBudgetRaised_timeBudgetRefusesBeforeRunning() {
    Limits generous = L.withMaxRegexOps(Integer.MAX_VALUE / 4);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int size : new int[] {20_000, 100_000, 1_000_000}) {
        for (String p : HOSTILE) {
          Map<String, Object> vars = Map.of("s", "a".repeat(size), "p", p);
          for (String text : List.of("regex(s, '" + p + "')", "regex(s, p)")) {
            assertEquals(Code.E_EXPR_LIMIT_TIME, error(eval(text, generous, vars)).code(), text + " over " + size);
          }
        }
      }
    });
  }

  @Test
  void regexCharge_scalesWithProgramSize_smallPatternsAsBefore() {
    Map<String, Object> vars = Map.of("s", "a".repeat(3000));
    // A small pattern: one operation per call plus one per started KiB beyond the first (3).
    assertTrue(eval("regex(s, '^a+$')", L.withMaxRegexOps(3), vars).isOk());
    assertEquals(Code.E_EXPR_REGEX_LIMIT, error(eval("regex(s, '^a+$')", L.withMaxRegexOps(2), vars)).code());
    // A program of about 200 instructions weighs 14: charged 1 + 3000 * 14 / 1024 = 42 operations.
    assertEquals(Code.E_EXPR_REGEX_LIMIT, error(eval("regex(s, '(?:a?){50}b')", L.withMaxRegexOps(41), vars)).code());
    assertEquals(JsonValue.of(false), eval("regex(s, '(?:a?){50}b')", L.withMaxRegexOps(42), vars).orElseThrow());
  }

  @Test
  void substringSearch_longNeedleInLongText_linearNotQuadratic() {
    Map<String, Object> vars = Map.of("s", "a".repeat(1_000_000), "n", "a".repeat(100_000) + "b");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertEquals(JsonValue.of(false), eval("contains(s, n)", L, vars).orElseThrow());
      assertEquals(JsonValue.of(false), eval("n in s", L, vars).orElseThrow());
    });
  }

  @Test
  void listsSharingABigElement_comparisonLoopsReadTheTimer() {
    String as = String.join(", ", Collections.nCopies(4000, "a"));
    // c equals a but is another instance: comparing them reads every char.
    Map<String, Object> vars = Map.of("a", "x".repeat(1_000_000) + "a", "b", "x".repeat(1_000_000) + "b",
        "c", "x".repeat(1_000_000) + "a");
    String cs = String.join(", ", Collections.nCopies(4000, "c"));
    Limits l = L.withMaxEvalTimeMs(5).withMaxSourceLength(100_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String text : List.of("contains([" + as + "], b)", "b in [" + as + "]", "[" + as + "] == [" + cs + "]",
          "[[" + as + "]] != [[" + cs + "]]", "min([" + as + "]) == ''")) {
        assertEquals(Code.E_EXPR_LIMIT_TIME, error(eval(text, l.withMaxExprSteps(20_000), vars)).code(), text);
      }
    });
  }

  @Test
  void hugeProgram_refusedAsInvalidBeforeCompiling() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String p : List.of("(a{1000}){1000}", "(((a{1000}){1000}){1000}){1000}")) {
        assertEquals(Code.E_EXPR_INVALID_REGEX, error(Expressions.compile("regex(s, '" + p + "')", TypeEnv.empty(), L))
            .code());
        assertEquals(Code.E_EXPR_INVALID_REGEX, error(eval("regex(s, p)", L, Map.of("s", "a", "p", p))).code());
      }
    });
  }

  @Test
  void allocation_concatOfManyRefsToALargeString_budgetErrorNotOutOfMemory() {
    String items = String.join(", ", Collections.nCopies(4000, "a"));
    Map<String, Object> vars = Map.of("a", "x".repeat(1_000_000));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      Diagnostic d = error(eval("len(concat([" + items + "]))", L, vars));
      assertEquals(Code.E_BUDGET_EXCEEDED, d.code());
      assertEquals("Expression evaluation exceeded allocation budget (limit: " + Limits.DEFAULT_MAX_ALLOC_SIZE + ")",
          d.message());
      assertEquals(Code.E_BUDGET_EXCEEDED, error(eval("len(concat(" + items + "))", L, vars)).code());
    });
  }

  @Test
  void allocation_everyGrowingSite_chargedBeforeBuilding() {
    Limits tight = L.withMaxEvalAllocSize(10);
    Map<String, Object> vars = Map.of("s", "abcdef", "t", "ß".repeat(6), "xs", List.of(1, 2, 3, 4, 5, 6),
        "o", Map.of("key", "value"));
    // Within the budget: exactly the chars/elements built.
    assertEquals(JsonValue.of("abcdefabcd"), eval("s + substr(s, 0, 4)", tight.withMaxEvalAllocSize(14), vars)
        .orElseThrow());
    // Each site over the budget.
    for (String text : List.of("s + s", "concat(s, s)", "concat(xs, xs)", "concat(o)", "upper(s + s)",
        "lower(concat(s, s))", "upper(t)", "substr(s + s, 0)", "[s, s, s, s, s, s, s, s, s, s, s]",
        "[1, s, 2, s, 3, s, 4, s, 5, s, 6]", "now() + s")) {
      assertEquals(Code.E_BUDGET_EXCEEDED, error(eval(text, tight, vars)).code(), text);
    }
    // Repeated growth adds up: a + a + a charges 2n, then 3n.
    Map<String, Object> big = Map.of("a", "x".repeat(1000));
    assertTrue(eval("a + a + a", L.withMaxEvalAllocSize(5000), big).isOk());
    assertEquals(Code.E_BUDGET_EXCEEDED, error(eval("a + a + a", L.withMaxEvalAllocSize(4999), big)).code());
    // Per evaluation: nothing carries over.
    CompiledExpression e = Expressions.compile("s + s", TypeEnv.empty(), L.withMaxEvalAllocSize(12)).orElseThrow();
    for (int i = 0; i < 3; i++) {
      assertEquals(JsonValue.of("abcdefabcdef"), e.evaluate(Bindings.ofJava(vars)).orElseThrow());
    }
  }

  @Test
  void allocationBudget_fromPresetKey() {
    Limits l = Limits.fromPreset(JsonObject.builder().put("maxEvalAllocSize", JsonValue.of(7)).build()).orElseThrow();
    assertEquals(7, l.maxEvalAllocSize());
    assertEquals(Limits.DEFAULT_MAX_ALLOC_SIZE, Limits.fromPreset(JsonObject.builder().build()).orElseThrow()
        .maxEvalAllocSize());
    assertFalse(Limits.fromPreset(JsonObject.builder().put("maxEvalAllocSize", JsonValue.of(-1)).build()).isOk());
  }
}
