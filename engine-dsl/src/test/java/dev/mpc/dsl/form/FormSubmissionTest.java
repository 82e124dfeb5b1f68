package dev.mpc.dsl.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.Severity;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.form.FormEngine;
import dev.mpc.form.FormRequest;
import dev.mpc.form.FormSubmission;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A valid submission fires the form's workflow trigger through the workflow engine; nothing else does. */
class FormSubmissionTest {
  static final DomainMeta META = DomainMeta.builder().kind("FormDef").kind("FieldDef").kind("Workflow").build();

  static final String MANIFEST = """
      @schema 1
      @namespace "t"
      def Workflow expense {
        initial: "draft"
        states: ["draft", "review", "approved"]
        transitions: [
          {from: "draft", on: "submit", to: "review", roles: ["clerk"], guard: "data.amount <= 1000"},
          {from: "review", on: "approve", to: "approved", roles: ["manager"]}
        ]
      }
      def FormDef expense_form "Expense" {
        workflowState: "draft"
        workflowTrigger: "submit"
        def FieldDef amount "Amount" { type: "number" required: true min: 1 }
        def FieldDef reason "Reason" { type: "textarea" required: true }
      }
      def FormDef note_form "Note" {
        def FieldDef text "Text" { type: "string" required: true }
      }
      """;

  static final Actor CLERK = Actor.user("u1", "clerk");
  static final Actor GUEST = Actor.user("u2", "guest");

  final Artifact artifact = compile(MANIFEST).orElseThrow();
  final FormEngine forms = FormEngine.builder().build().orElseThrow();
  final WorkflowEngine workflow = WorkflowEngine.builder().build().orElseThrow();

  static Result<Artifact> compile(String dsl) {
    return Manifests.parseText(dsl, Syntax.DSL).flatMap(RegistryCompiler.builder().meta(META).build()::compile);
  }

  static JsonObject obj(String json) {
    return (JsonObject) Json.parse(json).orElseThrow();
  }

  WorkflowInstance draft() {
    return workflow.start(artifact, "expense", "e-1").orElseThrow();
  }

  @Test
  void aValidSubmission_firesTheTrigger_andMovesTheInstance() {
    WorkflowInstance before = draft();
    FormSubmission s = forms.submit(artifact, "expense_form",
        FormRequest.of(obj("{\"amount\":250,\"reason\":\"train\"}"), CLERK), workflow, before, FireOptions.eventId("sub-1"));
    assertTrue(s.accepted(), () -> s.errors().toString());
    assertTrue(s.validation().valid());
    assertTrue(s.transition().orElseThrow().allowed());
    assertEquals(List.of("draft"), s.transition().get().from());
    assertEquals(List.of("review"), s.instance().orElseThrow().configuration());
    assertEquals(before.version() + 1, s.instance().get().version());

    // the same submission retried with the same id is the recorded no-op, not a second transition
    FormSubmission again = forms.submit(artifact, "expense_form",
        FormRequest.of(obj("{\"amount\":250,\"reason\":\"train\"}"), CLERK), workflow, before, FireOptions.eventId("sub-1"));
    assertTrue(again.accepted());
    FormSubmission replay = forms.submit(artifact, "expense_form",
        FormRequest.of(obj("{\"amount\":250,\"reason\":\"train\"}"), CLERK), workflow, s.instance().get(),
        FireOptions.eventId("sub-1"));
    // the instance is now in review: the form belongs to draft, so nothing is fired
    assertFalse(replay.accepted());
    assertEquals(Code.E_FORM_STATE_MISMATCH, replay.errors().get(0).code());
    assertTrue(replay.transition().isEmpty());
  }

  @Test
  void anInvalidSubmission_firesNothing() {
    FormSubmission s = forms.submit(artifact, "expense_form", FormRequest.of(obj("{\"amount\":0}"), CLERK), workflow,
        draft(), FireOptions.defaults());
    assertFalse(s.accepted());
    assertTrue(s.transition().isEmpty());
    assertEquals(Code.E_FORM_INVALID_SUBMISSION, s.errors().get(0).code());
    assertEquals(List.of("amount", "reason"), s.validation().errors().stream().map(e -> e.fieldId()).toList());
    assertTrue(s.errors().get(0).message().contains("amount, reason"), s.errors().get(0).message());
  }

