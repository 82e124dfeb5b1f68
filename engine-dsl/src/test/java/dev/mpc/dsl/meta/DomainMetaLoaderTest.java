package dev.mpc.dsl.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.FunctionDef;
import dev.mpc.meta.KindDef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainMetaLoaderTest {
  static final String ISSUE_EXAMPLE = """
      schema_version: 2
      kinds:
        - name: Defect
          required_props: [title, severity, status, reported_by]
          allowed_types: [string, int, bool, array]
      allowed_events: [create, update, transition, assign]
      allowed_types: [string, int, bool, date, array, object]
      allowed_functions:
        - { name: daysBetween, args: [string, string], returns: int, cost: 2 }
      """;

  private static List<String> problems(String text) {
    Result<DomainMeta> r = DomainMetaLoader.fromText(text, "meta.yaml");
    assertFalse(r.isOk(), "expected problems");
    return r.diagnostics().stream()
        .map(d -> d.code() + " " + d.source().map(s -> s.line() + ":" + s.col()).orElse("-") + " " + d.message())
        .toList();
  }

  @Test
  void load_snakeCaseYaml_asHostsWriteIt() {
    DomainMeta m = DomainMetaLoader.fromText(ISSUE_EXAMPLE).orElseThrow();
    assertEquals(2, m.schemaVersion());
    assertEquals(new KindDef("Defect", List.of("title", "severity", "status", "reported_by"), List.of(),
        List.of("string", "int", "bool", "array"), Optional.empty()), m.kinds().get(0));
    assertEquals(List.of("create", "update", "transition", "assign"), m.allowedEvents());
    assertEquals(new FunctionDef("daysBetween", List.of("string", "string"), "int", 2), m.allowedFunctions().get(0));
  }

  @Test
  void load_camelCaseJson_sameMeta() {
    String json = """
        {"schemaVersion": 2,
         "kinds": [{"name": "Defect", "requiredProps": ["title", "severity", "status", "reported_by"],
                    "allowedTypes": ["string", "int", "bool", "array"]}],
         "allowedEvents": ["create", "update", "transition", "assign"],
         "allowedTypes": ["string", "int", "bool", "date", "array", "object"],
         "allowedFunctions": [{"name": "daysBetween", "args": ["string", "string"], "returns": "int", "cost": 2}]}
        """;
    assertEquals(DomainMetaLoader.fromText(ISSUE_EXAMPLE).orElseThrow(), DomainMetaLoader.fromText(json).orElseThrow());
  }

  @Test
  void load_roundTripsThroughToJson() {
    DomainMeta m = DomainMetaLoader.fromText(ISSUE_EXAMPLE).orElseThrow();
    assertEquals(m, DomainMetaLoader.fromText(m.toJson().toString()).orElseThrow());
  }

  @Test
  void load_unknownKeys_namedWithTheirLine() {
    List<String> p = problems("""
        schema_version: 1
        kinds:
          - name: A
            required_prop: [x]
        colour: blue
        """);
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("E_PARSE_INVALID_TOKEN 4:5 Unknown key 'required_prop' in DomainMeta kind at line 4"),
        p.get(0));
    assertTrue(p.get(1).startsWith("E_PARSE_INVALID_TOKEN 5:1 Unknown key 'colour' in DomainMeta at line 5 (allowed: "
        + "schemaVersion, schema_version, kinds, allowedTypes, allowed_types"), p.get(1));
  }

  @Test
  void load_bothSpellings_typeErrors_missingNames_allInOnePass() {
    List<String> p = problems("""
        schemaVersion: 1
        schema_version: 2
        kinds:
          - required_props: x
          - 5
        allowed_functions:
          - {name: f, cost: cheap}
        """);
    assertEquals(List.of(
        "E_PARSE_INVALID_TOKEN 2:1 Key 'schema_version' at line 2 repeats 'schemaVersion' (same key, other spelling)",
        "E_META_TYPE_NOT_ALLOWED 3:1 DomainMeta 'kinds[1]' must be a mapping (object), found int (line 3)",
        "E_META_MISSING_REQUIRED_FIELD 4:5 DomainMeta kind at line 4 has no name",
        "E_META_TYPE_NOT_ALLOWED 4:5 DomainMeta 'kinds[0].requiredProps' must be a list of strings (line 4)",
        "E_META_TYPE_NOT_ALLOWED 7:15 DomainMeta 'allowedFunctions[0].cost' must be an integer (line 7)"), p);
  }

  @Test
  void load_inconsistentMeta_problemsCarryPositions() {
    List<String> p = problems("""
        kinds:
          - name: A
          - name: A
            allowed_types: [strng]
        allowed_functions:
          - {name: f, args: [nope], cost: -1}
        """);
    assertEquals(List.of(
        "E_VALID_DUPLICATE_DEF 3:5 Kind 'A' is declared more than once",
        "E_META_TYPE_NOT_ALLOWED 4:5 kind 'A' allowedTypes: unknown type 'strng' (known: any, array, bool, date, "
            + "float, int, null, number, object, string, and unions a|b); did you mean 'string'?",
        "E_META_TYPE_NOT_ALLOWED 6:15 function 'f' args: unknown type 'nope' (known: any, array, bool, date, float, "
            + "int, null, number, object, string, and unions a|b)",
        "E_PARSE_INVALID_TOKEN 6:29 Function 'f': cost must be >= 0, got -1"), p);
  }

  @Test
  void load_attributeTypes_yamlAndJson_roundTripThroughToJson() {
    DomainMeta m = DomainMetaLoader.fromText("""
        kinds:
          - name: order
            attributes: { total: int, status: string, note: "string|null" }
        """).orElseThrow();
    KindDef order = m.kind("order").orElseThrow();
    assertEquals(List.of("total", "status", "note"), List.copyOf(order.attributes().keySet()), "declaration order");
    assertEquals("string|null", order.attributes().get("note"));
    assertEquals(m, DomainMetaLoader.fromText(m.toJson().toString()).orElseThrow());
    assertEquals(m, DomainMeta.fromJson(m.toJson()).orElseThrow());
  }

  /** The hashes (metaHash, and the hash of the full JSON form) of the example metas before attribute types existed. */
  @Test
  void exampleMetas_withoutAttributes_hashAsBefore() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("..", "examples", "manifests");
    String[][] pinned = {
        {"order-meta.yaml", "a389f738ebda25b104616579da35d80d81bcac90db0c8058c15e53534997f692",
            "9aad7be537daf99d2973a9ff80423fef10e1295b2160ef0fdc89d21ab017d457"},
        {"order-meta-v2.yaml", "535cc16c6f5421494b34c15a911bbc2fca92b35dd2c0ea7149bf896d193b792b",
            "be3f81f37b212645126da5e0977cb0cd39c9a10163b25671990dc4317d2786f4"},
        {"order-access-meta.yaml", "ab14ca511284c51db1e21626a30fc3af53f5577d3538fc72fe30e611afa9eaf2",
            "9b17383690e1eef69ffc0701fed9b70672a879c25a015ee4770dc3f239ddc1f1"}};
    for (String[] p : pinned) {
      DomainMeta m = DomainMetaLoader.load(dir.resolve(p[0])).orElseThrow();
      assertEquals(p[1], m.hash(), p[0]);
      assertEquals(p[2], dev.mpc.json.Canonical.stableHash(m.toJson()), p[0]);
    }
  }

  @Test
  void load_badAttributeTypes_codedWithPositionsAndSuggestions() {
    String order = """
        kinds:
          - name: order
            attributes:
              total: integer
              tags: list
              note: string?
              owner: strng
              a.b: int
        """;
    String known = " (known: any, array, bool, date, float, int, null, number, object, string, and unions a|b)";
    assertEquals(List.of(
        "E_META_TYPE_NOT_ALLOWED 4:7 kind 'order' attribute 'total': unknown type 'integer'" + known
            + "; did you mean 'int'?",
        "E_META_TYPE_NOT_ALLOWED 5:7 kind 'order' attribute 'tags': unknown type 'list'" + known
            + "; did you mean 'array'?",
        "E_META_TYPE_NOT_ALLOWED 6:7 kind 'order' attribute 'note': unknown type 'string?'" + known
            + "; did you mean 'string|null'?",
        "E_META_TYPE_NOT_ALLOWED 7:7 kind 'order' attribute 'owner': unknown type 'strng'" + known
            + "; did you mean 'string'?",
        "E_PARSE_INVALID_TOKEN 8:7 Kind 'order': attribute name 'a.b' must be one non-empty path segment (no '.')"),
        problems(order));
    assertEquals(List.of(
        "E_META_TYPE_NOT_ALLOWED 9:7 DomainMeta 'kinds[0].attributes.count' must be a type name, found int (line 9)",
        "E_META_TYPE_NOT_ALLOWED 11:5 DomainMeta 'kinds[1].attributes' must be a mapping of attribute names to type"
            + " names (line 11)"),
        problems(order + "      count: 3\n  - name: invoice\n    attributes: [total]\n"),
        "shape errors first: the meta is not built");
  }

  @Test
  void load_syntaxErrorsAndWrongRoot_coded() {
    Diagnostic d = DomainMetaLoader.fromText("kinds: [\n", "m.yaml").diagnostics().get(0);
    assertEquals(Code.E_PARSE_SYNTAX, d.code());
    assertEquals("m.yaml", d.source().orElseThrow().file().orElseThrow());
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, DomainMetaLoader.fromText("[1, 2]").diagnostics().get(0).code());
    assertEquals(Code.E_PARSE_SYNTAX, DomainMetaLoader.fromText("{\"kinds\": }").diagnostics().get(0).code());
  }

  @Test
  void load_defaults() {
    DomainMeta m = DomainMetaLoader.fromText("kinds:\n  - name: A\nallowed_functions:\n  - name: f\n").orElseThrow();
    assertEquals(1, m.schemaVersion());
    assertEquals(new FunctionDef("f", List.of(), "any", 1), m.allowedFunctions().get(0));
    assertEquals(DomainMeta.EMPTY, DomainMetaLoader.fromText("{}").orElseThrow());
  }

  // ---- issue 9: every input gives a coded result

  @Test
  void fromText_emptyWhitespaceOrCommentOnly_isCodedMissing() {
    for (String text : List.of("", "   \n\t\n", "# just a comment\n# another\n", "\uFEFF", "---\n", "null\n")) {
      Result<DomainMeta> r = DomainMetaLoader.fromText(text, "meta.yaml");
      assertFalse(r.isOk(), text);
      Diagnostic d = r.diagnostics().get(0);
      assertEquals(Code.E_META_MISSING_REQUIRED_FIELD, d.code(), text + " -> " + d.message());
      assertTrue(d.message().startsWith("DomainMeta is empty"), d.message());
      assertEquals(1, d.source().orElseThrow().line());
      assertEquals("meta.yaml", d.source().orElseThrow().file().orElseThrow());
    }
  }

  @Test
  void fromText_pastParseLimits_isCodedLimitError() {
    String deep = "{\"kinds\":" + "[".repeat(600) + "]".repeat(600) + "}";
    assertEquals(Code.E_QUOTA_EXCEEDED, DomainMetaLoader.fromText(deep).diagnostics().get(0).code());
    String deepYaml = "kinds: " + "[".repeat(600) + "]".repeat(600) + "\n";
    assertEquals(Code.E_QUOTA_EXCEEDED, DomainMetaLoader.fromText(deepYaml).diagnostics().get(0).code());
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append('a').append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        bomb.append(j > 0 ? ", " : "").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    Result<DomainMeta> r = DomainMetaLoader.fromText(bomb.toString());
    assertFalse(r.isOk());
    assertEquals(Code.E_QUOTA_EXCEEDED, r.diagnostics().get(0).code());
    assertEquals(Code.E_PARSE_INVALID_TOKEN, DomainMetaLoader.fromText("a: &a [1, *a]\n").diagnostics().get(0).code());
  }

  @Test
  void fromText_ofAFileName_saysItIsNotAMapping() {
    Diagnostic d = DomainMetaLoader.fromText("meta.yaml").diagnostics().get(0);
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, d.code());
    assertTrue(d.message().contains("must be a mapping"), d.message());
  }

  @Test
  void load_path_readsFilesAndReportsBadContentCoded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path f = dir.resolve("meta.yaml");
    java.nio.file.Files.writeString(f, "kinds:\n  - name: A\n");
    assertEquals(1, DomainMetaLoader.load(f).orElseThrow().kinds().size());
    java.nio.file.Files.writeString(f, "# nothing here\n");
    assertEquals(Code.E_META_MISSING_REQUIRED_FIELD, DomainMetaLoader.load(f).diagnostics().get(0).code());
  }
}
