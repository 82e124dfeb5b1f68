package dev.mpc.conformance.handlers;

import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.ManifestIdentity;
import dev.mpc.artifact.MetaIdentity;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ActorType;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.form.FieldType;
import dev.mpc.form.FormField;
import dev.mpc.form.FormModel;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Category {@code form} (conformance spec §3.7): upstream's form package, reproduced on the real
 * {@link FormModel} with upstream's quirks confined here: the JSON Schema mapping of §11.4 (G-F7:
 * {@code enum} on a multiselect, {@code minLength} for every non-number type, no {@code format}),
 * the flattened expression context ({@code data}'s members plus {@code role} = the first role,
 * G-F4) without type checking, the ACL asked {@code read} of each field id with any
 * {@code maskField} intent making it read-only (G-F5), validation of required values and
 * validation expressions only, hidden fields included (G-F2, G-F3), Turkish messages (G-F1), and
 * fail-open by default (G-F8). The real engine ({@code dev.mpc.form.FormEngine}) does none of
 * this; docs/forms.md lists the differences.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormHandler implements CategoryHandler {
  private static final DomainMeta META = DomainMeta.builder().kind("FormDef").kind("FieldDef").kind("ACL")
      .kind("Workflow").build();

  @Override
  public String category() {
    return "form";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    if (!(in.getOrNull("dsl") instanceof JsonString dsl) || dsl.value().isBlank()) {
      return missing("Missing 'dsl' in input");
    }
    if (!(in.getOrNull("form_id") instanceof JsonString fid) || fid.value().isBlank()) {
      return missing("Missing 'form_id' in input");
    }
    String formId = fid.value().strip();
    if (Outputs.strict(in)) {
      return strict(dsl.value(), formId, in, context);
    }
    JsonObject data = in.getOrNull("data") instanceof JsonObject d ? d : JsonObject.EMPTY;
    List<String> roles = new ArrayList<>();
    if (in.getOrNull("actor_roles") instanceof JsonArray rs) {
      rs.items().forEach(r -> roles.add(r instanceof JsonString s ? s.value() : dev.mpc.json.Canonical.json(r)));
    }
    JsonObject attrs = in.getOrNull("actor_attrs") instanceof JsonObject a ? a : JsonObject.EMPTY;
    boolean failOpen = in.getOrNull("fail_open") == null || truthy(in.getOrNull("fail_open"));
    Result<Limits> limits = Limits.fromPreset(context.limits());
    Result<ManifestAst> ast = Manifests.parseText(dsl.value(), Syntax.DSL);
    if (!limits.isOk() || !ast.isOk()) {
      return Outputs.errors(limits.isOk() ? ast.diagnostics() : limits.diagnostics());
    }
    Artifact artifact = artifact(ast.orElseThrow(), limits.orElseThrow());
    Result<FormModel> model = FormModel.of(artifact, formId);
    if (!(model instanceof Result.Ok<FormModel> m)) {
      return model.diagnostics().get(0).code() == dev.mpc.diag.Code.E_VALID_UNRESOLVED_REF ? notFound(formId)
          : Outputs.errors(model.diagnostics());
    }
    FormModel form = m.get();
    ExprEngine exprs = ExprEngine.standard();
    JsonObject.Builder ctx = JsonObject.builder();
    data.members().forEach(ctx::put);
    ctx.put("role", roles.isEmpty() ? "" : roles.get(0));
    Bindings bindings = Bindings.of(ctx.build());
    List<JsonValue> states = new ArrayList<>();
    List<Boolean> readonlyByAcl = aclReadonly(artifact, form, roles, attrs, failOpen);
    for (int i = 0; i < form.fields().size(); i++) {
      FormField f = form.fields().get(i);
      boolean visible = f.visibility().map(s -> !isExactly(eval(exprs, s.ir(), bindings, limits.orElseThrow()),
          false, failOpen, true)).orElse(true);
      boolean readonly = readonlyByAcl.get(i) || f.readonly().map(s -> isExactly(eval(exprs, s.ir(), bindings,
          limits.orElseThrow()), true, failOpen, false)).orElse(false);
      states.add(JsonObject.builder().put("field_id", f.id()).put("visible", visible).put("readonly", readonly)
          .build());
    }
    List<JsonValue> errors = new ArrayList<>();
    for (FormField f : form.fields()) {
      JsonValue v = data.getOrNull(f.id());
      if (f.required() && (v == null || v.isNull() || (v instanceof JsonString s && s.value().isEmpty()))) {
        errors.add(JsonObject.builder().put("field_id", f.id()).put("message", "'" + f.displayName()
            + "' alanı zorunludur").put("expr", JsonNull.INSTANCE).build());
        continue;
      }
      if (f.validation().isPresent() && isExactly(eval(exprs, f.validation().get().ir(), bindings,
          limits.orElseThrow()), false, failOpen, true)) {
        errors.add(JsonObject.builder().put("field_id", f.id()).put("message", "'" + f.displayName()
            + "' doğrulama koşulunu sağlamıyor").put("expr", f.validation().get().source()).build());
      }
    }
    return JsonObject.builder().put("json_schema", schema(form)).put("ui_schema", ui(form))
        .put("field_state", JsonArray.of(states)).put("validation", JsonObject.builder()
            .put("valid", errors.isEmpty()).put("errors", JsonArray.of(errors)).build()).build();
  }

  /**
   * {@code "mode":"strict"} (our own fixtures): the manifest compiled by the real compiler (with
   * its form checks) and {@code FormEngine.formPackage} run as a host runs it: input members
   * {@code actor} ({@code id}, {@code roles}, {@code claims}), {@code state}, {@code current},
   * {@code fail_open} (absent: the engine's fail-closed default) and {@code locale}.
   */
  private static JsonValue strict(String dsl, String formId, JsonObject in, FixtureContext context) {
    Result<Limits> limits = Limits.fromPreset(context.limits());
    if (!limits.isOk()) {
      return Outputs.errors(limits.diagnostics());
    }
    Result<Artifact> artifact = Manifests.parseText(dsl, Syntax.DSL).flatMap(dev.mpc.dsl.compile.RegistryCompiler
        .builder().meta(META).build()::compile);
    if (!artifact.isOk()) {
      return Outputs.errors(artifact.diagnostics());
    }
    JsonObject a = in.getOrNull("actor") instanceof JsonObject o ? o : JsonObject.EMPTY;
    List<String> roles = new ArrayList<>();
    if (a.getOrNull("roles") instanceof JsonArray rs) {
      rs.items().forEach(r -> roles.add(r instanceof JsonString s ? s.value() : dev.mpc.json.Canonical.json(r)));
    }
    Actor actor = new Actor(a.getOrNull("id") instanceof JsonString s ? s.value() : "u-1", ActorType.USER, roles,
        a.getOrNull("claims") instanceof JsonObject c ? c : JsonObject.EMPTY);
    dev.mpc.form.FormRequest request = dev.mpc.form.FormRequest.of(in.getOrNull("data") instanceof JsonObject d ? d
        : JsonObject.EMPTY, actor);
    if (in.getOrNull("state") instanceof JsonString st) {
      request = request.inState(st.value());
    }
    if (in.getOrNull("current") instanceof JsonObject cur) {
      request = request.withCurrent(cur);
    }
    if (in.getOrNull("fail_open") instanceof JsonBool fo) {
      request = request.withFailOpen(fo.value());
    }
    java.util.Locale locale = in.getOrNull("locale") instanceof JsonString l ? java.util.Locale.forLanguageTag(l.value())
        : java.util.Locale.ENGLISH;
    Result<dev.mpc.form.FormEngine> engine = dev.mpc.form.FormEngine.builder().acl(MpcEngine.builder().build()
        .orElseThrow()).limits(limits.orElseThrow()).clock(context.clock()).locale(locale).build();
    if (!engine.isOk()) {
      return Outputs.errors(engine.diagnostics());
    }
    if (in.getOrNull("submit") instanceof JsonObject sub) {
      return submit(engine.orElseThrow(), artifact.orElseThrow(), formId, request, sub, context);
    }
    Result<dev.mpc.form.FormPackage> p = engine.orElseThrow().formPackage(artifact.orElseThrow(), formId, request);
    return p.isOk() ? p.orElseThrow().toJson() : Outputs.errors(p.diagnostics());
  }

  /**
   * A strict fixture's {@code submit} member ({@code workflow}, optional {@code instance} id,
   * {@code event_id}): a fresh instance of that workflow, the submission through
   * {@code FormEngine.submit}, and its outcome: {@code accepted}, {@code errors}, the
   * {@code validation} and the fired {@code transition} ({@code allowed}, {@code from}, {@code to},
   * {@code version}, {@code errors}) or null.
   */
  private static JsonValue submit(dev.mpc.form.FormEngine forms, Artifact artifact, String formId,
      dev.mpc.form.FormRequest request, JsonObject sub, FixtureContext context) {
    Result<dev.mpc.workflow.WorkflowEngine> wf = dev.mpc.workflow.WorkflowEngine.builder().clock(context.clock())
        .build();
    if (!wf.isOk()) {
      return Outputs.errors(wf.diagnostics());
    }
    String workflowId = sub.getOrNull("workflow") instanceof JsonString w ? w.value() : "";
    String instanceId = sub.getOrNull("instance") instanceof JsonString i ? i.value() : "i-1";
    Result<dev.mpc.workflow.WorkflowInstance> instance = wf.orElseThrow().start(artifact, workflowId, instanceId);
    if (!instance.isOk()) {
      return Outputs.errors(instance.diagnostics());
    }
    dev.mpc.workflow.FireOptions options = sub.getOrNull("event_id") instanceof JsonString e
        ? dev.mpc.workflow.FireOptions.eventId(e.value()) : dev.mpc.workflow.FireOptions.defaults();
    dev.mpc.form.FormSubmission s = forms.submit(artifact, formId, request, wf.orElseThrow(), instance.orElseThrow(),
        options);
    JsonValue transition = s.transition().<JsonValue>map(t -> JsonObject.builder().put("allowed", t.allowed())
        .put("from", JsonArray.of(t.from().stream().map(JsonString::of).toList())).put("to", JsonArray.of(t.to().stream().map(JsonString::of).toList()))
        .put("version", t.instance().version()).put("errors", Outputs.diagnostics(t.errors())).build())
        .orElse(dev.mpc.json.JsonNull.INSTANCE);
    JsonValue validation = new dev.mpc.form.FormPackage(JsonObject.EMPTY, JsonObject.EMPTY, List.of(), s.validation())
        .toJson().getOrNull("validation");
    return JsonObject.builder().put("accepted", s.accepted()).put("errors", Outputs.diagnostics(s.errors()))
        .put("validation", validation).put("transition", transition).build();
  }

  /**
   * The manifest as an artifact with every expression site lowered, the form fields' included
   * (under their child refs); text that does not parse is a reference to a context key of that
   * exact text, as upstream treats it. Nothing is validated: upstream's forms are not compiled.
   */
  private static Artifact artifact(ManifestAst ast, Limits limits) {
    Map<String, Map<String, Expr>> lowered = new LinkedHashMap<>();
    for (AstNode d : ast.defs()) {
      lower(d, d.kind() + ":" + d.id(), limits, lowered);
    }
    return Artifact.of(ManifestIdentity.of(ast), MetaIdentity.of(META), EngineFixtures.ENGINE_VERSION, lowered);
  }

  private static void lower(AstNode d, String ref, Limits limits, Map<String, Map<String, Expr>> out) {
    Map<String, Expr> sites = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> site : Validator.expressionSitesOf(d).entrySet()) {
      JsonValue v = site.getValue();
      Result<Expr> ir = v instanceof JsonString s ? Expressions.parse(s.value(), limits).map(p -> p.ir())
          : ExprJson.decode(v);
      if (!ir.isOk() && v instanceof JsonString s) {
        ir = ExprJson.decode(JsonObject.builder().put("ref", s.value()).build());
      }
      if (ir.isOk()) {
        sites.put(site.getKey(), ir.orElseThrow());
      }
    }
    if (!sites.isEmpty()) {
      out.putIfAbsent(ref, sites);
    }
    for (AstNode c : d.children()) {
      if (c.kind().equals("FieldDef")) {
        lower(c, Artifact.childRef(ref, c.kind(), c.id()), limits, out);
      }
    }
  }

  /** Upstream's ACL step: {@code read} of each field id; any maskField intent makes it read-only. */
  private static List<Boolean> aclReadonly(Artifact artifact, FormModel form, List<String> roles, JsonObject attrs,
      boolean failOpen) {
    List<Boolean> out = new ArrayList<>();
    try {
      MpcEngine engine = MpcEngine.builder().build().orElseThrow();
      Actor actor = new Actor("form-actor", ActorType.USER, roles, attrs);
      for (FormField f : form.fields()) {
        EventEnvelope e = new EventEnvelope(Optional.empty(), f.id() + ".read", EventKind.CUSTOM,
            "1970-01-01T00:00:00Z", actor, ObjectRef.of(f.id(), form.id()), JsonObject.EMPTY,
            JsonObject.builder().put("action", "read").build(), Optional.empty());
        Decision d = engine.evaluate(artifact, e, EvaluationOptions.defaults().withPoliciesOff(true));
        out.add(d.intents().stream().anyMatch(i -> i.kind() == IntentKind.MASK_FIELD));
      }
    } catch (RuntimeException e) {
      out.clear();
      form.fields().forEach(f -> out.add(!failOpen));
    }
    return out;
  }

  private static Result<JsonValue> eval(ExprEngine exprs, Expr ir, Bindings b, Limits limits) {
    Result<CompiledExpression> c = exprs.compile(ir, TypeEnv.empty(), limits);
    return c.isOk() ? c.orElseThrow().evaluate(b) : Result.failed(c.diagnostics());
  }

  /** Whether the result is exactly {@code target}; a failure counts as {@code dflt} failing open, its negation closed. */
  private static boolean isExactly(Result<JsonValue> r, boolean target, boolean failOpen, boolean dflt) {
    if (!r.isOk()) {
      boolean value = failOpen ? dflt : !dflt;
      return value == target;
    }
    return r.orElseThrow() instanceof JsonBool b && b.value() == target;
  }

  /** Upstream's JSON Schema (engines.md §11.4, defects G-F7 included). */
  private static JsonObject schema(FormModel form) {
    JsonObject.Builder props = JsonObject.builder();
    TreeSet<String> required = new TreeSet<>(dev.mpc.json.Canonical.CODE_POINT_ORDER);
    for (FormField f : form.fields()) {
      JsonObject.Builder p = JsonObject.builder().put("x-field-id", f.id()).put("type", switch (f.type()) {
        case NUMBER -> "number";
        case BOOLEAN -> "boolean";
        case MULTISELECT -> "array";
        default -> "string";
      });
      f.label().filter(l -> !l.isEmpty()).ifPresent(l -> p.put("title", l));
      f.defaultValue().ifPresent(d -> p.put("default", d));
      boolean number = f.type() == FieldType.NUMBER;
      f.min().ifPresent(v -> p.put(number ? "minimum" : "minLength", v));
      f.max().ifPresent(v -> p.put(number ? "maximum" : "maxLength", v));
      if (!f.options().isEmpty()) {
        p.put("enum", JsonArray.of(f.options()));
      }
      f.placeholder().ifPresent(x -> p.put("x-placeholder", x));
      f.validation().ifPresent(x -> p.put("x-validation-expr", x.source()));
      f.visibility().ifPresent(x -> p.put("x-visibility-expr", x.source()));
      f.readonly().ifPresent(x -> p.put("x-readonly-expr", x.source()));
      props.put(f.id(), p.build());
      if (f.required()) {
        required.add(f.id());
      }
    }
    JsonObject.Builder root = JsonObject.builder().put("type", "object").put("title", form.title().orElse(form.id()))
        .put("x-form-id", form.id()).put("properties", props.build());
    if (!required.isEmpty()) {
      root.put("required", JsonArray.of(required.stream().map(JsonString::of).toList()));
    }
    form.workflowState().ifPresent(s -> root.put("x-workflow-state", s));
    form.workflowTrigger().ifPresent(s -> root.put("x-workflow-trigger", s));
    return root.build();
  }

  /** Upstream's UI schema (§11.5). */
  private static JsonObject ui(FormModel form) {
    JsonObject.Builder ui = JsonObject.builder();
    for (FormField f : form.fields()) {
      JsonObject.Builder e = JsonObject.builder();
      f.placeholder().ifPresent(x -> e.put("ui:placeholder", x));
      switch (f.type()) {
        case TEXTAREA -> e.put("ui:widget", "textarea");
        case HIDDEN -> e.put("ui:widget", "hidden");
        case DATE -> e.put("ui:widget", "date");
        default -> { }
      }
      ui.put(f.id(), e.build());
    }
    ui.put("ui:order", JsonArray.of(form.fields().stream().map(f -> (JsonValue) JsonString.of(f.id())).toList()));
    return ui.build();
  }

  private static JsonObject notFound(String formId) {
    return JsonObject.builder().put("json_schema", JsonObject.EMPTY).put("ui_schema", JsonObject.EMPTY)
        .put("field_state", JsonArray.EMPTY).put("validation", JsonObject.builder().put("valid", false)
            .put("errors", JsonArray.of(JsonObject.builder().put("field_id", "__form__")
                .put("message", "FormDef '" + formId + "' not found").build())).build()).build();
  }

  private static JsonObject missing(String message) {
    return JsonObject.builder().put("error", JsonObject.builder().put("code", "E_PARSE_SYNTAX")
        .put("message", message).put("severity", "error").build()).build();
  }

  private static boolean truthy(JsonValue v) {
    if (v instanceof JsonBool b) {
      return b.value();
    }
    if (v instanceof JsonInt i) {
      return i.value().signum() != 0;
    }
    if (v instanceof JsonString s) {
      return !s.value().isEmpty();
    }
    if (v instanceof JsonArray a) {
      return a.size() > 0;
    }
    if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return v instanceof dev.mpc.json.JsonFloat f && f.value() != 0;
  }
}
