package dev.mpc.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Garbage and mutated manifests end in a result (usually coded errors), never an exception. */
class GarbageProperties {
  static final List<String> TOKENS = List.of("def", " ", "\n", "K", "a", "{", "}", "[", "]", ":", ",", "\"", "\"x\"",
      "\\", "1", "-", ".", "e", "1e5", "true", "null", "@schema", "@name", "@", "//", "#", "\t", "'", "&a", "*a",
      "!!str", "---", "? ", "- ", "defs:", "kind: K", "id: a", "\uD83D\uDE00", "\uD83D", "\u0000", "\uFEFF", "é");

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.of(TOKENS).list().ofMaxSize(40).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> mutated() throws IOException {
    List<String> seeds = List.of(ManifestsTest.resource("orders.manifest"), ManifestsTest.resource("orders.yaml"),
        ManifestsTest.resource("orders.json"));
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 20), Arbitraries.of(TOKENS), Arbitraries.integers().between(0, 3))
        .as((seed, at, len, token, op) -> {
          int start = Math.min(at, seed.length());
          int end = Math.min(seed.length(), start + len);
          return switch (op) {
            case 0 -> seed.substring(0, start) + seed.substring(end);
            case 1 -> seed.substring(0, start) + token + seed.substring(start);
            case 2 -> seed.substring(0, start) + token + seed.substring(end);
            default -> seed.substring(0, end) + seed.substring(start);
          };
        });
  }

  static void assertStructured(String text) {
    for (Syntax s : Syntax.values()) {
      check(Manifests.parseText(text, s));
    }
    check(Manifests.parseText(text));
  }

  static void check(Result<ManifestAst> r) {
    if (r.isOk()) {
      r.orElseThrow().canonicalJson();
      return;
    }
    for (Diagnostic d : r.diagnostics()) {
      assertTrue(d.code() != Code.E_INTERNAL, () -> "internal error: " + d);
      assertTrue(d.code().name().startsWith("E_PARSE_") || d.code() == Code.E_QUOTA_EXCEEDED, d::toString);
    }
  }

  @Property(tries = 400)
  void parse_garbage_givesResultNeverException(@ForAll("garbage") String text) {
    assertStructured(text);
  }

  @Property(tries = 400)
  void parse_mutatedManifest_givesResultNeverException(@ForAll("mutated") String text) {
    assertStructured(text);
  }
}
