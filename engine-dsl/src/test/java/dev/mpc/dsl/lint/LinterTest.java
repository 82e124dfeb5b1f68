package dev.mpc.dsl.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.meta.DomainMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every lint finding has a manifest that produces it and a near miss that does not; the example
 * manifests and the upstream fixtures' manifests produce no false positive.
 */
class LinterTest {
  static final DomainMeta META = DomainMeta.builder().kind("Policy").kind("ACL").kind("Role").kind("Workflow").build();

  static List<Diagnostic> lint(String body) {
    ManifestAst ast = Manifests.parseText("@schema 1\n@namespace \"t\"\n" + body, Syntax.DSL).orElseThrow();
    return Linter.lint(ast, META);
  }

  static List<Code> codes(String body) {
    return lint(body).stream().map(Diagnostic::code).toList();
  }

  @Test
  void shadowedRule_andItsNearMiss() {
    String roles = "def Role viewer { inherits: [] }\ndef Role editor { inherits: [\"viewer\"] }\n";
    List<Diagnostic> d = lint(roles
        + "def ACL wide { action: \"read\", resource: \"doc\", roles: [\"viewer\"], priority: 10 }\n"
        + "def ACL narrow { action: \"read\", resource: \"doc\", roles: [\"editor\"], effect: \"deny\" }\n");
    assertEquals(List.of(Code.W_LINT_SHADOWED_RULE), d.stream().map(Diagnostic::code).toList(), d.toString());
    assertEquals(6, d.get(0).source().orElseThrow().line(), "at the shadowed rule (narrow)");
    assertEquals(Severity.WARN, d.get(0).severity());
    assertTrue(((JsonString) d.get(0).details().getOrNull("hint")).value().contains("priority"));
    // near miss: the wider rule has a condition, so the narrow one can still decide
    assertEquals(List.of(), codes(roles
        + "def ACL wide { action: \"read\", resource: \"doc\", roles: [\"viewer\"], priority: 10,"
        + " condition: { expr: \"object.attributes.open == true\" } }\n"
        + "def ACL narrow { action: \"read\", resource: \"doc\", roles: [\"editor\"], effect: \"deny\" }\n"));
  }

  @Test
  void unreachableRule_andItsNearMiss() {
    assertEquals(List.of(Code.W_LINT_UNREACHABLE_RULE), codes(
        "def Policy p { effect: \"allow\", match: { event: \"order.update\" } }\n"));
    assertEquals(List.of(), codes("def Policy p { effect: \"allow\", match: { name: \"order.update\" } }\n"));
    assertEquals(List.of(), codes("def Policy p { effect: \"allow\", match: { missing: null } }\n"),
        "a null expectation matches a missing field");
  }

  @Test
  void ambiguousPriority_andItsNearMiss() {
    assertEquals(List.of(Code.W_LINT_AMBIGUOUS_PRIORITY), codes(
        "def Policy a { effect: \"allow\", priority: 5, match: { \"object.type\": \"doc\" } }\n"
        + "def Policy d { effect: \"deny\", priority: 5 }\n"));
    assertEquals(List.of(), codes(
        "def Policy a { effect: \"allow\", priority: 5, match: { \"object.type\": \"doc\" } }\n"
        + "def Policy d { effect: \"deny\", priority: 5, match: { \"object.type\": \"img\" } }\n"), "disjoint");
    assertEquals(List.of(Code.W_LINT_AMBIGUOUS_PRIORITY), codes(
        "def ACL a { action: \"read\", resource: \"doc\", roles: [\"x\"] }\n"
        + "def ACL b { action: \"read\", resource: \"doc\", roles: [\"x\"], effect: \"deny\" }\n"));
    assertEquals(List.of(), codes(
        "def ACL a { action: \"read\", resource: \"doc\", roles: [\"x\"] }\n"
        + "def ACL b { action: \"read\", resource: \"doc\", roles: [\"y\"], effect: \"deny\" }\n"), "other roles");
  }

  @Test
  void unusedAndUndeclaredRoles_andTheirNearMisses() {
    assertEquals(List.of(Code.W_LINT_UNUSED_ROLE), codes("def Role ghost { inherits: [] }\n"
        + "def Role viewer { inherits: [] }\ndef ACL r { action: \"read\", resource: \"doc\", roles: [\"viewer\"] }\n"));
    assertEquals(List.of(), codes("def Role viewer { inherits: [] }\ndef Role admin { inherits: [\"viewer\"] }\n"
        + "def ACL r { action: \"read\", resource: \"doc\", roles: [\"viewer\"] }\n"), "a composite role grants its parts");
    assertEquals(List.of(Code.W_LINT_UNDECLARED_ROLE), codes("def Role viewer { inherits: [] }\n"
        + "def ACL r { action: \"read\", resource: \"doc\", roles: [\"veiwer\"] }\n"
        + "def ACL s { action: \"update\", resource: \"doc\", roles: [\"viewer\"] }\n"));
    assertEquals(List.of(), codes("def ACL r { action: \"read\", resource: \"doc\", roles: [\"anything\"] }\n"),
        "no Role definitions: roles are the host's");
  }

