package dev.mpc.dsl.expr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.json.Canonical;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test of the production expression parser ({@link TextParser}, flat
 * operand/operator grammar) against the previous parser kept as a test-only oracle
 * ({@link TextParserV1} on the 10-level grammar {@code MpcExprV1}): on random token sequences
 * (soups of the whole vocabulary, random derivations of the grammar, and mutations of those) both
 * must give the same IR with the same source position for every node, or the same diagnostics.
 */
class GrammarDifferentialProperties {
  private static final Limits LIMITS = Limits.defaults();
  private static final SourceMap ORIGIN = SourceMap.at(3, 10).withFile("m.mpc");

  static final List<String> IDENTS = List.of("a", "b", "x", "y_1", "_", "é", "\uD835\uDC65", "e\u0301x", "actor", "f", "len",
      "notin", "ifx");
  static final List<String> KEYWORDS = List.of("if", "else", "and", "or", "not", "in", "matches", "true", "false",
      "null", "True", "False", "None");
  static final List<String> LITERALS = List.of("0", "1", "42", "1_000", "0x1F", "0o17", "0b101", "3.14", ".5", "1e3",
      "2.", "1e999", "007", "'a'", "\"b\"", "'it\\'s'", "'\\x41'", "'\\u00e9'", "'\\d'", "'\\xZ'", "'\\ud800'",
      "''", "'open");
  static final List<String> VALID_LITERALS = List.of("0", "1", "42", "1_000", "0x1F", "0o17", "0b101", "3.14", ".5",
      "1e3", "2.", "'a'", "\"b\"", "'it\\'s'", "'\\x41'", "'\\u00e9'", "'\\d'", "''", "true", "None", "00", "0_0",
      "123456789012345678", "1234567890123456789", "99999999999999999999", "9_223_372_036_854_775_808", "0xFFFF_FFFF_FFFF_FFFF");
  static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">", "&&", "||", "!", "+", "-", "*", "/",
      "%", "(", ")", "[", "]", ",", ".", "?", ":");
  static final List<String> JUNK = List.of("$", "@", "#", "=", "&", "|", "~", "`", ";", "\\", "'", "\"", "**", "//");
  static final List<String> COMPARE = List.of("==", "!=", "<", "<=", ">", ">=", "in", "not in", "matches");
  static final List<String> MEMBERS = List.of("b", "c", "if", "else", "and", "or", "not", "in", "matches", "true",
      "False", "None", "id", "\uD835\uDC65");

  /** The canonical outcome: IR JSON and every node's position, or the diagnostics. */
  static String describe(Result<ParsedExpr> r) {
    if (!r.isOk()) {
      StringBuilder sb = new StringBuilder("FAILED");
      for (Diagnostic d : r.diagnostics()) {
        sb.append("\n  ").append(d.code()).append(" | ").append(d.message()).append(" | ")
            .append(d.source().map(GrammarDifferentialProperties::full).orElse("-")).append(" | ")
            .append(d.severity()).append(" | ").append(d.path()).append(" | ").append(d.details())
            .append(" | ").append(d.causes());
      }
      return sb.toString();
    }
    ParsedExpr p = r.orElseThrow();
    StringBuilder sb = new StringBuilder(Canonical.json(ExprJson.encode(p.ir())));
    sb.append("\n  positions: ").append(p.positions().size());
    walk(p.ir(), p, "$", sb);
    return sb.toString();
  }

  private static String full(SourceMap s) {
    return s.file().orElse("") + "@" + s.line() + ":" + s.col() + s.span().map(x -> "-" + x).orElse("");
  }

  private static void walk(Expr e, ParsedExpr p, String path, StringBuilder sb) {
    sb.append("\n  ").append(path).append(' ').append(e.kind()).append(' ')
        .append(p.positionOf(e).map(GrammarDifferentialProperties::full).orElse("NONE"));
    if (e instanceof Expr.Binary b) {
      walk(b.left(), p, path + ".l", sb);
      walk(b.right(), p, path + ".r", sb);
    } else if (e instanceof Expr.Unary u) {
      walk(u.operand(), p, path + ".o", sb);
    } else if (e instanceof Expr.Cond c) {
      walk(c.test(), p, path + ".if", sb);
      walk(c.then(), p, path + ".then", sb);
      walk(c.otherwise(), p, path + ".else", sb);
    } else if (e instanceof Expr.Call c) {
      for (int i = 0; i < c.args().size(); i++) {
        walk(c.args().get(i), p, path + "." + i, sb);
      }
    } else if (e instanceof Expr.ListOf l) {
      for (int i = 0; i < l.items().size(); i++) {
        walk(l.items().get(i), p, path + "." + i, sb);
      }
    } else if (e instanceof Expr.Index ix) {
      walk(ix.target(), p, path + ".t", sb);
      walk(ix.key(), p, path + ".k", sb);
    }
  }

  /** Asserts the same outcome; returns the old parser's (for statistics). */
  static Result<ParsedExpr> assertSame(String text, boolean withOrigin) {
    SourceMap origin = withOrigin ? ORIGIN : null;
    Result<ParsedExpr> old = TextParserV1.parse(text, LIMITS, origin);
    String expected = describe(old);
    String actual = describe(TextParser.parse(text, LIMITS, origin));
    assertEquals(expected, actual, () -> "text: " + text.replace("\n", "\\n"));
    return old;
  }

  @Property(tries = 2000)
  void newParser_sameOutcomeAsOldGrammar(@ForAll("texts") String text, @ForAll boolean withOrigin) {
    Result<ParsedExpr> r = assertSame(text, withOrigin);
    Statistics.label("outcome").collect(r.isOk() ? "parsed" : r.diagnostics().get(0).message()
        .replaceAll("^Syntax error at \\d+:\\d+: unexpected '.*", "unexpected token")
        .replaceAll("^Syntax error at \\d+:\\d+: unexpected character .*", "unexpected character")
        .replaceAll("^Syntax error at \\d+:\\d+: ", "").replaceAll("\\d+", "N"));
  }

  @Example
  void knownEdges_sameOutcome() {
    for (String text : List.of("", " ", "a", "len(actor.id) > 0", "a < b < c", "x in y", "x not in y",
        "not a == b", "not a < b < c", "not not a < b <= c", "a == not b", "-not a", "!not a", "a + not b", "not not a", "a and not b or not not c",
        "a if b else c if d else e", "a ? b : c ? d : e", "a if b ? c : d else e", "a ? b if c else d : e",
        "a if not b else c", "(a) or b and (c)", "a.b.c[0][x + 1]", "a.if.else", "[1, 2, [3]]", "[1, -2]", "[a, 1,]",
        "f(,)", "f(a,,b)", "f(a,)", "f()", "[]", "a.", "a..b", "a.1", "not", "not in x", "a not b", "a not in",
        "a in not b", "- - !a", "a[", "a[]", "(a", "a)", "1e999", "'\\xZ' + 1e999", "1 + 2 * 3 - 4 / 5 % 6",
        "a or b and c or d", "a && b || c", "a\n+\n$", "x ? y", "x if y", "x if y else", "a matches 'b' == c",
        "1 < 2 + 3 * -4 in [1] not in x", "a <", "a < <", "f(a)(b)", "a b", "a.b(c)", "f(x)[0].y")) {
      assertSame(text, false);
      assertSame(text, true);
    }
  }

  /** Every sequence of up to 3 tokens (or {@code -Dmpc.exprExhaustive=N}) over a small vocabulary. */
  @Example
  void allShortTokenSequences_sameOutcome() {
    List<String> vocabulary = List.of("a", "1", "'s'", "true", "not", "in", "and", "||", "if", "else", "?", ":", "(",
        ")", "[", "]", ",", ".", "==", "<", "+", "*", "-", "!", "matches", "$");
    int max = Integer.getInteger("mpc.exprExhaustive", 3);
    List<String> level = List.of("");
    for (int length = 1; length <= max; length++) {
      List<String> longer = new ArrayList<>(level.size() * vocabulary.size());
      for (String prefix : level) {
        for (String token : vocabulary) {
          String text = prefix.isEmpty() ? token : prefix + " " + token;
          assertSame(text, false);
          longer.add(text);
        }
      }
      level = longer;
    }
  }

  @Provide
  Arbitrary<String> texts() {
    List<String> vocabulary = new ArrayList<>();
    vocabulary.addAll(IDENTS);
    vocabulary.addAll(KEYWORDS);
    vocabulary.addAll(KEYWORDS);
    vocabulary.addAll(LITERALS);
    vocabulary.addAll(OPERATORS);
    vocabulary.addAll(OPERATORS);
    vocabulary.addAll(OPERATORS);
    vocabulary.addAll(JUNK);
    Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(" ")),
        Tuple.of(3, Arbitraries.just("")), Tuple.of(1, Arbitraries.of("\n", "\t", "  ", " \n ")));
    Arbitrary<String> soup = Arbitraries.of(vocabulary).list().ofMaxSize(14)
        .flatMap(tokens -> separator.list().ofSize(tokens.size()).map(seps -> join(tokens, seps)));
    Arbitrary<String> derived = Arbitraries.randomValue(r -> spaced(derive(r), r));
    Arbitrary<String> mutated = Arbitraries.randomValue(r -> spaced(mutate(derive(r), r, vocabulary), r));
    Arbitrary<String> deep = Arbitraries.randomValue(r -> spaced(deep(r, vocabulary), r));
    return Arbitraries.frequencyOf(Tuple.of(3, soup), Tuple.of(3, derived), Tuple.of(4, mutated), Tuple.of(1, deep));
  }

  /** A derived sentence nested in about as many prefixes, brackets and conditionals as the scan allows. */
  private static List<String> deep(Random r, List<String> vocabulary) {
    List<String> inner = derive(r);
    int levels = 250 + r.nextInt(12);
    List<String> out = new ArrayList<>();
    List<String> closers = new ArrayList<>();
    for (int i = 0; i < levels; i++) {
      switch (r.nextInt(8)) {
        case 0 -> {
          out.add("(");
          closers.add(")");
        }
        case 1 -> {
          out.add("f");
          out.add("(");
          closers.add(")");
        }
        case 2 -> {
          out.add("[");
          closers.add("]");
        }
        case 3 -> out.add("not");
        case 4 -> out.add(r.nextBoolean() ? "-" : "!");
        case 5 -> out.addAll(List.of("a", "if", "b", "else"));
        case 6 -> out.addAll(List.of("c", "?", "d", ":"));
        default -> {
          out.add("x");
          out.add("[");
          closers.add("]");
        }
      }
    }
    out.addAll(inner);
    for (int i = closers.size() - 1; i >= 0; i--) {
      out.add(closers.get(i));
    }
    return r.nextInt(3) == 0 ? mutate(out, r, vocabulary) : out;
  }

  private static String join(List<String> tokens, List<String> separators) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      sb.append(tokens.get(i)).append(separators.get(i));
    }
    return sb.toString();
  }

  private static String spaced(List<String> tokens, Random r) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) {
      if (sb.length() > 0) {
        int k = r.nextInt(20);
        sb.append(k < 13 ? " " : k < 18 ? "" : k < 19 ? "\n" : "\t ");
      }
      sb.append(t);
    }
    return sb.toString();
  }

  private static List<String> mutate(List<String> tokens, Random r, List<String> vocabulary) {
    List<String> out = new ArrayList<>(tokens);
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = r.nextInt(out.size() + 1);
      String token = vocabulary.get(r.nextInt(vocabulary.size()));
      switch (r.nextInt(5)) {
        case 0 -> {
          if (at < out.size()) {
            out.remove(at);
          }
        }
        case 1 -> out.add(at, token);
        case 2 -> {
          if (at < out.size()) {
            out.set(at, token);
          }
        }
        case 3 -> {
          if (at + 1 < out.size()) {
            out.add(at, out.remove(at + 1));
          }
        }
        default -> {
          if (at < out.size()) {
            out.add(at, out.get(at));
          }
        }
      }
    }
    return out;
  }

  /** A random sentence of the expression language (a derivation of the old grammar), as tokens. */
  static List<String> derive(Random r) {
    List<String> out = new ArrayList<>();
    new Deriver(r, out).conditional(2 + r.nextInt(3));
    return out;
  }

  private record Deriver(Random r, List<String> out) {
    private boolean chance(int percent) {
      return r.nextInt(100) < percent;
    }

    private String pick(List<String> from) {
      return from.get(r.nextInt(from.size()));
    }

    void conditional(int depth) {
      or(depth);
      if (depth > 0 && chance(15)) {
        if (r.nextBoolean()) {
          out.add("if");
          or(depth - 1);
          out.add("else");
          conditional(depth - 1);
        } else {
          out.add("?");
          conditional(depth - 1);
          out.add(":");
          conditional(depth - 1);
        }
      }
    }

    void or(int depth) {
      and(depth);
      while (chance(20)) {
        out.add(pick(List.of("or", "||")));
        and(depth);
      }
    }

    void and(int depth) {
      not(depth);
      while (chance(20)) {
        out.add(pick(List.of("and", "&&")));
        not(depth);
      }
    }

    void not(int depth) {
      while (chance(12)) {
        out.add("not");
      }
      additive(depth);
      while (chance(25)) {
        out.add(pick(COMPARE));
        additive(depth);
      }
    }

    void additive(int depth) {
      multiplicative(depth);
      while (chance(20)) {
        out.add(pick(List.of("+", "-")));
        multiplicative(depth);
      }
    }

    void multiplicative(int depth) {
      unary(depth);
      while (chance(15)) {
        out.add(pick(List.of("*", "/", "%")));
        unary(depth);
      }
    }

    void unary(int depth) {
      while (chance(12)) {
        out.add(pick(List.of("-", "!")));
      }
      primary(depth);
      while (depth > 0 && chance(8)) {
        out.add("[");
        conditional(depth - 1);
        out.add("]");
      }
    }

    void primary(int depth) {
      int k = depth > 0 ? r.nextInt(10) : r.nextInt(5);
      switch (k) {
        case 0, 1 -> out.add(pick(chance(5) ? LITERALS : VALID_LITERALS));
        case 2, 3, 4 -> {
          out.add(pick(IDENTS));
          while (chance(25)) {
            out.add(".");
            out.add(pick(MEMBERS));
          }
        }
        case 5, 6 -> {
          out.add(pick(IDENTS));
          out.add("(");
          arguments(depth - 1);
          out.add(")");
        }
        case 7, 8 -> {
          out.add("(");
          conditional(depth - 1);
          out.add(")");
        }
        default -> {
          out.add("[");
          arguments(depth - 1);
          out.add("]");
        }
      }
    }

    void arguments(int depth) {
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.add(",");
        }
        conditional(depth);
      }
      if (n > 0 && chance(15)) {
        out.add(",");
      }
    }
  }
}
