package dev.mpc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.json.JsonString;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {
  static final String WORKED_HASH = "3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1";

  static String resource(String name) throws IOException {
    try (InputStream in = ManifestsTest.class.getResourceAsStream("/manifests/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static ManifestAst ok(String text) {
    Result<ManifestAst> r = Manifests.parseText(text);
    assertTrue(r.isOk(), () -> "expected success, got " + r.diagnostics());
    return r.orElseThrow();
  }

  static ManifestAst ok(String text, Syntax syntax) {
    Result<ManifestAst> r = Manifests.parseText(text, syntax);
    assertTrue(r.isOk(), () -> "expected success, got " + r.diagnostics());
    return r.orElseThrow();
  }

  static List<Diagnostic> errors(String text, Syntax syntax) {
    Result<ManifestAst> r = Manifests.parseText(text, syntax);
    assertFalse(r.isOk(), () -> "expected failure for: " + text);
    return r.diagnostics();
  }

  static Diagnostic error(String text, Syntax syntax, Code code) {
    List<Diagnostic> ds = errors(text, syntax);
    assertEquals(code, ds.get(0).code(), () -> ds.toString());
    assertTrue(ds.get(0).source().isPresent(), "parse errors carry a source map");
    return ds.get(0);
  }

  static JsonValue prop(ManifestAst ast, String key) {
    return ast.defs().get(0).properties().getOrNull(key);
  }

  // ---- the three notations of pipeline spec §5.3 -------------------------------------------

  @Test
  void parse_workedExampleInAllThreeSyntaxes_sameCanonicalJsonAndUpstreamHash() throws IOException {
    ManifestAst dsl = ok(resource("orders.manifest"));
    ManifestAst yaml = ok(resource("orders.yaml"));
    ManifestAst json = ok(resource("orders.json"));
    assertEquals(WORKED_HASH, dsl.astHash());
    assertEquals(dsl.canonicalJson(), yaml.canonicalJson());
    assertEquals(dsl.canonicalJson(), json.canonicalJson());
    assertEquals(WORKED_HASH, yaml.astHash());
    assertEquals(WORKED_HASH, json.astHash());
  }

  @Test
  void parse_workedExampleDsl_sourceMapsAsSpecTable() throws IOException {
    ManifestAst ast = ok(resource("orders.manifest"));
    assertEquals(SourceMap.region(7, 1, 15, 2), ast.defs().get(0).source().orElseThrow());
    assertEquals(SourceMap.region(12, 5, 14, 6), ast.defs().get(0).children().get(0).source().orElseThrow());
    assertEquals(SourceMap.region(17, 1, 24, 2), ast.defs().get(1).source().orElseThrow());
    assertEquals(SourceMap.region(26, 1, 32, 2), ast.defs().get(2).source().orElseThrow());
    assertEquals(SourceMap.region(8, 5, 8, 20), ast.defs().get(0).propertySource("effect").orElseThrow());
    assertEquals(List.of("effect", "priority", "match", "condition"),
        List.copyOf(ast.defs().get(0).properties().members().keySet()));
  }

  @Test
  void parse_jsonShortAndLongerThan32kChars_exactRegions() {
    // Jackson reads strings up to 32k chars from an array and longer ones through a reader.
    for (int pad : new int[] {10, 40_000}) {
      String text = "{\"name\": \"" + "x".repeat(pad) + "\",\n\"defs\": [\n  {\"kind\": \"K\", \"id\": \"a\",\n"
          + "   \"p\": [1, 2], \"q\": {\"r\": 1}}\n]}";
      AstNode def = ok(text).defs().get(0);
      assertEquals(SourceMap.region(3, 3, 4, 31), def.source().orElseThrow());
      assertEquals(SourceMap.region(4, 4, 4, 15), def.propertySource("p").orElseThrow());
      assertEquals(SourceMap.region(4, 17, 4, 30), def.propertySource("q").orElseThrow());
    }
  }

  @Test
  void parse_jsonDefinitionProblemsBeforeRootProblemsInText_rootProblemsReportedFirst() {
    // Definitions are normalized while the document is read; their problems still follow the
    // root's, in document order.
    Result<ManifestAst> r = Manifests.parseText("{\"defs\": [{\"kind\": \"K\"}, 3, {\"kind\": 1, \"id\": \"x\"}],"
        + " \"name\": 5}", Syntax.JSON);
    assertEquals(List.of(Code.E_PARSE_INVALID_TOKEN, Code.E_PARSE_MISSING_REQUIRED, Code.E_PARSE_INVALID_TOKEN,
        Code.E_PARSE_INVALID_TOKEN), r.diagnostics().stream().map(Diagnostic::code).toList());
    assertTrue(r.diagnostics().get(0).message().contains("'name' must be a string"), r.diagnostics()::toString);
    assertTrue(r.diagnostics().get(2).message().contains("'defs' entry 1"), r.diagnostics()::toString);
  }

  @Test
  void parse_repeatedDefsKey_refused() {
    Diagnostic d = error("{\"defs\": [{\"kind\": \"K\", \"id\": \"a\"}],"
        + " \"defs\": [{\"kind\": \"K\", \"id\": \"b\"}]}", Syntax.JSON, Code.E_PARSE_INVALID_TOKEN);
    assertEquals("Invalid JSON at line 1, col 38: duplicate key 'defs' (first at line 1, col 2); a key may appear"
        + " only once in an object", d.message());
  }

  @Test
  void parse_yamlAnchoredAndAliasedDefinitions_keepTheirPositions() {
    ManifestAst ast = ok("defs:\n- {kind: K, id: a, children: [&c {kind: K, id: c, p: 1}]}\n"
        + "- {kind: K, id: b, children: [*c]}\n", Syntax.YAML);
    AstNode viaAlias = ast.defs().get(1).children().get(0);
    assertEquals(ast.defs().get(0).children().get(0).source(), viaAlias.source());
    assertEquals(2, viaAlias.source().orElseThrow().line());
    assertEquals(31, viaAlias.source().orElseThrow().col());
    assertTrue(viaAlias.propertySource("p").isPresent());
  }

  @Test
  void parse_jsonAndYaml_nodesAndPropertiesCarryReaderPositions() throws IOException {
    ManifestAst json = ok(resource("orders.json"));
    assertEquals(7, json.defs().get(0).source().orElseThrow().line());
    assertEquals(5, json.defs().get(0).source().orElseThrow().col());
    assertEquals(9, json.defs().get(0).propertySource("effect").orElseThrow().line());
    ManifestAst yaml = ok(resource("orders.yaml"));
    assertEquals(7, yaml.defs().get(0).source().orElseThrow().line());
    assertEquals(5, yaml.defs().get(0).source().orElseThrow().col());
    assertEquals(10, yaml.defs().get(0).propertySource("effect").orElseThrow().line());
    assertEquals(5, yaml.defs().get(0).propertySource("effect").orElseThrow().col());
  }

  @Test
  void parse_path_fillsFileNameAndUsesExtension(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "defs:\n  - {kind: K, id: a}\n");
    ManifestAst ast = Manifests.parse(f).orElseThrow();
    assertEquals(f.toString(), ast.defs().get(0).source().orElseThrow().file().orElseThrow());
    Path bad = dir.resolve("bad.manifest");
    Files.write(bad, new byte[] {'d', 'e', 'f', ' ', (byte) 0xC3});
    assertEquals(Code.E_PARSE_INVALID_TOKEN, Manifests.parse(bad).diagnostics().get(0).code());
  }

  // ---- detection --------------------------------------------------------------------------

  @Test
  void detect_contentRules_chooseSyntax() {
    assertEquals(Syntax.JSON, Syntax.detect("  {\"defs\": []}"));
    assertEquals(Syntax.JSON, Syntax.detect("\uFEFF{}"));
    assertEquals(Syntax.JSON, Syntax.detect("[1]"));
    assertEquals(Syntax.DSL, Syntax.detect("@schema 1"));
    assertEquals(Syntax.DSL, Syntax.detect("def\tK a {}"));
    assertEquals(Syntax.DSL, Syntax.detect("// comment\n\n  def K a {}"));
    assertEquals(Syntax.YAML, Syntax.detect("defs: []"));
    assertEquals(Syntax.YAML, Syntax.detect("default: 1"));
    assertEquals(Syntax.YAML, Syntax.detect(""));
  }

  @Test
  void syntaxOf_unknownName_isUnsupportedFormat() {
    Result<Syntax> r = Syntax.of("toml");
    assertEquals(Code.E_PARSE_UNSUPPORTED_FORMAT, r.diagnostics().get(0).code());
    assertEquals("Unknown format: 'toml'", r.diagnostics().get(0).message());
    assertEquals(Syntax.YAML, Syntax.of("yaml").orElseThrow());
  }

  // ---- DSL --------------------------------------------------------------------------------

  @Test
  void dsl_emptyDocument_isEmptyManifest() {
    assertEquals(ManifestAst.empty().astHash(), ok("  // nothing\n", Syntax.DSL).astHash());
  }

  @Test
  void dsl_upstreamBugs_emptyArrayEmptyObjectAndExponentParseCorrectly() {
    ManifestAst ast = ok("def K a { a: [], b: [[]], c: {}, d: 1e5, e: -2E-3, f: {x: {}} }");
    assertEquals("[]", Canonical.json(prop(ast, "a")));
    assertEquals("[[]]", Canonical.json(prop(ast, "b")));
    assertEquals("{}", Canonical.json(prop(ast, "c")));
    assertEquals("100000.0", Canonical.json(prop(ast, "d")));
    assertEquals("-0.002", Canonical.json(prop(ast, "e")));
  }

  @Test
  void dsl_numbers_followSpecConversion() {
    ManifestAst ast = ok("def K a { a: 007, b: +3, c: -0, d: 1., e: .5, f: -0.0, g: 123456789012345678901234567890 }");
    assertEquals("7", Canonical.json(prop(ast, "a")));
    assertEquals("3", Canonical.json(prop(ast, "b")));
    assertEquals("0", Canonical.json(prop(ast, "c")));
    assertEquals("1.0", Canonical.json(prop(ast, "d")));
    assertEquals("0.5", Canonical.json(prop(ast, "e")));
    assertEquals("-0.0", Canonical.json(prop(ast, "f")));
    assertEquals("123456789012345678901234567890", Canonical.json(prop(ast, "g")));
  }

  @Test
  void dsl_escapes_followSpecAndCombineSurrogatePairs() {
    ManifestAst ast = ok("def K a { a: \"a\\qb\", b: \"\\u0041\\u00e9\", c: \"\\u12\", d: \"\\uD83D\\uDE00\","
        + " e: \"\\/\\b\\f\\n\\r\\t\\\\\\\"\", f: \"Müşteri\" }");
    assertEquals("\"a\\\\qb\"", Canonical.json(prop(ast, "a")));
    assertEquals("\"Aé\"", Canonical.json(prop(ast, "b")));
    assertEquals("\"\\\\u12\"", Canonical.json(prop(ast, "c")));
    assertEquals("\"\uD83D\uDE00\"", Canonical.json(prop(ast, "d")));
    assertEquals("\"/\\b\\f\\n\\r\\t\\\\\\\"\"", Canonical.json(prop(ast, "e")));
    assertEquals("\"Müşteri\"", Canonical.json(prop(ast, "f")));
  }

  @Test
  void dsl_loneSurrogateEscape_isInvalidToken() {
    Diagnostic d = error("def K a { x: \"\\uD83D\" }", Syntax.DSL, Code.E_PARSE_INVALID_TOKEN);
    assertTrue(d.message().startsWith("DSL parse error at line 1, col 14: "), d.message());
  }

  @Test
  void dsl_keywordsAndIdentifiers_followSpec() {
    ManifestAst ast = ok("def C true { null: 1, default: 2, nullable: 3, \"def\": 4, a.b-c: 5 }");
    assertEquals("true", ast.defs().get(0).id());
    assertEquals(List.of("null", "default", "nullable", "def", "a.b-c"),
        List.copyOf(ast.defs().get(0).properties().members().keySet()));
    Diagnostic d = error("def K a { def: 1 }", Syntax.DSL, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().contains("'def' is a keyword"), d.message());
  }

  @Test
  void dsl_quotedKindAndId_areAnExtension() {
    ManifestAst ast = ok("def \"My Kind\" \"id with space\" \"Name\" {}");
    assertEquals("My Kind", ast.defs().get(0).kind());
    assertEquals("id with space", ast.defs().get(0).id());
    assertEquals("Name", ast.defs().get(0).name().orElseThrow());
  }

  @Test
  void dsl_bodyCommasOptionalButInlineObjectCommasRequired() {
    ManifestAst ast = ok("def K a { x: 1 y: 2, z: [1, 2,], w: {p: 1,}, }");
    assertEquals(4, ast.defs().get(0).properties().size());
    Diagnostic d = error("def K a { x: {a: 1 b: 2} }", Syntax.DSL, Code.E_PARSE_SYNTAX);
    assertEquals("DSL parse error at line 1, col 20: expected one of '}', ',', found identifier 'b'", d.message());
  }

  @Test
  void dsl_directives_onceEachAndMustPrecedeDefinitions() {
    ManifestAst ast = ok("@schema 2 @namespace \"y\" @name \"n\" @version \"1.0.0\"");
    assertEquals(2, ast.schemaVersion());
    assertEquals("y", ast.namespace());
    Diagnostic d = error("@schema 2 @namespace \"x\" @namespace \"y\"", Syntax.DSL, Code.E_PARSE_INVALID_TOKEN);
    assertEquals("DSL parse error at line 1, col 26: duplicate directive @namespace (first at line 1, col 11);"
        + " a directive may appear only once", d.message());
    error("def K a {}\n@name \"late\"", Syntax.DSL, Code.E_PARSE_SYNTAX);
    error("@schema \"1\"", Syntax.DSL, Code.E_PARSE_SYNTAX);
    error("@schema 1.5", Syntax.DSL, Code.E_PARSE_SYNTAX);
    error("@version 1", Syntax.DSL, Code.E_PARSE_SYNTAX);
  }

  @Test
  void dsl_duplicateKeys_refused() {
    Diagnostic d = error("def K a { x: 1, y: 2, \"x\": 3 }", Syntax.DSL, Code.E_PARSE_INVALID_TOKEN);
    assertEquals("DSL parse error at line 1, col 23: duplicate property 'x' (first at line 1, col 11); a property"
        + " may appear only once in a definition", d.message());
  }

  @Test
  void dsl_reservedPropertyKeys_areRejectedWithPosition() {
    for (String k : List.of("kind", "id", "name", "children")) {
      Diagnostic d = error("def K a {\n  " + k + ": \"x\"\n}", Syntax.DSL, Code.E_PARSE_INVALID_TOKEN);
      assertTrue(d.message().startsWith("DSL parse error at line 2, col 3: property key '" + k + "' is reserved"),
          d.message());
    }
    error("def K a { source: {line: 1} }", Syntax.DSL, Code.E_PARSE_INVALID_TOKEN);
    assertEquals("\"lib\"", Canonical.json(prop(ok("def Import lib { source: \"lib\" }"), "source")));
  }

  @Test
  void dsl_severalSyntaxErrors_areCollectedInOnePass() {
    List<Diagnostic> ds = errors("def K a {\n  x: foo\n}\ndef K b {\n  y: 1 2\n}\ndef K c {\n  z: # \n}\n", Syntax.DSL);
    assertTrue(ds.size() >= 3, ds::toString);
    assertEquals(2, ds.get(0).source().orElseThrow().line());
    assertTrue(ds.get(0).message().contains("found identifier 'foo' (strings must be in double quotes)"),
        ds.get(0).message());
    assertTrue(ds.stream().allMatch(d -> d.code() == Code.E_PARSE_SYNTAX));
  }

  @Test
  void dsl_lexicalErrors_haveClearMessages() {
    Diagnostic d = error("def K a { x: \"abc\n}", Syntax.DSL, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().contains("unterminated string"), d.message());
    d = error("# comment\ndef K a {}", Syntax.DSL, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().contains("comments start with //"), d.message());
    d = error("def K a {", Syntax.DSL, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().endsWith("found end of input"), d.message());
  }

  // ---- JSON -------------------------------------------------------------------------------

  @Test
  void json_syntaxError_hasUpstreamPrefixAndPosition() {
    Diagnostic d = error("{\n  \"defs\": [,]\n}", Syntax.JSON, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().startsWith("Invalid JSON at line 2, col 12: "), d.message());
    assertEquals("Manifest root must be a JSON object", error("[1]", Syntax.JSON, Code.E_PARSE_SYNTAX).message());
  }

  @Test
  void json_missingKindOrId_isMissingRequired() {
    Diagnostic d = error("{\"defs\": [{\"id\": \"a\"}]}", Syntax.JSON, Code.E_PARSE_MISSING_REQUIRED);
    assertTrue(d.message().startsWith("Node must have a non-empty 'kind' field"), d.message());
    d = error("{\"defs\": [{\"kind\": \"K\", \"id\": \"\"}]}", Syntax.JSON, Code.E_PARSE_MISSING_REQUIRED);
    assertTrue(d.message().startsWith("Node of kind 'K' must have a non-empty 'id' field"), d.message());
  }

  @Test
  void json_wrongTypes_areInvalidTokensAllReported() {
    List<Diagnostic> ds = errors("{\"schemaVersion\": \"1\", \"namespace\": 5, \"defs\": [{\"kind\": \"K\", \"id\": 5},"
        + " 7, {\"kind\": \"K\", \"id\": \"b\", \"name\": 3, \"children\": {}}]}", Syntax.JSON);
    assertEquals(6, ds.size(), ds::toString);
    assertTrue(ds.stream().allMatch(d -> d.code() == Code.E_PARSE_INVALID_TOKEN), ds::toString);
  }

  @Test
  void json_numbersAndSource_followSpec() {
    ManifestAst ast = ok("{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": 1e5, \"y\": 10, \"z\": 1.0,"
        + " \"source\": {\"file\": \"f.m\", \"line\": 4, \"col\": 2}}]}");
    assertEquals("100000.0", Canonical.json(prop(ast, "x")));
    assertEquals("1.0", Canonical.json(prop(ast, "z")));
    assertEquals(new SourceMap(java.util.Optional.of("f.m"), 4, 2, java.util.Optional.empty()),
        ast.defs().get(0).source().orElseThrow());
    assertFalse(ast.defs().get(0).properties().has("source"));
    error("{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": 1e999}]}", Syntax.JSON, Code.E_PARSE_INVALID_TOKEN);
    error("{\"defs\": [{\"kind\": \"K\", \"id\": \"a\", \"x\": NaN}]}", Syntax.JSON, Code.E_PARSE_SYNTAX);
  }

  // ---- YAML -------------------------------------------------------------------------------

  @Test
  void yaml_core12Typing_differsFromPyYamlAsDocumented() {
    ManifestAst ast = ok("defs:\n  - kind: K\n    id: a\n    a: yes\n    on: x\n    c: 0o17\n    d: 0x1F\n"
        + "    e: 1e5\n    f: 2026-01-01\n    g: ~\n    h: 1_000\n    i: 1:30\n    j: True\n", Syntax.YAML);
    AstNode n = ast.defs().get(0);
    assertEquals("{\"a\":\"yes\",\"c\":15,\"d\":31,\"e\":100000.0,\"f\":\"2026-01-01\",\"g\":null,\"h\":\"1_000\","
        + "\"i\":\"1:30\",\"j\":true,\"on\":\"x\"}", Canonical.json(n.properties()));
  }

  @Test
  void yaml_unsafeOrNonJsonContent_isInvalidToken() {
    error("defs:\n  - {kind: K, id: a, x: .inf}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    error("defs:\n  - {kind: K, id: a, x: .nan}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    error("defs:\n  - {kind: K, id: a, 1: x}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    error("defs:\n  - {kind: K, id: a, null: x}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    error("defs:\n  - {kind: K, id: a, x: !!binary aGVsbG8=}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    error("defs:\n  - {kind: K, id: a, x: !custom 1}\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    Diagnostic d = error("defs:\n  - kind: K\n    id: a\n    ? [1]\n    : x\n", Syntax.YAML, Code.E_PARSE_INVALID_TOKEN);
    assertTrue(d.message().startsWith("Invalid YAML at line 4, col 7: mapping keys must be strings"), d.message());
  }

  @Test
  void yaml_rootAndSyntaxErrors_followSpec() {
    assertEquals("Manifest root must be a YAML mapping", error("- a\n- b\n", Syntax.YAML, Code.E_PARSE_SYNTAX).message());
    assertEquals("Manifest root must be a YAML mapping", error("", Syntax.YAML, Code.E_PARSE_SYNTAX).message());
    Diagnostic d = error("defs: [\n  {kind: K\n", Syntax.YAML, Code.E_PARSE_SYNTAX);
    assertTrue(d.message().startsWith("Invalid YAML at line "), d.message());
    error("a: 1\n---\nb: 2\n", Syntax.YAML, Code.E_PARSE_SYNTAX);
  }

  @Test
  void yaml_anchorsAndAliases_expandWithinLimits() {
    ManifestAst ast = ok("base: &b {x: 1, y: [1, 2]}\ndefs:\n  - {kind: K, id: a, p: *b, q: *b}\n", Syntax.YAML);
    assertEquals("{\"x\":1,\"y\":[1,2]}", Canonical.json(prop(ast, "p")));
    assertEquals(prop(ast, "p"), prop(ast, "q"));
  }

  // ---- formatting -------------------------------------------------------------------------

  @Test
  void format_workedExample_roundTripsInEverySyntax() throws IOException {
    ManifestAst ast = ok(resource("orders.manifest"));
    for (Syntax s : Syntax.values()) {
      String text = Manifests.format(ast, s);
      ManifestAst back = ok(text, s);
      assertEquals(WORKED_HASH, back.astHash(), () -> s + ":\n" + text);
      assertEquals(s, Syntax.detect(text), () -> s + ":\n" + text);
    }
  }

  @Test
  void format_dsl_quotesNamesThatAreNotIdentifiers() {
    ManifestAst ast = ManifestAst.of(List.of(AstNode.of("My Kind", "def", null,
        dev.mpc.json.JsonObject.builder().put("a b", 1).put("null", 2).put("x\"y", "q\n").build(), List.of())));
    String text = Manifests.format(ast, Syntax.DSL);
    assertTrue(text.contains("def \"My Kind\" \"def\" {\n  \"a b\": 1\n  null: 2\n  \"x\\\"y\": \"q\\n\"\n}"), text);
    assertEquals(ast.astHash(), ok(text, Syntax.DSL).astHash());
  }

  /** Regression: snakeyaml wrote strings of only line breaks as block scalars it could not read back. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"\n", "\n\n", "\n \n", "\n      x", " \n x", "a\n", "\r\n",
      "\u2028", "x\u0085y", "\t\nx"})
  void format_yaml_stringsWithLineBreaks_roundTrip(String value) {
    ManifestAst ast = ManifestAst.of(java.util.List.of(dev.mpc.ast.AstNode.of("K", "k", null,
        dev.mpc.json.JsonObject.builder().put("p", value).build(), java.util.List.of())));
    for (Syntax syntax : Syntax.values()) {
      ManifestAst back = Manifests.parseText(Manifests.format(ast, syntax)).orElseThrow();
      org.junit.jupiter.api.Assertions.assertEquals(ast.canonicalJson(), back.canonicalJson(), syntax.name());
    }
  }

  /** Regression: snakeyaml-engine's reader failed when a surrogate pair straddled its 1,024-char buffer. */
  @Test
  void parse_yaml_surrogatePairAtReaderBufferBoundary_parses() {
    String emoji = "\uD83D\uDE00";
    for (int pad = 990; pad <= 1060; pad++) {
      String head = "defs:\n- kind: K\n  id: k\n  p: '";
      String yaml = head + "a".repeat(pad - head.length()) + emoji + "x'\n";
      ManifestAst ast = Manifests.parseText(yaml, Syntax.YAML).orElseThrow();
      assertEquals(JsonString.of("a".repeat(pad - head.length()) + emoji + "x"), ast.defs().get(0).properties().getOrNull("p"));
    }
  }
}
