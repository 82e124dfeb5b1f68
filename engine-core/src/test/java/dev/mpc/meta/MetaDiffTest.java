package dev.mpc.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaDiffTest {

  private static KindDef kind(String name, List<String> req, List<String> opt, List<String> types) {
    return new KindDef(name, req, opt, types, Optional.empty());
  }

  private static List<String> lines(MetaDiff d) {
    return d.changes().stream().map(c -> (c.breaking() ? "B " : "N ") + c.message()).toList();
  }

  @Test
  void between_identical_noChangesNoBump() {
    MetaDiff d = MetaDiff.between(DomainMetaTest.workedExample(), DomainMetaTest.workedExample());
    assertTrue(d.changes().isEmpty());
    assertEquals(MetaDiff.Bump.NONE, d.requiredBump());
    assertTrue(d.versionBumpSufficient());
  }

  @Test
  void between_kindChanges_classified() {
    DomainMeta old = DomainMeta.builder()
        .kind(kind("Defect", List.of("title", "severity"), List.of("note", "owner"), List.of("string", "int")))
        .kind(KindDef.of("Gone"))
        .build();
    DomainMeta neu = DomainMeta.builder().schemaVersion(1)
        .kind(kind("Defect", List.of("title", "status", "owner"), List.of("severity", "tags"), List.of("string", "bool")))
        .kind(KindDef.of("Fresh"))
        .build();
    MetaDiff d = MetaDiff.between(old, neu);
    assertEquals(List.of(
        "B Kind 'Defect': property 'owner' became required",
        "B Kind 'Defect': required property 'status' added",
        "B Kind 'Defect': property 'note' removed",
        "N Kind 'Defect': property 'severity' became optional",
        "N Kind 'Defect': optional property 'tags' added",
        "B Kind 'Defect': allowed type 'int' removed",
        "N Kind 'Defect': allowed type 'bool' added",
        "B Kind 'Gone' removed",
        "N Kind 'Fresh' added"), lines(d));
    assertEquals(MetaDiff.Bump.MAJOR, d.requiredBump());
    assertFalse(d.versionBumpSufficient());
    assertTrue(d.diagnostics().stream().allMatch(x -> x.code() == Code.E_META_BREAKING_CHANGE
        && x.severity() == Severity.ERROR));
  }

  @Test
  void between_emptyListMeansUnrestricted() {
    DomainMeta open = DomainMeta.builder().kind(kind("K", List.of(), List.of(), List.of())).build();
    DomainMeta closed = DomainMeta.builder().schemaVersion(2)
        .kind(kind("K", List.of(), List.of(), List.of("string"))).allowedEvents("a").build();
    assertEquals(List.of("B Kind 'K': allowed types restricted to ['string']", "B Allowed events restricted to ['a']"),
        lines(MetaDiff.between(open, closed)));
    assertEquals(List.of("B schemaVersion decreased from 2 to 1", "N Kind 'K': allowed types no longer restricted",
        "N Allowed events no longer restricted"),
        lines(MetaDiff.between(closed, open)));
  }

  @Test
  void between_functions_upstreamMessagesAndCostDirection() {
    DomainMeta old = DomainMeta.builder().function("a", List.of("int"), "int", 1).function("b", List.of(), "any", 5)
        .function("gone", List.of(), "any", 1).build();
    DomainMeta neu = DomainMeta.builder().schemaVersion(2).function("a", List.of("string"), "bool", 3)
        .function("b", List.of(), "any", 2).function("new", List.of(), "any", 1).build();
    MetaDiff d = MetaDiff.between(old, neu);
    assertEquals(List.of("B Function 'gone' removed", "N Function 'new' added",
        "B Function 'a': args changed from ['int'] to ['string']",
        "B Function 'a': return type changed from 'int' to 'bool'",
        "B Function 'a': cost changed from 1 to 3",
        "N Function 'b': cost changed from 5 to 2"), lines(d));
    assertTrue(d.versionBumpSufficient(), "schemaVersion 1 -> 2 covers breaking changes");
    assertTrue(d.diagnostics().stream().allMatch(x -> x.severity() == Severity.WARN));
    assertEquals("required version bump: major (schema_version must be higher than 1); schema_version 1 -> 2 (ok)",
        d.report().get(d.report().size() - 1));
  }

  @Test
  void between_onlyAdditions_minorBump_andVersionDecreaseIsBreaking() {
    DomainMeta old = DomainMeta.builder().schemaVersion(3).allowedTypes("string").build();
    DomainMeta neu = DomainMeta.builder().schemaVersion(3).allowedTypes("string", "int").allowedEvents().build();
    MetaDiff d = MetaDiff.between(old, neu);
    assertEquals(List.of("N Global allowed type 'int' added"), lines(d));
    assertEquals(MetaDiff.Bump.MINOR, d.requiredBump());
    MetaDiff down = MetaDiff.between(old, DomainMeta.builder().schemaVersion(2).allowedTypes("string").build());
    assertEquals(List.of("B schemaVersion decreased from 3 to 2"), lines(down));
  }

  private static DomainMeta attrs(Map<String, String> order, Map<String, String> invoice) {
    DomainMeta.Builder b = DomainMeta.builder().kind("Policy", "effect");
    if (!order.isEmpty()) {
      b.attributes("order", order);
    }
    if (!invoice.isEmpty()) {
      b.attributes("invoice", invoice);
    }
    return b.build();
  }

  @Test
  void between_attributeTypes_declaringClosesTheShape_removingOrNarrowingBreaks() {
    DomainMeta none = attrs(Map.of(), Map.of());
    MetaDiff declared = MetaDiff.between(none, attrs(Map.of("total", "int", "status", "string"), Map.of()));
    assertEquals(List.of("N Kind 'order' added",
        "B Kind 'order': attribute types declared for ['status', 'total'] (object.attributes becomes a closed shape)"),
        lines(declared));
    assertEquals(MetaDiff.Bump.MAJOR, declared.requiredBump());

    DomainMeta v1 = attrs(Map.of("total", "int", "status", "string", "note", "string"), Map.of("due", "date"));
    DomainMeta v2 = attrs(Map.of("total", "int|null", "status", "bool", "owner", "string"), Map.of());
    assertEquals(List.of(
        "B Kind 'order': attribute 'note' removed",
        "B Kind 'order': attribute 'status' type changed from 'string' to 'bool'",
        "N Kind 'order': attribute 'total' type widened from 'int' to 'int|null'",
        "N Kind 'order': attribute 'owner' added",
        "B Kind 'invoice' removed"), lines(MetaDiff.between(v1, v2)));

    DomainMeta v3 = attrs(Map.of("total", "number", "status", "string", "note", "string", "tags", "array"),
        Map.of("due", "date"));
    MetaDiff widening = MetaDiff.between(v1, v3);
    assertEquals(List.of("N Kind 'order': attribute 'total' type widened from 'int' to 'number'",
        "N Kind 'order': attribute 'tags' added"), lines(widening));
    assertEquals(MetaDiff.Bump.MINOR, widening.requiredBump());
    assertEquals(List.of("B Kind 'order': attribute 'tags' removed",
        "B Kind 'order': attribute 'total' type changed from 'number' to 'int'"), lines(MetaDiff.between(v3, v1)));

    MetaDiff dropped = MetaDiff.between(v1, attrs(Map.of(), Map.of("due", "date")));
    assertEquals(List.of("B Kind 'order' removed"), lines(dropped), "a kind that was only an object type, removed");
    DomainMeta keptKind = DomainMeta.builder().kind("Policy", "effect").kind("order")
        .attributes("invoice", Map.of("due", "date")).build();
    assertEquals(List.of("N Kind 'order': attribute types no longer declared"), lines(MetaDiff.between(v1, keptKind)),
        "back to any: nothing that compiled stops compiling");
    assertTrue(MetaDiff.between(v1, v1).changes().isEmpty());
  }
}
