package dev.mpc.expr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import org.junit.jupiter.api.Test;

class SimpleRegexTest {

  /** Asserts that the DFA exists for {@code pattern} and answers {@code expected} on {@code text}, as RE2/J does. */
  private static void check(String pattern, String text, boolean expected) {
    SimpleRegex dfa = SimpleRegex.compile(pattern);
    assertNotNull(dfa, () -> "expected the fast path for " + pattern);
    assertEquals(expected, Pattern.compile(pattern).matcher(text).find(), () -> "RE2/J on " + pattern + " / " + text);
    assertEquals(expected, dfa.find(text), () -> "DFA on " + pattern + " / " + text);
  }

  @Test
  void find_benchmarkEmailPattern_matchesLowercaseLocalPart() {
    check("^[a-z]+@", "alice@example.com", true);
    check("^[a-z]+@", "Alice@example.com", false);
    check("^[a-z]+@", "@example.com", false);
    check("^[a-z]+@", "alice", false);
    check("^[a-z]+@", "", false);
  }

  @Test
  void find_literals_searchAnywhere() {
    check("abc", "xxabcxx", true);
    check("abc", "ab", false);
    check("a\\.b", "a.b", true);
    check("a\\.b", "axb", false);
    check("\\$\\^\\*\\[\\\\", "$^*[\\", true);
    check("a\\tb\\nc", "a\tb\nc", true);
    check("\\f\\v\\r\\a", "\f\u000B\r\u0007", true);
  }

  @Test
  void find_dot_matchesAnyCodePointButNewline() {
    check("^.$", "x", true);
    check("^.$", "\n", false);
    check("^.$", "é", true);
    check("^.$", "😀", true);
    check("^..$", "😀", false);
    check("^.$", "\uD83D", true);
    check("^..$", "\uDE00\uD83D", true);
    check("a.c", "a\nc", false);
  }

  @Test
  void find_classes_rangesNegationAndShorthands() {
    check("^[a-c_0-9-]+$", "ab_09-c", true);
    check("^[a-c]+$", "abd", false);
    check("^[^a-c]$", "\n", true);
    check("^[^a-c]$", "é", true);
    check("^[^a-c]$", "😀", true);
    check("^[^a-c]$", "b", false);
    check("^[\\d.]+$", "1.5", true);
    check("^[\\]\\\\]$", "]", true);
  }

  @Test
  void find_shorthands_haveRe2AsciiSemantics() {
    check("\\d", "\u0660", false);
    check("\\d", "7", true);
    check("\\w", "é", false);
    check("^\\w+$", "a_Z9", true);
    check("\\s", "\u000B", false);
    check("\\s", "\f", true);
    check("\\s", "\u00A0", false);
    check("^\\D$", "\u0660", true);
    check("^\\W$", "\n", true);
    check("^\\S$", "😀", true);
  }

  @Test
  void find_anchors_areStartAndEndOfText() {
    check("a$", "a\n", false);
    check("a$", "ba", true);
    check("^a", "ba", false);
    check("^a", "\na", false);
    check("\\Aab\\z", "ab", true);
    check("^$", "", true);
    check("^$", "x", false);
    check("$^", "", true);
    check("x*$", "abc", true);
    check("a^", "a", false);
  }

  @Test
  void find_alternationGroupsAndQuantifiers() {
    check("^(cat|dog)s?$", "dogs", true);
    check("^(cat|dog)s?$", "cow", false);
    check("^(?:ab)+$", "ababab", true);
    check("^(?:ab)+$", "ababa", false);
    check("^a{2,3}$", "aaa", true);
    check("^a{2,3}$", "aaaa", false);
    check("^a{2}$", "aa", true);
    check("^a{2,}$", "aaaaaaa", true);
    check("^a{0}b$", "b", true);
    check("^a*?b+?c??$", "aabb", true);
    check("a|", "zzz", true);
    check("", "", true);
    check("()", "x", true);
  }

  @Test
  void compile_outsideSubset_fallsBackToRe2j() {
    for (String p : new String[] {"(?i)abc", "\\bfoo", "é", "[é]", "[[:alpha:]]", "\\pL", "a{100}", "(?P<n>a)",
        "\\x41", "\\Q.\\E", "a{,3}", "\\C", "[]a]", "a]", "a}", "\\1", "[a-\\d]"}) {
      assertNull(SimpleRegex.compile(p), p);
    }
    Regexes regexes = new Regexes();
    Regexes.Compiled c = regexes.compile("(?i)^ALICE@", 512).orElseThrow();
    assertFalse(c.fast());
    assertTrue(c.find("alice@example.com"));
    Regexes.Compiled fast = regexes.compile("^[a-z]+@", 512).orElseThrow();
    assertTrue(fast.fast());
    assertTrue(fast.find("alice@example.com"));
  }

  @Test
  void compile_invalidPattern_isReportedByRe2jAsBefore() {
    Result<Regexes.Compiled> r = new Regexes().compile("a(b", 512);
    assertEquals(Code.E_EXPR_INVALID_REGEX, r.diagnostics().get(0).code());
  }

  @Test
  void compile_overStateCap_fallsBackAndStillAnswers() {
    String p = "(a|b)*a(a|b){12}";
    assertNull(SimpleRegex.compile(p));
    Regexes.Compiled c = new Regexes().compile(p, 512).orElseThrow();
    assertFalse(c.fast());
    assertTrue(c.find("bbbabbbbbbbbbbbb"));
    assertFalse(c.find("bbbbbbbbbbbbbbbb"));
    assertNotNull(SimpleRegex.compile("(a|b)*a(a|b){5}"));
    assertTrue(SimpleRegex.compile("(a|b)*a(a|b){5}").states() <= SimpleRegex.MAX_STATES);
  }

  @Test
  void compile_emptyGroupsRepeatedDeeply_isRefusedWithoutBlowingUp() {
    String p = "((((((((){16}){16}){16}){16}){16}){16}){16}){16}";
    assertNull(SimpleRegex.compile(p));
    StringBuilder deep = new StringBuilder();
    deep.append("(".repeat(200)).append('a').append(")".repeat(200));
    assertNull(SimpleRegex.compile(deep.toString()));
  }

  @Test
  void find_hostilePatterns_stayLinearOnLongInput() {
    String text = "a".repeat(200_000) + "!";
    for (String p : new String[] {"(a+)+$", "(a|aa)*b", "(a*)*$", "^(a|a?)+$", "(x+x+)+y", "(\\w+\\s?)*$"}) {
      SimpleRegex dfa = SimpleRegex.compile(p);
      assertNotNull(dfa, p);
      assertTrue(dfa.states() < 16, p);
      assertEquals(Pattern.compile(p).matcher(text).find(), dfa.find(text), p);
    }
    assertFalse(SimpleRegex.compile("(a+)+$").find(text));
    assertTrue(SimpleRegex.compile("(\\w+\\s?)*$").find(text));
  }

  @Test
  void find_anchoredPattern_failsWhenTextStartsOtherwise() {
    SimpleRegex dfa = SimpleRegex.compile("^b");
    assertFalse(dfa.find("a" + "b".repeat(1000)));
    assertTrue(dfa.find("ba"));
  }
}
