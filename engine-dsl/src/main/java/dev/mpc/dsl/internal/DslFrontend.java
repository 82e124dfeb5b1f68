package dev.mpc.dsl.internal;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The DSL front end: a linear depth pre-scan (so the recursive-descent parser can never overflow
 * the stack), the generated ANTLR parser (SLL prediction first, full LL with error recovery only
 * when SLL fails), and a builder that turns parse trees into AST. In the SLL pass each top-level
 * definition is built as soon as the parser leaves it and its subtree is dropped, over an
 * unbuffered token stream, so the memory held during a parse does not grow with the document
 * (besides the AST itself). Thread-safe (stateless; each parse has its own lexer and parser).
 */
public final class DslFrontend {
  private static final Prefixer P = Prefixer.DSL;

  private final ParseLimits limits;

  /** A front end enforcing {@code limits}. */
  public DslFrontend(ParseLimits limits) {
    this.limits = limits;
  }

  /** Parses {@code text} into an AST, or returns null with problems recorded. */
  public ManifestAst parse(String text, Problems problems) {
    // One copy of the text as a char array, read by the pre-scan and the lexer: array reads are
    // what the interpreter runs fastest before the JIT has compiled String.charAt's call chain
    // (the first compiles in a fresh JVM), and C2 makes them no slower than charAt.
    char[] cs = text.toCharArray();
    if (!preScanOk(cs, problems)) {
      return null;
    }
    boolean surrogates = hasSurrogate(cs);
    CharStream chars = StringCharStream.of(text, cs, surrogates);
    // Without surrogates, token indices are indices into text: strings are unescaped from it directly.
    String source = surrogates ? null : text;
    // SLL pass: each top-level definition is turned into AST as soon as it is complete and its
    // parse subtree dropped, and tokens are not buffered beyond the parser's lookahead, so the live
    // set stays one definition deep. The builder reports into a scratch list that counts only if
    // the whole document parses.
    MpcManifestLexer lexer = new ManifestLexer(chars);
    MpcManifestParser parser = new LeanParser(new UnbufferedTokenStream<>(lexer));
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    Problems scratch = problems.fork();
    Builder streaming = new Builder(scratch, source);
    parser.addParseListener(streaming);
    try {
      parser.document();
    } catch (ParseCancellationException sllFailed) {
      // Full LL with error recovery, over a fresh, buffered token stream.
      chars.seek(0);
      MpcManifestLexer lexer2 = new ManifestLexer(chars);
      parser = new MpcManifestParser(new CommonTokenStream(lexer2));
      parser.removeErrorListeners();
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.addErrorListener(new Listener(problems));
      MpcManifestParser.DocumentContext doc;
      try {
        doc = parser.document();
      } catch (Problems.TooManyProblems stop) {
        return null;
      }
      if (problems.any()) {
        return null;
      }
      return new Builder(problems, source).document(doc);
    }
    try {
      problems.addAll(scratch);
    } catch (Problems.TooManyProblems stop) {
      return null;
    }
    return streaming.result();
  }

  /**
   * The parser of the SLL pass: builds rule contexts but no terminal nodes (the builder reads tokens
   * from the contexts' start and stop tokens and labels), with the bail strategy, so there is no
   * error recovery whose error nodes would be missed. Not thread-safe: one per parse.
   */
  private static final class LeanParser extends MpcManifestParser {
    LeanParser(TokenStream input) {
      super(input);
    }

    @Override
    public Token consume() {
      Token o = getCurrentToken();
      if (o.getType() != Token.EOF) {
        getInputStream().consume();
      }
      return o;
    }
  }

  // ---- pre-scan: nesting depth and definition count, linear, before the recursive parser ----

  private static boolean hasSurrogate(char[] cs) {
    for (char c : cs) {
      if (c >= '\uD800' && c <= '\uDFFF') {
        return true;
      }
    }
    return false;
  }

