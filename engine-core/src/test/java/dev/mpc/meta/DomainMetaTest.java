package dev.mpc.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
