package dev.mpc.dsl.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.expr.internal.Printer;
import dev.mpc.dsl.expr.internal.TextParser;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;

/**
 * The expression language's front door: parse text, print IR as text, and compile text (or IR) in
 * one call, like CEL.
 *
 * <pre>{@code
 * CompiledExpression e = Expressions.compile("len(name) > 3 and role == 'editor'",
 *     TypeEnv.empty(), Limits.defaults()).orElseThrow();
 * Result<JsonValue> v = e.evaluate(Bindings.ofJava(Map.of("name", "Alice", "role", "editor")));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * Parses expression text into IR with source positions.
   *
   * @param text the text
   * @param limits the limits
   * @return the result
   */
  public static Result<ParsedExpr> parse(String text, Limits limits) {
    return TextParser.parse(text, limits, null);
  }

  /**
   * Parses expression text embedded in a manifest at {@code origin} (the position of the
   * expression's first character): diagnostics point into the manifest.
   *
   * @param text the text
   * @param limits the limits
   * @param origin the origin
   * @return the result
   */
  public static Result<ParsedExpr> parse(String text, Limits limits, SourceMap origin) {
    return TextParser.parse(text, limits, origin);
  }

  /**
   * Prints IR as text; {@code E_EXPR_PARSE} for nodes without a textual form (object literals).
   *
   * @param ir the ir
   * @return the result
   */
  public static Result<String> print(Expr ir) {
    return Printer.print(ir);
  }

  /**
   * Compiles text with the standard engine (built-ins only, default features).
   *
   * @param text the text
   * @param env the env
   * @param limits the limits
   * @return the result
   */
  public static Result<CompiledExpression> compile(String text, TypeEnv env, Limits limits) {
    return compile(ExprEngine.standard(), text, env, limits, null);
  }

  /**
   * Compiles text with {@code engine}; positions are offset by {@code origin} when given.
   *
   * @param engine the engine
   * @param text the text
   * @param env the env
   * @param limits the limits
   * @param origin the origin
   * @return the result
   */
  public static Result<CompiledExpression> compile(ExprEngine engine, String text, TypeEnv env, Limits limits,
      SourceMap origin) {
    return parse(text, limits, origin).flatMap(p -> engine.compile(p, env, limits));
  }

  /**
   * Compiles an expression as manifests and fixtures hold it: a JSON string is text, a JSON object
   * is JSON IR, any other value is a literal. A JSON null is {@code E_PARSE_SYNTAX}.
   *
   * @param engine the engine
   * @param expr the expr
   * @param env the env
   * @param limits the limits
   * @return the result
   */
  public static Result<CompiledExpression> compileJson(ExprEngine engine, JsonValue expr, TypeEnv env,
      Limits limits) {
    if (expr == null || expr.isNull()) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_SYNTAX, "Missing expression"));
    }
    if (expr instanceof JsonString s) {
      return compile(engine, s.value(), env, limits, null);
    }
    if (expr instanceof JsonObject) {
      return engine.compileJson(expr, env, limits);
    }
    return ExprJson.decode(expr).flatMap(e -> engine.compile(e, env, limits));
  }
}
