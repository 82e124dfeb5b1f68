package dev.mpc.dsl.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Evaluation;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Json;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private static final Limits L = Limits.defaults();

  private static Expr ir(String text) {
    return Expressions.parse(text, L).orElseThrow().ir();
  }

  private static Expr json(String irJson) {
    return ExprJson.decode(Json.parse(irJson).orElseThrow()).orElseThrow();
  }

  private static Diagnostic error(Result<?> r) {
    assertFalse(r.isOk(), () -> "expected a failure, got " + r);
    return r.diagnostics().get(0);
  }

  private static JsonValue eval(String text, Map<String, ?> vars) {
    return Expressions.compile(text, TypeEnv.empty(), L).orElseThrow().evaluate(Bindings.ofJava(vars)).orElseThrow();
  }

  @Test
  void cStyleAndPythonSpellings_sameIr() {
    assertEquals(ir("a and b"), ir("a && b"));
    assertEquals(ir("a or b"), ir("a || b"));
    assertEquals(ir("not a"), ir("!a"));
    assertEquals(ir("x if c else y"), ir("c ? x : y"));
  }

  @Test
  void chainedComparison_andOfPairs_upstreamShape() {
    assertEquals(json("{\"op\":\"and\",\"left\":{\"op\":\"<\",\"left\":{\"lit\":1},\"right\":{\"lit\":2}},"
        + "\"right\":{\"op\":\"<\",\"left\":{\"lit\":2},\"right\":{\"lit\":3}}}"), ir("1 < 2 < 3"));
  }

  @Test
  void negativeNumber_isNegNode_notFolded() {
    assertEquals(json("{\"neg\":{\"lit\":5}}"), ir("-5"));
  }

  @Test
  void membership_mapsToContains() {
    assertEquals(json("{\"fn\":\"contains\",\"args\":[{\"ref\":\"roles\"},{\"lit\":\"admin\"}]}"), ir("'admin' in roles"));
    assertEquals(json("{\"lit\":[1,2]}"), ((Expr.Call) ir("x in [1, 2]")).args().get(0));
  }

  @Test
  void strings_unknownEscapeKept_keywordsNotRewritten() {
    assertEquals(new Expr.Lit(JsonValue.of("\\d+")), ir("'\\d+'"));
    assertEquals(json("{\"op\":\"==\",\"left\":{\"ref\":\"status\"},\"right\":{\"lit\":\"null\"}}"), ir("status == 'null'"));
    assertEquals(new Expr.Ref("event.class"), ir("event.class"));
  }

  @Test
  void invalidText_isCodedErrorWithColumn_neverAVariable() {
    for (String bad : List.of("", "a = 1", "007", "if x then y else z", "a &&", "2 ** 3", "f(a=1)", "'open")) {
      Diagnostic d = error(Expressions.parse(bad, L));
      assertEquals(Code.E_EXPR_PARSE, d.code(), bad);
      assertTrue(d.source().isPresent(), bad);
    }
    assertEquals(3, error(Expressions.parse("a & b", L)).source().orElseThrow().col());
  }

  @Test
  void invalidEscapes_codedErrorAtTheLiteral() {
    for (String bad : List.of("'\\UFFFFFFFF'", "'\\U80000000'", "'\\U00110000'", "'\\uD800'", "'\\x4'",
        "'\\U0000004'", "x + \"\\UFFFFFFFF\"")) {
      Diagnostic d = error(Expressions.parse(bad, L));
      assertEquals(Code.E_EXPR_PARSE, d.code(), bad);
      assertTrue(d.message().startsWith("Syntax error at 1:" + (bad.indexOf(bad.startsWith("x") ? '"' : '\'') + 1) + ": "),
          d::toString);
      assertEquals(bad.startsWith("x") ? 5 : 1, d.source().orElseThrow().col(), bad);
    }
    Diagnostic d = error(Expressions.parse("a +\n  '\\UFFFFFFFF'", L, SourceMap.at(4, 7)));
    assertEquals(5, d.source().orElseThrow().line());
    assertEquals(3, d.source().orElseThrow().col());
  }

  @Test
  void lineEnds_crLfAndCrlf_givePositionsAlike() {
    // a lone CR ends a line like LF and CRLF (editors show one line end each): errors, their
    // positions and the nesting-depth check agree whatever line ends the text uses
    List<String> texts = List.of("a ==@  b +", "x +@'abc", "(((@((1))))) ==@  +", "'a' +@'\\UFFFFFFFF'",
        "[@[@[@1]]] == ]");
    Limits shallow = L.withMaxExprDepth(3);
    for (String t : texts) {
      for (Limits limits : List.of(L, shallow)) {
        List<Diagnostic> lf = Expressions.parse(t.replace("@", "\n"), limits).diagnostics();
        assertFalse(lf.isEmpty(), t);
        for (String nl : List.of("\r", "\r\n")) {
          assertEquals(lf, Expressions.parse(t.replace("@", nl), limits).diagnostics(), t + " with " + nl.length());
        }
      }
    }
    Diagnostic d = error(Expressions.parse("a ==\r  b +", L));
    assertEquals(2, d.source().orElseThrow().line(), d::toString);
    // a string literal cannot run past a CR either (the depth scan ends it where the lexer does)
    assertEquals(Code.E_EXPR_PARSE, error(Expressions.parse("'abc\r' + (((1)))", shallow)).code());
  }

  @Test
  void not_onlyStartsAnAndOperand_tightPrefixesBindFirst() {
    for (String[] bad : new String[][] {{"a == not b", "1:6"}, {"a + not b", "1:5"}, {"-not a", "1:2"},
        {"!not a", "1:2"}, {"a not b", "1:7"}}) {
      Diagnostic d = error(Expressions.parse(bad[0], L));
      assertEquals(Code.E_EXPR_PARSE, d.code(), bad[0]);
      String token = bad[0].substring(Integer.parseInt(bad[1].substring(2)) - 1).split(" ")[0];
      assertEquals("Syntax error at " + bad[1] + ": unexpected '" + token + "'", d.message(), bad[0]);
    }
    assertEquals(json("{\"op\":\"==\",\"left\":{\"ref\":\"a\"},\"right\":{\"not\":{\"ref\":\"b\"}}}"), ir("a == (not b)"));
    assertEquals(json("{\"not\":{\"not\":{\"ref\":\"a\"}}}"), ir("!(not a)"));
    assertEquals(json("{\"not\":{\"op\":\"==\",\"left\":{\"ref\":\"a\"},\"right\":{\"ref\":\"b\"}}}"), ir("not a == b"));
    assertEquals(json("{\"op\":\"+\",\"left\":{\"neg\":{\"ref\":\"a\"}},\"right\":{\"op\":\"*\",\"left\":{\"not\":{\"ref\":\"b\"}},"
        + "\"right\":{\"index\":{\"target\":{\"ref\":\"c\"},\"key\":{\"lit\":0}}}}}"), ir("-a + !b * c[0]"));
    assertEquals(ir("not (x in y)"), ir("x not in y"));
  }

  @Test
  void deepNesting_100000_codedErrorNotStackOverflow() {
    String parens = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    assertEquals(Code.E_EXPR_LIMIT_DEPTH, error(Expressions.parse(parens, L.withMaxSourceLength(300_000))).code());
    String nots = "not ".repeat(100_000) + "x";
    assertEquals(Code.E_EXPR_LIMIT_DEPTH, error(Expressions.parse(nots, L.withMaxSourceLength(500_000))).code());
    String flat = "1" + "+1".repeat(20_000);
    assertEquals(Code.E_EXPR_LIMIT_DEPTH,
        error(Expressions.compile(ExprEngine.standard(), flat, TypeEnv.empty(), L.withMaxSourceLength(100_000), null)).code());
    JsonValue deep = JsonValue.of(1);
    for (int i = 0; i < 100_000; i++) {
      deep = JsonObject.of(Map.of("neg", deep));
    }
    assertEquals(Code.E_EXPR_LIMIT_DEPTH, error(ExprEngine.standard().compileJson(deep, TypeEnv.empty(), L)).code());
  }

  @Test
  void tooLongText_codedError() {
    assertEquals(Code.E_EXPR_PARSE, error(Expressions.parse("x".repeat(20_000), L)).code());
  }

  @Test
  void typeError_positionOffsetIntoManifest() {
    Diagnostic d = error(Expressions.compile(ExprEngine.standard(), "1 + frobnicate(2)", TypeEnv.empty(), L,
        SourceMap.at(3, 10)));
    assertEquals(Code.E_EXPR_UNKNOWN_FUNCTION, d.code());
    assertEquals(3, d.source().orElseThrow().line());
    assertEquals(14, d.source().orElseThrow().col());
  }

  @Test
  void typeEnv_declaredTypes_checkedAtCompileAndRunTime() {
    TypeEnv env = TypeEnv.builder().declare("actor.clearance", ExprType.INT).build();
    assertEquals(Code.E_EXPR_TYPE_MISMATCH,
        error(Expressions.compile("actor.clearance + 'x'", env, L)).code());
    CompiledExpression e = Expressions.compile("actor.clearance >= 5", env, L).orElseThrow();
    assertEquals(Boolean.TRUE, e.test(Bindings.ofJava(Map.of("actor", Map.of("clearance", 7)))).orElseThrow());
    assertEquals(Code.E_EXPR_TYPE_MISMATCH,
        error(e.test(Bindings.ofJava(Map.of("actor", Map.of("clearance", "high"))))).code());
  }

  @Test
  void shortCircuit_skipsErrorsInRightOperand() {
    assertEquals(JsonValue.of(false), eval("false and 1 / x > 0", Map.of("x", 0)));
    assertEquals(JsonValue.of(true), eval("true or frob", Map.of()));
  }

  @Test
  void values_intFloatDistinction_overflowDetected() {
    assertEquals(JsonValue.of(4.0), eval("8 / 2", Map.of()));
    assertEquals(JsonValue.of(3), eval("7 // 2".replace("//", "%") + " + 2", Map.of()));
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, error(Expressions.compile("x * x", TypeEnv.empty(), L).orElseThrow()
        .evaluate(Bindings.ofJava(Map.of("x", Long.MAX_VALUE)))).code());
  }

  @Test
  void hostFunction_registeredAndDeclared_chargesCost() {
    FunctionRegistry fns = FunctionRegistry.builder()
        .function("openTaskCount", JsonObject.class, JsonInt.class, o -> JsonInt.of(o.size()))
        .build();
    FunctionDecl decl = new FunctionDecl("openTaskCount", List.of(ExprType.OBJECT), ExprType.INT, 50);
    ExprEngine engine = ExprEngine.builder().declarations(List.of(decl)).functions(fns).build().orElseThrow();
    CompiledExpression e = Expressions.compile(engine, "openTaskCount(tasks) > 1", TypeEnv.empty(), L, null)
        .orElseThrow();
    Bindings b = Bindings.ofJava(Map.of("tasks", Map.of("a", 1, "b", 2)));
    Evaluation ev = e.evaluateDetailed(b, false).orElseThrow();
    assertEquals(JsonValue.of(true), ev.value());
    assertEquals(1 + 50 + 1 + 1, ev.steps());
    assertEquals(Code.E_BUDGET_EXCEEDED, error(Expressions.compile(engine, "openTaskCount(tasks) > 1",
        TypeEnv.empty(), L.withMaxExprSteps(10), null).orElseThrow().evaluate(b)).code());
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, error(e.evaluate(Bindings.ofJava(Map.of("tasks", "none")))).code());
  }

  @Test
  void engineBuild_declaredWithoutImplementationOrWrongSignature_fails() {
    FunctionDecl missing = FunctionDecl.of("isVip", List.of(ExprType.OBJECT), ExprType.BOOL);
    assertEquals(Code.E_EXPR_UNKNOWN_FUNCTION, error(ExprEngine.builder().declarations(List.of(missing)).build()).code());
    FunctionRegistry fns = FunctionRegistry.builder()
        .function("isVip", JsonObject.class, JsonInt.class, o -> JsonInt.of(1)).build();
    assertEquals(Code.E_EXPR_TYPE_MISMATCH,
        error(ExprEngine.builder().declarations(List.of(missing)).functions(fns).build()).code());
  }

  @Test
  void hostFunctionThrowing_codedErrorNotException() {
    FunctionRegistry fns = FunctionRegistry.builder()
        .function("boom", JsonValue.class, JsonValue.class, v -> {
          throw new IllegalStateException("bad");
        }).build();
    ExprEngine engine = ExprEngine.builder().functions(fns).build().orElseThrow();
    assertEquals(Code.E_INTERNAL, error(Expressions.compile(engine, "boom(1)", TypeEnv.empty(), L, null)
        .orElseThrow().evaluate(Bindings.empty())).code());
  }

  @Test
  void regexBudget_perEvaluation_notCarriedOver() {
    CompiledExpression e = Expressions.compile("regex(s, 'h.*')", TypeEnv.empty(), L.withMaxRegexOps(1)).orElseThrow();
    Bindings b = Bindings.ofJava(Map.of("s", "hello"));
    for (int i = 0; i < 3; i++) {
      assertEquals(JsonValue.of(true), e.evaluate(b).orElseThrow());
    }
    assertEquals(Code.E_EXPR_REGEX_LIMIT, error(Expressions.compile("regex(s, 'h') and regex(s, 'e')",
        TypeEnv.empty(), L.withMaxRegexOps(1)).orElseThrow().evaluate(b)).code());
    assertEquals(Code.E_EXPR_INVALID_REGEX, error(Expressions.compile("regex(s, '(a')", TypeEnv.empty(), L)).code());
  }

  @Test
  void constantRegex_dfaFastPath_sameAnswersAndChargesAsDynamicRe2j() {
    List<String> patterns = List.of("^[a-z]+@", "(?:\\w+\\.)*\\w+@example\\.(com|org)$", "^.$", "[^a-z]", "\\d{2,3}",
        "(?i)ALICE", "a|^$");
    List<String> texts = List.of("alice@example.com", "Bob@x.org", "😀", "", "\n", "ab12", "alice", "x.y@example.org");
    for (String p : patterns) {
      CompiledExpression constant = Expressions.compile("regex(s, '" + p + "')", TypeEnv.empty(), L).orElseThrow();
      CompiledExpression matchesConstant = Expressions.compile("s matches '" + p + "'", TypeEnv.empty(), L)
          .orElseThrow();
      CompiledExpression dynamic = Expressions.compile("regex(s, p)", TypeEnv.empty(), L).orElseThrow();
      for (String t : texts) {
        Bindings b = Bindings.ofJava(Map.of("s", t, "p", p));
        JsonValue expected = dynamic.evaluate(b).orElseThrow();
        assertEquals(expected, constant.evaluate(b).orElseThrow(), p + " on " + t);
        assertEquals(expected, matchesConstant.evaluate(b).orElseThrow(), p + " on " + t);
      }
    }
    assertEquals(JsonValue.of(true), Expressions.compile("regex(s, '^[a-z]+@')", TypeEnv.empty(), L).orElseThrow()
        .evaluate(Bindings.ofJava(Map.of("s", "alice@example.com"))).orElseThrow());
    // One regex operation per call plus one per started KiB beyond the first, as on RE2/J.
    Bindings big = Bindings.ofJava(Map.of("s", "a".repeat(3000)));
    assertEquals(Code.E_EXPR_REGEX_LIMIT, error(Expressions.compile("regex(s, '^a+$')", TypeEnv.empty(),
        L.withMaxRegexOps(2)).orElseThrow().evaluate(big)).code());
    assertEquals(JsonValue.of(true), Expressions.compile("regex(s, '^a+$')", TypeEnv.empty(),
        L.withMaxRegexOps(3)).orElseThrow().evaluate(big).orElseThrow());
  }

  @Test
  void timeBudget_exceeded_codedError() {
    CompiledExpression e = Expressions.compile("regex(s, 'a') and regex(s, 'b') and regex(s, 'c')",
        TypeEnv.empty(), L.withMaxEvalTimeMs(0.000001)).orElseThrow();
    Diagnostic d = error(e.evaluate(Bindings.ofJava(Map.of("s", "abc"))));
    assertEquals(Code.E_EXPR_LIMIT_TIME, d.code());
    assertEquals("Expression time limit exceeded (limit: 1e-06ms)", d.message());
  }

  @Test
  void featureFlags_disableNowAndRegex_notAllowed() {
    ExprEngine engine = ExprEngine.builder()
        .features(dev.mpc.expr.Features.defaults().withAllowNowFunction(false).withAllowRegex(false)).build().orElseThrow();
    for (String text : List.of("now()", "regex('a', 'a')", "'a' matches 'a'")) {
      assertEquals(Code.E_META_FUNCTION_NOT_ALLOWED,
          error(Expressions.compile(engine, text, TypeEnv.empty(), L, null)).code(), text);
    }
  }

  @Test
  void tracing_andBudgets_neverDisableEachOther() {
    CompiledExpression ok = Expressions.compile("len(name) > 3 and role == 'editor'", TypeEnv.empty(), L).orElseThrow();
    Bindings b = Bindings.ofJava(Map.of("name", "Alice", "role", "editor"));
    Evaluation plain = ok.evaluateDetailed(b, false).orElseThrow();
    Evaluation traced = ok.evaluateDetailed(b, true).orElseThrow();
    assertEquals(plain.steps(), traced.steps());
    assertEquals(8, traced.steps());
    assertEquals(8, traced.trace().size());
    assertEquals("ExprBinOp", traced.trace().get(7).node());
    CompiledExpression tight = Expressions.compile("len(name) > 3 and role == 'editor'", TypeEnv.empty(),
        L.withMaxExprSteps(6)).orElseThrow();
    assertEquals(Code.E_BUDGET_EXCEEDED, error(tight.evaluateDetailed(b, true)).code());
    assertEquals(Code.E_BUDGET_EXCEEDED, error(tight.evaluateDetailed(b, false)).code());
  }

  @Test
  void printer_roundTrip_examples() {
    for (String text : List.of("a if b else c if d else e", "not a == b", "(a or b) and c", "-(-1)", "x[0]['k']",
        "[a, 1]", "1 - (2 - 3)", "(1 < 2) == true", "'it\\'s\\n'", "f(g(1), 2.5, 1e+16)")) {
      Expr e = ir(text);
      assertEquals(e, ir(Expressions.print(e).orElseThrow()), text);
    }
  }
}
