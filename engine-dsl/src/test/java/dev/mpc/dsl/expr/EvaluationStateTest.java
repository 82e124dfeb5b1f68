package dev.mpc.dsl.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Evaluation;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-thread evaluation state: boolean evaluations allocate nothing, each evaluation starts
 * with fresh budgets whatever the previous one did, re-entrant evaluations from host functions get
 * their own state, and concurrent evaluations do not see each other.
 */
class EvaluationStateTest {
  private static final Limits L = Limits.defaults();

  /**
   * The boolean expressions of {@code ExpressionBenchmark} (the regex one runs on the DFA fast
   * path; a pattern outside its subset would allocate RE2/J's matcher), and a {@code matches} one.
   */
  private static final List<String> BOOLEAN = List.of(
      "len(name) > 3 and role == 'editor'",
      "age >= 18",
      "flag1 and flag2 or not flag3",
      "startsWith(name, 'Al')",
      "endsWith(email, '@example.com') and contains(email, 'alice')",
      "price * qty - discount > 100",
      "(x + y) * 2 % 7 == 0",
      "'admin' in roles",
      "regex(email, '^[a-z]+@')",
      "email matches '(?:\\w+\\.)*\\w+@example\\.(com|org)$'");

  private static Bindings vars() {
    Map<String, Object> m = new HashMap<>();
    m.put("name", "Alice");
    m.put("role", "editor");
    m.put("age", 30L);
    m.put("flag1", true);
    m.put("flag2", false);
    m.put("flag3", false);
    m.put("email", "alice@example.com");
    m.put("price", 20L);
    m.put("qty", 7L);
    m.put("discount", 5L);
    m.put("x", 3L);
    m.put("y", 4L);
    m.put("roles", List.of("viewer", "admin"));
    return Bindings.ofJava(m);
  }

  private static CompiledExpression compile(String text, Limits limits) {
    return Expressions.compile(text, TypeEnv.empty(), limits).orElseThrow();
  }

