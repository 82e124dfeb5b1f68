package dev.mpc.dsl.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.engine.MpcEngine;
import dev.mpc.form.FieldState;
import dev.mpc.form.FormEngine;
import dev.mpc.form.FormError;
import dev.mpc.form.FormModel;
import dev.mpc.form.FormPackage;
import dev.mpc.form.FormRequest;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormEngineTest {
  static final DomainMeta META = DomainMeta.builder().kind("FormDef").kind("FieldDef").kind("ACL").build();

  static final String FORM = """
      @schema 1
      @namespace "t"
      def ACL mask_salary { action: "read", resource: "employee", roles: ["clerk"], effect: "allow", maskFields: ["salary"] }
      def ACL no_update_for_guests { action: "update", resource: "employee", roles: ["guest"], effect: "deny" }
      def FormDef employee "Employee" {
        resource: "employee"
        workflowState: "draft"
        workflowTrigger: "submit"
        def FieldDef name "Name" { type: "string" required: true min: 2 max: 20 placeholder: "Full name" }
        def FieldDef age "Age" { type: "number" min: 18 max: 99 }
        def FieldDef active "Active" { type: "boolean" default: true }
        def FieldDef team "Team" { type: "select" options: ["red", "blue"] }
        def FieldDef tags "Tags" { type: "multiselect" options: ["a", "b", "c"] max: 2 }
        def FieldDef start "Start" { type: "date" }
        def FieldDef notes "Notes" { type: "textarea" visibilityExpr: "data.active == true" }
        def FieldDef salary "Salary" { type: "number" }
        def FieldDef code "Code" { type: "string" validationExpr: "len(data.code) == 3" readonlyExpr: "'auditor' in actor.roles" }
      }
      """;

  static Result<Artifact> compile(String dsl) {
    return Manifests.parseText(dsl, Syntax.DSL).flatMap(RegistryCompiler.builder().meta(META).build()::compile);
  }

  static Artifact artifact() {
    Result<Artifact> a = compile(FORM);
    assertTrue(a.isOk(), () -> a.diagnostics().toString());
    return a.orElseThrow();
  }

  static FormEngine engine(Locale l) {
    return FormEngine.builder().acl(MpcEngine.builder().build().orElseThrow()).locale(l).build().orElseThrow();
  }

  static JsonObject obj(String json) {
    return (JsonObject) Json.parse(json).orElseThrow();
  }

  @Test
  void jsonSchema_mapsEveryTypeAndConstraint_correctly() {
    FormModel m = FormModel.of(artifact(), "employee").orElseThrow();
    JsonObject s = engine(Locale.ENGLISH).jsonSchema(m);
    JsonObject p = (JsonObject) s.getOrNull("properties");
    assertEquals("{\"maxLength\":20,\"minLength\":2,\"title\":\"Name\",\"type\":\"string\",\"x-field-id\":\"name\","
        + "\"x-placeholder\":\"Full name\"}", Canonical.json(p.getOrNull("name")));
    assertEquals("{\"maximum\":99,\"minimum\":18,\"title\":\"Age\",\"type\":\"number\",\"x-field-id\":\"age\"}",
        Canonical.json(p.getOrNull("age")));
    assertEquals("{\"items\":{\"enum\":[\"a\",\"b\",\"c\"],\"type\":\"string\"},\"maxItems\":2,\"title\":\"Tags\","
        + "\"type\":\"array\",\"x-field-id\":\"tags\"}", Canonical.json(p.getOrNull("tags")));
    assertEquals("{\"format\":\"date\",\"title\":\"Start\",\"type\":\"string\",\"x-field-id\":\"start\"}",
        Canonical.json(p.getOrNull("start")));
    assertEquals("[\"name\"]", Canonical.json(s.getOrNull("required")));
    assertEquals("draft", ((dev.mpc.json.JsonString) s.getOrNull("x-workflow-state")).value());
    assertEquals(FormEngine.SCHEMA_DIALECT, ((dev.mpc.json.JsonString) s.getOrNull("$schema")).value());
    JsonObject ui = engine(Locale.ENGLISH).uiSchema(m);
    assertEquals("[\"name\",\"age\",\"active\",\"team\",\"tags\",\"start\",\"notes\",\"salary\",\"code\"]",
        Canonical.json(ui.getOrNull("ui:order")));
    assertEquals("{\"ui:widget\":\"textarea\"}", Canonical.json(ui.getOrNull("notes")));
    assertEquals("{\"ui:placeholder\":\"Full name\"}", Canonical.json(ui.getOrNull("name")));
  }

  @Test
  void fieldStates_fromExpressionsAndTheAcl() {
    Artifact a = artifact();
    FormModel m = FormModel.of(a, "employee").orElseThrow();
    FormEngine e = engine(Locale.ENGLISH);
    List<FieldState> clerk = e.fieldStates(a, m, FormRequest.of(obj("{\"active\": false}"), Actor.user("u1", "clerk")));
    assertEquals(new FieldState("notes", false, false), clerk.get(6), "hidden by its expression");
    assertEquals(new FieldState("salary", true, true), clerk.get(7), "masked by the ACL");
    assertEquals(new FieldState("name", true, false), clerk.get(0));
    List<FieldState> guest = e.fieldStates(a, m, FormRequest.of(obj("{\"active\": true}"), Actor.user("u2", "guest",
        "auditor")));
    assertTrue(guest.stream().allMatch(FieldState::readonly), "updates denied to guests: " + guest);
    assertTrue(guest.get(6).visible());
  }

  @Test
  void validation_enforcesTypesBoundsOptionsExpressions_andSkipsHiddenFields() {
    Artifact a = artifact();
    FormModel m = FormModel.of(a, "employee").orElseThrow();
    FormEngine e = engine(Locale.ENGLISH);
    JsonObject bad = obj("{\"name\": \"A\", \"age\": \"old\", \"team\": \"green\", \"tags\": [\"a\", \"b\", \"c\"],"
        + " \"start\": \"2026-13-01\", \"notes\": 5, \"active\": false, \"code\": \"abcd\", \"extra\": 1}");
    List<FormError> errors = e.validate(a, m, FormRequest.of(bad, Actor.user("u1", "editor")))
        .errors();
    assertEquals(List.of("name:form.min.length", "age:form.type", "team:form.option", "tags:form.max.count",
        "start:form.type", "code:form.invalid", "extra:form.unknownField"),
        errors.stream().map(x -> x.fieldId() + ":" + x.key()).toList(), errors.toString());
    assertEquals("'Name' must be at least 2 characters long", errors.get(0).message());
    assertEquals("len(data.code) == 3", errors.get(5).expr().orElseThrow());
    JsonObject good = obj("{\"name\": \"Ada\", \"age\": 36, \"team\": \"red\", \"tags\": [\"a\"], \"start\":"
        + " \"2026-12-04\", \"active\": true, \"notes\": \"hi\", \"code\": \"abc\"}");
    assertTrue(e.validate(a, m, FormRequest.of(good, Actor.user("u1", "editor"))).valid());
    assertEquals(List.of("name:form.required"), e.validate(a, m, FormRequest.of(obj("{\"name\": \"\"}"),
        Actor.user("u1"))).errors().stream().map(x -> x.fieldId() + ":" + x.key()).toList());
  }

  @Test
  void aMaskedFieldTheActorMayNotWrite_isRefused_unlessUnchanged() {
    Artifact a = artifact();
    FormModel m = FormModel.of(a, "employee").orElseThrow();
    FormEngine e = engine(Locale.ENGLISH);
    FormRequest r = FormRequest.of(obj("{\"name\": \"Ada\", \"salary\": 9000}"), Actor.user("u1", "clerk"));
    assertEquals(List.of("salary:form.readonly"), e.validate(a, m, r).errors().stream()
        .map(x -> x.fieldId() + ":" + x.key()).toList());
    assertTrue(e.validate(a, m, r.withCurrent(obj("{\"salary\": 9000}"))).valid());
  }

  @Test
  void failClosedByDefault_failOpenOnRequest() {
    Result<Artifact> r = compile("""
        @schema 1
        def FormDef f { def FieldDef x "X" { type: "string" visibilityExpr: "len(data.x) > 100 / 0" } }
        """);
    assertTrue(r.isOk(), () -> r.diagnostics().toString());
    FormModel m = FormModel.of(r.orElseThrow(), "f").orElseThrow();
    FormEngine e = engine(Locale.ENGLISH);
    FormRequest q = FormRequest.of(obj("{\"x\": \"a\"}"), Actor.user("u"));
    assertFalse(e.fieldStates(r.orElseThrow(), m, q).get(0).visible(), "division by zero fails closed");
    assertTrue(e.fieldStates(r.orElseThrow(), m, q.withFailOpen(true)).get(0).visible());
  }

  @Test
  void compileTimeChecks_andUnknownForms() {
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, compile("""
        @schema 1
        def FormDef f { def FieldDef x { type: "string" visibilityExpr: "data.x + 1" } }
        """).diagnostics().get(0).code());
    String badForm = """
        @schema 1
        def FormDef f {
          def FieldDef x { type: "colour" }
          def FieldDef y { type: "string" options: ["a"] }
          def FieldDef y { type: "string" }
          def FieldDef z { type: "boolean" min: 1 }
        }
        """;
    Result<Artifact> refused = compile(badForm);
    assertEquals(4, refused.diagnostics().size(), refused.diagnostics().toString());
    assertTrue(refused.diagnostics().get(0).message().contains("Unknown type 'colour'"));
    // an artifact built without the compiler's checks is refused by the model just the same
    Artifact bad = Artifact.of(Manifests.parseText(badForm, Syntax.DSL).orElseThrow(), META, "0.1.0");
    Result<FormModel> m = FormModel.of(bad, "f");
    assertEquals(4, m.diagnostics().size(), m.diagnostics().toString());
    assertEquals(Code.E_VALID_UNRESOLVED_REF, FormModel.of(bad, "nope").diagnostics().get(0).code());
    Result<FormPackage> p = engine(Locale.ENGLISH).formPackage(bad, "nope", FormRequest.of(JsonObject.EMPTY,
        Actor.user("u")));
    assertFalse(p.isOk());
  }

  @Test
  void turkishMessages_areUpstreamsTexts() {
    Artifact a = artifact();
    FormModel m = FormModel.of(a, "employee").orElseThrow();
    FormError e = engine(Locale.forLanguageTag("tr")).validate(a, m, FormRequest.of(JsonObject.EMPTY,
        Actor.user("u1"))).errors().get(0);
    assertEquals("'Name' alanı zorunludur", e.message());
  }
}