  private boolean preScanOk(char[] cs, Problems problems) {
    int depth = 0;
    int defs = 0;
    int line = 1;
    int col = 1;
    int n = cs.length;
    int max = limits.maxDepth();
    for (int i = 0; i < n; i++) {
      char c = cs[i];
      // Strings and comments end where the lexer ends them (LineEnds.endsLine), and a lone CR is
      // a line end as LF is: the scan must see the same brackets as the parser.
      switch (c) {
        case '\n' -> {
          line++;
          col = 0;
        }
        case '\r' -> {
          if (i + 1 >= n || cs[i + 1] != '\n') {
            line++;
            col = 0;
          }
        }
        case '"' -> {
          int j = i + 1;
          while (j < n) {
            char d = cs[j];
            if (d == '"' || LineEnds.endsLine(d)) {
              break;
            }
            if (d == '\\' && j + 1 < n && !LineEnds.endsLine(cs[j + 1])) {
              j++;
              col++;
            }
            j++;
            if (!isLowSurrogate(cs[j - 1])) {
              col++;
            }
          }
          if (j < n && cs[j] == '"') {
            col++;
            i = j;
          } else {
            i = j - 1;
          }
        }
        case '/' -> {
          if (i + 1 < n && cs[i + 1] == '/') {
            int end = i;
            while (end < n && !LineEnds.endsLine(cs[end])) {
              end++;
            }
            i = end - 1;
            continue; // the comment's columns do not matter: a line end or the end follows
          }
        }
        case '{', '[' -> {
          depth++;
          if (depth > max) {
            problems.add(Code.E_QUOTA_EXCEEDED, P.prefix(line, col), "nesting is deeper than the limit of "
                + max + " levels (ParseLimits.maxDepth)", line, col);
            return false;
          }
        }
        case '}', ']' -> depth = Math.max(0, depth - 1);
        case 'd' -> {
          if (i + 2 < n && cs[i + 1] == 'e' && cs[i + 2] == 'f' && (i == 0 || !isIdentChar(cs[i - 1]))
              && (i + 3 >= n || !isIdentChar(cs[i + 3]))) {
            defs++;
            if (defs > limits.maxManifestNodes()) {
              problems.add(Code.E_QUOTA_EXCEEDED, P.prefix(line, col), "the manifest has more than "
                  + limits.maxManifestNodes() + " definitions (ParseLimits.maxManifestNodes)", line, col);
              return false;
            }
          }
        }
        default -> { }
      }
      if (!isLowSurrogate(c)) {
        col++;
      }
    }
    return true;
  }

  private static boolean isLowSurrogate(char c) {
    return c >= '\uDC00' && c <= '\uDFFF';
  }

  private static boolean isIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  // ---- syntax errors -----------------------------------------------------------------------

  private static final class Listener extends BaseErrorListener {
    private final Problems problems;

    Listener(Problems problems) {
      this.problems = problems;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
        String msg, RecognitionException e) {
      Token t = offendingSymbol instanceof Token tok ? tok : null;
      IntervalSet expected = null;
      if (e != null && e.getExpectedTokens() != null) {
        expected = e.getExpectedTokens();
      } else if (recognizer instanceof Parser p) {
        expected = p.getExpectedTokens();
      }
      int col = charPositionInLine + 1;
      String text = describeProblem(t, expected);
      if (t != null && t.getType() == MpcManifestLexer.COLON && t.getTokenIndex() > 0 && recognizer instanceof Parser p
          && p.getTokenStream().get(t.getTokenIndex() - 1).getType() == MpcManifestLexer.DEF) {
        text += " ('def' is a keyword; write \"def\" to use it as a property key)";
      }
      problems.add(Code.E_PARSE_SYNTAX, P.prefix(line, col), text, line, col);
    }
  }

  static String describeProblem(Token t, IntervalSet expected) {
    StringBuilder sb = new StringBuilder();
    if (t != null && t.getType() == MpcManifestLexer.UNTERMINATED_STRING) {
      return "unterminated string (a string must end with \" on the same line)";
    }
    if (t != null && t.getType() == MpcManifestLexer.ERROR_CHAR) {
      String ch = t.getText();
      sb.append("unexpected character ").append(quoteChar(ch));
      if (LineEnds.isUnicodeBreak(ch.codePointAt(0))) {
        sb.setLength(0);
        sb.append("unexpected character ").append(LineEnds.name(ch.codePointAt(0)))
            .append(" (editors may show it as a line break, so it is not allowed raw; inside a string write \\u")
            .append(String.format("%04x", ch.codePointAt(0))).append(')');
      } else if (ch.equals("#")) {
        sb.append(" (comments start with //)");
      } else if (ch.equals("@")) {
        sb.append(" (directives are @schema, @namespace, @name, @version)");
      }
      return sb.toString();
    }
    if (expected != null && !expected.isNil()) {
      List<String> names = new ArrayList<>();
      for (int type : expected.toList()) {
        names.add(tokenName(type));
      }
      sb.append("expected ");
      if (names.size() > 1) {
        sb.append("one of ");
      }
      sb.append(String.join(", ", names)).append(", ");
    }
    sb.append("found ").append(describe(t));
    if (t != null && t.getType() == MpcManifestLexer.IDENT && expected != null
        && expected.contains(MpcManifestLexer.STRING) && !expected.contains(MpcManifestLexer.IDENT)) {
      sb.append(" (strings must be in double quotes)");
    }
    if (t != null && t.getType() >= MpcManifestLexer.AT_SCHEMA && t.getType() <= MpcManifestLexer.AT_VERSION
        && expected != null && expected.contains(MpcManifestLexer.DEF)) {
      sb.append(" (directives must come before the first definition)");
    }
    if (t != null && t.getType() == MpcManifestLexer.DEF && expected != null && expected.contains(MpcManifestLexer.IDENT)) {
      sb.append(" ('def' is a keyword; write \"def\" to use it as a name)");
    }
    return sb.toString();
  }

