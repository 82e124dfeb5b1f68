package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: {@code object.attributes.*} is typed by the DomainMeta's attribute types where the
 * object's type is known statically, through the real compiler path (RegistryCompiler and its
 * Validator), with positions.
 */
class AttributeTypesTest {
  static final DomainMeta META = DomainMetaLoader.fromText("""
      kinds:
        - { name: Policy, required_props: [effect] }
        - { name: ACL }
        - name: order
          attributes: { total: int, status: string, ownerId: string, note: "string|null" }
      """).orElseThrow();

  private static final RegistryCompiler COMPILER = RegistryCompiler.builder().meta(META).build();

  /** code line:col path message [exprLine:exprCol] */
  private static List<String> problems(String dsl) {
    Result<Artifact> r = COMPILER.compile(Manifests.parseText(dsl).orElseThrow());
    return r.diagnostics().stream().map(AttributeTypesTest::line).toList();
  }

  private static String line(Diagnostic d) {
    JsonObject details = d.details();
    String inExpr = details.getOrNull("exprLine") == null ? ""
        : " [" + details.getOrNull("exprLine") + ":" + details.getOrNull("exprCol") + "]";
    return d.code() + " " + d.source().map(s -> s.line() + ":" + s.col()).orElse("-") + " " + d.path().orElse("-")
        + " " + d.message() + inExpr;
  }

