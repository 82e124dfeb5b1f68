package dev.mpc.conformance.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.conformance.FixtureContext;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expr handler on inputs equivalent to the seven upstream {@code expr} fixtures. */
class ExprHandlerTest {
  /** preset-generic-full's expression-relevant members (contract data). */
  static final String GENERIC_FULL = """
      {"name":"preset-generic-full",
       "defaultLimits":{"maxManifestNodes":10000,"maxExprSteps":5000,"maxExprDepth":50,"maxEvalTimeMs":50,"maxRegexOps":5000},
       "defaultFunctions":[
         {"name":"len","args":["string|array"],"returns":"int","cost":2},
         {"name":"substr","args":["string","int","int"],"returns":"string","cost":3},
         {"name":"concat","args":["any","any"],"returns":"string","cost":3},
         {"name":"isEmpty","args":["any"],"returns":"bool","cost":2},
         {"name":"now","args":[],"returns":"string","cost":2},
         {"name":"regex","args":["string","string"],"returns":"bool","cost":20}]}""";

  static JsonValue run(String input, String metaLimits) {
    JsonObject preset = (JsonObject) Json.parse(GENERIC_FULL).orElseThrow();
    Map<String, JsonValue> limits = new LinkedHashMap<>(((JsonObject) preset.getOrNull("defaultLimits")).members());
    if (metaLimits != null) {
      limits.putAll(((JsonObject) Json.parse(metaLimits).orElseThrow()).members());
    }
    FixtureContext ctx = new FixtureContext("expr", "inline", Path.of("inline"), Json.parse(input).orElseThrow(),
        JsonObject.EMPTY, preset, JsonObject.of(limits),
        Clock.fixed(Instant.parse("2026-02-21T21:00:00Z"), ZoneOffset.ofHours(3)),
        Optional.of("2026-02-22T00:00:00+03:00"), Optional.empty());
    return new ExprHandler().run(ctx);
  }

  static void check(String expected, JsonValue actual) {
    assertEquals(Canonical.json(Json.parse(expected).orElseThrow()), Canonical.json(actual));
  }

  @Test
  void declaredLen_intArgument_typeMismatch() {
    check("{\"error\":{\"code\":\"E_EXPR_TYPE_MISMATCH\",\"message\":\"Argument 0 of 'len' expects 'string|array', got 'int'\",\"severity\":\"error\"}}",
        run("{\"expr\":{\"fn\":\"len\",\"args\":[{\"lit\":5}]},\"typeEnv\":{},\"functions\":[\"len\"]}", null));
  }

  @Test
  void stepBudgetOne_callWithArgument_budgetExceeded() {
    check("{\"error\":{\"code\":\"E_BUDGET_EXCEEDED\",\"message\":\"Expression evaluation exceeded step budget (limit: 1)\",\"severity\":\"error\"}}",
        run("{\"expr\":{\"fn\":\"len\",\"args\":[{\"lit\":\"hello\"}]},\"typeEnv\":{},\"functions\":[\"len\"]}",
            "{\"maxExprSteps\":1}"));
  }

  @Test
  void depthBudgetOne_nestedCall_depthExceeded() {
    check("{\"error\":{\"code\":\"E_EXPR_LIMIT_DEPTH\",\"message\":\"Expression depth limit exceeded (limit: 1)\",\"severity\":\"error\"}}",
        run("{\"expr\":{\"fn\":\"isEmpty\",\"args\":[{\"fn\":\"len\",\"args\":[{\"lit\":\"hello\"}]}]},\"typeEnv\":{},"
            + "\"functions\":[\"len\",\"isEmpty\"]}", "{\"maxExprDepth\":1}"));
  }

  @Test
  void undeclaredNonBuiltin_unknownFunction() {
    check("{\"error\":{\"code\":\"E_EXPR_UNKNOWN_FUNCTION\",\"message\":\"Unknown function: 'toUpperCase'\",\"severity\":\"error\"}}",
        run("{\"expr\":{\"fn\":\"toUpperCase\",\"args\":[{\"lit\":\"hello\"}]},\"typeEnv\":{},"
            + "\"functions\":[\"len\",\"isEmpty\",\"regex\"]}", null));
  }

  @Test
  void regexBudgetZero_regexCall_regexLimit() {
    check("{\"error\":{\"code\":\"E_EXPR_REGEX_LIMIT\",\"message\":\"Regex operation limit exceeded (limit: 0)\",\"severity\":\"error\"}}",
        run("{\"expr\":{\"fn\":\"regex\",\"args\":[{\"lit\":\"hello world\"},{\"lit\":\"world$\"}]},\"typeEnv\":{},"
            + "\"functions\":[\"regex\"]}", "{\"maxRegexOps\":0}"));
  }

  @Test
  void textDivisionByZero_divByZero() {
    check("{\"error\":{\"code\":\"E_EXPR_DIV_BY_ZERO\",\"message\":\"Division by zero\",\"severity\":\"error\"}}",
        run("{\"expr\":\"1 / 0\"}", null));
  }

  @Test
  void textBuiltins_lenSubstrConcat_declaredStringType() {
    check("{\"value\":\"ell4\",\"type\":\"string\"}",
        run("{\"expr\":\"concat(substr(\\\"hello\\\", 1, 3), len(\\\"abcd\\\"))\"}", null));
  }

  @Test
  void missingExpr_parseSyntaxError() {
    check("{\"error\":{\"code\":\"E_PARSE_SYNTAX\",\"message\":\"Missing 'expr' in input\",\"severity\":\"error\"}}",
        run("{\"typeEnv\":{}}", null));
  }

  @Test
  void now_fixtureClock_returnsClockText() {
    check("{\"value\":\"2026-02-22T00:00:00+03:00\",\"type\":\"string\"}", run("{\"expr\":\"now()\"}", null));
  }

  /** The reported type is upstream's view (§4.3.1), not the checker's precise type. */
  @Test
  void reportedType_upstreamView_arithmeticNumber_conditionalThenBranch() {
    String[][] cases = {
        {"1 + 2", "3", "number"},
        {"'a' + 'b'", "\"ab\"", "number"},
        {"7 % 3", "1", "number"},
        {"6 / 3", "2.0", "number"},
        {"-5", "-5", "number"},
        {"abs(-5)", "5", "number"},
        {"not true", "false", "bool"},
        {"1 < 2", "true", "bool"},
        {"'x' if false else 2", "2", "string"},
        {"false ? 1 : 'y'", "\"y\"", "int"},
        {"(1 + 1) if true else 'n'", "2", "number"},
        {"x if true else 1", "null", "any"},
        {"[1, x]", "[1,null]", "any"},
        {"len('abc')", "3", "int"},
        {"upper('a')", "\"A\"", "string"},
        {"min(1, 2)", "1", "any"},
        {"42", "42", "int"},
        {"null", "null", "null"}};
    for (String[] c : cases) {
      String input = "{\"expr\":" + Canonical.json(JsonValue.of(c[0])) + "}";
      check("{\"value\":" + c[1] + ",\"type\":\"" + c[2] + "\"}", run(input, null));
    }
    // JSON IR: a conditional reports its then-branch even when the else-branch differs.
    check("{\"value\":0,\"type\":\"int\"}",
        run("{\"expr\":{\"if\":{\"lit\":false},\"then\":{\"lit\":42},\"else\":{\"lit\":0}}}", null));
  }
}
