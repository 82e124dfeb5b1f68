package dev.mpc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, the text front ends: line ends (CR, LF, CRLF alike; the Unicode line terminators
 * refused raw), repeated keys refused in every input kind, and messages in MPC's own words.
 */
class FrontEndHardeningTest {
  private static final String[] BREAKS = {"\n", "\r", "\r\n"};

  private static Diagnostic first(Result<?> r) {
    assertFalse(r.isOk(), "accepted");
    return r.diagnostics().get(0);
  }

  /** Every position in {@code ast}: definitions and properties, depth first. */
  static String positions(ManifestAst ast) {
    StringBuilder sb = new StringBuilder();
    for (AstNode n : ast.defs()) {
      positions(n, sb);
    }
    return sb.toString();
  }

  private static void positions(AstNode n, StringBuilder sb) {
    sb.append(n.kind()).append(':').append(n.id()).append('@').append(n.source().orElseThrow()).append(' ');
    for (Map.Entry<String, dev.mpc.diag.SourceMap> e : n.propertySources().entrySet()) {
      sb.append(e.getKey()).append('@').append(e.getValue()).append(' ');
    }
    for (AstNode c : n.children()) {
      positions(c, sb);
    }
  }

  // ---- line ends -----------------------------------------------------------------------------

  @Test
  void dsl_definitionAfterCommentEndedByCrLfOrCrlf_parses() {
    for (String nl : BREAKS) {
      String text = "// header" + nl + "def Policy deny_all { effect: \"deny\" }" + nl;
      for (Result<ManifestAst> r : List.of(Manifests.parseText(text, Syntax.DSL), Manifests.parseText(text))) {
        ManifestAst ast = r.orElseThrow();
        assertEquals(1, ast.defs().size(), "the definition after the comment was dropped");
        assertEquals("deny_all", ast.defs().get(0).id());
        assertEquals(2, ast.defs().get(0).source().orElseThrow().line());
      }
    }
  }

  @Test
  void dsl_syntaxErrorsAfterLoneCr_sameLineAndColumnAsLf() {
    String doc = "// header@@def K a {@  x: 1,@  y: }@def K b { z: [1 2] }@";
    List<Diagnostic> lf = Manifests.parseText(doc.replace("@", "\n"), Syntax.DSL).diagnostics();
    assertEquals(2, lf.size(), lf::toString);
    assertEquals(5, lf.get(0).source().orElseThrow().line());
    for (String nl : BREAKS) {
      assertEquals(lf, Manifests.parseText(doc.replace("@", nl), Syntax.DSL).diagnostics());
    }
  }

  private static final String BS = "\\";

  @Test
  void yaml_loneHighSurrogateEndingTheTextAtABufferBoundary_isACodedError() {
    for (int size : new int[] {1023, 1024, 1025, 2048}) {
      String text = "a: " + "x".repeat(size - 4) + "\ud800";
      for (Result<ManifestAst> r : List.of(Manifests.parseText(text, Syntax.YAML), Manifests.parseText(text))) {
        assertTrue(!r.isOk() && r.diagnostics().stream().noneMatch(d -> d.code() == Code.E_INTERNAL),
            () -> size + ": " + r.diagnostics());
      }
    }
  }

  @Test
  void yaml_doubleQuotedScalarCutOffAfterEscapeLetter_isASyntaxError() {
    // snakeyaml-engine throws NumberFormatException here; found by HostileInputSweepProperties
    for (String text : List.of("\"defdefdefdef" + BS + "u", "\"x" + BS + "x", "a: \"b" + BS + "U", "\"" + BS + "u12")) {
      for (Result<ManifestAst> r : List.of(Manifests.parseText(text, Syntax.YAML), Manifests.parseText(text))) {
        Diagnostic d = first(r);
        assertEquals(Code.E_PARSE_SYNTAX, d.code(), d::toString);
      }
    }
  }

  @Test
  void dsl_stringsEndAtCr_asAtLf() {
    for (String nl : BREAKS) {
      Diagnostic d = first(Manifests.parseText("def K a { x: \"abc" + nl + "\" }", Syntax.DSL));
      assertEquals(Code.E_PARSE_SYNTAX, d.code());
      assertTrue(d.message().contains("unterminated string"), d.message());
      assertEquals(1, d.source().orElseThrow().line());
    }
  }