  private static String quoteChar(String ch) {
    int cp = ch.codePointAt(0);
    if (cp < 0x20 || cp == 0x7F || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT) {
      return String.format("U+%04X", cp);
    }
    return "'" + ch + "'";
  }

  static String describe(Token t) {
    if (t == null || t.getType() == Token.EOF) {
      return "end of input";
    }
    String text = t.getText();
    String shown = text.length() > 30 ? text.substring(0, 27) + "..." : text;
    return switch (t.getType()) {
      case MpcManifestLexer.IDENT -> "identifier '" + shown + "'";
      case MpcManifestLexer.NUMBER -> "number " + shown;
      case MpcManifestLexer.STRING -> "string " + shown;
      default -> "'" + shown + "'";
    };
  }

  static String tokenName(int type) {
    return switch (type) {
      case Token.EOF -> "end of input";
      case MpcManifestLexer.IDENT -> "identifier";
      case MpcManifestLexer.NUMBER -> "number";
      case MpcManifestLexer.STRING -> "string";
      default -> {
        String lit = MpcManifestLexer.VOCABULARY.getLiteralName(type);
        yield lit != null ? lit : MpcManifestLexer.VOCABULARY.getDisplayName(type);
      }
    };
  }

  // ---- tree to AST -------------------------------------------------------------------------

  private final class Builder implements ParseTreeListener {
    private final Problems problems;
    private int nodes;
    private long values;
    private long schema = ManifestAst.DEFAULT_SCHEMA_VERSION;
    private String namespace = "";
    private String name = "";
    private String version = ManifestAst.DEFAULT_MANIFEST_VERSION;
    private final List<AstNode> defs = new ArrayList<>();
    /** The directive tokens seen (a directive may appear once). */
    private final Map<Integer, Token> directives = new HashMap<>();
    /** Set when the builder stopped (too many problems or a limit): the rest is only parsed. */
    private boolean stopped;

    /** The document text when token indices index it (no surrogates), else null. */
    private final String source;

    Builder(Problems problems, String source) {
      this.problems = problems;
      this.source = source;
    }

    ManifestAst document(MpcManifestParser.DocumentContext doc) {
      try {
        for (MpcManifestParser.DirectiveContext d : doc.directive()) {
          directive(d);
        }
        for (MpcManifestParser.DefinitionContext def : doc.definition()) {
          AstNode n = definition(def);
          if (n != null) {
            defs.add(n);
          }
        }
      } catch (Problems.TooManyProblems | Problems.LimitExceeded stop) {
        return null;
      }
      return result();
    }

    /** The AST built so far, or null if problems were recorded or the builder stopped. */
    ManifestAst result() {
      if (stopped || problems.any()) {
        return null;
      }
      return new ManifestAst(schema, namespace, name, version, defs);
    }

    // Parse listener (SLL pass): directives and top-level definitions as soon as they complete.
    // A context whose exception is set is incomplete (the bail strategy is unwinding).

    @Override
    public void exitEveryRule(ParserRuleContext ctx) {
      if (stopped || ctx.exception != null) {
        return;
      }
      try {
        if (ctx instanceof MpcManifestParser.DirectiveContext d) {
          directive(d);
        } else if (ctx instanceof MpcManifestParser.DefinitionContext def
            && def.getParent() instanceof MpcManifestParser.DocumentContext doc) {
          doc.removeLastChild();
          AstNode n = definition(def);
          if (n != null) {
            defs.add(n);
          }
        }
      } catch (Problems.TooManyProblems | Problems.LimitExceeded stop) {
        stopped = true;
      }
    }

    @Override
    public void enterEveryRule(ParserRuleContext ctx) { }

