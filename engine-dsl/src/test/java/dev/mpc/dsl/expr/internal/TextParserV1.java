package dev.mpc.dsl.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.expr.Expr;
import dev.mpc.expr.Limits;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * TEST-ONLY ORACLE: a verbatim copy of {@code TextParser} as it was before the expression grammar
 * became a flat operand/operator list (commit 24a61e0), running on the old 10-level grammar
 * {@code MpcExprV1} (src/test/antlr4). {@link GrammarDifferentialProperties} checks that the
 * production parser accepts and rejects the same texts with the same IR, positions and
 * diagnostics. Do not change it to follow the production parser.
 */
public final class TextParserV1 {
  private TextParserV1() {}

  /** Thrown inside the parser to stop at the first error; carries the diagnostic. */
  static final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    ParseFailure(Diagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  /**
   * Fast pass: SLL prediction, no error recovery or reporting (the bail strategy also skips the
   * default strategy's per-loop sync). Throws {@link ParseCancellationException} on any error.
   */
  private static MpcExprV1Parser.ExpressionContext sllTree(String text) {
    MpcExprV1Lexer lexer = new MpcExprV1Lexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    MpcExprV1Parser parser = new MpcExprV1Parser(new CommonTokenStream(lexer));
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    return parser.expression();
  }

  /** Full LL with the default strategy; the first syntax error becomes a positioned diagnostic. */
  private static MpcExprV1Parser.ExpressionContext llTree(String text, Positions pos) {
    MpcExprV1Lexer lexer = new MpcExprV1Lexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    MpcExprV1Parser parser = new MpcExprV1Parser(new CommonTokenStream(lexer));
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    parser.removeErrorListeners();
    parser.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg,
          RecognitionException e) {
        String detail = msg;
        if (offending instanceof Token t) {
          if (t.getType() == Token.EOF) {
            detail = "unexpected end of expression";
          } else if (t.getType() == MpcExprV1Lexer.BAD_CHAR) {
            detail = "unexpected character '" + t.getText() + "'";
          } else {
            detail = "unexpected '" + t.getText() + "'";
          }
        }
        throw new ParseFailure(Diagnostic.of(Code.E_EXPR_PARSE,
            "Syntax error at " + line + ":" + (col + 1) + ": " + detail).withSource(pos.at(line, col)));
      }
    });
    return parser.expression();
  }

  /**
   * Parses {@code text}; positions are offset by {@code origin} (the position of the
   * expression's first character in its manifest), if given.
   */
  public static Result<ParsedExpr> parse(String text, Limits limits, SourceMap origin) {
    Positions pos = new Positions(origin);
    if (text.length() > limits.maxSourceLength()) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_PARSE, "Expression text is longer than "
          + limits.maxSourceLength() + " chars").withSource(pos.at(1, 0)));
    }
    int cap = Math.min(limits.parseNestingCap(), 2 * Limits.MAX_DEPTH_CAP);
    int[] deep = NestingScanV1.firstTooDeep(text, cap);
    if (deep != null) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_LIMIT_DEPTH,
          "Expression depth limit exceeded (limit: " + cap + ")").withSource(pos.at(deep[0], deep[1])));
    }
    try {
      // Two-stage parse: fast SLL prediction without recovery first; only if it fails, parse again
      // with full LL, which decides the same language and reports the real error.
      MpcExprV1Parser.ExpressionContext tree;
      try {
        tree = sllTree(text);
      } catch (ParseCancellationException sllFailure) {
        tree = llTree(text, pos);
      }
      IrBuilder b = new IrBuilder(pos);
      Expr ir = b.conditional(tree.conditional());
      return Result.ok(new ParsedExpr(ir, pos.map));
    } catch (ParseFailure f) {
      return Result.failed(f.diagnostic);
    } catch (IllegalArgumentException e) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_PARSE, "Invalid expression text: " + e.getMessage()));
    } catch (StackOverflowError e) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_LIMIT_DEPTH,
          "Expression depth limit exceeded (limit: " + cap + ")"));
    }
  }

  /** Source positions of nodes, offset into the enclosing manifest. */
  static final class Positions {
    final Map<Expr, SourceMap> map = new IdentityHashMap<>();
    private final SourceMap origin;

    Positions(SourceMap origin) {
      this.origin = origin;
    }

    /** {@code line} 1-based, {@code col} 0-based (ANTLR's convention). */
    SourceMap at(int line, int col) {
      if (origin == null) {
        return SourceMap.at(line, col + 1);
      }
      int l = origin.line() + line - 1;
      int c = line == 1 ? origin.col() + col : col + 1;
      return new SourceMap(origin.file(), l, c, java.util.Optional.empty());
    }

    <E extends Expr> E put(E e, ParserRuleContext ctx) {
      Token start = ctx.getStart();
      map.putIfAbsent(e, at(start.getLine(), start.getCharPositionInLine()));
      return e;
    }

    <E extends Expr> E put(E e, Token start) {
      map.putIfAbsent(e, at(start.getLine(), start.getCharPositionInLine()));
      return e;
    }
  }

  /** Maps the parse tree to IR. Recursion depth is bounded by the nesting scan. */
  static final class IrBuilder {
    private final Positions pos;

    IrBuilder(Positions pos) {
      this.pos = pos;
    }

    Expr conditional(MpcExprV1Parser.ConditionalContext c) {
      Expr body = or(c.body);
      if (c.IF() != null) {
        return pos.put(new Expr.Cond(or(c.test), body, conditional(c.otherwise)), c);
      }
      if (c.QUESTION() != null) {
        return pos.put(new Expr.Cond(body, conditional(c.then), conditional(c.otherwise)), c);
      }
      return body;
    }

    Expr or(MpcExprV1Parser.OrExprContext c) {
      List<MpcExprV1Parser.AndExprContext> parts = c.andExpr();
      Expr acc = and(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.OR, acc, and(parts.get(i))), c);
      }
      return acc;
    }

    Expr and(MpcExprV1Parser.AndExprContext c) {
      List<MpcExprV1Parser.NotExprContext> parts = c.notExpr();
      Expr acc = not(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.AND, acc, not(parts.get(i))), c);
      }
      return acc;
    }

    Expr not(MpcExprV1Parser.NotExprContext c) {
      if (c instanceof MpcExprV1Parser.NotNotContext n) {
        return pos.put(new Expr.Unary(Expr.UnaryOp.NOT, not(n.notExpr())), c);
      }
      return comparison(((MpcExprV1Parser.NotComparisonContext) c).comparison());
    }

    Expr comparison(MpcExprV1Parser.ComparisonContext c) {
      List<MpcExprV1Parser.AdditiveContext> operands = c.additive();
      List<MpcExprV1Parser.CompOpContext> ops = c.compOp();
      if (ops.isEmpty()) {
        return additive(operands.get(0));
      }
      List<Expr> values = new ArrayList<>();
      for (MpcExprV1Parser.AdditiveContext a : operands) {
        values.add(additive(a));
      }
      Expr acc = null;
      for (int i = 0; i < ops.size(); i++) {
        Expr pair = compare(ops.get(i), values.get(i), values.get(i + 1));
        acc = acc == null ? pair : pos.put(new Expr.Binary(Expr.BinaryOp.AND, acc, pair), c);
      }
      return acc;
    }

    private Expr compare(MpcExprV1Parser.CompOpContext op, Expr l, Expr r) {
      Token t = op.getStart();
      switch (t.getType()) {
        case MpcExprV1Lexer.IN:
          return pos.put(new Expr.Call("contains", List.of(r, l)), t);
        case MpcExprV1Lexer.NOT: {
          Expr call = pos.put(new Expr.Call("contains", List.of(r, l)), t);
          return pos.put(new Expr.Unary(Expr.UnaryOp.NOT, call), t);
        }
        default:
          return pos.put(new Expr.Binary(Expr.BinaryOp.of(t.getText()).orElseThrow(), l, r), t);
      }
    }

    Expr additive(MpcExprV1Parser.AdditiveContext c) {
      List<MpcExprV1Parser.MultiplicativeContext> parts = c.multiplicative();
      Expr acc = multiplicative(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        Token op = c.addOp(i - 1).getStart();
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.of(op.getText()).orElseThrow(), acc,
            multiplicative(parts.get(i))), op);
      }
      return acc;
    }

    Expr multiplicative(MpcExprV1Parser.MultiplicativeContext c) {
      List<MpcExprV1Parser.UnaryContext> parts = c.unary();
      Expr acc = unary(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        Token op = c.mulOp(i - 1).getStart();
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.of(op.getText()).orElseThrow(), acc, unary(parts.get(i))), op);
      }
      return acc;
    }

    Expr unary(MpcExprV1Parser.UnaryContext c) {
      if (c instanceof MpcExprV1Parser.NegUnaryContext n) {
        return pos.put(new Expr.Unary(Expr.UnaryOp.NEG, unary(n.unary())), c);
      }
      if (c instanceof MpcExprV1Parser.BangUnaryContext b) {
        return pos.put(new Expr.Unary(Expr.UnaryOp.NOT, unary(b.unary())), c);
      }
      MpcExprV1Parser.PostfixContext p = ((MpcExprV1Parser.PostfixUnaryContext) c).postfix();
      Expr acc = primary(p.primary());
      for (MpcExprV1Parser.ConditionalContext key : p.conditional()) {
        acc = pos.put(new Expr.Index(acc, conditional(key)), key.getStart());
      }
      return acc;
    }

    Expr primary(MpcExprV1Parser.PrimaryContext c) {
      if (c instanceof MpcExprV1Parser.LitPrimaryContext l) {
        return pos.put(new Expr.Lit(Literals.literal(l.literal().getStart(), pos)), c);
      }
      if (c instanceof MpcExprV1Parser.CallPrimaryContext call) {
        return pos.put(new Expr.Call(call.IDENT().getText(), args(call.arguments())), c);
      }
      if (c instanceof MpcExprV1Parser.PathPrimaryContext path) {
        StringBuilder sb = new StringBuilder(path.IDENT().getText());
        for (MpcExprV1Parser.MemberContext m : path.member()) {
          sb.append('.').append(m.getText());
        }
        return pos.put(new Expr.Ref(sb.toString()), c);
      }
      if (c instanceof MpcExprV1Parser.ParenPrimaryContext p) {
        return conditional(p.conditional());
      }
      List<Expr> items = args(((MpcExprV1Parser.ListPrimaryContext) c).arguments());
      List<JsonValue> constants = new ArrayList<>();
      for (Expr e : items) {
        if (!(e instanceof Expr.Lit lit)) {
          return pos.put(new Expr.ListOf(items), c);
        }
        constants.add(lit.value());
      }
      return pos.put(new Expr.Lit(JsonArray.of(constants)), c);
    }

    private List<Expr> args(MpcExprV1Parser.ArgumentsContext a) {
      List<Expr> out = new ArrayList<>();
      if (a != null) {
        for (MpcExprV1Parser.ConditionalContext c : a.conditional()) {
          out.add(conditional(c));
        }
      }
      return out;
    }
  }

  /** Literal token decoding. */
  static final class Literals {
    private Literals() {}

    static JsonValue literal(Token t, Positions pos) {
      String s = t.getText();
      switch (t.getType()) {
        case MpcExprV1Lexer.TRUE:
          return JsonValue.of(true);
        case MpcExprV1Lexer.FALSE:
          return JsonValue.of(false);
        case MpcExprV1Lexer.NULL:
          return JsonNull.INSTANCE;
        case MpcExprV1Lexer.INT:
          return JsonValue.of(integer(s.replace("_", "")));
        case MpcExprV1Lexer.FLOAT: {
          double d = Double.parseDouble(s.replace("_", ""));
          if (!Double.isFinite(d)) {
            throw fail(t, pos, "float literal out of range: " + s);
          }
          return JsonValue.of(d);
        }
        default:
          return JsonValue.of(string(t, pos));
      }
    }

    private static BigInteger integer(String s) {
      if (s.length() > 2 && s.charAt(0) == '0') {
        char k = Character.toLowerCase(s.charAt(1));
        int radix = k == 'x' ? 16 : k == 'o' ? 8 : k == 'b' ? 2 : 10;
        if (radix != 10) {
          return new BigInteger(s.substring(2), radix);
        }
      }
      return new BigInteger(s);
    }

    static ParseFailure fail(Token t, Positions pos, String message) {
      return new ParseFailure(Diagnostic.of(Code.E_EXPR_PARSE, "Syntax error at " + t.getLine() + ":"
          + (t.getCharPositionInLine() + 1) + ": " + message)
          .withSource(pos.at(t.getLine(), t.getCharPositionInLine())));
    }

    private static String string(Token t, Positions pos) {
      String raw = t.getText();
      String body = raw.substring(1, raw.length() - 1);
      StringBuilder sb = new StringBuilder(body.length());
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = body.charAt(++i);
        switch (e) {
          case '\\': sb.append('\\'); break;
          case '\'': sb.append('\''); break;
          case '"': sb.append('"'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'v': sb.append('\u000b'); break;
          case 'a': sb.append('\u0007'); break;
          case 'x':
          case 'u':
          case 'U': {
            int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            String hex = body.substring(i + 1, Math.min(body.length(), i + 1 + n));
            if (hex.length() != n || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
              throw fail(t, pos, "malformed \\" + e + " escape");
            }
            int cp = Integer.parseUnsignedInt(hex, 16);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              throw fail(t, pos, "\\" + e + hex + " is not a Unicode scalar value");
            }
            sb.appendCodePoint(cp);
            i += n;
            break;
          }
          default:
            if (e >= '0' && e <= '7') {
              int j = i;
              int v = 0;
              while (j < body.length() && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') {
                v = v * 8 + (body.charAt(j) - '0');
                j++;
              }
              sb.appendCodePoint(v);
              i = j - 1;
            } else {
              sb.append('\\').append(e);
            }
        }
      }
      return sb.toString();
    }
  }
}
