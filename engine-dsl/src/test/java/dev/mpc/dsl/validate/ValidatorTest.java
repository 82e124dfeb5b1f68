package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.WorkedExample;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import dev.mpc.preset.Preset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  static final String WORKED_EXAMPLE = WorkedExample.DSL;
  static final DomainMeta WORKED_META = WorkedExample.META;

  static ManifestAst parse(String dsl) {
    return Manifests.parseText(dsl).orElseThrow();
  }

  static List<String> summary(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + " " + d.severity().wireName() + " " + d.message()).toList();
  }

  @Test
  void workedExample_isValid_withBothValidators() {
    Validator v = Validator.builder().meta(WORKED_META).build();
    assertEquals(List.of(), v.validate(parse(WORKED_EXAMPLE)));
    assertTrue(v.check(parse(WORKED_EXAMPLE)).isOk());
  }

  @Test
  void structural_unknownKindMissingPropsAndTypes() {
    DomainMeta meta = DomainMeta.builder()
        .kind(new KindDef("Defect", List.of("title", "severity"), List.of(), List.of("string", "int"), Optional.empty()))
        .kind(new KindDef("Note", List.of(), List.of(), List.of("number|date"), Optional.empty()))
        .build();
    ManifestAst ast = parse("""
        def Defect d1 { title: "x", tags: ["a"], severity: null }
        def Gadget g1 { def Nested n1 {} }
        def Note n2 { at: "2026-01-02", size: 1.5, count: 3, when: "soon" }
        def Defect d2 { severity: 1 }
        """);
    assertEquals(List.of(
        "E_META_TYPE_NOT_ALLOWED error Type 'array' not allowed for kind 'Defect' (allowed: ['int', 'string'])",
        "E_META_UNKNOWN_KIND error Unknown kind 'Gadget' on def 'g1'",
        "E_META_TYPE_NOT_ALLOWED error Type 'string' not allowed for kind 'Note' (allowed: ['number|date'])",
        "E_META_MISSING_REQUIRED_FIELD error Kind 'Defect' requires property 'title' on def 'd2'"),
        summary(Validator.builder().meta(meta).build().validate(ast)));
  }

  @Test
  void structural_globalTypesAndEvents() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").allowedTypes("string", "object").allowedEvents("order.update")
        .build();
    List<String> got = summary(Validator.builder().meta(meta).build().validate(parse("""
        def Policy p1 { effect: "allow", priority: 5, match: { event: ["order.update", "order.delete"] } }
        """)));
    assertEquals(List.of(
        "E_META_TYPE_NOT_ALLOWED error Type 'int' not allowed by DomainMeta (allowed: ['object', 'string']) for "
            + "property 'priority' on def 'p1'",
        "E_META_EVENT_NOT_ALLOWED error Event 'order.delete' is not allowed (referenced in def 'p1', property 'match'; "
            + "allowed: ['order.update'])"), got);
  }

  @Test
  void structural_functions_textualCheckAndTypedExpressionSites() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").kind("Workflow").kind("ACL")
        .function("len", List.of("string|array"), "int", 2)
        .function("daysBetween", List.of("string", "string"), "int", 2)
        .function("openTaskCount", List.of("string"), "int", 5)
        .build();
    List<Diagnostic> ds = Validator.builder().meta(meta).build().validate(parse("""
        def Policy p1 { description: "see upper(x) and len(y)", effect: "allow", match: { expr: "len(5) > 1" } }
        def Workflow w1 { states: ["a", "b"], initial: "a",
          transitions: [{from: "a", to: "b", guard: "openTaskCount(actor.id) > nope(1)"}] }
        def ACL r1 { condition: { expr: "daysBetween(actor.claims.since, '2026-01-01') >= 30" } }
        """));
    Diagnostic nope = ds.get(2);
    assertEquals(3, nope.source().orElseThrow().line(), "reported at the transitions property");
    assertEquals("/defs/1/properties/transitions/0/guard", nope.path().orElseThrow());
    assertEquals("{\"exprCol\":27,\"exprLine\":1,\"expression\":\"transitions.0.guard\",\"id\":\"w1\","
        + "\"kind\":\"Workflow\",\"property\":\"transitions\"}", nope.details().toString());
    List<String> got = summary(ds);
    assertEquals(List.of(
        "E_META_FUNCTION_NOT_ALLOWED error Function 'upper' is not allowed (referenced in def 'p1', property 'description')",
        "E_EXPR_TYPE_MISMATCH error Argument 0 of 'len' expects 'string|array', got 'int'",
        "E_EXPR_UNKNOWN_FUNCTION error Unknown function: 'nope'"), got);
  }

  @Test
  void structural_presetFlags_enforced() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").build();
    ManifestAst ast = parse("def Policy p { effect: \"deny\", match: { expr: \"now() != ''\" } }");
    assertEquals(List.of(), Validator.builder().meta(meta).preset(Preset.standard("preset-generic-full")).build()
        .validate(ast));
    List<Diagnostic> hardened = Validator.builder().meta(meta).preset(Preset.standard("preset-security-hardened"))
        .build().validate(ast);
    assertEquals(Code.E_META_FUNCTION_NOT_ALLOWED, hardened.get(0).code());
  }

  @Test
  void semantic_duplicatesConflictsAndCycles_upstreamMessages() {
    List<String> got = summary(Validator.semanticOnly().validate(parse("""
        @namespace "acme"
        def Policy p1 { effect: "allow" }
        def Policy p1 { effect: "allow" }
        def ACL shared {}
        def Policy shared { effect: "allow" }
        def Rule DefA { extends: "DefB" }
        def Rule DefB { extends: "DefA" }
        def Rule orphan { extends: "Missing" }
        def Mod a { imports: ["b"] }
        def Mod b { imports: ["a", "ghost"] }
        """)));
    assertEquals(List.of(
        "E_VALID_DUPLICATE_DEF error Duplicate definition: kind='Policy', id='p1'",
        "E_VALID_NAMESPACE_CONFLICT error Namespace conflict: id 'shared' used by multiple kinds (ACL, Policy) in namespace 'acme'",
        "E_VALID_CYCLE_DETECTED error Cycle detected in extends chain starting at 'DefA'",
        "E_VALID_UNRESOLVED_REF error Definition 'orphan' extends unknown definition 'Missing' of kind 'Rule'",
        "E_VALID_CYCLE_DETECTED error Cycle detected in import chain involving 'a'",
        "E_VALID_UNRESOLVED_REF error Definition 'b' imports unknown definition 'ghost'"), got);
  }

  @Test
  void semantic_extendsChains_longChainsBoundedCyclesReportedOnce() {
    int max = dev.mpc.artifact.Artifact.MAX_EXTENDS_DEPTH;
    StringBuilder sb = new StringBuilder();
    // r0 <- r1 <- ... <- r(max+2): r(max+1) and r(max+2) have more than max ancestors
    for (int i = 0; i <= max + 2; i++) {
      sb.append("def Rule r").append(i).append(i == 0 ? " {}" : " { extends: \"r" + (i - 1) + "\" }").append('\n');
    }
    // a chain running into a 2-cycle, walked from its start first, then the cycle's members
    sb.append("def Rule c0 { extends: \"c1\" }\ndef Rule c1 { extends: \"c2\" }\ndef Rule c2 { extends: \"c1\" }\n");
    // a second branch off the long chain, also too deep
    sb.append("def Rule side { extends: \"r").append(max).append("\" }\n");
    assertEquals(List.of(
        "E_QUOTA_EXCEEDED error Extends chain of 'r" + (max + 1) + "' is longer than " + max + " definitions",
        "E_VALID_CYCLE_DETECTED error Cycle detected in extends chain starting at 'c0'",
        "E_QUOTA_EXCEEDED error Extends chain of 'side' is longer than " + max + " definitions"),
        summary(Validator.semanticOnly().validate(parse(sb.toString()))));
    // exactly the maximum is fine
    StringBuilder ok = new StringBuilder();
    for (int i = 0; i <= max; i++) {
      ok.append("def Rule r").append(i).append(i == 0 ? " {}" : " { extends: \"r" + (i - 1) + "\" }").append('\n');
    }
    assertEquals(List.of(), Validator.semanticOnly().validate(parse(ok.toString())));
  }

  @Test
  void semantic_workflows_structureReachabilityDeadEndsOrphans() {
    List<String> got = summary(Validator.semanticOnly().validate(parse("""
        def Workflow empty { states: [], transitions: [] }
        def Workflow noinit { states: ["a"], transitions: [] }
        def Workflow badinit { states: ["a"], initial: "z", transitions: [{from: "a", to: "q"}] }
        def Workflow flow {
          initial: "new"
          states: ["new", "open", "stuck", "island", "done", "limbo"]
          finals: ["done"]
          transitions: [{from: "new", to: "open"}, {from: "open", to: "done"}, {from: "open", to: "stuck"},
                        {from: "island", to: "done"}, {from: "limbo", to: "limbo"}, {from: "done", to: "done"}]
        }
        """)));
    assertEquals(List.of(
        "E_VALID_INVALID_WORKFLOW error Workflow 'empty' has no states",
        "E_WF_NO_INITIAL error Workflow 'noinit' has no initial state",
        "E_WF_UNKNOWN_STATE error Workflow 'badinit' initial state 'z' is not in states list",
        "E_VALID_UNRESOLVED_REF error Transition references unknown state 'q' in def 'badinit'",
        "E_VALID_INVALID_WORKFLOW warn State 'island' in workflow 'flow' is unreachable",
        "E_VALID_INVALID_WORKFLOW warn State 'limbo' in workflow 'flow' is unreachable",
        "E_WF_DEAD_END warn State 'stuck' in workflow 'flow' is a dead-end (no exit and not final)",
        "E_WF_ORPHANED_STATE warn State 'limbo' in workflow 'flow' cannot reach any final state",
        "E_WF_ORPHANED_STATE warn State 'stuck' in workflow 'flow' cannot reach any final state"), got);
  }

  @Test
  void validate_sortedByPosition_acrossStructuralAndSemantic() {
    DomainMeta meta = DomainMeta.builder().kind("Policy", "effect").build();
    List<Diagnostic> ds = Validator.builder().meta(meta).build().validate(parse("""
        def Policy a {}
        def Gadget g {}
        def Policy a { effect: "deny" }
        """));
    assertEquals(List.of(1, 2, 3), ds.stream().map(d -> d.source().orElseThrow().line()).toList());
    assertEquals("/defs/0/properties/effect", ds.get(0).path().orElseThrow());
    assertEquals("{\"id\":\"a\",\"kind\":\"Policy\"}", ds.get(2).details().toString());
  }

  @Test
  void check_warningsPass_errorsFail() {
    ManifestAst warnOnly = parse("def Workflow w { initial: \"a\", states: [\"a\", \"b\"], transitions: [] }");
    var r = Validator.semanticOnly().check(warnOnly);
    assertTrue(r.isOk());
    assertEquals(Severity.WARN, r.diagnostics().get(0).severity());
    assertFalse(Validator.semanticOnly().check(parse("def A x {}\ndef A x {}")).isOk());
  }

  @Test
  void builder_inconsistentMeta_failsFast() {
    DomainMeta bad = new DomainMeta(1, List.of(KindDef.of("A"), KindDef.of("A")), List.of("strng"), List.of(), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validator.builder().meta(bad));
    assertTrue(e.getMessage().contains("Kind 'A' is declared more than once") && e.getMessage().contains("strng"));
  }

  // ---- issue 9, finding 2: every expression site is compiled with the flags, declared functions or not

  static Preset noNowNoRegex() {
    Preset std = Preset.standard("preset-security-hardened");
    return new Preset("no-now-no-regex", std.presetVersion(), std.metaSchemaVersion(), std.limits(),
        std.defaultFunctions(), new dev.mpc.preset.FeatureFlags(false, false, true, false, false), std.composeStrategy());
  }

  static List<String> sitesOf(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + " " + d.path().orElse("-")).toList();
  }

  @Test
  void expressionSites_allCheckedAgainstFlags_withoutDeclaredFunctions() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").kind("Condition").kind("ACL").kind("Workflow").build();
    ManifestAst ast = parse("""
        def Policy p1 { effect: "deny", condition: "now() != ''" }
        def Policy p2 { effect: "deny", condition: { expr: "regex('a', 'b')" } }
        def Policy p3 { effect: "deny" def Condition c1 { expr: "now() != ''" } }
        def Policy p4 { effect: "deny" def Condition c2 { expr: "name matches 'a.*'" } }
        def ACL a1 { condition: { expr: "regex('a', actor.claims.x)" } }
        def Workflow w { initial: "a", states: ["a", "b"],
          transitions: [{ from: "a", to: "b", guard: "now() != ''" },
                        { from: "a", to: "now()", rule_type: "dynamic" }] }
        def Policy p5 { effect: "deny", match: { expr: "now() != ''" } }
        """);
    Validator strict = Validator.builder().meta(meta).preset(noNowNoRegex()).build();
    assertEquals(List.of(
        "E_META_FUNCTION_NOT_ALLOWED /defs/0/properties/condition",
        "E_META_FUNCTION_NOT_ALLOWED /defs/1/properties/condition/expr",
        "E_META_FUNCTION_NOT_ALLOWED /defs/2/children/0/properties/expr",
        "E_META_FUNCTION_NOT_ALLOWED /defs/3/children/0/properties/expr",
        "E_META_FUNCTION_NOT_ALLOWED /defs/4/properties/condition/expr",
        "E_META_FUNCTION_NOT_ALLOWED /defs/5/properties/transitions/0/guard",
        "E_META_FUNCTION_NOT_ALLOWED /defs/5/properties/transitions/1/to",
        "E_META_FUNCTION_NOT_ALLOWED /defs/6/properties/match/expr"),
        sitesOf(strict.validate(ast)));
    // with everything allowed the same manifest is valid (the dynamic `to` is not a state name)
    assertEquals(List.of(), Validator.builder().meta(meta).preset(Preset.standard("preset-generic-full")).build()
        .validate(ast));
  }

  @Test
  void expressionSites_unknownFunctionsReported_whenMetaDeclaresNone() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").kind("Condition").build();
    ManifestAst ast = parse("def Policy p { effect: \"deny\", condition: \"nope(1)\" def Condition c { expr: \"alsoNope()\" } }");
    assertEquals(List.of("E_EXPR_UNKNOWN_FUNCTION /defs/0/properties/condition",
        "E_EXPR_UNKNOWN_FUNCTION /defs/0/children/0/properties/expr"),
        sitesOf(Validator.builder().meta(meta).build().validate(ast)));
  }

  // ---- issue 9, finding 3: everything the validator interprets has a checked type

  @Test
  void shapes_typeConfusedDefinitions_areCodedAtTheirProperty() {
    List<Diagnostic> ds = Validator.semanticOnly().validate(parse("""
        def Workflow w { initial: "zzz", states: "abc", transitions: "x" }
        def Workflow w2 { initial: 5, states: ["a", { parent: "a" }, 7], transitions: [3, { from: "a", to: ["nowhere"] }],
          finals: "a", initials: [1], final_states: [true] }
        def Policy e1 { extends: ["missing"] }
        def Policy e2 { extends: 5 }
        def Rule i1 { imports: 5 }
        def Rule i2 { imports: ["e1", 3] }
        def Policy m1 { match: { event: 5 } }
        def Policy m2 { match: 5, condition: 7, priority: "high" }
        def Policy m3 { match: { expr: 5 }, condition: { expr: [1] } }
        def ACL a1 { condition: "x", priority: true }
        def Policy p { def Condition c { expr: 5 } }
        def Workflow w3 { initial: "a", states: ["a"], transitions: [{ from: "a", to: "a", guard: 1, on: 2 }] }
        """));
    List<String> got = ds.stream().filter(d -> d.code() == Code.E_META_TYPE_NOT_ALLOWED)
        .map(d -> d.path().orElseThrow() + " " + d.source().map(at -> at.line() + "").orElse("?")).toList();
    assertEquals(List.of(
        "/defs/0/properties/states 1", "/defs/0/properties/transitions 1",
        "/defs/1/properties/initial 2", "/defs/1/properties/states/2 2",
        "/defs/1/properties/transitions/0 2", "/defs/1/properties/transitions/1/to 2",
        "/defs/1/properties/finals 3", "/defs/1/properties/initials 3", "/defs/1/properties/final_states 3",
        "/defs/2/properties/extends 4", "/defs/3/properties/extends 5",
        "/defs/4/properties/imports 6", "/defs/5/properties/imports 7",
        "/defs/6/properties/match/event 8",
        "/defs/7/properties/match 9", "/defs/7/properties/priority 9",
        "/defs/9/properties/condition 11", "/defs/9/properties/priority 11",
        "/defs/11/properties/transitions/0/on 13", "/defs/11/properties/transitions/0/guard 13"), got);
    assertTrue(ds.stream().anyMatch(d -> d.message().equals(
        "Property 'imports' of Rule 'i2' must be a list of strings, found a list with int items")), summary(ds).toString());
    assertTrue(summary(ds).contains("E_META_MISSING_REQUIRED_FIELD error State 1 of Workflow 'w2' has no name"),
        summary(ds).toString());
    Diagnostic ev = ds.stream().filter(d -> d.path().orElse("").equals("/defs/6/properties/match/event")).findFirst()
        .orElseThrow();
    assertEquals("Property 'match.event' of Policy 'm1' must be a string or a list of strings, found int", ev.message());
    assertEquals(8, ev.source().orElseThrow().line());
  }

  @Test
  void expressionSites_literalExpressionsAreCompiled_andMustBeBoolean() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").kind("Condition").build();
    ManifestAst ok = parse("def Policy p { effect: \"allow\", match: { expr: true }, condition: false }");
    assertEquals(List.of(), Validator.builder().meta(meta).build().validate(ok));
    ManifestAst ast = parse("def Policy p { effect: \"allow\", match: { expr: true }, condition: 7 "
        + "def Condition c { expr: [1] } }");
    assertEquals(List.of(
        "E_EXPR_TYPE_MISMATCH error Expression 'condition' of Policy 'p' must be boolean, found 'int'",
        "E_EXPR_TYPE_MISMATCH error Expression 'expr' of Condition 'c' must be boolean, found 'array'"),
        summary(Validator.builder().meta(meta).build().validate(ast)));
  }

  @Test
  void shapes_matchEventOfWrongType_isReportedWithAllowedEvents() {
    DomainMeta meta = DomainMeta.builder().kind("Policy").allowedEvents("create").build();
    List<String> got = sitesOf(Validator.builder().meta(meta).build().validate(parse(
        "def Policy p { effect: \"allow\", match: { event: 5 } }\ndef Policy q { effect: \"allow\", match: { event: [\"create\", 5, \"drop\"] } }")));
    assertEquals(List.of("E_META_TYPE_NOT_ALLOWED /defs/0/properties/match/event",
        "E_META_EVENT_NOT_ALLOWED /defs/1/properties/match/event",
        "E_META_TYPE_NOT_ALLOWED /defs/1/properties/match/event"), got);
  }

  @Test
  void preset_depthBeyondCap_isRefusedNotClamped() {
    // a preset cannot hold a depth beyond the cap, so nothing reaches the validator to clamp
    Preset std = Preset.standard("preset-generic-full");
    dev.mpc.preset.PresetLimits l = std.limits();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new dev.mpc.preset.PresetLimits(l.maxManifestNodes(), l.maxExprSteps(), 1001, l.maxEvalTimeMs(), l.maxRegexOps()));
    assertTrue(e.getMessage().contains("maxExprDepth must be in [1, 1000], got 1001"), e.getMessage());
    Preset at = new Preset("deep", std.presetVersion(), std.metaSchemaVersion(),
        new dev.mpc.preset.PresetLimits(l.maxManifestNodes(), l.maxExprSteps(), 1000, l.maxEvalTimeMs(), l.maxRegexOps()),
        std.defaultFunctions(), std.featureFlags(), std.composeStrategy());
    // the cap itself is used as given: 1000 nested parentheses compile, 1001 are E_EXPR_LIMIT_DEPTH
    String deepest = "(".repeat(999) + "1" + ")".repeat(999);
    assertTrue(Validator.builder().preset(at).build().validate(parse(
        "def Policy p { effect: \"allow\", condition: \"" + deepest + " == 1\" }")).isEmpty());
  }
}
