package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON IR form of expressions (used by fixtures and compiled artifacts): decoding into
 * {@link Expr} and encoding back. {@code encode(decode(j))} equals {@code j} for IR in normal form,
 * and {@code decode(encode(e))} equals {@code e} for every tree.
 *
 * <p>Decoding follows upstream's key priority ({@code lit}, {@code ref}, {@code fn},
 * {@code op}+{@code left}+{@code right}, {@code not}, {@code neg}, {@code if}; a non-object is a
 * literal) but validates strictly: unknown operators, unknown or surplus keys, a non-string
 * {@code ref}/{@code fn}, non-array {@code args}, a missing {@code then}, and nesting deeper than
 * the cap are {@code E_EXPR_PARSE} / {@code E_EXPR_LIMIT_DEPTH} errors, never exceptions.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExprJson {
  /** Default nesting cap for decoding. */
  public static final int DEFAULT_MAX_NESTING = Limits.MAX_DEPTH_CAP;

  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "lit", Set.of("lit"),
      "ref", Set.of("ref"),
      "fn", Set.of("fn", "args"),
      "op", Set.of("op", "left", "right"),
      "not", Set.of("not"),
      "neg", Set.of("neg"),
      "if", Set.of("if", "then", "else"),
      "list", Set.of("list"),
      "index", Set.of("index"));

  private ExprJson() {}

  /** Decodes JSON IR with the default nesting cap. */
  public static Result<Expr> decode(JsonValue json) {
    return decode(json, DEFAULT_MAX_NESTING);
  }

  /** Decodes JSON IR, rejecting nesting deeper than {@code maxNesting}. */
  public static Result<Expr> decode(JsonValue json, int maxNesting) {
    try {
      return Result.ok(new Decoder(maxNesting).decode(json, 1));
    } catch (DecodeError e) {
      return Result.failed(e.diagnostic);
    }
  }

  /** Encodes a tree as JSON IR. */
  public static JsonValue encode(Expr e) {
    if (e instanceof Expr.Lit l) {
      return obj("lit", l.value());
    } else if (e instanceof Expr.Ref r) {
      return obj("ref", JsonValue.of(r.path()));
    } else if (e instanceof Expr.Call c) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("fn", JsonValue.of(c.name()));
      if (!c.args().isEmpty()) {
        m.put("args", encodeAll(c.args()));
      }
      return JsonObject.of(m);
    } else if (e instanceof Expr.Binary b) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("op", JsonValue.of(b.op().symbol()));
      m.put("left", encode(b.left()));
      m.put("right", encode(b.right()));
      return JsonObject.of(m);
    } else if (e instanceof Expr.Unary u) {
      return obj(u.op().key(), encode(u.operand()));
    } else if (e instanceof Expr.Cond c) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("if", encode(c.test()));
      m.put("then", encode(c.then()));
      m.put("else", encode(c.otherwise()));
      return JsonObject.of(m);
    } else if (e instanceof Expr.ListOf l) {
      return obj("list", encodeAll(l.items()));
    } else {
      Expr.Index ix = (Expr.Index) e;
      Map<String, JsonValue> m = new LinkedHashMap<>();
      m.put("target", encode(ix.target()));
      m.put("key", encode(ix.key()));
      return obj("index", JsonObject.of(m));
    }
  }

  private static JsonArray encodeAll(List<Expr> items) {
    List<JsonValue> out = new ArrayList<>(items.size());
    for (Expr a : items) {
      out.add(encode(a));
    }
    return JsonArray.of(out);
  }

  private static JsonObject obj(String key, JsonValue value) {
    return JsonObject.of(Map.of(key, value));
  }

  private static final class DecodeError extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    DecodeError(Code code, String message) {
      super(message, null, false, false);
      this.diagnostic = Diagnostic.of(code, message);
    }
  }

  private static final class Decoder {
    private final int maxNesting;

    Decoder(int maxNesting) {
      this.maxNesting = maxNesting;
    }

    Expr decode(JsonValue json, int depth) throws DecodeError {
      if (depth > maxNesting) {
        throw new DecodeError(Code.E_EXPR_LIMIT_DEPTH, "Expression depth limit exceeded (limit: " + maxNesting + ")");
      }
      if (!(json instanceof JsonObject o)) {
        return new Expr.Lit(json);
      }
      String key = primaryKey(o);
      if (key == null) {
        throw parse("Cannot parse expression IR: " + truncate(o.toString()));
      }
      for (String k : o.members().keySet()) {
        if (!ALLOWED.get(key).contains(k)) {
          throw parse("Unexpected key '" + k + "' in expression IR node '" + key + "'");
        }
      }
      switch (key) {
        case "lit":
          return new Expr.Lit(o.getOrNull("lit"));
        case "ref": {
          if (!(o.getOrNull("ref") instanceof JsonString s) || s.value().isEmpty()) {
            throw parse("'ref' must be a non-empty string, got " + truncate(o.getOrNull("ref").toString()));
          }
          return new Expr.Ref(s.value());
        }
        case "fn": {
          if (!(o.getOrNull("fn") instanceof JsonString s) || s.value().isEmpty()) {
            throw parse("'fn' must be a non-empty string, got " + truncate(o.getOrNull("fn").toString()));
          }
          JsonValue args = o.getOrNull("args");
          List<Expr> out = new ArrayList<>();
          if (args != null) {
            if (!(args instanceof JsonArray arr)) {
              throw parse("'args' of '" + s.value() + "' must be an array");
            }
            for (JsonValue a : arr.items()) {
              out.add(decode(a, depth + 1));
            }
          }
          return new Expr.Call(s.value(), out);
        }
        case "op": {
          if (!(o.getOrNull("op") instanceof JsonString s)) {
            throw parse("'op' must be a string");
          }
          Expr.BinaryOp op = Expr.BinaryOp.of(s.value())
              .orElseThrow(() -> parse("Unknown operator '" + s.value() + "'"));
          return new Expr.Binary(op, decode(o.getOrNull("left"), depth + 1), decode(o.getOrNull("right"), depth + 1));
        }
        case "not":
          return new Expr.Unary(Expr.UnaryOp.NOT, decode(o.getOrNull("not"), depth + 1));
        case "neg":
          return new Expr.Unary(Expr.UnaryOp.NEG, decode(o.getOrNull("neg"), depth + 1));
        case "if": {
          if (!o.has("then")) {
            throw parse("Conditional expression IR needs 'then'");
          }
          JsonValue otherwise = o.has("else") ? o.getOrNull("else") : obj("lit", JsonNull.INSTANCE);
          return new Expr.Cond(decode(o.getOrNull("if"), depth + 1), decode(o.getOrNull("then"), depth + 1),
              decode(otherwise, depth + 1));
        }
        case "list": {
          if (!(o.getOrNull("list") instanceof JsonArray arr)) {
            throw parse("'list' must be an array");
          }
          List<Expr> out = new ArrayList<>();
          for (JsonValue a : arr.items()) {
            out.add(decode(a, depth + 1));
          }
          return new Expr.ListOf(out);
        }
        default: {
          if (!(o.getOrNull("index") instanceof JsonObject ix) || !ix.has("target") || !ix.has("key")
              || ix.size() != 2) {
            throw parse("'index' must be an object with exactly 'target' and 'key'");
          }
          return new Expr.Index(decode(ix.getOrNull("target"), depth + 1), decode(ix.getOrNull("key"), depth + 1));
        }
      }
    }

    private static String primaryKey(JsonObject o) {
      if (o.has("lit")) {
        return "lit";
      } else if (o.has("ref")) {
        return "ref";
      } else if (o.has("fn")) {
        return "fn";
      } else if (o.has("op") && o.has("left") && o.has("right")) {
        return "op";
      } else if (o.has("not")) {
        return "not";
      } else if (o.has("neg")) {
        return "neg";
      } else if (o.has("if")) {
        return "if";
      } else if (o.has("list")) {
        return "list";
      } else if (o.has("index")) {
        return "index";
      }
      return null;
    }

    private static DecodeError parse(String message) {
      return new DecodeError(Code.E_EXPR_PARSE, message);
    }

    private static String truncate(String s) {
      return s.codePointCount(0, s.length()) <= 200 ? s : s.substring(0, s.offsetByCodePoints(0, 200)) + "...";
    }
  }
}
