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
import dev.mpc.dsl.internal.LineEndLexing;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses expression text into IR with source positions. Hostile input (too long, too deeply
 * nested) is rejected with a coded error before ANTLR recurses. Stateless and thread-safe.
 * Internal.
 */
public final class TextParser {
  private TextParser() {}

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
  private static MpcExprParser.ExpressionContext sllTree(String text) {
    MpcExprLexer lexer = lexer(text);
    lexer.removeErrorListeners();
    MpcExprParser parser = new MpcExprParser(new CommonTokenStream(lexer));
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    return parser.expression();
  }

  /** The expression lexer over {@code text}, counting CR, LF and CRLF alike as line ends. */
  private static MpcExprLexer lexer(String text) {
    MpcExprLexer lexer = new MpcExprLexer(CharStreams.fromString(text));
    return LineEndLexing.install(lexer, MpcExprLexer._ATN, MpcExprLexer._decisionToDFA,
        MpcExprLexer._sharedContextCache);
  }

  /** Full LL with the default strategy; the first syntax error becomes a positioned diagnostic. */
  private static MpcExprParser.ExpressionContext llTree(String text, Positions pos) {
    MpcExprLexer lexer = lexer(text);
    lexer.removeErrorListeners();
    MpcExprParser parser = new MpcExprParser(new CommonTokenStream(lexer));
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
          } else if (t.getType() == MpcExprLexer.BAD_CHAR) {
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
    // A node per 2 chars is generous for typical text (`len(actor.id) > 0`: 4 nodes, 17 chars).
    Positions pos = new Positions(origin, Math.min(text.length() / 2 + 2, 64));
    if (text.length() > limits.maxSourceLength()) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_PARSE, "Expression text is longer than "
          + limits.maxSourceLength() + " chars").withSource(pos.at(1, 0)));
    }
    int cap = Math.min(limits.parseNestingCap(), 2 * Limits.MAX_DEPTH_CAP);
    int[] deep = NestingScan.firstTooDeep(text, cap);
    if (deep != null) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_LIMIT_DEPTH,
          "Expression depth limit exceeded (limit: " + cap + ")").withSource(pos.at(deep[0], deep[1])));
    }
    try {
      // Two-stage parse: fast SLL prediction without recovery first; only if it fails, parse again
      // with full LL, which decides the same language and reports the real error.
      MpcExprParser.ExpressionContext tree;
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
      // Not expected (literals fail at their token); still an error with a position.
      return Result.failed(Diagnostic.of(Code.E_EXPR_PARSE, "Syntax error at 1:1: invalid expression text: "
          + e.getMessage()).withSource(pos.at(1, 0)));
    } catch (StackOverflowError e) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_LIMIT_DEPTH,
          "Expression depth limit exceeded (limit: " + cap + ")").withSource(pos.at(1, 0)));
    }
  }

  /** Source positions of nodes, offset into the enclosing manifest. */
  static final class Positions {
    final Map<Expr, SourceMap> map;
    private final SourceMap origin;

    /** {@code expectedNodes} sizes the map (it grows if needed). */
    Positions(SourceMap origin, int expectedNodes) {
      this.origin = origin;
      this.map = new IdentityHashMap<>(expectedNodes);
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

  /**
   * Maps the parse tree to IR. The grammar leaves the binary operators of a {@code disjunction} as
   * a flat list; this applies their precedence exactly as the former ten-level grammar did, with
   * the same node shapes and positions: or/and folds left and sits at the start of its chain,
   * {@code not} at its keyword, a comparison chain {@code a < b < c} is {@code (a<b) and (b<c)} at
   * the chain's first operand, a comparison, {@code +}, {@code *} etc. at its operator token, an
   * index at the first token of its key. Recursion depth is bounded by the nesting scan (a
   * constant number of frames per bracket or conditional level, none per operator in a chain).
   */
  static final class IrBuilder {
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int CMP = 3;
    private static final int ADD = 4;
    private static final int MUL = 5;

    private final Positions pos;

    IrBuilder(Positions pos) {
      this.pos = pos;
    }

    Expr conditional(MpcExprParser.ConditionalContext c) {
      Expr body = disjunction(c.body);
      if (c.otherwise == null) {
        return body;
      }
      if (c.test != null) {
        return pos.put(new Expr.Cond(disjunction(c.test), body, conditional(c.otherwise)), c);
      }
      return pos.put(new Expr.Cond(body, conditional(c.then), conditional(c.otherwise)), c);
    }

    /** The operands (built in source order), the operators between them and the leading nots. */
    private static final class Flat {
      final List<ParseTree> kids;
      final Expr[] values;
      final Token[] starts;
      /** {@code ops[i]}: the operator token before operand i (for {@code not in}, the {@code not}). */
      final Token[] ops;
      final int[] levels;
      /** The {@code not} tokens before operand i are {@code kids[notFrom[i] .. notTo[i])}. */
      final int[] notFrom;
      final int[] notTo;

      Flat(List<ParseTree> kids) {
        this.kids = kids;
        int n = kids.size() / 2 + 1;
        values = new Expr[n];
        starts = new Token[n];
        ops = new Token[n];
        levels = new int[n];
        notFrom = new int[n];
        notTo = new int[n];
      }

      /** The first token of the and/or chain starting at operand {@code i}, leading nots included. */
      Token chainStart(int i) {
        return notFrom[i] < notTo[i] ? ((TerminalNode) kids.get(notFrom[i])).getSymbol() : starts[i];
      }

      /** The first operand index after {@code from} whose operator has {@code level}, or {@code hi}. */
      int next(int from, int hi, int level) {
        int k = from + 1;
        while (k < hi && levels[k] != level) {
          k++;
        }
        return k;
      }
    }

    Expr disjunction(MpcExprParser.DisjunctionContext c) {
      List<ParseTree> kids = c.children;
      int n = kids.size();
      if (n == 1) {
        return operand((MpcExprParser.OperandContext) kids.get(0));
      }
      if (n == 3 && kids.get(0) instanceof MpcExprParser.OperandContext l) {
        // the common case `a OP b`: one binary operator, no `not` (`not in` would be two tokens)
        Token op = ((TerminalNode) kids.get(1)).getSymbol();
        Expr left = operand(l);
        Expr right = operand((MpcExprParser.OperandContext) kids.get(2));
        switch (level(op.getType())) {
          case OR:
            return pos.put(new Expr.Binary(Expr.BinaryOp.OR, left, right), l.getStart());
          case AND:
            return pos.put(new Expr.Binary(Expr.BinaryOp.AND, left, right), l.getStart());
          case CMP:
            return compare(op, left, right);
          default:
            return pos.put(new Expr.Binary(binaryOp(op), left, right), op);
        }
      }
      Flat f = new Flat(kids);
      int m = 0;
      int notFrom = -1;
      for (int i = 0; i < n; i++) {
        ParseTree kid = kids.get(i);
        if (kid instanceof MpcExprParser.OperandContext o) {
          f.notFrom[m] = notFrom < 0 ? i : notFrom;
          f.notTo[m] = i;
          f.starts[m] = o.getStart();
          f.values[m++] = operand(o);
          notFrom = -1;
          continue;
        }
        Token t = ((TerminalNode) kid).getSymbol();
        int type = t.getType();
        if (type == MpcExprLexer.NOT && (i == 0 || !(kids.get(i - 1) instanceof MpcExprParser.OperandContext))) {
          if (notFrom < 0) {
            notFrom = i;
          }
          continue;
        }
        f.ops[m] = t;
        f.levels[m] = level(type);
        if (type == MpcExprLexer.NOT) {
          i++; // `not in`
        }
      }
      return or(f, 0, m);
    }

    private static int level(int tokenType) {
      switch (tokenType) {
        case MpcExprLexer.OR:
        case MpcExprLexer.OROR:
          return OR;
        case MpcExprLexer.AND:
        case MpcExprLexer.ANDAND:
          return AND;
        case MpcExprLexer.PLUS:
        case MpcExprLexer.MINUS:
          return ADD;
        case MpcExprLexer.STAR:
        case MpcExprLexer.SLASH:
        case MpcExprLexer.PERCENT:
          return MUL;
        default:
          return CMP;
      }
    }

    private Expr or(Flat f, int lo, int hi) {
      int j = f.next(lo, hi, OR);
      Expr acc = and(f, lo, j);
      while (j < hi) {
        int k = f.next(j, hi, OR);
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.OR, acc, and(f, j, k)), f.chainStart(lo));
        j = k;
      }
      return acc;
    }

    private Expr and(Flat f, int lo, int hi) {
      int j = f.next(lo, hi, AND);
      Expr acc = not(f, lo, j);
      while (j < hi) {
        int k = f.next(j, hi, AND);
        acc = pos.put(new Expr.Binary(Expr.BinaryOp.AND, acc, not(f, j, k)), f.chainStart(lo));
        j = k;
      }
      return acc;
    }

    /** Operands lo..hi form a comparison, negated once per leading {@code not} (innermost last). */
    private Expr not(Flat f, int lo, int hi) {
      Expr e = comparison(f, lo, hi);
      for (int j = f.notTo[lo] - 1; j >= f.notFrom[lo]; j--) {
        e = pos.put(new Expr.Unary(Expr.UnaryOp.NOT, e), ((TerminalNode) f.kids.get(j)).getSymbol());
      }
      return e;
    }

    private Expr comparison(Flat f, int lo, int hi) {
      int j = f.next(lo, hi, CMP);
      Expr left = additive(f, lo, j);
      Expr acc = null;
      while (j < hi) {
        int k = f.next(j, hi, CMP);
        Expr right = additive(f, j, k);
        Expr pair = compare(f.ops[j], left, right);
        acc = acc == null ? pair : pos.put(new Expr.Binary(Expr.BinaryOp.AND, acc, pair), f.starts[lo]);
        left = right;
        j = k;
      }
      return acc == null ? left : acc;
    }

    private Expr compare(Token t, Expr l, Expr r) {
      switch (t.getType()) {
        case MpcExprLexer.IN:
          return pos.put(new Expr.Call("contains", List.of(r, l)), t);
        case MpcExprLexer.NOT: {
          Expr call = pos.put(new Expr.Call("contains", List.of(r, l)), t);
          return pos.put(new Expr.Unary(Expr.UnaryOp.NOT, call), t);
        }
        default:
          return pos.put(new Expr.Binary(binaryOp(t), l, r), t);
      }
    }

    private static Expr.BinaryOp binaryOp(Token t) {
      switch (t.getType()) {
        case MpcExprLexer.EQ:
          return Expr.BinaryOp.EQ;
        case MpcExprLexer.NE:
          return Expr.BinaryOp.NE;
        case MpcExprLexer.LT:
          return Expr.BinaryOp.LT;
        case MpcExprLexer.LE:
          return Expr.BinaryOp.LE;
        case MpcExprLexer.GT:
          return Expr.BinaryOp.GT;
        case MpcExprLexer.GE:
          return Expr.BinaryOp.GE;
        case MpcExprLexer.MATCHES:
          return Expr.BinaryOp.MATCHES;
        case MpcExprLexer.PLUS:
          return Expr.BinaryOp.ADD;
        case MpcExprLexer.MINUS:
          return Expr.BinaryOp.SUB;
        case MpcExprLexer.STAR:
          return Expr.BinaryOp.MUL;
        case MpcExprLexer.SLASH:
          return Expr.BinaryOp.DIV;
        case MpcExprLexer.PERCENT:
          return Expr.BinaryOp.MOD;
        default:
          throw new IllegalStateException("not a binary operator: " + t.getText());
      }
    }

    private Expr additive(Flat f, int lo, int hi) {
      int j = f.next(lo, hi, ADD);
      Expr acc = multiplicative(f, lo, j);
      while (j < hi) {
        int k = f.next(j, hi, ADD);
        Token op = f.ops[j];
        acc = pos.put(new Expr.Binary(binaryOp(op), acc, multiplicative(f, j, k)), op);
        j = k;
      }
      return acc;
    }

    private Expr multiplicative(Flat f, int lo, int hi) {
      Expr acc = f.values[lo];
      for (int j = lo + 1; j < hi; j++) {
        Token op = f.ops[j];
        acc = pos.put(new Expr.Binary(binaryOp(op), acc, f.values[j]), op);
      }
      return acc;
    }

    /** Prefix {@code -}/{@code !}, a primary, index suffixes. */
    Expr operand(MpcExprParser.OperandContext c) {
      List<ParseTree> kids = c.children;
      int n = kids.size();
      int i = 0;
      while (isToken(kids.get(i), MpcExprLexer.MINUS) || isToken(kids.get(i), MpcExprLexer.BANG)) {
        i++;
      }
      int prefixes = i;
      Token t = ((TerminalNode) kids.get(i)).getSymbol();
      Expr acc;
      switch (t.getType()) {
        case MpcExprLexer.IDENT:
          if (i + 1 < n && isToken(kids.get(i + 1), MpcExprLexer.LPAREN)) {
            List<Expr> args = new ArrayList<>();
            i = items(kids, i + 2, args);
            acc = pos.put(new Expr.Call(t.getText(), args), t);
          } else {
            int from = i++;
            while (i < n && isToken(kids.get(i), MpcExprLexer.DOT)) {
              i += 2;
            }
            acc = pos.put(new Expr.Ref(path(kids, from, i)), t);
          }
          break;
        case MpcExprLexer.LPAREN:
          acc = conditional((MpcExprParser.ConditionalContext) kids.get(i + 1));
          i += 3;
          break;
        case MpcExprLexer.LBRACK: {
          List<Expr> items = new ArrayList<>();
          i = items(kids, i + 1, items);
          acc = pos.put(list(items), t);
          break;
        }
        default:
          acc = pos.put(new Expr.Lit(Literals.literal(t, pos)), t);
          i++;
      }
      for (; i < n; i += 3) {
        MpcExprParser.ConditionalContext key = (MpcExprParser.ConditionalContext) kids.get(i + 1);
        acc = pos.put(new Expr.Index(acc, conditional(key)), key.getStart());
      }
      for (int j = prefixes - 1; j >= 0; j--) {
        Token p = ((TerminalNode) kids.get(j)).getSymbol();
        Expr.UnaryOp op = p.getType() == MpcExprLexer.MINUS ? Expr.UnaryOp.NEG : Expr.UnaryOp.NOT;
        acc = pos.put(new Expr.Unary(op, acc), p);
      }
      return acc;
    }

    /** The dotted path spelled by the tokens {@code kids[from, to)}, without any whitespace. */
    private static String path(List<ParseTree> kids, int from, int to) {
      Token first = ((TerminalNode) kids.get(from)).getSymbol();
      if (to == from + 1) {
        return first.getText();
      }
      int next = first.getStartIndex();
      for (int k = from; k < to && next >= 0; k++) {
        Token t = ((TerminalNode) kids.get(k)).getSymbol();
        next = t.getStartIndex() == next ? t.getStopIndex() + 1 : -1;
      }
      if (next >= 0) { // no whitespace in between: one substring of the input
        return first.getInputStream().getText(Interval.of(first.getStartIndex(), next - 1));
      }
      StringBuilder sb = new StringBuilder();
      for (int k = from; k < to; k++) {
        sb.append(kids.get(k).getText());
      }
      return sb.toString();
    }

    private static boolean isToken(ParseTree kid, int type) {
      return kid instanceof TerminalNode t && t.getSymbol().getType() == type;
    }

    /** Builds the comma-separated items from {@code kids[i]} up to the closing bracket; the index after it. */
    private int items(List<ParseTree> kids, int i, List<Expr> out) {
      while (true) {
        ParseTree kid = kids.get(i++);
        if (kid instanceof MpcExprParser.ConditionalContext item) {
          out.add(conditional(item));
        } else if (!isToken(kid, MpcExprLexer.COMMA)) {
          return i;
        }
      }
    }

    /** A list of constants folds to one array literal; otherwise a list node. */
    private static Expr list(List<Expr> items) {
      List<JsonValue> constants = new ArrayList<>(items.size());
      for (Expr e : items) {
        if (!(e instanceof Expr.Lit lit)) {
          return new Expr.ListOf(items);
        }
        constants.add(lit.value());
      }
      return new Expr.Lit(JsonArray.of(constants));
    }
  }

  /** Literal token decoding. */
  static final class Literals {
    private Literals() {}

    /**
     * The value of a literal token. Every failure, including one this decoder did not foresee, is
     * a positioned {@code E_EXPR_PARSE} at the token.
     */
    static JsonValue literal(Token t, Positions pos) {
      try {
        return decode(t, pos);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw fail(t, pos, "invalid literal " + t.getText() + ": " + e.getMessage());
      }
    }

    private static JsonValue decode(Token t, Positions pos) {
      String s = t.getText();
      switch (t.getType()) {
        case MpcExprLexer.TRUE:
          return JsonValue.of(true);
        case MpcExprLexer.FALSE:
          return JsonValue.of(false);
        case MpcExprLexer.NULL:
          return JsonNull.INSTANCE;
        case MpcExprLexer.INT:
          if (s.length() <= 18 && (s.length() == 1 || s.charAt(0) != '0') && s.indexOf('_') < 0) {
            return JsonValue.of(Long.parseLong(s)); // plain decimal that fits: same value as below
          }
          return JsonValue.of(integer(s.replace("_", "")));
        case MpcExprLexer.FLOAT: {
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
            long cp = Long.parseLong(hex, 16);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              throw fail(t, pos, "\\" + e + hex + " is not a Unicode scalar value");
            }
            sb.appendCodePoint((int) cp);
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
