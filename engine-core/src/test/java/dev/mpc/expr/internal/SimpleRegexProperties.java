package dev.mpc.expr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential properties: the {@link SimpleRegex} DFA answers exactly as RE2/J's {@code find()}
 * for random patterns of its subset and random texts (ASCII-heavy, with non-ASCII characters,
 * line breaks, surrogate pairs and lone surrogates).
 */
class SimpleRegexProperties {

  @Property(tries = 5000)
  void find_randomSubsetPattern_agreesWithRe2j(
      @ForAll("patterns") String pattern, @ForAll("texts") List<String> texts) {
    Pattern re2;
    try {
      re2 = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      Assume.that(false);
      return;
    }
    SimpleRegex dfa = SimpleRegex.compile(pattern);
    Statistics.label("path").collect(dfa == null ? "fallback" : "dfa");
    Statistics.label("path").coverage(c -> c.check("dfa").percentage(p -> p > 95.0));
    Assume.that(dfa != null);
    for (String text : texts) {
      boolean expected = re2.matcher(text).find();
      Statistics.label("answer").collect(expected);
      assertEquals(expected, dfa.find(text), () -> "pattern " + escape(pattern) + " on text " + escape(text));
    }
    Statistics.label("answer").coverage(c -> {
      c.check(true).percentage(p -> p > 20.0);
      c.check(false).percentage(p -> p > 20.0);
    });
  }

  @Provide
  Arbitrary<String> patterns() {
    return alternation(3);
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> token = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.of("a", "b", "c", "z", "@", "0", "9", "A", "Z", "_", "-", ".")),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(" ", "\n", "\t", "\r", "\f", "\u000B", "\\", "$", "^", "[")),
        net.jqwik.api.Tuple.of(3, Arbitraries.of("é", "\u00A0", "\u0660", "\u2028", "\uFFFF", "\u0080")),
        net.jqwik.api.Tuple.of(3, Arbitraries.of("😀", "\uD83D", "\uDE00", "\uDBFF\uDFFF")));
    Arbitrary<String> text = token.list().ofMaxSize(30).map(l -> String.join("", l));
    return text.list().ofMinSize(1).ofMaxSize(24);
  }

  private Arbitrary<String> alternation(int depth) {
    return concatenation(depth).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
  }

  private Arbitrary<String> concatenation(int depth) {
    return piece(depth).list().ofMaxSize(4).map(l -> String.join("", l));
  }

  private Arbitrary<String> piece(int depth) {
    Arbitrary<String> quantifier = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(6, Arbitraries.of("*", "+", "?")),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("*?", "+?", "??")),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("{2}", "{0,2}", "{1,}", "{1,3}", "{0}", "{3,}")));
    return Combinators.combine(atom(depth), quantifier).as((a, q) -> a + q);
  }

  private Arbitrary<String> atom(int depth) {
    Arbitrary<String> literal = Arbitraries.of("a", "b", "c", "z", "@", "0", "9", "A", " ", "_", "-", "\\.", "\\-",
        "\\@", "\\n", "\\t", "\\\\", "\\$", "\\^", "\\[", "\\*", "\\f", "\\v", "\\r");
    Arbitrary<String> shorthand = Arbitraries.of(".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S");
    Arbitrary<String> item = Arbitraries.of("a", "b", "z", "a-c", "0-9", "A-Z", "b-y", "\\d", "\\s", "\\w", "\\W",
        "\\D", "\\S", "\\n", "_", "@", "\\.", "\\-", "^", " ", "\\]", "\\\\", ".", "$");
    Arbitrary<String> charClass = Combinators.combine(
        Arbitraries.of("", "^"), item.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of("", "", "", "-"))
        .as((neg, items, dash) -> "[" + neg + String.join("", items) + dash + "]");
    Arbitrary<String> anchor = Arbitraries.of("^", "$", "\\A", "\\z");
    if (depth == 0) {
      return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, literal), net.jqwik.api.Tuple.of(3, shorthand),
          net.jqwik.api.Tuple.of(3, charClass), net.jqwik.api.Tuple.of(2, anchor));
    }
    Arbitrary<String> group = Combinators.combine(Arbitraries.of("(", "(?:"),
        Arbitraries.lazy(() -> alternation(depth - 1))).as((open, inner) -> open + inner + ")");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, literal), net.jqwik.api.Tuple.of(3, shorthand),
        net.jqwik.api.Tuple.of(3, charClass), net.jqwik.api.Tuple.of(2, anchor), net.jqwik.api.Tuple.of(3, group));
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
