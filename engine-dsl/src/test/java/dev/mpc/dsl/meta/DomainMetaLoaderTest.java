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
    Result<DomainMeta> r = DomainMetaLoader.load(text, "meta.yaml");
    assertFalse(r.isOk(), "expected problems");
    return r.diagnostics().stream()
        .map(d -> d.code() + " " + d.source().map(s -> s.line() + ":" + s.col()).orElse("-") + " " + d.message())
        .toList();
  }

  @Test
  void load_snakeCaseYaml_asHostsWriteIt() {
    DomainMeta m = DomainMetaLoader.load(ISSUE_EXAMPLE).orElseThrow();
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
    assertEquals(DomainMetaLoader.load(ISSUE_EXAMPLE).orElseThrow(), DomainMetaLoader.load(json).orElseThrow());
  }

  @Test
  void load_roundTripsThroughToJson() {
    DomainMeta m = DomainMetaLoader.load(ISSUE_EXAMPLE).orElseThrow();
    assertEquals(m, DomainMetaLoader.load(m.toJson().toString()).orElseThrow());
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
            + "float, int, null, number, object, string, and unions a|b)",
        "E_META_TYPE_NOT_ALLOWED 6:15 function 'f' args: unknown type 'nope' (known: any, array, bool, date, float, "
            + "int, null, number, object, string, and unions a|b)",
        "E_PARSE_INVALID_TOKEN 6:29 Function 'f': cost must be >= 0, got -1"), p);
  }

  @Test
  void load_syntaxErrorsAndWrongRoot_coded() {
    Diagnostic d = DomainMetaLoader.load("kinds: [\n", "m.yaml").diagnostics().get(0);
    assertEquals(Code.E_PARSE_SYNTAX, d.code());
    assertEquals("m.yaml", d.source().orElseThrow().file().orElseThrow());
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, DomainMetaLoader.load("[1, 2]").diagnostics().get(0).code());
    assertEquals(Code.E_PARSE_SYNTAX, DomainMetaLoader.load("{\"kinds\": }").diagnostics().get(0).code());
  }

  @Test
  void load_defaults() {
    DomainMeta m = DomainMetaLoader.load("kinds:\n  - name: A\nallowed_functions:\n  - name: f\n").orElseThrow();
    assertEquals(1, m.schemaVersion());
    assertEquals(new FunctionDef("f", List.of(), "any", 1), m.allowedFunctions().get(0));
    assertEquals(DomainMeta.EMPTY, DomainMetaLoader.load("{}").orElseThrow());
  }
}