    @Override
    public void visitTerminal(TerminalNode node) { }

    @Override
    public void visitErrorNode(ErrorNode node) { }

    private void directive(MpcManifestParser.DirectiveContext d) {
      Token at = d.getStart();
      Token first = directives.putIfAbsent(at.getType(), at);
      if (first != null) {
        error(Code.E_PARSE_INVALID_TOKEN, at, "duplicate directive " + at.getText() + " (first at line "
            + first.getLine() + ", col " + (first.getCharPositionInLine() + 1) + "); a directive may appear only once");
        return;
      }
      if (d instanceof MpcManifestParser.SchemaDirectiveContext s) {
        Token num = s.schemaValue;
        String text = num.getText();
        if (!text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          error(Code.E_PARSE_SYNTAX, num, "expected an unsigned integer after @schema, found number " + text);
          return;
        }
        BigInteger v = new BigInteger(text);
        if (v.bitLength() >= 64) {
          error(Code.E_PARSE_INVALID_TOKEN, num, "@schema " + text + " is too large");
          return;
        }
        schema = v.longValue();
      } else if (d instanceof MpcManifestParser.NamespaceDirectiveContext s) {
        namespace = string(s.getStop());
      } else if (d instanceof MpcManifestParser.NameDirectiveContext s) {
        name = string(s.getStop());
      } else if (d instanceof MpcManifestParser.VersionDirectiveContext s) {
        version = string(s.getStop());
      }
    }

    private AstNode definition(MpcManifestParser.DefinitionContext def) {
      Token start = def.getStart();
      nodes++;
      if (nodes > limits.maxManifestNodes()) {
        error(Code.E_QUOTA_EXCEEDED, start, "the manifest has more than " + limits.maxManifestNodes()
            + " definitions (ParseLimits.maxManifestNodes)");
        throw new Problems.LimitExceeded();
      }
      String kind = key(def.kind);
      String id = key(def.id);
      if (kind.isEmpty()) {
        error(Code.E_PARSE_MISSING_REQUIRED, def.kind, "a definition's kind must not be empty");
      }
      if (id.isEmpty()) {
        error(Code.E_PARSE_MISSING_REQUIRED, def.id, "a definition's id must not be empty");
      }
      Optional<String> display = def.displayName == null ? Optional.empty() : Optional.of(string(def.displayName));
      LinkedHashMap<String, JsonValue> props = new LinkedHashMap<>();
      LinkedHashMap<String, SourceMap> propSources = new LinkedHashMap<>();
      List<AstNode> children = new ArrayList<>();
      // Items in source order: the context's children are its properties and nested definitions
      // (and, in the recovering LL pass, terminal nodes, which are skipped).
      for (int i = 0, count = def.getChildCount(); i < count; i++) {
        ParseTree item = def.getChild(i);
        if (item instanceof MpcManifestParser.DefinitionContext nested) {
          AstNode child = definition(nested);
          if (child != null) {
            children.add(child);
          }
        } else if (item instanceof MpcManifestParser.PropertyContext p) {
          String k = key(p.key);
          JsonValue v = value(p.value());
          String problem = AstNode.reservedKeyProblem(k, v);
          if (problem != null) {
            error(Code.E_PARSE_INVALID_TOKEN, p.key, problem);
            continue;
          }
          SourceMap first = propSources.get(k);
          if (first != null) {
            duplicate(p.key, k, first.line(), first.col(), "property");
            continue;
          }
          props.put(k, v);
          propSources.put(k, region(p.key, p.value().getStop()));
          nestedSources(k, p.value(), propSources);
        }
      }
      if (kind.isEmpty() || id.isEmpty() || problems.any()) {
        return null;
      }
      Token end = def.getStop();
      SourceMap source = problems.region(start.getLine(), start.getCharPositionInLine() + 1,
          end.getLine(), end.getCharPositionInLine() + 2);
      return new AstNode(kind, id, display, JsonObject.of(props), propSources, children, Optional.of(source));
    }

    /**
     * Where each object of list property {@code k} is ({@code k/i}) and each of its members
     * ({@code k/i/member}): one level, so a diagnostic about a transition or its guard points at it.
     */
    private void nestedSources(String k, MpcManifestParser.ValueContext list, Map<String, SourceMap> out) {
      if (list.getStart().getType() != MpcManifestLexer.LBRACKET) {
        return;
      }
      List<MpcManifestParser.ValueContext> items = list.value();
      for (int i = 0; i < items.size(); i++) {
        MpcManifestParser.ValueContext item = items.get(i);
        if (item.getStart().getType() != MpcManifestLexer.LBRACE) {
          continue;
        }
        String at = k + "/" + i;
        out.put(at, region(item.getStart(), item.getStop()));
        for (MpcManifestParser.PropertyContext m : item.property()) {
          out.putIfAbsent(at + "/" + key(m.key), region(m.key, m.value().getStop()));
        }
      }
    }

