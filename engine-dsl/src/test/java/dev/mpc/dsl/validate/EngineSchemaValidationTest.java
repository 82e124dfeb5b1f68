package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.schema.EngineSchemas;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.TypeEnv;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10: engine definitions are typed, and so is the event. */
class EngineSchemaValidationTest {

  private static List<Diagnostic> validate(String dsl) {
    return Validator.semanticOnly().validate(Manifests.parseText(dsl).orElseThrow());
  }

  /** code severity line path message */
  private static List<String> lines(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + " " + d.severity().wireName() + " "
        + d.source().map(s -> s.line() + ":" + s.col()).orElse("-") + " " + d.path().orElse("-") + " " + d.message())
        .toList();
  }

  private static void assertOnly(String dsl, String... expected) {
    assertEquals(List.of(expected), lines(validate(dsl)));
  }

  @Test
  void aclExamplesOfTheIssue_areErrors_notValid() {
    List<Diagnostic> ds = validate("""
        def ACL a1 {
          effect: "Deny"
          priority: "high"
          roles: "editor"
          actions: ["read", "write"]
        }
        """);
    assertEquals(List.of(
        "E_ACL_INVALID_RULE error 2:3 /defs/0/properties/effect Property 'effect' of ACL 'a1' must be \"allow\" or"
            + " \"deny\", found \"Deny\"; did you mean \"deny\"?",
        "E_META_TYPE_NOT_ALLOWED error 3:3 /defs/0/properties/priority Property 'priority' of ACL 'a1' must be a"
            + " number, found string",
        "E_META_TYPE_NOT_ALLOWED error 4:3 /defs/0/properties/roles Property 'roles' of ACL 'a1' must be a list of"
            + " role names, found string; write roles: [\"editor\"]",
        "E_ACL_INVALID_RULE error 5:3 /defs/0/properties/actions ACL 'a1' has unknown property 'actions'; did you"
            + " mean 'action'? (an ACL rule names one action, or \"*\"; write one rule per action)"), lines(ds));
    assertFalse(Validator.semanticOnly().check(Manifests.parseText("def ACL a { roles: \"editor\" }").orElseThrow())
        .isOk());
  }

  @Test
  void policyEffect_exactlyAllowOrDeny() {
    assertOnly("def Policy p { effect: \"Deny\" }",
        "E_POLICY_INVALID_TEMPLATE error 1:16 /defs/0/properties/effect Property 'effect' of Policy 'p' must be"
            + " \"allow\" or \"deny\", found \"Deny\"; did you mean \"deny\"?");
    assertOnly("def Policy p { effect: \"block\" }",
        "E_POLICY_INVALID_TEMPLATE error 1:16 /defs/0/properties/effect Property 'effect' of Policy 'p' must be"
            + " \"allow\" or \"deny\", found \"block\"");
    assertOnly("def Policy p { effect: true }",
        "E_POLICY_INVALID_TEMPLATE error 1:16 /defs/0/properties/effect Property 'effect' of Policy 'p' must be"
            + " \"allow\" or \"deny\", found bool");
    assertOnly("def Policy p { effect: \"allow\" }\ndef Policy q { effect: \"deny\", priority: 2.5 }");
  }

  @Test
  void policyWithoutEffect_warnsThatItAllows_andAMisspeltEffectIsAnError() {
    assertOnly("def Policy p { priority: 1 }",
        "E_POLICY_INVALID_TEMPLATE warn 1:1 /defs/0/properties/effect Policy 'p' has no 'effect'; it votes allow"
            + " (write effect: \"allow\" or \"deny\")");
    List<Diagnostic> ds = validate("def Policy p { effct: \"deny\" }");
    assertEquals(List.of(
        "E_POLICY_INVALID_TEMPLATE warn 1:1 /defs/0/properties/effect Policy 'p' has no 'effect'; it votes allow"
            + " (write effect: \"allow\" or \"deny\")",
        "E_PARSE_INVALID_TOKEN error 1:16 /defs/0/properties/effct Unknown property 'effct' of Policy 'p' (known:"
            + " effect, priority, match, condition, intents, reason, summary, extends, imports, description); did"
            + " you mean 'effect'?"), lines(ds));
  }

  @Test
  void unknownProperty_isAWarningNamingTheKnownOnes() {
    List<Diagnostic> ds = validate("def ACL a { action: \"read\", colour: \"red\", resorce: \"orders\" }");
    assertEquals(2, ds.size(), lines(ds).toString());
    assertEquals(Severity.WARN, ds.get(0).severity());
    assertEquals("Unknown property 'colour' of ACL 'a' (known: action, resource, roles, condition, effect, priority,"
        + " maskFields, extends, imports, description)", ds.get(0).message());
    // a near miss of a property the rule lacks is not read at all: an error
    assertEquals(Severity.ERROR, ds.get(1).severity());
    assertTrue(ds.get(1).message().endsWith("did you mean 'resource'?"), ds.get(1).message());
    // a near miss of a property that is also present stays a warning
    List<Diagnostic> both = validate("def ACL a { resource: \"orders\", resourse: \"x\" }");
    assertEquals(Severity.WARN, both.get(0).severity());
    assertEquals("{\"id\":\"a\",\"kind\":\"ACL\",\"property\":\"resourse\"}", both.get(0).details().toString());
  }

  @Test
  void aclMisspellingsThatChangeWhoGetsIn_areErrors() {
    assertEquals(List.of(Code.E_ACL_INVALID_RULE, Code.E_ACL_INVALID_RULE),
        validate("def ACL a { role: [\"admin\"], maskField: [\"ssn\"] }").stream().map(Diagnostic::code).toList());
  }

  @Test
  void aclResourcePatterns() {
    for (String ok : List.of("*", "orders", "orders/*", "orders/{id}", "orders/{id}/lines/*", "user.profile",
        "a:b")) {
      assertEquals(List.of(), validate("def ACL a { resource: \"" + ok + "\" }"), ok);
    }
    for (String bad : List.of("", "orders/", "/orders", "orders//x", "ord*rs", "orders/**", "orders/{}",
        "orders/{1d}", "orders/{id", "my orders")) {
      List<Diagnostic> ds = validate("def ACL a { resource: \"" + bad + "\" }");
      assertEquals(List.of(Code.E_ACL_INVALID_RULE), ds.stream().map(Diagnostic::code).toList(), bad);
      assertTrue(ds.get(0).message().startsWith("Resource pattern '" + bad + "' of ACL 'a' is invalid: "), bad);
    }
    assertEquals("segment 'ord*rs' must be a name, '*' or '{param}'", EngineSchemas.resourcePatternProblem("ord*rs"));
    assertOnly("def ACL a { resource: 5 }",
        "E_META_TYPE_NOT_ALLOWED error 1:13 /defs/0/properties/resource Property 'resource' of ACL 'a' must be a"
            + " string, found int");
  }

  @Test
  void aclAction() {
    assertEquals(List.of(), validate("def ACL a { action: \"*\" }\ndef ACL b { action: \"orders:read\" }"));
    for (String bad : List.of("", "re ad", "read*", "orders/read")) {
      assertEquals(List.of(Code.E_ACL_UNKNOWN_ACTION), validate("def ACL a { action: \"" + bad + "\" }").stream()
          .map(Diagnostic::code).toList(), bad);
    }
    assertEquals(List.of(Code.E_META_TYPE_NOT_ALLOWED), validate("def ACL a { action: [\"read\"] }").stream()
        .map(Diagnostic::code).toList());
  }

  @Test
  void aclCondition_emptyMixedOrNotAMap_areErrors() {
    assertOnly("def ACL a { condition: {} }",
        "E_ACL_INVALID_RULE error 1:13 /defs/0/properties/condition Condition of ACL 'a' is empty; an empty"
            + " condition would hold for anyone (write the attributes it requires, or drop it)");
    assertEquals(List.of(Code.E_ACL_INVALID_RULE), validate(
        "def ACL a { condition: { expr: \"actor.id == 'u'\", dept: \"x\" } }").stream().map(Diagnostic::code).toList());
    assertEquals(List.of(Code.E_META_TYPE_NOT_ALLOWED), validate("def ACL a { condition: \"actor.id == 'u'\" }")
        .stream().map(Diagnostic::code).toList());
    assertEquals(List.of(), validate("def ACL a { condition: { dept: \"sales\", \"claims.level\": 3 } }"));
  }

  @Test
  void aclRolesAndMasks_typed() {
    assertEquals(List.of(), validate("def ACL a { roles: [\"editor\", \"admin\"], maskFields: [\"ssn\", \"card.no\"] }"));
    assertEquals(List.of(Code.E_META_TYPE_NOT_ALLOWED, Code.E_META_TYPE_NOT_ALLOWED), validate(
        "def ACL a { roles: [\"editor\", 3], maskFields: \"ssn\" }").stream().map(Diagnostic::code).toList());
    assertEquals(List.of(Code.E_META_TYPE_NOT_ALLOWED), validate("def ACL a { roles: [\"\"] }").stream()
        .map(Diagnostic::code).toList());
  }

  @Test
  void policyMatcher_mixingExprWithStaticFields_isAnError() {
    assertOnly("def Policy p { effect: \"deny\", match: { expr: \"kind == 'create'\", event: \"order.update\" } }",
        "E_POLICY_INVALID_MATCHER error 1:32 /defs/0/properties/match Matcher of Policy 'p' mixes 'expr' with"
            + " static fields (event); write the whole test as the expression, or drop 'expr'");
    assertEquals(List.of(), validate("def Policy p { effect: \"deny\", match: { event: [\"a\", \"b\"],"
        + " \"object.type\": \"order\" } }"));
    assertEquals(List.of(Code.E_POLICY_INVALID_MATCHER), validate(
        "def Policy p { effect: \"deny\", match: { \"object..type\": \"order\" } }").stream().map(Diagnostic::code)
        .toList());
  }

  @Test
  void policyCondition_aMapMustHoldOnlyExpr() {
    assertEquals(List.of(), validate("def Policy p { effect: \"deny\", condition: { expr: \"kind == 'x'\" } }"));
    assertOnly("def Policy p { effect: \"deny\", condition: { dept: \"x\" } }",
        "E_POLICY_INVALID_MATCHER error 1:32 /defs/0/properties/condition Condition of Policy 'p' must be an"
            + " expression or a map {expr: ...} alone, found a map with members dept");
    assertEquals(List.of(Code.E_POLICY_INVALID_MATCHER), validate("def Policy p { effect: \"deny\", condition: {} }")
        .stream().map(Diagnostic::code).toList());
  }

  @Test
  void policyIntents_checkedAgainstTheTaxonomy() {
    List<Diagnostic> ds = validate("""
        def Policy p {
          effect: "deny"
          intents: [
            { kind: "notify", target: "ops", params: { template: "t" }, idempotencyKey: "${id}" },
            { kind: "notify", target: "ops" },
            { kind: "Audit", target: "x" },
            { target: "x" },
            { kind: "maskField", target: "ssn", prams: {} },
            { kind: "rateLimit", target: "a", params: { limitKey: "k", windowMs: "1s", maxRequests: 3 } },
            "audit",
            { kind: "tag", target: "", params: [] }
          ]
        }
        """);
    assertEquals(List.of(
        "E_META_MISSING_REQUIRED_FIELD /defs/0/properties/intents/1 Intent 1 of Policy 'p': Intent 'notify' requires"
            + " an idempotencyKey",
        "E_META_MISSING_REQUIRED_FIELD /defs/0/properties/intents/1 Intent 1 of Policy 'p': Intent 'notify' requires"
            + " param 'template' (string)",
        "E_POLICY_INVALID_TEMPLATE /defs/0/properties/intents/2/kind Intent 2 of Policy 'p' has unknown kind 'Audit'"
            + " (kinds: maskField, notify, revoke, grantRole, audit, transform, tag, rateLimit, redirect, publish,"
            + " rollback); did you mean 'audit'?",
        "E_POLICY_INVALID_TEMPLATE /defs/0/properties/intents/3/kind Intent 3 of Policy 'p' has no kind (kinds:"
            + " maskField, notify, revoke, grantRole, audit, transform, tag, rateLimit, redirect, publish, rollback)",
        "E_PARSE_INVALID_TOKEN /defs/0/properties/intents/4/prams Unknown key 'prams' in Intent 4 of Policy 'p'"
            + " (known: kind, target, params, idempotencyKey)",
        "E_META_TYPE_NOT_ALLOWED /defs/0/properties/intents/5 Intent 5 of Policy 'p': Intent 'rateLimit' param"
            + " 'windowMs' must be int, got string",
        "E_META_TYPE_NOT_ALLOWED /defs/0/properties/intents/6 Property 'intents.6' of Policy 'p' must be an intent"
            + " map {kind, target, params, idempotencyKey}, found string",
        "E_META_TYPE_NOT_ALLOWED /defs/0/properties/intents/7/target Property 'intents.7.target' of Policy 'p' must"
            + " be a non-empty string, found an empty string",
        "E_META_TYPE_NOT_ALLOWED /defs/0/properties/intents/7/params Property 'intents.7.params' of Policy 'p' must"
            + " be a map, found array"),
        ds.stream().map(d -> d.code() + " " + d.path().orElseThrow() + " " + d.message()).toList());
    assertTrue(ds.stream().allMatch(d -> d.source().orElseThrow().line() == 3), "at the intents property");
    assertEquals(Severity.WARN, ds.get(4).severity());
  }

  @Test
  void templates_placeholdersClosedAndPossible() {
    assertEquals(List.of(), validate("def Policy p { effect: \"deny\", reason: \"Denied ${actor.id} on ${object.attributes.x}\" }"));
    List<String> msgs = validate("def Policy p { effect: \"deny\", reason: \"${object.status}\", summary: \"${actor.id\" }")
        .stream().map(d -> d.code() + " " + d.message()).toList();
    assertEquals(List.of(
        "E_POLICY_INVALID_TEMPLATE Template 'reason' of Policy 'p': Path 'object.status' cannot exist: 'object' has"
            + " no field 'status' (fields: attributes, id, state, type); did you mean 'object.state' or"
            + " 'object.attributes.status'?",
        "E_POLICY_INVALID_TEMPLATE Template 'summary' of Policy 'p' has an unclosed '${' at offset 0"), msgs);
    assertEquals(List.of(Code.E_POLICY_INVALID_TEMPLATE, Code.E_META_TYPE_NOT_ALLOWED), validate(
        "def Policy p { effect: \"deny\", reason: \"${a b}\", summary: 3 }").stream().map(Diagnostic::code).toList());
  }

  @Test
  void intentTemplates_inTargetKeyAndParamsAtAnyDepth_checkedAgainstTheEnvelope() {
    assertEquals(List.of(), validate("def Policy p { effect: \"allow\", intents: [{ kind: \"audit\", target: \"${object.id}\","
        + " idempotencyKey: \"${event.id}\", params: { actor: \"${actor.id}\", action: \"${name}\","
        + " deep: { list: [\"${payload.x}\"] } } }] }"));
    List<String> msgs = validate("def Policy p { effect: \"allow\", intents: [{ kind: \"audit\", target: \"t\","
        + " idempotencyKey: \"k\", params: { actor: \"a\", action: \"b\", deep: { list: [\"${object.status}\"] } } }] }")
        .stream().map(d -> d.code() + " " + d.path().orElse("")).toList();
    assertEquals(1, msgs.size(), msgs::toString);
    assertTrue(msgs.get(0).startsWith("E_POLICY_INVALID_TEMPLATE"), msgs::toString);
    assertTrue(msgs.get(0).contains("params/deep/list/0"), msgs::toString);
  }

  @Test
  void conditions_seeTheEnvelopeShape_impossiblePathsAreErrorsAtTheirPosition() {
    List<Diagnostic> ds = validate("""
        def Policy p {
          effect: "deny"
          condition: "object.status == 'open'"
        }
        def ACL a {
          condition: { expr: "actor.name == 'x'" }
        }
        """);
    assertEquals(List.of(
        "E_EXPR_TYPE_MISMATCH error 3:3 /defs/0/properties/condition Path 'object.status' cannot exist: 'object' has"
            + " no field 'status' (fields: attributes, id, state, type); did you mean 'object.state' or"
            + " 'object.attributes.status'?",
        "E_EXPR_TYPE_MISMATCH error 6:3 /defs/1/properties/condition/expr Path 'actor.name' cannot exist: 'actor' has"
            + " no field 'name' (fields: claims, id, roles, type); did you mean 'actor.claims.name'?"), lines(ds));
    assertEquals("{\"exprCol\":1,\"exprLine\":1,\"expression\":\"condition\",\"id\":\"p\",\"kind\":\"Policy\","
        + "\"property\":\"condition\"}", ds.get(0).details().toString());
    assertEquals(List.of(), validate("""
        def Policy p { effect: "deny", condition: "object.attributes.status == 'open' and event.kind == 'update' and 'admin' != actor.id and context.tenant == payload.t and previous.x == 1" }
        def ACL a { condition: { expr: "resource.attributes.ownerId == actor.id and action == 'read' and actor.claims.level >= 3 and object.type == 'order' and context.ip != ''" } }
        """));
  }

  @Test
  void conditions_mustBeBoolean() {
    assertOnly("def Policy p { effect: \"deny\", condition: \"object.type\" }",
        "E_EXPR_TYPE_MISMATCH error 1:32 /defs/0/properties/condition Expression 'condition' of Policy 'p' must be"
            + " boolean, found 'string'");
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), validate("def ACL a { condition: { expr: \"1 + 2\" } }")
        .stream().map(Diagnostic::code).toList());
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), validate("def Policy p { effect: \"deny\", match: { expr:"
        + " \"name\" } }").stream().map(Diagnostic::code).toList());
    // any-typed (an open map's member) is accepted: its truthiness is checked at run time
    assertEquals(List.of(), validate("def Policy p { effect: \"deny\", condition: \"context.flag\" }"));
  }

  @Test
  void policyRoots_areClosed_guardsAndConditionsOpen() {
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), validate(
        "def Policy p { effect: \"deny\", condition: \"role == 'editor'\" }").stream().map(Diagnostic::code).toList());
    // the worked example's nested Condition reads `role`: Condition and guard roots are open
    assertEquals(List.of(), validate("def Policy p { effect: \"deny\" def Condition c1 { expr: \"role == \\\"editor\\\"\" } }"));
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), validate(
        "def Policy p { effect: \"deny\" def Condition c1 { expr: \"object.status == 'x'\" } }").stream()
        .map(Diagnostic::code).toList());
    assertEquals(List.of(), validate("def Workflow w { initial: \"a\", states: [\"a\", \"b\"],"
        + " transitions: [{ from: \"a\", to: \"b\", guard: \"ctx.ok == true\" }] }"));
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), validate("def Workflow w { initial: \"a\", states: [\"a\", \"b\"],"
        + " transitions: [{ from: \"a\", to: \"b\", guard: \"actor.name == 'x'\" }] }").stream()
        .map(Diagnostic::code).toList());
    assertEquals(List.of(Code.E_META_MISSING_REQUIRED_FIELD), validate("def Policy p { effect: \"deny\" def Condition c {} }")
        .stream().map(Diagnostic::code).toList());
  }

  @Test
  void hostDeclarations_addToTheEnvelope() {
    TypeEnv host = TypeEnv.builder().declare("object.attributes.amount", ExprType.NUMBER).build();
    Validator v = Validator.builder().typeEnv(host).build();
    List<Diagnostic> ds = v.validate(Manifests.parseText(
        "def Policy p { effect: \"deny\", condition: \"object.attributes.amount == 'x' or object.attributes.amount > 'a'\" }")
        .orElseThrow());
    assertEquals(List.of(Code.E_EXPR_TYPE_MISMATCH), ds.stream().map(Diagnostic::code).toList(), ds.toString());
  }

  @Test
  void workedExample_stillValid() {
    assertEquals(List.of(), Validator.builder().meta(ValidatorTest.WORKED_META).build()
        .validate(ValidatorTest.parse(ValidatorTest.WORKED_EXAMPLE)));
  }

  @Test
  void engineSchemasOff_runsOnlyThePreviousTypeChecks() {
    Validator compat = Validator.builder().engineSchemas(false).build();
    assertEquals(List.of(), compat.validate(Manifests.parseText("def ACL a { effect: \"Deny\", roles: \"editor\","
        + " actions: [\"read\"] }").orElseThrow()));
    assertEquals(List.of(Code.E_META_TYPE_NOT_ALLOWED), compat.validate(Manifests.parseText(
        "def ACL a { priority: \"high\" }").orElseThrow()).stream().map(Diagnostic::code).toList());
  }

  @Test
  void schemasAtAnyDepth_andTheTableNamesEveryEngineKind() {
    assertEquals(List.of(Code.E_POLICY_INVALID_TEMPLATE), validate(
        "def Group g { def Policy inner { effect: \"Allow\" } }").stream().map(Diagnostic::code).toList());
    assertEquals(java.util.Set.of("Policy", "ACL", "Workflow", "Condition"), EngineSchemas.builtIn().keySet());
    assertEquals(List.of("states", "initial", "initials", "finals", "final_states", "transitions",
        "ignored_triggers", "extends", "imports", "description"),
        List.copyOf(EngineSchemas.forKind("Workflow").orElseThrow().propertyNames()));
  }

  @Test
  void withMeta_requiredPropertiesReportedOnce() {
    DomainMeta meta = DomainMeta.builder().kind("Policy", "effect").build();
    List<Diagnostic> ds = Validator.builder().meta(meta).build().validate(Manifests.parseText("def Policy p {}")
        .orElseThrow());
    assertEquals(List.of(Code.E_META_MISSING_REQUIRED_FIELD), ds.stream().map(Diagnostic::code).toList());
  }
}