  @Test
  void dsl_preScan_seesTheBracketsTheParserSees() {
    // After a comment or an unterminated string ended by CR, the brackets are code: the depth
    // pre-scan must count them, not the recursive parser discover them.
    String deep = "[".repeat(5000);
    for (String head : new String[] {"// c\r", "def K a { s: \"abc\r", "def K a { s: \"abc\\\r"}) {
      Diagnostic d = first(Manifests.parseText(head + "def K b { x: " + deep, Syntax.DSL));
      assertEquals(Code.E_QUOTA_EXCEEDED, d.code(), d.message());
      assertEquals(2, d.source().orElseThrow().line(), d.message());
    }
  }

  @Test
  void detect_commentEndedByCr_isDsl() {
    assertEquals(Syntax.DSL, Syntax.detect("// header\rdef Policy deny_all { effect: \"deny\" }\r"));
    assertEquals(Syntax.DSL, Syntax.detect("// header\r\n@schema 1"));
  }

  @Test
  void unicodeLineTerminators_refusedRaw_allowedEscaped() {
    for (char c : new char[] {'\u0085', '\u2028', '\u2029'}) {
      String hex = String.format("%04x", (int) c);
      // a comment cannot hide what an editor shows on the next line
      Diagnostic d = first(Manifests.parseText("// c" + c + "def Policy deny_all { effect: \"deny\" }", Syntax.DSL));
      assertEquals(Code.E_PARSE_SYNTAX, d.code());
      assertTrue(d.message().contains("unexpected character U+" + hex.toUpperCase()), d.message());
      assertTrue(d.message().contains("\\u" + hex), d.message());
      assertEquals(5, d.source().orElseThrow().col());
      assertFalse(Manifests.parseText("def K a { s: \"x" + c + "y\" }", Syntax.DSL).isOk());
      assertEquals(JsonString.of("x" + c + "y"), Manifests.parseText("def K a { s: \"x\\u" + hex + "y\" }", Syntax.DSL)
          .orElseThrow().defs().get(0).properties().getOrNull("s"));
      Diagnostic y = first(Manifests.parseText("# c" + c + "defs: []\n", Syntax.YAML));
      assertEquals(Code.E_PARSE_INVALID_TOKEN, y.code());
      assertEquals("Invalid YAML at line 1, col 4: U+" + hex.toUpperCase() + y.message().substring(
          y.message().indexOf(" ("), y.message().indexOf(')') + 1) + " is not allowed raw: editors may show it as a"
          + " line break, YAML does not (in a double-quoted string write \\u" + hex + ")", y.message());
      assertFalse(Manifests.parseText("a: \"x" + c + "y\"\n", Syntax.YAML).isOk());
      assertTrue(Manifests.parseText("a: \"x\\u" + hex + "y\"\n", Syntax.YAML).isOk());
      // JSON has no comments; a raw one in a string is standard JSON and stays accepted
      assertTrue(Manifests.parseText("{\"a\": \"x" + c + "y\"}", Syntax.JSON).isOk());
      assertFalse(Manifests.parseText("{\"a\":" + c + "1}", Syntax.JSON).isOk());
    }
  }

  @Test
  void format_stringsWithUnicodeLineTerminators_roundTripInEverySyntax() {
    ManifestAst ast = Manifests.parseText("{\"defs\":[{\"kind\":\"K\",\"id\":\"a\",\"s\":\"1\u00852\u20283\u20294\","
        + "\"t\":[\"\u2028\"],\"o\":{\"k\u2029\":\"\u0085\"}}]}", Syntax.JSON).orElseThrow();
    for (Syntax s : Syntax.values()) {
      String text = Manifests.format(ast, s);
      assertFalse(text.contains("\u2028") || text.contains("\u2029") || text.contains("\u0085"), text);
      assertEquals(ast.canonicalJson(), Manifests.parseText(text, s).orElseThrow().canonicalJson(), text);
    }
  }