    private String key(Token t) {
      return t.getType() == MpcManifestLexer.STRING ? string(t) : t.getText();
    }

    private JsonValue value(MpcManifestParser.ValueContext v) {
      values++;
      if (values > limits.maxValues()) {
        error(Code.E_QUOTA_EXCEEDED, v.getStart(), "the manifest has more than " + limits.maxValues()
            + " values (ParseLimits.maxValues)");
        throw new Problems.LimitExceeded();
      }
      Token first = v.getStart();
      switch (first.getType()) {
        case MpcManifestLexer.STRING:
          return JsonString.of(string(first));
        case MpcManifestLexer.NUMBER:
          return number(first);
        case MpcManifestLexer.TRUE:
          return JsonBool.TRUE;
        case MpcManifestLexer.FALSE:
          return JsonBool.FALSE;
        case MpcManifestLexer.NULL:
          return JsonNull.INSTANCE;
        case MpcManifestLexer.LBRACKET: {
          List<MpcManifestParser.ValueContext> itemContexts = v.value();
          List<JsonValue> items = new ArrayList<>(itemContexts.size());
          for (MpcManifestParser.ValueContext item : itemContexts) {
            items.add(value(item));
          }
          return JsonArray.of(items);
        }
        default: {
          LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
          List<MpcManifestParser.PropertyContext> properties = v.property();
          for (MpcManifestParser.PropertyContext p : properties) {
            String k = key(p.key);
            if (members.containsKey(k)) {
              Token earlier = properties.stream().filter(q -> key(q.key).equals(k)).findFirst().orElseThrow().key;
              duplicate(p.key, k, earlier.getLine(), earlier.getCharPositionInLine() + 1, "key");
              continue;
            }
            members.put(k, value(p.value()));
          }
          return JsonObject.of(members);
        }
      }
    }

    private JsonValue number(Token t) {
      String text = t.getText();
      if (text.length() > JsonFrontend.MAX_NUMBER_LENGTH) {
        error(Code.E_PARSE_INVALID_TOKEN, t, JsonFrontend.tooLongNumber(text.length()));
        return JsonNull.INSTANCE;
      }
      boolean isFloat = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
      if (!isFloat) {
        return JsonInt.of(new BigInteger(text));
      }
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        error(Code.E_PARSE_INVALID_TOKEN, t, "number " + JsonFrontend.abbreviate(text) + " is out of double range");
        return JsonNull.INSTANCE;
      }
      return new JsonFloat(d);
    }

    private String string(Token t) {
      String s;
      if (source != null) {
        s = Strings.unescape(source, t.getStartIndex() + 1, t.getStopIndex());
      } else {
        String raw = t.getText();
        s = Strings.unescape(raw, 1, raw.length() - 1);
      }
      int bad = JsonString.firstUnpairedSurrogate(s);
      if (bad >= 0) {
        error(Code.E_PARSE_INVALID_TOKEN, t, "string contains an unpaired surrogate U+"
            + Integer.toHexString(s.charAt(bad)).toUpperCase(java.util.Locale.ROOT)
            + " (write a complete \\uD8xx\\uDCxx pair)");
        return "";
      }
      return s;
    }

    /** Records a key repeated at {@code at} ({@code what}: property or key) first seen at line/col. */
    private void duplicate(Token at, String key, int line, int col, String what) {
      error(Code.E_PARSE_INVALID_TOKEN, at, "duplicate " + what + " " + TreeBuilder.quoteKey(key) + " (first at line "
          + line + ", col " + col + "); a " + what + " may appear only once in "
          + (what.equals("property") ? "a definition" : "an object"));
    }

    private SourceMap region(Token start, Token stop) {
      int stopLen = stop.getStopIndex() - stop.getStartIndex() + 1;
      return problems.region(start.getLine(), start.getCharPositionInLine() + 1,
          stop.getLine(), stop.getCharPositionInLine() + 1 + stopLen);
    }

    private void error(Code code, Token at, String text) {
      int line = at.getLine();
      int col = at.getCharPositionInLine() + 1;
      problems.add(code, P.prefix(line, col), text, line, col);
    }
  }
}
