package dev.mpc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonString;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile input ends in a coded error within the limits: never an exception, a stack overflow,
 * an out-of-memory error or a hang.
 */
class RobustnessTest {
  private static final int DEEP = 100_000;

  static Diagnostic failsWith(Result<ManifestAst> r, Code code) {
    assertFalse(r.isOk());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(code, d.code(), r.diagnostics()::toString);
    assertTrue(d.source().isPresent(), "limit errors carry a position");
    return d;
  }

  static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  void parse_100kDeepArraysInEachSyntax_isQuotaExceeded() {
    String dsl = "def K a { x: " + repeat("[", DEEP) + repeat("]", DEEP) + " }";
    Diagnostic d = failsWith(Manifests.parseText(dsl, Syntax.DSL), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().startsWith("DSL parse error at line 1, col 213: nesting is deeper than the limit of 200"),
        d.message());
    String json = "{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": " + repeat("[", DEEP) + repeat("]", DEEP) + "}]}";
    failsWith(Manifests.parseText(json, Syntax.JSON), Code.E_QUOTA_EXCEEDED);
    String yaml = "defs:\n  - kind: K\n    id: a\n    x: " + repeat("[", DEEP) + repeat("]", DEEP) + "\n";
    failsWith(Manifests.parseText(yaml, Syntax.YAML), Code.E_QUOTA_EXCEEDED);
    String yamlMaps = "x: " + repeat("{a: ", DEEP) + "1" + repeat("}", DEEP) + "\n";
    failsWith(Manifests.parseText(yamlMaps, Syntax.YAML), Code.E_QUOTA_EXCEEDED);
  }

  @Test
  void parse_100kDeepDefinitionsAndUnclosedBrackets_isQuotaExceeded() {
    failsWith(Manifests.parseText(repeat("def K a {", DEEP), Syntax.DSL), Code.E_QUOTA_EXCEEDED);
    failsWith(Manifests.parseText("def K a { x: " + repeat("{a: ", DEEP), Syntax.DSL), Code.E_QUOTA_EXCEEDED);
    failsWith(Manifests.parseText(repeat("{\"defs\":[", DEEP), Syntax.JSON), Code.E_QUOTA_EXCEEDED);
    failsWith(Manifests.parseText(repeat("[", DEEP), Syntax.YAML), Code.E_QUOTA_EXCEEDED);
  }

  @Test
  void parse_maximumDepthOnSmallStack_succeedsWithoutStackOverflow() throws InterruptedException {
    int depth = ParseLimits.MAX_MAX_DEPTH;
    ManifestParser parser = ManifestParser.withLimits(ParseLimits.defaults().withMaxDepth(depth));
    String dslValues = "def K a { x: " + repeat("[", depth - 1) + repeat("]", depth - 1) + " }";
    String dslDefs = repeat("def K a {", depth) + repeat("}", depth);
    String json = "{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": " + repeat("[", depth - 3) + repeat("]", depth - 3) + "}]}";
    String yaml = "defs: [{kind: K, id: a, x: " + repeat("[", depth - 3) + repeat("]", depth - 3) + "}]\n";
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        for (Object[] c : List.of(new Object[] {dslValues, Syntax.DSL}, new Object[] {dslDefs, Syntax.DSL},
            new Object[] {json, Syntax.JSON}, new Object[] {yaml, Syntax.YAML})) {
          Result<ManifestAst> r = parser.parseText((String) c[0], (Syntax) c[1]);
          assertTrue(r.isOk(), () -> c[1] + ": " + r.diagnostics());
          Syntax s = (Syntax) c[1];
          assertEquals(r.orElseThrow().astHash(),
              parser.parseText(Manifests.format(r.orElseThrow(), s), s).orElseThrow().astHash());
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", 512 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void parse_50MegabyteManifest_isRejectedBySizeLimitUpFront() {
    String block = "def Entity e { label: \"some text to fill the manifest\", n: 12345, tags: [\"a\", \"b\"] }\n";
    StringBuilder sb = new StringBuilder(50 * 1024 * 1024 + block.length());
    while (sb.length() < 50 * 1024 * 1024) {
      sb.append(block);
    }
    String text = sb.toString();
    Diagnostic d = failsWith(Manifests.parseText(text), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().contains("ParseLimits.maxDocumentChars"), d.message());
    // With the size limit raised, the definition count stops it in the linear pre-scan.
    ManifestParser big = ManifestParser.withLimits(ParseLimits.defaults().withMaxDocumentChars(64L * 1024 * 1024));
    d = failsWith(big.parseText(text, Syntax.DSL), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().contains("10000 definitions"), d.message());
  }

  @Test
  void parse_largeJsonWithRaisedSizeLimit_stopsAtValueLimit() {
    StringBuilder sb = new StringBuilder("{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": [");
    for (int i = 0; i < 3_000_000; i++) {
      sb.append(i % 10).append(',');
    }
    sb.append("0]}]}");
    ManifestParser big = ManifestParser.withLimits(ParseLimits.defaults().withMaxDocumentChars(64L * 1024 * 1024));
    Diagnostic d = failsWith(big.parseText(sb.toString(), Syntax.JSON), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().contains("ParseLimits.maxValues"), d.message());
  }

  @Test
  void parse_yamlAliasBomb_isQuotaExceeded() {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      sb.append('a').append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        sb.append(j > 0 ? ", " : "").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    sb.append("defs: []\n");
    Diagnostic d = failsWith(Manifests.parseText(sb.toString(), Syntax.YAML), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().contains("ParseLimits.maxValues"), d.message());
    StringBuilder many = new StringBuilder("a: &a x\nb: [");
    for (int i = 0; i < 200; i++) {
      many.append(i > 0 ? ", " : "").append("*a");
    }
    many.append("]\n");
    d = failsWith(Manifests.parseText(many.toString(), Syntax.YAML), Code.E_QUOTA_EXCEEDED);
    assertTrue(d.message().contains("ParseLimits.maxYamlAliases"), d.message());
  }

  @Test
  void parse_recursiveYamlAlias_isInvalidToken() {
    failsWith(Manifests.parseText("a: &a [1, *a]\n", Syntax.YAML), Code.E_PARSE_INVALID_TOKEN);
  }

  @Test
  void parse_yamlSurrogatePairAcrossReaderBuffer_parses() {
    // snakeyaml-engine reads in 1,024-char chunks; a pair straddling a chunk once threw
    // IndexOutOfBoundsException (E_INTERNAL). Try the pair at every offset around the boundary.
    for (int pad = 1000; pad < 1030; pad++) {
      String name = "a".repeat(pad) + "\uD83D\uDE00\uD83D\uDE00";
      Result<ManifestAst> r = Manifests.parseText("name: \"" + name + "\"\ndefs:\n- kind: K\n  id: x\n", Syntax.YAML);
      assertTrue(r.isOk(), r.diagnostics()::toString);
      assertEquals(name, r.orElseThrow().name());
    }
  }

  @Test
  void parse_tooManyDefinitions_isQuotaExceededInEverySyntax() {
    ManifestParser small = ManifestParser.withLimits(ParseLimits.defaults().withMaxManifestNodes(3));
    failsWith(small.parseText("def K a { def K b { def K c { def K d {} } } }", Syntax.DSL), Code.E_QUOTA_EXCEEDED);
    failsWith(small.parseText("{\"defs\": [{\"kind\":\"K\",\"id\":\"a\"},{\"kind\":\"K\",\"id\":\"b\"},"
        + "{\"kind\":\"K\",\"id\":\"c\",\"children\":[{\"kind\":\"K\",\"id\":\"d\"}]}]}", Syntax.JSON), Code.E_QUOTA_EXCEEDED);
    failsWith(small.parseText("defs: [{kind: K, id: a}, {kind: K, id: b}, {kind: K, id: c}, {kind: K, id: d}]",
        Syntax.YAML), Code.E_QUOTA_EXCEEDED);
    assertTrue(small.parseText("def K a {} def K b {} def K c {} // def K d {}\nx: \"def\"", Syntax.DSL).diagnostics()
        .stream().noneMatch(d -> d.code() == Code.E_QUOTA_EXCEEDED));
  }

  @Test
  void parse_floodOfSyntaxErrors_stopsAtMaxErrors() {
    Result<ManifestAst> r = Manifests.parseText(repeat("def K a { x: y }\n", 1000), Syntax.DSL);
    assertEquals(ParseLimits.DEFAULT_MAX_ERRORS, r.diagnostics().size());
  }

  @Test
  void presetLimits_readsMaxManifestNodes() {
    ParseLimits l = ParseLimits.fromPresetLimits(dev.mpc.json.JsonObject.builder()
        .put("maxManifestNodes", 500).put("maxExprSteps", 5000).build());
    assertEquals(500, l.maxManifestNodes());
    assertEquals(ParseLimits.DEFAULT_MAX_DEPTH, l.maxDepth());
  }
}