  @Test
  void jsonAndYaml_positionsAgreeAcrossLineEnds() {
    String json = "{@\"defs\": [@ {\"kind\": \"K\", \"id\": \"a\",@  \"x\": 1},@ {\"kind\": \"K\", \"id\": \"b\"}]@}@";
    String yaml = "# c@defs:@  - kind: K@    id: a@    x: 1@  - kind: K@    id: b@    y: [1,@      2]@";
    String badJson = "{@\"defs\": [@ {\"kind\": \"K\",@ \"id\": }]}";
    String badYaml = "defs:@  - kind: K@    id: [a@";
    for (String[] c : new String[][] {{json, "JSON"}, {yaml, "YAML"}}) {
      Syntax s = Syntax.valueOf(c[1]);
      String lf = positions(Manifests.parseText(c[0].replace("@", "\n"), s).orElseThrow());
      for (String nl : BREAKS) {
        assertEquals(lf, positions(Manifests.parseText(c[0].replace("@", nl), s).orElseThrow()), c[1] + " " + nl.length());
      }
    }
    for (String[] c : new String[][] {{badJson, "JSON"}, {badYaml, "YAML"}}) {
      Syntax s = Syntax.valueOf(c[1]);
      List<Diagnostic> lf = Manifests.parseText(c[0].replace("@", "\n"), s).diagnostics();
      assertTrue(lf.get(0).source().orElseThrow().line() > 2, lf::toString);
      for (String nl : BREAKS) {
        assertEquals(lf, Manifests.parseText(c[0].replace("@", nl), s).diagnostics(), c[1]);
      }
    }
  }

  @Provide
  Arbitrary<List<String>> lineEnds() {
    return Arbitraries.of(BREAKS).list().ofSize(12);
  }