  @Test
  void constantConditions_andTheirNearMisses() {
    assertEquals(List.of(Code.W_LINT_CONSTANT_CONDITION), codes(
        "def Policy p { effect: \"allow\", condition: \"1 + 1 == 2\" }\n"));
    assertEquals(List.of(), codes("def Policy p { effect: \"allow\", condition: \"len(actor.id) > 0\" }\n"));
    assertEquals(List.of(Code.W_LINT_CONSTANT_CONDITION), codes("def Workflow w { initial: \"a\", states: [\"a\", \"b\"],"
        + " transitions: [{from: \"a\", on: \"go\", to: \"b\", guard: \"true\"}] }\n"));
    assertEquals(List.of(), codes("def Workflow w { initial: \"a\", states: [\"a\", \"b\"],"
        + " transitions: [{from: \"a\", on: \"go\", to: \"b\", guard: \"vars.ok == true\"}] }\n"));
  }

  @Test
  void unfirableTransitions_andTheirNearMisses() {
    List<Diagnostic> d = lint("def Workflow w { initial: \"a\", states: [\"a\", \"b\", \"c\"], transitions: ["
        + "{from: \"a\", on: \"go\", to: \"b\"}, {from: \"a\", on: \"go\", to: \"c\"}] }\n");
    assertEquals(List.of(Code.W_LINT_UNFIRABLE_TRANSITION), d.stream().map(Diagnostic::code).toList());
    assertTrue(d.get(0).message().contains("Transition 2 (a on go)"), d.get(0).message());
    assertEquals(List.of(), codes("def Workflow w { initial: \"a\", states: [\"a\", \"b\", \"c\"], transitions: ["
        + "{from: \"a\", on: \"go\", to: \"b\", guard: \"vars.fast == true\"}, {from: \"a\", on: \"go\", to: \"c\"}] }\n"));
  }

  @Test
  void theValidator_reportsFindingsOnRequest() {
    ManifestAst ast = Manifests.parseText("@schema 1\n@namespace \"t\"\ndef Policy p { effect: \"allow\", match: {"
        + " event: \"x\" } }\n", Syntax.DSL).orElseThrow();
    assertEquals(List.of(), Validator.builder().meta(META).build().validate(ast), "off by default");
    assertEquals(List.of(Code.W_LINT_UNREACHABLE_RULE), Validator.builder().meta(META).lint(true).build().validate(ast)
        .stream().map(Diagnostic::code).toList());
  }

  @Test
  void theExampleManifests_haveOnlyTheKnownFinding() throws Exception {
    Path ex = Path.of("../examples/manifests");
    record M(String manifest, String meta, List<Code> expected) {}
    for (M m : List.of(new M("order-access.mpc", "order-access-meta.yaml", List.of()),
        new M("order-approval.mpc", "order-meta.yaml", List.of()),
        new M("order-rules.mpc", "order-meta.yaml", List.of(Code.W_LINT_UNREACHABLE_RULE)),
        new M("../alm-service/src/main/resources/manifests/alm.mpc",
            "../alm-service/src/main/resources/manifests/alm-meta.yaml", List.of()))) {
      ManifestAst ast = Manifests.parseText(Files.readString(ex.resolve(m.manifest()))).orElseThrow();
      DomainMeta meta = DomainMetaLoader.load(ex.resolve(m.meta())).orElseThrow();
      assertEquals(m.expected(), Linter.lint(ast, meta).stream().map(Diagnostic::code).toList(), m.manifest());
    }
  }

  @Test
  void theUpstreamFixturesManifests_haveNoFinding() throws Exception {
    Path pack = Path.of("../../shared/conformance/upstream");
    Assumptions.assumeTrue(Files.isDirectory(pack), "the upstream pack is not at " + pack.toAbsolutePath());
    List<String> findings = new ArrayList<>();
    int linted = 0;
    try (Stream<Path> inputs = Files.walk(pack)) {
      for (Path in : inputs.filter(p -> p.getFileName().toString().equals("input.json")).toList()) {
        if (!(Json.parse(Files.readString(in)).orElseThrow() instanceof JsonObject o)
            || !(o.getOrNull("dsl") instanceof JsonString dsl)) {
          continue;
        }
        var parsed = Manifests.parseText(dsl.value());
        if (!parsed.isOk()) {
          continue;
        }
        DomainMeta.Builder b = DomainMeta.builder();
        parsed.orElseThrow().defs().stream().map(d -> d.kind()).distinct().forEach(b::kind);
        linted++;
        for (Diagnostic d : Linter.lint(parsed.orElseThrow(), b.build())) {
          findings.add(in + ": " + d);
        }
      }
    }
    assertTrue(linted > 0, "some fixture has a manifest");
    assertEquals(List.of(), findings);
  }
}
