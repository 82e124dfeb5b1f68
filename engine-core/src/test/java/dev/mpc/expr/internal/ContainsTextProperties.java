package dev.mpc.expr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Builtins#containsText} answers as {@link String#contains}, in linear time. */
class ContainsTextProperties {

  @Property(tries = 1000)
  void sameAnswerAsStringContains(@ForAll("texts") String hay, @ForAll("texts") String piece,
      @ForAll("repeats") int repeat) {
    String big = hay.repeat(Math.max(1, 5000 / Math.max(1, hay.length())));
    String needle = piece.repeat(repeat);
    assertEquals(big.contains(needle), Builtins.containsText(big, needle), () -> needle);
    if (big.length() > 40) {
      String inside = big.substring(big.length() / 3, big.length() / 3 + 20);
      assertTrue(Builtins.containsText(big, inside));
    }
  }

  @Example
  void quadraticCase_linear() {
    String hay = "a".repeat(1_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertFalse(Builtins.containsText(hay, "a".repeat(100_000) + "b"));
      assertTrue(Builtins.containsText(hay + "b", "a".repeat(100_000) + "b"));
    });
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("aab😀").ofMinLength(1).ofMaxLength(6)
        .filter(s -> !Character.isHighSurrogate(s.charAt(s.length() - 1)));
  }

  @Provide
  Arbitrary<Integer> repeats() {
    return Arbitraries.integers().between(1, 40);
  }
}
