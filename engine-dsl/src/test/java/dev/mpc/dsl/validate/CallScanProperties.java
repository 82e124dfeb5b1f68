package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The hand-written call scan agrees with upstream's regex. */
class CallScanProperties {
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

  private static List<String> scan(String s) {
    List<String> out = new ArrayList<>();
    CallScan.calls(s, out);
    return out;
  }

  /** On ASCII text (where Java's and Python's {@code \b} and {@code \s} agree but for 0x1c-0x1f) the regex is the oracle. */
  @Property(tries = 3000)
  void agreesWithTheRegexOnAscii(@ForAll @StringLength(max = 40)
      @Chars({'a', 'b', 'f', 'Z', '_', '0', '9', '(', ')', ' ', '\t', '\n', '.', ',', '\'', '-'}) String s) {
    List<String> expected = new ArrayList<>();
    Matcher m = CALL.matcher(s);
    while (m.find()) {
      expected.add(m.group(1));
    }
    assertEquals(expected, scan(s), s);
  }

  @Test
  void pythonUnicodeRules() {
    assertEquals(List.of("len", "upper"), scan("len(x) > 0 and upper (y)"));
    assertEquals(List.of("f"), scan("f\u00a0(x)"), "NBSP is \\s in Python");
    assertEquals(List.of("f"), scan("f\u001c(x)"), "0x1c is \\s in Python");
    assertEquals(List.of(), scan("\u00e9f(x)"), "a letter before: no word boundary");
    assertEquals(List.of(), scan("\u00b2f(x)"), "superscript two is \\w in Python (isnumeric)");
    assertEquals(List.of(), scan("f\u00e9(x)"), "the name stops at the accented letter, which is not (");
    assertEquals(List.of("g"), scan("2.g(x)"));
    assertEquals(List.of(), scan("2g(x)"));
    assertEquals(List.of(), scan("no parenthesis here"));
    assertEquals(List.of("a", "b"), scan("a(b(c"));
  }
}