  private static void assertCompiles(String dsl) {
    Result<Artifact> r = COMPILER.compile(Manifests.parseText(dsl).orElseThrow());
    assertTrue(r.isOk(), () -> r.diagnostics().toString());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void policy_staticMatchPinsTheType_conditionTypedByTheDeclaredAttributes() {
    assertCompiles("""
        def Policy big {
          effect: "deny"
          match: { "object.type": "order" }
          condition: "object.attributes.total > 100 and event.object.attributes.status == 'open' and object.attributes.note == null"
        }
        """);
    assertEquals(List.of(
        "E_EXPR_TYPE_MISMATCH 4:3 /defs/0/properties/condition Operator '>' not supported between 'int' and 'string'"
            + " [1:25]",
        "E_EXPR_TYPE_MISMATCH 9:3 /defs/1/properties/condition/expr Path 'object.attributes.totl' cannot exist:"
            + " 'object.attributes' has no field 'totl' (fields: note, ownerId, status, total); did you mean"
            + " 'object.attributes.total'? [1:22]"),
        problems("""
            def Policy big {
              effect: "deny"
              match: { "object.type": "order" }
              condition: "object.attributes.total > 'x'"
            }
            def Policy typo {
              effect: "deny"
              match: { "object.type": "order" }
              condition: { expr: "kind == 'update' and object.attributes.totl > 1" }
            }
            """));
  }

  @Test
  void policy_matchExprConjunctPinsTheType_forMatchAndCondition() {
    assertCompiles("""
        def Policy p {
          effect: "deny"
          match: { expr: "object.type == 'order' and object.attributes.total >= 10" }
          condition: "object.attributes.status != 'closed'"
        }
        """);
    assertEquals(List.of(
        "E_EXPR_TYPE_MISMATCH 3:3 /defs/0/properties/match/expr Path 'object.attributes.owner' cannot exist:"
            + " 'object.attributes' has no field 'owner' (fields: note, ownerId, status, total) [1:33]",
        "E_EXPR_TYPE_MISMATCH 4:3 /defs/0/properties/condition Operator '-' not supported between 'string' and 'int'"
            + " [1:26]"),
        problems("""
            def Policy p {
              effect: "deny"
              match: { expr: "event.object.type == 'order' && object.attributes.owner == actor.id" }
              condition: "object.attributes.status - 1 > 0"
            }
            """));
  }

  @Test
  void policy_typeNotKnownStatically_attributesStayAny() {
    assertCompiles("""
        def Policy any1 {
          effect: "deny"
          condition: "object.attributes.totl > 'x'"
        }
        def Policy either {
          effect: "deny"
          match: { expr: "object.type == 'order' or object.attributes.totl == 1" }
        }
        def Policy other {
          effect: "deny"
          match: { "object.type": "invoice" }
          condition: "object.attributes.totl > 'x'"
        }
        def Policy byName {
          effect: "deny"
          match: { name: "order.update" }
          condition: "object.attributes.anything == 1"
        }
        """);
    // the envelope's own shape is closed either way; a pinned type suggests the declared attribute
    assertEquals(List.of("E_EXPR_TYPE_MISMATCH 4:3 /defs/0/properties/condition Path 'object.total' cannot exist:"
        + " 'object' has no field 'total' (fields: attributes, id, state, type); did you mean"
        + " 'object.attributes.total'? [1:1]"), problems("""
            def Policy p {
              effect: "deny"
              match: { "object.type": "order" }
              condition: "object.total > 1"
            }
            """));
  }

  @Test
  void acl_literalOrPatternResourcePinsTheType() {
    for (String resource : List.of("order", "order/*", "order/{id}", "order/x")) {
      assertCompiles("""
          def ACL owner {
            action: "update"
            resource: "%s"
            condition: { expr: "resource.attributes.ownerId == actor.id and object.attributes.total < 1000" }
          }
          """.formatted(resource));
      assertEquals(List.of("E_EXPR_TYPE_MISMATCH 4:3 /defs/0/properties/condition/expr Path"
              + " 'resource.attributes.ownerID' cannot exist: 'resource.attributes' has no field 'ownerID' (fields:"
              + " note, ownerId, status, total); did you mean 'resource.attributes.ownerId'? [1:1]"),
          problems("""
              def ACL owner {
                action: "update"
                resource: "%s"
                condition: { expr: "resource.attributes.ownerID == actor.id" }
              }
              """.formatted(resource)), resource);
    }
    assertEquals(List.of("E_EXPR_TYPE_MISMATCH 4:3 /defs/0/properties/condition/expr Operator '>' not supported"
        + " between 'string' and 'int' [1:26]"), problems("""
            def ACL a {
              action: "read"
              resource: "order"
              condition: { expr: "object.attributes.status > 3" }
            }
            """));
  }

  @Test
  void acl_typeNotKnownStatically_anyUnlessTheConditionPinsIt() {
    for (String resource : List.of("*", "*/{id}", "{t}/x", "invoice")) {
      assertCompiles("""
          def ACL a {
            action: "read"
            resource: "%s"
            condition: { expr: "resource.attributes.ownerID == actor.id" }
          }
          """.formatted(resource));
    }
    assertCompiles("def ACL a { action: \"read\", condition: { expr: \"object.attributes.whatever == 1\" } }");
    assertEquals(List.of("E_EXPR_TYPE_MISMATCH 1:29 /defs/0/properties/condition/expr Path 'object.attributes.totl'"
        + " cannot exist: 'object.attributes' has no field 'totl' (fields: note, ownerId, status, total); did you"
        + " mean 'object.attributes.total'? [1:30]"), problems(
            "def ACL a { action: \"read\", condition: { expr: \"resource.type == 'order' and object.attributes.totl > 1\" } }"));
  }

  @Test
  void hostTypeEnv_addsToTheDeclaredAttributes() {
    Validator v = Validator.builder().meta(META)
        .typeEnv(TypeEnv.builder().declare("object.attributes.region", ExprType.STRING).build()).build();
    List<Diagnostic> ds = v.validate(Manifests.parseText("""
        def ACL a {
          action: "read"
          resource: "order"
          condition: { expr: "object.attributes.region == 'eu' and object.attributes.total > 0" }
        }
        """).orElseThrow());
    assertEquals(List.of(), ds);
  }

  @Test
  void artifact_carriesTheAttributeTypes_andLoadsBack() {
    Artifact a = COMPILER.compile(Manifests.parseText("""
        def Policy p {
          effect: "deny"
          match: { "object.type": "order" }
          condition: "object.attributes.total > 100"
        }
        """).orElseThrow()).orElseThrow();
    Artifact back = Artifact.fromJson(a.toCanonicalJson()).orElseThrow();
    assertEquals(a, back);
    assertEquals(META.hash(), back.provenance().metaHash());
    assertTrue(a.toCanonicalJson().contains("\"attributes\":{\"note\":\"string|null\",\"ownerId\":\"string\","
        + "\"status\":\"string\",\"total\":\"int\"}"));
  }
}
