package dev.mpc.examples.alm;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.MpcException;
import dev.mpc.diag.Result;
import dev.mpc.engine.MpcEngine;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.form.FormEngine;
import dev.mpc.form.FormError;
import dev.mpc.form.FormPackage;
import dev.mpc.form.FormRequest;
import dev.mpc.form.FormSubmission;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forms of a defect: {@code GET /api/v1/forms/{id}?defect=D} returns the form package for the caller
 * (JSON Schema, UI schema, field states from the ACL and expressions, the defect's workflow
 * state); {@code POST /api/v1/forms/{id}/submit?defect=D} validates the values and, when they are
 * valid and the defect is in the form's state, fires the form's workflow trigger (422 with each
 * field's error, 409 in another state).
 */
@RestController
@RequestMapping("/api/v1/forms")
public class FormController {
  private final FormEngine forms;
  private final WorkflowEngine workflow = WorkflowEngine.builder().build().orElseThrow();
  private final ItemRepository items;
  private final AlmDecisions decisions;
  private final Tenants tenants;
  private final WorkflowStore workflows;

  FormController(MpcEngine engine, FunctionRegistry functions, ItemRepository items, AlmDecisions decisions,
      Tenants tenants, WorkflowStore workflows) {
    this.forms = FormEngine.builder().acl(engine).functions(functions).build().orElseThrow();
    this.items = items;
    this.decisions = decisions;
    this.tenants = tenants;
    this.workflows = workflows;
  }

  private WorkflowInstance instance(Caller c, String defect) {
    Item item = items.find(c.tenant(), "Defect", defect).orElseThrow(() -> new ItemController.NotFound("no such item"));
    decisions.require(c, decisions.event(c, "Defect", defect, item.attributes(), "read", JsonObject.EMPTY));
    return workflows.load(ItemController.instanceId(c.tenant(), defect))
        .orElseThrow(() -> new ItemController.NotFound("no workflow"));
  }

  /** The form package for the caller. */
  @GetMapping(value = "/{formId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public String form(@PathVariable String formId, @RequestParam String defect, Authentication auth) {
    Caller c = Caller.of(auth);
    WorkflowInstance wf = instance(c, defect);
    Artifact a = tenants.artifact(c.tenant());
    FormRequest r = new FormRequest(JsonObject.EMPTY, c.actor(), Optional.of(wf.stateLabel()), Optional.empty(),
        Optional.empty());
    Result<FormPackage> p = forms.formPackage(a, formId, r);
    if (!p.isOk()) {
      throw new ItemController.NotFound("no form " + formId);
    }
    return Json.write(p.orElseThrow().toJson());
  }

  /** Submits values; a valid submission fires the form's trigger on the defect's workflow. */
  @PostMapping("/{formId}/submit")
  public ResponseEntity<Map<String, Object>> submit(@PathVariable String formId, @RequestParam String defect,
      @RequestBody String body, @RequestHeader(value = "Idempotency-Key", required = false) String key,
      Authentication auth) {
    Caller c = Caller.of(auth);
    WorkflowInstance wf = instance(c, defect);
    Result<JsonValue> parsed = Json.parse(body);
    if (!parsed.isOk() || !(parsed.orElseThrow() instanceof JsonObject values)) {
      throw new ItemController.BadRequest("the body must be a JSON object of field values");
    }
    Item item = items.find(c.tenant(), "Defect", defect).orElseThrow();
    Artifact a = tenants.artifact(c.tenant());
    Result<dev.mpc.form.FormModel> found = dev.mpc.form.FormModel.of(a, formId);
    if (!found.isOk()) {
      throw new ItemController.NotFound("no form " + formId);
    }
    dev.mpc.form.FormModel model = found.orElseThrow();
    model.workflowTrigger().ifPresent(trigger -> decisions.require(c, decisions.event(c, "Defect", defect,
        item.attributes(), "transition", JsonObject.builder().put("event", trigger).build())));
    FormSubmission s = forms.submit(a, formId, FormRequest.of(values, c.actor()), workflow, wf,
        key == null ? FireOptions.defaults() : FireOptions.eventId(key));
    if (!s.accepted()) {
      if (!s.validation().valid()) {
        List<Diagnostic> ds = new ArrayList<>();
        for (FormError e : s.validation().errors()) {
          ds.add(Diagnostic.of(Code.E_FORM_INVALID_SUBMISSION, e.fieldId() + ": " + e.message()).withPath(e.fieldId()));
        }
        throw new MpcException(ds);
      }
      throw new MpcException(s.errors().isEmpty() ? List.of(Diagnostic.of(Code.E_FORM_INVALID_SUBMISSION,
          "the submission was not accepted")) : s.errors());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("form", formId);
    if (s.transition().isPresent() && !s.transition().get().replayed()) {
      WorkflowInstance next = s.transition().get().instance();
      Result<WorkflowInstance> saved = workflows.save(next, wf.version());
      if (!saved.isOk()) {
        throw new MpcException(saved.diagnostics());
      }
      items.update(items.find(c.tenant(), "Defect", defect).orElseThrow().withStatus(next.stateLabel()));
    }
    out.put("state", s.instance().map(WorkflowInstance::stateLabel).orElse(wf.stateLabel()));
    return ResponseEntity.ok(out);
  }
}
