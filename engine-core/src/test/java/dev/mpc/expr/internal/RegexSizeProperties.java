package dev.mpc.expr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mpc.diag.Code;
import java.lang.reflect.Field;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RegexSize} is an upper bound of the size of the program RE2/J compiles a pattern to
 * (read from RE2/J's internals here, in the test only), on random patterns with counted
 * repetitions, flags, named groups, quoting and Unicode classes.
 */
class RegexSizeProperties {

  static int re2jProgramSize(Pattern p) throws ReflectiveOperationException {
    Field re2 = Pattern.class.getDeclaredField("re2");
    re2.setAccessible(true);
    Object r = re2.get(p);
    Field prog = r.getClass().getDeclaredField("prog");
    prog.setAccessible(true);
    Object g = prog.get(r);
    Field size = g.getClass().getDeclaredField("instSize");
    size.setAccessible(true);
    return size.getInt(g);
  }

  @Property(tries = 5000)
  void estimate_boundsRe2jProgram(@ForAll("patterns") String pattern) throws ReflectiveOperationException {
    Pattern p;
    try {
      p = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return;
    }
    int actual = re2jProgramSize(p);
    long estimate = RegexSize.estimate(pattern);
    assertTrue(estimate >= actual, () -> pattern + ": estimate " + estimate + " < RE2/J " + actual);
  }

  @Example
  void hostilePatterns_estimatedLarge_hugeOnesRefusedBeforeCompiling() throws ReflectiveOperationException {
    for (String p : List.of("(?:a|aa|aaa|aaaa|aaaaa|aaaaaa){1,300}b", "(?:a?){500}b", "(?i)(?:[a-z]?){400}q")) {
      long e = RegexSize.estimate(p);
      assertTrue(e >= re2jProgramSize(Pattern.compile(p)), p);
      assertTrue(e <= Regexes.MAX_PROGRAM_SIZE, p);
    }
    Regexes regexes = new Regexes();
    for (String p : List.of("(a{1000}){1000}", "((a{100}){100}){100}", "(((a{1000}){1000}){1000}){1000}",
        "\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}x")) {
      assertEquals(Code.E_EXPR_INVALID_REGEX, regexes.compile(p, 512).diagnostics().get(0).code(), p);
    }
  }

  @Provide
  Arbitrary<String> patterns() {
    return alternation(3);
  }

  private Arbitrary<String> alternation(int depth) {
    return concatenation(depth).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
  }

  private Arbitrary<String> concatenation(int depth) {
    return piece(depth).list().ofMaxSize(4).map(l -> String.join("", l));
  }

  private Arbitrary<String> piece(int depth) {
    Arbitrary<String> counted = Combinators.combine(Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(-1, 12), Arbitraries.of("", "?"))
        .as((m, n, lazy) -> "{" + m + (n < 0 ? "" : n == 0 ? "," : "," + Math.max(m, n)) + "}" + lazy);
    Arbitrary<String> quantifier = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(4, Arbitraries.of("*", "+", "?", "*?", "+?", "??")),
        net.jqwik.api.Tuple.of(4, counted),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("{", "{,3}", "{x}")));
    return Combinators.combine(atom(depth), quantifier).as((a, q) -> a + q);
  }

  private Arbitrary<String> atom(int depth) {
    Arbitrary<String> leaf = Arbitraries.of("a", "b", "Z", "é", "😀", "k", "s", ".", "\\d", "\\w", "\\s", "\\pL",
        "\\p{Greek}", "\\PN", "\\x41", "\\x{1F600}", "\\b", "\\B", "^", "$", "\\A", "\\z", "[a-z]", "[^a-c]",
        "[[:alpha:]]", "[\\]x]", "[]a]", "[^]a]", "\\Qa.b*\\E", "\\Q\\E", "\\.", "\\\\", "\\{", "(?i)", "(?s)",
        "(?-i)", "\\123", "[\\pL\\d]", "\\C");
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> group = Combinators.combine(Arbitraries.of("(", "(?:", "(?i:", "(?P<n>", "(?<m>", "(?s-i:"),
        Arbitraries.lazy(() -> alternation(depth - 1))).as((open, inner) -> open + inner + ")");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, leaf), net.jqwik.api.Tuple.of(3, group));
  }
}
