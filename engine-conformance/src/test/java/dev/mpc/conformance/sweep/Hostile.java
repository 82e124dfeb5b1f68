package dev.mpc.conformance.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile text for the input sweep: empty and blank text, token garbage, random strings, truncated
 * and mutated valid seeds, deep nesting and huge documents; and the check every entry point must
 * pass on it: a {@link Result} (coded diagnostics when failed), never a {@link Throwable}.
 */
final class Hostile {
  /** Texts that are nearly nothing. */
  static final List<String> EMPTY = List.of("", " ", "\n", "\r\n", "\r", "\t \n", "# comment\n", "// comment\n",
      "/* c */", "\uFEFF", "\uFEFF  \n", "\u0000", "---\n", "...\n", "null", "~", "{}", "[]", "\"\"", "0", "-");

  /** Tokens of every syntax the sweep meets (JSON, YAML, DSL, expressions). */
  static final List<String> TOKENS = List.of("def", " ", "\n", "\r", "K", "a", "{", "}", "[", "]", ":", ",", "\"",
      "\"x\"", "\\", "\\u", "\\uD800", "1", "-", ".", "e", "1e999", "-0", "9".repeat(40), "true", "null", "@schema",
      "@", "//", "/*", "#", "\t", "'", "&a", "*a", "<<: *a", "!!str", "!!binary", "---", "? ", "- ", "|", ">",
      "kind", "id", "\"kind\":", "\"id\":", "defs:", "kind: K", "id: a", "(", ")", "+", "*", "/", "%", "==", "!=",
      "<", ">=", "&&", "||", "and", "or", "not", "in", "?", "regex(", "matches", "now()", "len(", "concat(",
      "$", "\uD83D\uDE00", "\uD83D", "\uDC00", "\u0000", "\uFEFF", "\u2028", "\u0085", "é", "İ", "\uFFFF");

  private Hostile() {}

  /** Hostile variants of the valid {@code seeds}, the nesting openers in {@code openers}. */
  static Arbitrary<String> texts(List<String> seeds, List<String> openers) {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(EMPTY)),
        Tuple.of(4, Arbitraries.of(TOKENS).list().ofMaxSize(60).map(l -> String.join("", l))),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(80)),
        Tuple.of(4, truncated(seeds)),
        Tuple.of(6, mutated(seeds)),
        Tuple.of(2, deep(openers)),
        Tuple.of(1, huge(seeds)));
  }

  /** A prefix of a seed. */
  static Arbitrary<String> truncated(List<String> seeds) {
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.doubles().between(0, 1))
        .as((s, f) -> s.substring(0, (int) (s.length() * f)));
  }

  /** A seed with a slice deleted, a token inserted or replacing a slice, or a slice doubled. */
  static Arbitrary<String> mutated(List<String> seeds) {
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(0, 24), Arbitraries.of(TOKENS), Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 3))
        .as((seed, at, len, token, op, times) -> {
          String s = seed;
          for (int i = 0; i < times; i++) {
            int start = (int) (s.length() * at) / (i + 1);
            int end = Math.min(s.length(), start + len);
            s = switch (op) {
              case 0 -> s.substring(0, start) + s.substring(end);
              case 1 -> s.substring(0, start) + token + s.substring(start);
              case 2 -> s.substring(0, start) + token + s.substring(end);
              default -> s.substring(0, end) + s.substring(start);
            };
          }
          return s;
        });
  }

  /** An opener repeated hundreds to tens of thousands of times, closed or not. */
  static Arbitrary<String> deep(List<String> openers) {
    return Combinators.combine(Arbitraries.of(openers), Arbitraries.of(100, 700, 1500, 20_000),
            Arbitraries.of(true, false))
        .as((open, n, closed) -> {
          String body = open.repeat(n);
          return closed ? body + "1" + closer(open).repeat(n) : body;
        });
  }

  private static String closer(String opener) {
    StringBuilder b = new StringBuilder();
    for (int i = opener.length() - 1; i >= 0; i--) {
      switch (opener.charAt(i)) {
        case '[' -> b.append(']');
        case '{' -> b.append('}');
        case '(' -> b.append(')');
        default -> { }
      }
    }
    return b.toString();
  }

  /** A seed with a megabyte string spliced into it, or repeated to about a megabyte. */
  static Arbitrary<String> huge(List<String> seeds) {
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.of(0, 1, 2), Arbitraries.doubles().between(0, 1))
        .as((seed, op, at) -> switch (op) {
          case 0 -> {
            int i = seed.indexOf('"', (int) (seed.length() * at));
            yield i < 0 ? seed + "x".repeat(1 << 20) : seed.substring(0, i + 1) + "x".repeat(1 << 20) + seed.substring(i + 1);
          }
          case 1 -> seed.repeat(Math.max(1, (1 << 20) / Math.max(1, seed.length())));
          default -> "[".repeat(1 << 16) + seed;
        });
  }

  /**
   * Runs {@code call} on hostile input: it must return, never throw; a failed result carries
   * coded diagnostics that are not {@code E_INTERNAL} and whose messages leak no implementation
   * detail; an ok result is handed to {@code onOk} (which may exercise it further).
   */
  static <T> void check(String what, String input, Supplier<Result<T>> call, Consumer<T> onOk) {
    Result<T> r;
    try {
      r = call.get();
    } catch (Throwable t) {
      fail(what + " threw " + t + " on input " + preview(input), t);
      return;
    }
    if (r == null) {
      fail(what + " returned null on input " + preview(input));
    }
    if (r.isOk()) {
      try {
        onOk.accept(r.orElseThrow());
      } catch (AssertionError e) {
        throw e;
      } catch (Throwable t) {
        fail(what + ": using the result threw " + t + " on input " + preview(input), t);
      }
      return;
    }
    assertCoded(what, input, r.diagnostics());
  }

  /** Every diagnostic is coded, not internal, and speaks in MPC's own words. */
  static void assertCoded(String what, String input, List<Diagnostic> diagnostics) {
    assertFalse(diagnostics.isEmpty(), () -> what + " failed without a diagnostic on " + preview(input));
    for (Diagnostic d : diagnostics) {
      assertNotEquals(Code.E_INTERNAL, d.code(), () -> what + ": internal error " + d + " on " + preview(input));
      assertTrue(d.message() != null && !d.message().isBlank(), () -> what + ": empty message " + d);
      assertNoLeak(what, d.message());
    }
  }

  private static final List<String> LEAKS = List.of("com.fasterxml", "jackson", "snakeyaml", "org.antlr",
      "com.google.re2j", "streamreadconstraints", "exception", "java.lang", "\tat ", "null pointer");

  /** {@code text} names no library class, exception or stack frame. */
  static void assertNoLeak(String what, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String leak : LEAKS) {
      assertFalse(lower.contains(leak), () -> what + ": message leaks '" + leak + "': " + text);
    }
  }

  /** The first 160 characters of {@code s}, escaped, with its length. */
  static String preview(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("(" + s.length() + " chars) \"");
    s.codePoints().limit(160).forEach(c -> {
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.append(s.length() > 160 ? "...\"" : "\"").toString();
  }

  /** All openers a JSON-ish document nests with. */
  static List<String> jsonOpeners() {
    return List.of("[", "{\"a\":", "[{\"b\":[", "{\"defs\":[{\"kind\":\"K\",\"id\":\"a\",\"properties\":{\"p\":");
  }

  /** Every string in {@code lists}, in order. */
  @SafeVarargs
  static List<String> all(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return out;
  }
}