  /** Mixed line ends, one chosen per line: same AST, same positions as with LF only. */
  @Property(tries = 200)
  void dsl_mixedLineEnds_sameAstAndPositions(@ForAll("lineEnds") List<String> ends) {
    // no empty lines: a CR ending one line and the LF ending an empty next one are one CRLF
    String[] lines = {"// a comment", "@schema 1", "@namespace \"n\" // trailing", " ", "def K a \"A\" {",
        "  // def Hidden h {}", "  x: 1, y: [1,", "  2], z: { p: \"q\" }", "  def C c { e: \"x\" }", "}",
        "def K b { w: true } // end", " "};
    StringBuilder mixed = new StringBuilder();
    StringBuilder lf = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      mixed.append(lines[i]).append(ends.get(i));
      lf.append(lines[i]).append('\n');
    }
    ManifestAst expected = Manifests.parseText(lf.toString(), Syntax.DSL).orElseThrow();
    ManifestAst actual = Manifests.parseText(mixed.toString(), Syntax.DSL).orElseThrow();
    assertEquals(expected.canonicalJson(), actual.canonicalJson());
    assertEquals(positions(expected), positions(actual));
    assertEquals(Syntax.DSL, Syntax.detect(mixed.toString()));
  }

  // ---- repeated keys -------------------------------------------------------------------------

  private static void duplicate(Result<?> r, String key, int line, int col) {
    Diagnostic d = first(r);
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code(), d.message());
    assertTrue(d.message().contains("duplicate") && d.message().contains(key), d.message());
    assertEquals(line, d.source().orElseThrow().line(), d.message());
    assertEquals(col, d.source().orElseThrow().col(), d.message());
  }

  @Test
  void manifestJson_repeatedKey_refused() {
    duplicate(Manifests.parseText("{\"defs\":[{\"kind\":\"Entity\",\"id\":\"shown\",\"id\":\"used\"}]}", Syntax.JSON),
        "'id' (first at line 1, col 27)", 1, 40);
    duplicate(Manifests.parseText("{\"defs\":[{\"kind\":\"K\",\"id\":\"a\",\"p\":{\"q\":1,\n\"q\":2}}]}", Syntax.JSON),
        "'q'", 2, 1);
    duplicate(Manifests.parseText("{\"name\":\"a\",\"defs\":[],\"name\":\"b\"}", Syntax.JSON), "'name'", 1, 23);
  }

  @Test
  void manifestYaml_repeatedKey_refused() {
    duplicate(Manifests.parseText("defs:\n  - kind: Entity\n    id: shown\n    id: used\n", Syntax.YAML),
        "'id' (first at line 3, col 5)", 4, 5);
    duplicate(Manifests.parseText("defs:\n  - {kind: K, id: a, p: {q: 1, \"q\": 2}}\n", Syntax.YAML), "'q'", 2, 32);
    duplicate(Manifests.parseText("k: &k id\ndefs:\n  - kind: K\n    id: a\n    *k : b\n", Syntax.YAML), "'id'", 5, 5);
    // merge keys are not supported (they would be a second way to repeat a key); a quoted '<<' is
    // an ordinary key, and may appear once
    Diagnostic merge = first(Manifests.parseText("a: &a {x: 1}\nb: {<<: *a, x: 2}\n", Syntax.YAML));
    assertEquals(Code.E_PARSE_INVALID_TOKEN, merge.code());
    assertEquals("Invalid YAML at line 2, col 5: merge keys (<<) are not supported", merge.message());
    duplicate(Manifests.parseText("b: {\"<<\": 1, '<<': 2}\n", Syntax.YAML), "'<<'", 1, 14);
  }

  @Test
  void manifestDsl_repeatedKey_refused() {
    duplicate(Manifests.parseText("def Entity e {\n  id_: \"shown\"\n  id_: \"used\"\n}", Syntax.DSL),
        "property 'id_' (first at line 2, col 3)", 3, 3);
    duplicate(Manifests.parseText("def K a { p: { q: 1, \"q\": 2 } }", Syntax.DSL), "key 'q' (first at line 1, col 16)",
        1, 22);
    duplicate(Manifests.parseText("@name \"a\"\n@name \"b\"\n", Syntax.DSL), "directive @name", 2, 1);
    // same key in different objects, and a nested definition with a property's name: fine
    assertTrue(Manifests.parseText("def K a { p: {q: 1}, r: {q: 1}, def p x {} }", Syntax.DSL).isOk());
  }

  @Test
  void domainMeta_repeatedKey_refused() {
    assertTrue(DomainMetaLoader.fromText("{\"kinds\":[{\"name\":\"A\"}]}").isOk());
    duplicate(DomainMetaLoader.fromText("{\"kinds\":[{\"name\":\"A\",\"name\":\"B\"}]}", "m.json"), "'name'", 1, 23);
    duplicate(DomainMetaLoader.fromText("{\"kinds\":[],\"kinds\":[{\"name\":\"A\"}]}", "m.json"), "'kinds'", 1, 13);
    assertTrue(DomainMetaLoader.fromText("kinds:\n  - name: A\n").isOk());
    duplicate(DomainMetaLoader.fromText("kinds:\n  - name: A\n    name: B\n", "m.yaml"), "'name'", 3, 5);
    duplicate(DomainMetaLoader.fromText("kinds: []\nkinds:\n  - name: A\n", "m.yaml"), "'kinds'", 2, 1);
  }

  @Test
  void domainMeta_limits_codedNotThrown() {
    // the tree builder stops at a limit with a signal; the loader must get a result, not the signal
    Result<?> r = DomainMetaLoader.fromText("{\"kinds\":" + "[".repeat(300) + "]".repeat(300) + "}");
    assertEquals(Code.E_QUOTA_EXCEEDED, first(r).code());
    r = DomainMetaLoader.fromText("kinds: " + "[".repeat(300) + "]".repeat(300) + "\n");
    assertEquals(Code.E_QUOTA_EXCEEDED, first(r).code());
    String big = " ".repeat((int) ParseLimits.defaults().maxDocumentChars());
    for (String text : new String[] {big + "{}", big + "kinds: []"}) {
      Diagnostic d = first(DomainMetaLoader.fromText(text));
      assertEquals(Code.E_QUOTA_EXCEEDED, d.code());
      assertTrue(d.message().contains("ParseLimits.maxDocumentChars"), d.message());
    }
    // an empty YAML stream is YAML's null: a coded error, not a null pointer
    assertFalse(DomainMetaLoader.fromText("# only a comment\n").diagnostics().isEmpty());
  }

  // ---- numbers and messages ------------------------------------------------------------------

  @Test
  void overlongNumber_invalidTokenInEverySyntax() {
    String n = "1".repeat(1001);
    String[][] cases = {{"def K a { x: " + n + " }", "DSL"}, {"{\"defs\": [], \"x\": " + n + "}", "JSON"},
        {"x: " + n + "\n", "YAML"}};
    for (String[] c : cases) {
      Diagnostic d = first(Manifests.parseText(c[0], Syntax.valueOf(c[1])));
      assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code(), d.message());
      assertTrue(d.message().endsWith("number of 1001 chars is longer than the limit of 1000 chars"), d.message());
      assertTrue(d.source().orElseThrow().col() > 1, d.message());
    }
    for (String ok : new String[] {"def K a { x: " + n.substring(1) + " }", "x: " + n.substring(1) + "\n"}) {
      assertTrue(Manifests.parseText(ok).isOk());
    }
    Diagnostic d = first(DomainMetaLoader.fromText("{\"kinds\": [], \"x\": " + n + "}"));
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code(), d.message());
  }

  static final String[] LEAKS = {"com.fasterxml", "jackson", "Jackson", "StreamReadConstraints", "JsonReadFeature",
      "Feature", "snakeyaml", "org.snakeyaml", "Exception", "REDACTED", "JsonToken"};

  static void assertOwnWords(Result<?> r, String input) {
    for (Diagnostic d : r.diagnostics()) {
      for (String leak : LEAKS) {
        assertFalse(d.message().contains(leak), () -> "'" + leak + "' in " + d.message() + " for " + input);
      }
    }
  }

  static final List<String> MALFORMED = List.of("[NaN]", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": -Infinity}",
      "{\"a\": 1 /* c */}", "{\"a\": 1 // c\n}", "{\"a\": 1} # c", "{'a': 1}", "{\"a\": \"\\q\"}", "{a: 1}",
      "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 0x10}", "{\"a\": \"\t\"}", "{\"a\": tru}",
      "{\"a\": [1,]}", "{\"a\": 1,}", "{", "{\"a\"", "{\"a\":", "}", "\u0000", "{}}", "{\"a\": \"\\u12\"}",
      "{\"a\": 1e}", "{\"a\": -}", "{\"a\": \"x}", "{\"a\" 1}", "{\"a\": " + "[".repeat(600) + "}",
      "{\"a\": " + "9".repeat(5000) + "}", "{\"a\": 1e99999}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\\ud800\"}",
      "a: !!binary x", "a: !foo x", "a: &x [*x]", "a: *y", "? [a]\n: 1", "a: b: c", "a:\n\t- 1", "- a\nb: 1",
      "a: [1", "a: {b", "a: \"x", "a: 'x", "%YAML 9.9\n---\na: 1", "%TAG ! !x\n--- !y a", "a: .inf", "a: .nan",
      "a: 0o9", "a: 0x", "a: 1\n---\nb: 2", "a: |\n x\n y: z", "\"\\x\": 1", "a: \"\\uD800\"", "a: [*a]",
      "def", "def K", "def K a {", "def K a { x: }", "def K a { x: \"\\", "@schema 99999999999999999999",
      "@schema -1", "def K a { kind: 1 }", "def K a { x: 1e999 }", "def K a { x: \"\\uD800\" }", "#", "@x",
      "def K a { x: [" + "[".repeat(300) + " }", "\uFEFF\uFEFF{}", "\uD800", "{\"\uD800\": 1}");

  @Test
  void malformedInput_messagesInOwnWords_everyFrontEnd() {
    for (String text : MALFORMED) {
      for (Syntax s : Syntax.values()) {
        assertOwnWords(Manifests.parseText(text, s), text);
      }
      assertOwnWords(Manifests.parseText(text), text);
      assertOwnWords(DomainMetaLoader.fromText(text, "m"), text);
      assertOwnWords(Json.parse(text), text);
      assertFalse(Json.parse(text).isOk() && text.startsWith("{\"a\": N"), text);
    }
  }

  @Provide
  Arbitrary<String> garbage() {
    List<String> tokens = new ArrayList<>(GarbageProperties.TOKENS);
    tokens.addAll(List.of("\r", "\u2028", "NaN", "/*", "0x1", "01", "1e999", "\"a\":", "{\"a\":1,\"a\":2}", "<<: ",
        "\\u12", "%YAML 1.1", "!!binary ", "9".repeat(1001)));
    return Arbitraries.of(tokens).list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void garbage_messagesInOwnWords(@ForAll("garbage") String text) {
    for (Syntax s : Syntax.values()) {
      assertOwnWords(Manifests.parseText(text, s), text);
    }
    assertOwnWords(DomainMetaLoader.fromText(text, "m"), text);
    assertOwnWords(Json.parse(text), text);
  }

  @Test
  void sameKeyAfterUnescaping_isTheSameKey() {
    duplicate(Manifests.parseText("{\"defs\":[],\"n\\u0061me\":\"a\",\"name\":\"b\"}", Syntax.JSON), "'name'", 1, 28);
    duplicate(Manifests.parseText("def K a { \"x\": 1, x: 2 }", Syntax.DSL), "'x'", 1, 19);
    assertTrue(Json.parse("{\"a\":1,\"A\":2}").orElseThrow() instanceof JsonObject o && o.size() == 2);
  }
}