  @Test
  void theWorkflowsOwnChecks_stillDecide() {
    // valid values, but the guard sees data.amount > 1000
    FormSubmission big = forms.submit(artifact, "expense_form",
        FormRequest.of(obj("{\"amount\":5000,\"reason\":\"car\"}"), CLERK), workflow, draft(), FireOptions.defaults());
    assertFalse(big.accepted());
    assertTrue(big.validation().valid());
    assertFalse(big.transition().orElseThrow().allowed());
    assertEquals(Code.E_WF_GUARD_FAIL, big.errors().get(0).code());
    assertEquals(List.of("draft"), big.instance().orElseThrow().configuration());
    // valid values, but the actor lacks the transition's role
    FormSubmission guest = forms.submit(artifact, "expense_form",
        FormRequest.of(obj("{\"amount\":5,\"reason\":\"tea\"}"), GUEST), workflow, draft(), FireOptions.defaults());
    assertFalse(guest.accepted());
    assertEquals(Code.E_WF_AUTH_DENIED, guest.errors().get(0).code());
  }

  @Test
  void aFormWithoutTrigger_isAcceptedWithoutTransition_andAnUnknownFormIsRefused() {
    FormSubmission note = forms.submit(artifact, "note_form", FormRequest.of(obj("{\"text\":\"hi\"}"), CLERK),
        workflow, draft(), FireOptions.defaults());
    assertTrue(note.accepted());
    assertTrue(note.transition().isEmpty());
    FormSubmission none = forms.submit(artifact, "nope", FormRequest.of(JsonObject.EMPTY, CLERK), workflow, draft(),
        FireOptions.defaults());
    assertFalse(none.accepted());
    assertEquals(Code.E_VALID_UNRESOLVED_REF, none.errors().get(0).code());
    assertEquals("__form__", none.validation().errors().get(0).fieldId());
  }

  @Test
  void expressionsSeeTheInstancesState() {
    Artifact a = compile(MANIFEST.replace("def FieldDef reason \"Reason\" { type: \"textarea\" required: true }",
        "def FieldDef reason \"Reason\" { type: \"textarea\" required: true validationExpr: \"state == 'draft'\" }"))
        .orElseThrow();
    WorkflowInstance i = workflow.start(a, "expense", "e-2").orElseThrow();
    FormSubmission s = forms.submit(a, "expense_form", FormRequest.of(obj("{\"amount\":3,\"reason\":\"x\"}"), CLERK)
        .inState("somewhere-else"), workflow, i, FireOptions.defaults());
    assertTrue(s.accepted(), () -> s.errors().toString());
  }

  @Test
  void aTriggerOrStateNoWorkflowDeclares_isACompileWarning() {
    Result<Artifact> a = compile(MANIFEST.replace("workflowTrigger: \"submit\"", "workflowTrigger: \"sumbit\"")
        .replace("workflowState: \"draft\"", "workflowState: \"drfat\""));
    assertTrue(a.isOk(), () -> a.diagnostics().toString());
    List<Diagnostic> warnings = a.diagnostics().stream().filter(d -> d.code() == Code.E_VALID_UNRESOLVED_REF).toList();
    assertEquals(2, warnings.size(), warnings::toString);
    assertTrue(warnings.stream().allMatch(d -> d.severity() == Severity.WARN));
    assertTrue(warnings.get(0).message().contains("'drfat'"), warnings.get(0).message());
    assertTrue(warnings.get(1).message().contains("'sumbit'"), warnings.get(1).message());
    assertTrue(compile(MANIFEST).diagnostics().stream().noneMatch(d -> d.code() == Code.E_VALID_UNRESOLVED_REF));
  }
}
