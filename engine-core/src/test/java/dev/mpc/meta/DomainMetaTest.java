package dev.mpc.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainMetaTest {

  /** The DomainMeta of pipeline.md §8.8. */
  static DomainMeta workedExample() {
    return DomainMeta.builder()
        .kind("Policy", "effect").kind("Condition", "expr").kind("Workflow", "initial", "states", "transitions")
        .kind("Entity")
        .allowedEvents("order.update")
        .function("len", List.of("string|array"), "int", 2)
        .build();
  }

  @Test
  void hash_workedExample_matchesUpstream() {
    assertEquals("a389f738ebda25b104616579da35d80d81bcac90db0c8058c15e53534997f692", workedExample().hash());
    assertEquals("28f09d4ef9fe5a3179780809aacb1c81f4d527a04568b021df66271f9a2cef96", DomainMeta.EMPTY.hash());
  }

  @Test
  void hash_excludesOptionalPropsAndAggregate_likeUpstream() {
    DomainMeta a = DomainMeta.builder().kind(KindDef.of("K", "a")).build();
    DomainMeta b = DomainMeta.builder()
        .kind(new KindDef("K", List.of("a"), List.of("b"), List.of(), Optional.of("agg"))).build();
    assertEquals(a.hash(), b.hash());
    assertTrue(b.toJson().toString().contains("\"optionalProps\":[\"b\"]"));
  }

  @Test
  void builder_inconsistentMeta_failsListingEveryProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainMeta.builder()
        .schemaVersion(0)
        .kind("K", "a", "a").kind("K")
        .kind(new KindDef("T", List.of("x"), List.of("x"), List.of("strng"), Optional.empty()))
        .function("f", List.of("int|nope"), "int", -1).function("f", List.of(), "any", 1)
        .build());
    String m = e.getMessage();
    for (String expected : List.of("schemaVersion must be at least 1", "Kind 'K' is declared more than once",
        "kind 'K' requiredProps: 'a' is listed more than once", "property 'x' is both required and optional",
        "unknown type 'strng'", "unknown type 'int|nope'", "cost must be >= 0", "Function 'f' is declared more than once")) {
      assertTrue(m.contains(expected), () -> expected + " missing in " + m);
    }
  }

  @Test
  void lookups_firstMatch() {
    DomainMeta m = workedExample();
    assertEquals(List.of("effect"), m.kind("Policy").orElseThrow().requiredProps());
    assertTrue(m.kind("Nope").isEmpty());
    assertEquals(2, m.function("len").orElseThrow().cost());
  }

  @Test
  void typeNames_unionsAndVocabulary() {
    assertTrue(TypeNames.isValid("string|array"));
    assertTrue(TypeNames.isValid("number"));
    assertFalse(TypeNames.isValid("decimal"));
    assertFalse(TypeNames.isValid("string|"));
    assertEquals(List.of("string", "array"), TypeNames.members("string | array"));
  }

  @Test
  void lookups_areIndexed_firstDeclarationWins_equalityByComponents() {
    KindDef first = KindDef.of("A", "x");
    DomainMeta m = new DomainMeta(1, List.of(first, KindDef.of("B"), KindDef.of("A", "y")), List.of(),
        List.of("create", "update"), List.of(new FunctionDef("f", List.of(), "int", 1), new FunctionDef("f", List.of(), "string", 1)));
    assertEquals(Optional.of(first), m.kind("A"));
    assertEquals(Optional.empty(), m.kind("C"));
    assertEquals("int", m.function("f").orElseThrow().returns());
    assertTrue(m.allowsEvent("update"));
    assertFalse(m.allowsEvent("delete"));
    DomainMeta same = new DomainMeta(1, List.of(first, KindDef.of("B"), KindDef.of("A", "y")), List.of(),
        List.of("create", "update"), m.allowedFunctions());
    assertEquals(m, same);
    assertEquals(m.hashCode(), same.hashCode());
    assertFalse(m.equals(DomainMeta.EMPTY));
  }

  /** A kind declaring attribute types for its objects. */
  static DomainMeta withOrderAttributes() {
    return DomainMeta.builder().kind("Policy", "effect")
        .attributes("order", Map.of("total", "int"))
        .attributes("order", Map.of("status", "string|null"))
        .build();
  }

  @Test
  void attributes_jsonRoundTrip_inToJsonAndHashForm() {
    DomainMeta m = withOrderAttributes();
    KindDef order = m.kind("order").orElseThrow();
    assertEquals(Map.of("total", "int", "status", "string|null"), order.attributes());
    assertEquals(List.of(), order.requiredProps(), "an object type need not be a definition kind");
    String kinds = m.toJson().getOrNull("kinds").toString();
    assertTrue(kinds.contains("\"attributes\":{\"status\":\"string|null\",\"total\":\"int\"}"), kinds);
    assertTrue(m.hashForm().getOrNull("kinds").toString().contains("\"attributes\""));
    assertEquals(m, DomainMeta.fromJson(m.toJson()).orElseThrow());
    assertEquals(m, DomainMeta.fromJson(Json.parse(m.toJson().toString()).orElseThrow()).orElseThrow());
    assertEquals(m.hash(), DomainMeta.fromJson(m.toJson()).orElseThrow().hash());
  }

  @Test
  void attributes_absent_hashAndJsonExactlyAsBefore() {
    DomainMeta plain = DomainMeta.builder().kind("Policy", "effect").kind("order").build();
    assertFalse(plain.toJson().toString().contains("attributes"));
    assertFalse(plain.hashForm().toString().contains("attributes"));
    // pinned before attribute types existed (upstream's hash of the worked example)
    assertEquals("a389f738ebda25b104616579da35d80d81bcac90db0c8058c15e53534997f692", workedExample().hash());
    DomainMeta typed = DomainMeta.builder().kind("Policy", "effect").attributes("order", Map.of("total", "int"))
        .build();
    assertFalse(plain.hash().equals(typed.hash()), "attribute types type expressions: part of the identity");
    DomainMeta cleared = new DomainMeta(1, List.of(KindDef.of("Policy", "effect"),
        typed.kind("order").orElseThrow().withAttributes(Map.of())), List.of(), List.of(), List.of());
    assertEquals(plain.hash(), cleared.hash(), "empty attributes = undeclared");
    assertEquals(plain.toJson(), cleared.toJson());
  }

  @Test
  void attributes_problems_codedWithPathsAndSuggestions() {
    DomainMeta bad = new DomainMeta(1, List.of(KindDef.of("order").withAttributes(Map.of("total", "integer"))),
        List.of(), List.of(), List.of());
    List<Diagnostic> ds = bad.problems();
    assertEquals(1, ds.size(), ds.toString());
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, ds.get(0).code());
    assertEquals("kinds[0].attributes.total", ds.get(0).path().orElseThrow());
    assertTrue(ds.get(0).message().startsWith("kind 'order' attribute 'total': unknown type 'integer'"));
    assertTrue(ds.get(0).message().endsWith("; did you mean 'int'?"), ds.get(0).message());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainMeta.builder()
        .attributes("order", Map.of("", "int", "a.b", "int", "x", "map", "y", "bool?", "z", "nonsense")).build());
    String m = e.getMessage();
    for (String expected : List.of("attribute name '' must be one non-empty path segment",
        "attribute name 'a.b' must be one non-empty path segment", "'map' (known:", "did you mean 'object'?",
        "did you mean 'bool|null'?", "unknown type 'nonsense'")) {
      assertTrue(m.contains(expected), () -> expected + " missing in " + m);
    }
    assertFalse(m.contains("'nonsense' (known: any, array, bool, date, float, int, null, number, object, string, and"
        + " unions a|b); did"), "no suggestion for a name that is nothing like a type");
    assertTrue(DomainMeta.fromJson(Json.parse("{\"kinds\":[{\"name\":\"o\",\"attributes\":[\"x\"]}]}")
        .orElseThrow()).diagnostics().get(0).message().contains("attributes must be an object"));
    assertTrue(DomainMeta.fromJson(Json.parse("{\"kinds\":[{\"name\":\"o\",\"attributes\":{\"x\":1}}]}")
        .orElseThrow()).diagnostics().get(0).message().contains("attribute 'x' type must be a string"));
  }

  @Test
  void typeNames_suggestionsAndCoverage() {
    assertEquals(Optional.of("bool"), TypeNames.suggestion("boolean"));
    assertEquals(Optional.of("int|array"), TypeNames.suggestion("integer|list"));
    assertEquals(Optional.of("date|null"), TypeNames.suggestion("datetime?"));
    assertEquals(Optional.of("number"), TypeNames.suggestion("nuber"));
    assertEquals(Optional.empty(), TypeNames.suggestion("int"), "valid: nothing to suggest");
    assertEquals(Optional.empty(), TypeNames.suggestion("int|wibble"));
    assertTrue(TypeNames.covers("int|null", "int"));
    assertTrue(TypeNames.covers("number", "float"));
    assertTrue(TypeNames.covers("any", "object|null"));
    assertFalse(TypeNames.covers("int", "number"));
    assertFalse(TypeNames.covers("string", "date"), "a date is a string at run time, but not for this");
  }
}