  @Test
  void test_warmedUpBooleanExpressions_allocateNothingPerEvaluation() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
        "this JVM cannot measure per-thread allocation");
    long thread = Thread.currentThread().getId();
    Bindings b = vars();
    int runs = 20_000;
    for (String text : BOOLEAN) {
      CompiledExpression e = compile(text, L);
      Result<Boolean> expected = e.test(b);
      assertTrue(expected.isOk(), text);
      for (int i = 0; i < 5_000; i++) {
        e.test(b);
      }
      mx.getThreadAllocatedBytes(thread);
      long before = mx.getThreadAllocatedBytes(thread);
      int same = 0;
      for (int i = 0; i < runs; i++) {
        if (e.test(b) == expected) {
          same++;
        }
      }
      long allocated = mx.getThreadAllocatedBytes(thread) - before;
      assertEquals(runs, same, text);
      // Any allocation per evaluation would be at least 16 bytes each, 320 KB in all; the
      // tolerance only covers the measurement itself.
      assertTrue(allocated < runs, text + ": " + allocated + " bytes for " + runs + " evaluations");
    }
  }

  @Test
  void failedEvaluation_nextEvaluationOnThread_startsWithFreshBudgets() {
    Bindings b = vars();
    CompiledExpression tight = compile("len(name) > 3 and role == 'editor'", L.withMaxExprSteps(6));
    CompiledExpression typeError = compile("(name + 1) > 2", L);
    CompiledExpression ok = compile("len(name) > 3 and role == 'editor'", L);
    for (int i = 0; i < 3; i++) {
      assertEquals(Code.E_BUDGET_EXCEEDED, tight.test(b).diagnostics().get(0).code());
      assertEquals(Code.E_EXPR_TYPE_MISMATCH, typeError.test(b).diagnostics().get(0).code());
      Evaluation ev = ok.evaluateDetailed(b, false).orElseThrow();
      assertEquals(JsonBool.TRUE, ev.value());
      assertEquals(8, ev.steps());
      assertEquals(Boolean.TRUE, ok.test(b).orElseThrow());
    }
  }

  @Test
  void reentrantEvaluation_fromHostFunction_keepsBudgetsSeparate() {
    CompiledExpression inner = compile("len(s) > 3 and len(s) < 10", L.withMaxExprSteps(9));
    List<Result<Evaluation>> innerResults = new ArrayList<>();
    FunctionRegistry reentrant = FunctionRegistry.builder()
        .function("check", JsonString.class, JsonInt.class, s -> {
          Result<Evaluation> r = inner.evaluateDetailed(Bindings.builder().put("s", s).build(), false);
          innerResults.add(r);
          return JsonInt.of(r.isOk() && r.orElseThrow().value().equals(JsonBool.TRUE) ? 1 : 0);
        }).build();
    FunctionRegistry plain = FunctionRegistry.builder()
        .function("check", JsonString.class, JsonInt.class, s -> JsonInt.of(s.value().length() > 3 ? 1 : 0))
        .build();
    String outer = "check(name) == 1 and check(role) == 1 and len(name) > 3";
    Evaluation withInner = compileWith(reentrant, outer, L).evaluateDetailed(vars(), false).orElseThrow();
    Evaluation without = compileWith(plain, outer, L).evaluateDetailed(vars(), false).orElseThrow();
    assertEquals(JsonBool.TRUE, withInner.value());
    assertEquals(without.steps(), withInner.steps());
    assertEquals(2, innerResults.size());
    for (Result<Evaluation> r : innerResults) {
      assertEquals(9, r.orElseThrow().steps());
    }
    int steps = without.steps();
    CompiledExpression tightOuter = compileWith(reentrant, outer, L.withMaxExprSteps(steps - 1));
    assertEquals(Code.E_BUDGET_EXCEEDED, tightOuter.test(vars()).diagnostics().get(0).code());
    assertEquals(Boolean.TRUE, compileWith(reentrant, outer, L.withMaxExprSteps(steps)).test(vars()).orElseThrow());
  }

  private static CompiledExpression compileWith(FunctionRegistry fns, String text, Limits limits) {
    ExprEngine engine = ExprEngine.builder().functions(fns).build().orElseThrow();
    return Expressions.compile(engine, text, TypeEnv.empty(), limits, null).orElseThrow();
  }

  @Test
  void concurrentEvaluations_sameExpressions_sameResultsAsSequential() throws Exception {
    List<CompiledExpression> exprs = new ArrayList<>();
    for (String text : BOOLEAN) {
      exprs.add(compile(text, L));
    }
    exprs.add(compile("len(name) > 3 and role == 'editor'", L.withMaxExprSteps(6)));
    List<Bindings> inputs = List.of(vars(), Bindings.ofJava(Map.of("name", "Bo", "age", 12L, "price", 1L,
        "qty", 2L, "discount", 3L, "x", 7L, "y", 0L, "roles", List.of(), "email", "x", "flag3", true)));
    List<List<Result<Boolean>>> expected = new ArrayList<>();
    for (Bindings in : inputs) {
      List<Result<Boolean>> row = new ArrayList<>();
      for (CompiledExpression e : exprs) {
        row.add(e.test(in));
      }
      expected.add(row);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int input = t % inputs.size();
        Callable<Integer> job = () -> {
          int checked = 0;
          for (int round = 0; round < 2_000; round++) {
            for (int i = 0; i < exprs.size(); i++) {
              assertEquals(expected.get(input).get(i), exprs.get(i).test(inputs.get(input)));
              checked++;
            }
          }
          return checked;
        };
        done.add(pool.submit(job));
      }
      for (Future<Integer> f : done) {
        assertEquals(2_000 * exprs.size(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void traceAndBudgets_onAnyTypedArithmetic_agree() {
    CompiledExpression e = compile("price * qty - discount > 100 and (x + y) * 2 % 7 == 0", L);
    Evaluation plain = e.evaluateDetailed(vars(), false).orElseThrow();
    Evaluation traced = e.evaluateDetailed(vars(), true).orElseThrow();
    assertEquals(plain.value(), traced.value());
    assertEquals(plain.steps(), traced.steps());
    assertEquals(plain.steps(), traced.trace().size());
    JsonValue bigger = compile("price * qty * 1000000000000 - 1", L).evaluate(vars()).orElseThrow();
    assertEquals(JsonInt.of(139_999_999_999_999L), bigger);
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, compile("price * 9223372036854775807 > 0", L).test(vars())
        .diagnostics().get(0).code());
  }

  @Test
  void typedStringComparisons_sameOutcomesAsUntyped() {
    TypeEnv typed = TypeEnv.builder().declare("a", ExprType.STRING).declare("b", ExprType.STRING).build();
    List<String> texts = List.of("a == b", "a != b", "a < b", "a >= b", "lower(a) == lower(b)",
        "upper(a) > lower(b)", "a == b and a <= b");
    List<Map<String, Object>> inputs = List.of(Map.of("a", "Abc", "b", "abc"), Map.of("a", "x", "b", "x"),
        Map.of("a", "😀", "b", "\uffff"), Map.of("a", "x", "b", 1));
    for (String text : texts) {
      CompiledExpression t = Expressions.compile(text, typed, L).orElseThrow();
      CompiledExpression u = Expressions.compile(text, TypeEnv.empty(), L).orElseThrow();
      for (Map<String, Object> in : inputs) {
        Bindings b = Bindings.ofJava(in);
        Result<Boolean> typedResult = t.test(b);
        Result<Boolean> untypedResult = u.test(b);
        if (in.get("b") instanceof String) {
          assertEquals(untypedResult, typedResult, text + " " + in);
        } else {
          assertEquals(Code.E_EXPR_TYPE_MISMATCH, typedResult.diagnostics().get(0).code(), text);
        }
        // tracing charges the same steps and fails the same way (a traced failure adds where, in details)
        assertEquals(outcome(t.evaluateDetailed(b, false)), outcome(t.evaluateDetailed(b, true)), text);
      }
    }
  }

  private static Object outcome(Result<Evaluation> r) {
    return r.isOk() ? r.orElseThrow().steps()
        : r.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
  }
}
