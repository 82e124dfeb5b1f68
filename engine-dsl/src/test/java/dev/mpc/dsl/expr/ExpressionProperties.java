package dev.mpc.dsl.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Evaluation;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ExpressionProperties {
  private static final Limits LIMITS = Limits.defaults().withMaxExprDepth(200).withMaxEvalTimeMs(0);
  private static final ExprEngine ENGINE = ExprEngine.builder()
      .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build().orElseThrow();
  private static final Bindings VARS = Bindings.ofJava(Map.of(
      "x", 3, "y", 2.5, "s", "Hello", "flag", true, "items", List.of(1, "a", 2.0), "obj", Map.of("k", "v")));

  @Provide
  Arbitrary<Expr> trees() {
    return tree(4);
  }

  private Arbitrary<Expr> tree(int depth) {
    Arbitrary<Expr> leaf = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1000).map(i -> new Expr.Lit(JsonValue.of(i))),
        Arbitraries.of(0.5, 3.0, 1e16, 1.5e-7, 123.25).map(d -> new Expr.Lit(JsonValue.of(d))),
        Arbitraries.strings().withChars("ab Z'\"\\\n\t%é").ofMaxLength(6).map(s -> new Expr.Lit(JsonValue.of(s))),
        Arbitraries.of(true, false).map(b -> new Expr.Lit(JsonValue.of(b))),
        Arbitraries.just(new Expr.Lit(JsonValue.nullValue())),
        Arbitraries.just(new Expr.Lit(JsonValue.of("😀x"))),
        Arbitraries.just(new Expr.Lit(JsonValue.of(BigInteger.TWO.pow(70)))),
        Arbitraries.just(new Expr.Lit(JsonArray.of(JsonValue.of(1), JsonValue.of("b")))),
        Arbitraries.of("x", "y", "s", "flag", "items", "obj", "obj.k", "missing.deep").map(Expr.Ref::new));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> tree(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.of(Expr.BinaryOp.class), sub, sub)
            .as(Expr.Binary::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(Expr.UnaryOp.class), sub).as(Expr.Unary::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub, sub).as(Expr.Cond::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Expr.Index::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(sub, Arbitraries.of(new Expr.Ref("x")))
            .as((a, r) -> (Expr) new Expr.ListOf(List.of(a, r)))),
        net.jqwik.api.Tuple.of(2, Combinators.combine(
                Arbitraries.of("len", "upper", "lower", "concat", "contains", "substr", "abs", "min", "max",
                    "isEmpty", "startsWith", "regex", "now", "daysBetween", "nope"),
                sub.list().ofMaxSize(3))
            .as(Expr.Call::new)));
  }

  @Property(tries = 300)
  void textRoundTrip_printThenParse_sameIr(@ForAll("trees") Expr e) {
    String text = Expressions.print(e).orElseThrow();
    assertEquals(e, Expressions.parse(text, LIMITS).orElseThrow().ir(), text);
  }

  /** Every text the parser rejects is a coded error with a source position, whatever the text. */
  @Property(tries = 1000)
  void parseErrors_alwaysPositioned(@ForAll("hostileTexts") String text) {
    Result<?> r = Expressions.parse(text, LIMITS);
    r.diagnostics().forEach(d -> {
      assertNotEquals(Code.E_INTERNAL, d.code(), d::toString);
      assertTrue(d.source().isPresent(), d::toString);
    });
  }

  @Provide
  Arbitrary<String> hostileTexts() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of("'", "\"", "'\\U80000000'", "\\", "\\U", "\\u", "\\x", "FFFFFFFF", "D800", "0010FFFF", "7", "0x", "1e999",
            "0b2", "(", ")", "[", "]", ",", " ", "\n", "a", ".", "not", "if", "else", "?", ":", "+", "é", "😀"),
        Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(3));
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void jsonRoundTrip_encodeThenDecode_sameIr(@ForAll("trees") Expr e) {
    assertEquals(e, ExprJson.decode(ExprJson.encode(e)).orElseThrow());
  }

  @Property(tries = 300)
  void evaluation_onlyCodedOutcomes_deterministic(@ForAll("trees") Expr e) {
    Result<CompiledExpression> c = ENGINE.compile(e, TypeEnv.empty(), LIMITS);
    if (!c.isOk()) {
      c.diagnostics().forEach(d -> assertNotEquals(Code.E_INTERNAL, d.code()));
      return;
    }
    Result<JsonValue> first = c.orElseThrow().evaluate(VARS);
    Result<JsonValue> second = c.orElseThrow().evaluate(VARS);
    assertEquals(first, second);
    first.diagnostics().forEach(d -> assertNotEquals(Code.E_INTERNAL, d.code(), d::toString));
  }

  @Property(tries = 200)
  void stepBudget_stopsExactlyAtItsLimit(@ForAll("trees") Expr e) {
    Result<CompiledExpression> c = ENGINE.compile(e, TypeEnv.empty(), LIMITS);
    if (!c.isOk()) {
      return;
    }
    Result<Evaluation> full = c.orElseThrow().evaluateDetailed(VARS, false);
    if (!full.isOk()) {
      return;
    }
    int steps = full.orElseThrow().steps();
    CompiledExpression exact = ENGINE.compile(e, TypeEnv.empty(), LIMITS.withMaxExprSteps(steps)).orElseThrow();
    assertTrue(exact.evaluate(VARS).isOk());
    CompiledExpression tight = ENGINE.compile(e, TypeEnv.empty(), LIMITS.withMaxExprSteps(steps - 1)).orElseThrow();
    assertEquals(Code.E_BUDGET_EXCEEDED, tight.evaluate(VARS).diagnostics().get(0).code());
    Result<Evaluation> traced = exact.evaluateDetailed(VARS, true);
    assertEquals(full.orElseThrow().value(), traced.orElseThrow().value());
    assertEquals(steps, traced.orElseThrow().steps());
  }
}
