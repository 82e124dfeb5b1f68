package dev.mpc.form;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.EnvelopeTypes;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.Limits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The form engine (engines.md §11, built as §14.9 recommends): JSON Schema and UI schema of a
 * {@link FormModel}, field states for an actor and values, and submission validation that
 * enforces what the schema says plus the validation expressions.
 *
 * <p>Field state: an ACL rule that explicitly denies {@code read} of the form's resource (or of
 * the field id when the form names none) hides the field; a {@code maskField} intent naming the
 * field, or an explicit deny of {@code update}, makes it read-only; an ACL evaluation that fails
 * leaves the fields editable when failing open and makes every field read-only when failing
 * closed. Then {@code visibilityExpr} (exactly {@code false} hides) and {@code readonlyExpr}
 * (exactly {@code true} makes read-only). An expression that fails, exceeds its budget or yields a
 * non-boolean takes its default when failing open (visible, editable, valid) and the safe side when
 * failing closed (hidden, read-only, invalid). The engine fails closed unless told otherwise.
 *
 * <p>Expressions see {@code data} (the values), {@code actor} ({@code id}, {@code type},
 * {@code roles}, {@code claims}) and {@code state} (the workflow state or null). Each is budgeted
 * by the engine's limits. Messages come from the resource bundle {@code dev.mpc.form.messages}
 * in the engine's locale (English by default; {@code tr} reproduces upstream's texts).
 *
 * <p>Thread-safe; immutable but for a bounded cache of compiled field expressions.
 */
public final class FormEngine {
  /** The JSON Schema dialect of {@link #jsonSchema}. */
  public static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private final Optional<MpcEngine> acl;
  private final ExprEngine expressions;
  private final Limits limits;
  private final Clock clock;
  private final boolean failOpen;
  private final ResourceBundle messages;
  private final Locale locale;
  /**
   * Each field expression compiled once per engine (functions and limits are the engine's), bounded;
   * keyed by the artifact's IR instance (weak keys compare by identity, so a lookup does not hash
   * the expression tree, and an entry goes with its artifact).
   */
  private final com.github.benmanes.caffeine.cache.Cache<dev.mpc.expr.Expr, Result<CompiledExpression>> compiled =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().executor(Runnable::run).weakKeys().maximumSize(10_000)
          .build();

  private FormEngine(Builder b, ExprEngine expressions) {
    this.acl = Optional.ofNullable(b.acl);
    this.expressions = expressions;
    this.limits = b.limits;
    this.clock = b.clock;
    this.failOpen = b.failOpen;
    this.locale = b.locale;
    this.messages = ResourceBundle.getBundle("dev.mpc.form.messages", b.locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ schemas

  /**
   * The JSON Schema (draft 2020-12) of the form's values: {@code title}, {@code x-form-id},
   * {@code properties} (one per field, in field order), {@code required} (sorted; a required
   * text also gets {@code minLength} at least 1 and a required multiselect {@code minItems} at
   * least 1, so the schema refuses what validation calls missing),
   * {@code additionalProperties: false}, {@code x-workflow-state}/{@code x-workflow-trigger}; per
   * field the JSON type, bounds ({@code minimum}/{@code maximum} for numbers,
   * {@code minLength}/{@code maxLength} for texts, {@code minItems}/{@code maxItems} for
   * multiselects), {@code enum} (a multiselect's on its {@code items}), {@code format: date},
   * {@code default}, and the {@code x-field-id}, {@code x-placeholder} and {@code x-*-expr}
   * extensions.
   */
  public JsonObject jsonSchema(FormModel form) {
    JsonObject.Builder props = JsonObject.builder();
    TreeSet<String> required = new TreeSet<>(dev.mpc.json.Canonical.CODE_POINT_ORDER);
    for (FormField f : form.fields()) {
      props.put(f.id(), property(f));
      if (f.required()) {
        required.add(f.id());
      }
    }
    JsonObject.Builder root = JsonObject.builder().put("$schema", SCHEMA_DIALECT).put("type", "object")
        .put("title", form.title().orElse(form.id())).put("x-form-id", form.id()).put("properties", props.build())
        .put("additionalProperties", false);
    if (!required.isEmpty()) {
      root.put("required", JsonArray.of(required.stream().map(JsonString::of).toList()));
    }
    form.workflowState().ifPresent(s -> root.put("x-workflow-state", s));
    form.workflowTrigger().ifPresent(s -> root.put("x-workflow-trigger", s));
    return root.build();
  }

  private static JsonObject property(FormField f) {
    JsonObject.Builder p = JsonObject.builder().put("x-field-id", f.id());
    FieldType t = f.type();
    if (t == FieldType.SELECT) {
      (f.options().isEmpty() ? Optional.of("string") : uniformType(f.options())).ifPresent(x -> p.put("type", x));
    } else {
      p.put("type", t.jsonType());
    }
    f.label().filter(l -> !l.isEmpty()).ifPresent(l -> p.put("title", l));
    f.defaultValue().ifPresent(d -> p.put("default", d));
    switch (t) {
      case NUMBER -> {
        f.min().ifPresent(m -> p.put("minimum", m));
        f.max().ifPresent(m -> p.put("maximum", m));
      }
      case MULTISELECT -> {
        long minItems = Math.max(f.required() ? 1 : 0, f.min().map(m -> (long) Math.ceil(FormModel.number(m))).orElse(0L));
        if (f.min().isPresent() || minItems > 0) {
          p.put("minItems", JsonInt.of(minItems));
        }
        f.max().ifPresent(m -> p.put("maxItems", JsonInt.of((long) Math.floor(FormModel.number(m)))));
        if (!f.options().isEmpty()) {
          JsonObject.Builder items = JsonObject.builder().put("enum", JsonArray.of(f.options()));
          uniformType(f.options()).ifPresent(x -> items.put("type", x));
          p.put("items", items.build());
        }
      }
      case BOOLEAN -> { }
      default -> {
        long minLength = Math.max(f.required() ? 1 : 0,
            f.min().map(m -> (long) Math.ceil(FormModel.number(m))).orElse(0L));
        if (f.min().isPresent() || minLength > 0) {
          p.put("minLength", JsonInt.of(minLength));
        }
        f.max().ifPresent(m -> p.put("maxLength", JsonInt.of((long) Math.floor(FormModel.number(m)))));
      }
    }
    if (t == FieldType.SELECT && !f.options().isEmpty()) {
      p.put("enum", JsonArray.of(f.options()));
    }
    if (t == FieldType.DATE) {
      p.put("format", "date");
    }
    f.placeholder().ifPresent(x -> p.put("x-placeholder", x));
    f.validation().ifPresent(x -> p.put("x-validation-expr", x.source()));
    f.visibility().ifPresent(x -> p.put("x-visibility-expr", x.source()));
    f.readonly().ifPresent(x -> p.put("x-readonly-expr", x.source()));
    return p.build();
  }

  private static Optional<String> uniformType(List<JsonValue> options) {
    if (options.isEmpty()) {
      return Optional.empty();
    }
    String first = jsonType(options.get(0));
    return options.stream().allMatch(o -> jsonType(o).equals(first)) && !first.equals("null") ? Optional.of(first)
        : Optional.empty();
  }

  private static String jsonType(JsonValue v) {
    if (v instanceof JsonString) {
      return "string";
    }
    if (v instanceof JsonInt || v instanceof JsonFloat) {
      return "number";
    }
    if (v instanceof JsonBool) {
      return "boolean";
    }
    return v instanceof JsonArray ? "array" : v instanceof JsonObject ? "object" : "null";
  }

  /**
   * The UI schema in react-jsonschema-form's shape: {@code ui:order} (field order), and per field
   * {@code ui:widget} ({@code textarea}, {@code hidden}, {@code date}, {@code checkboxes} for a
   * multiselect) and {@code ui:placeholder} where they apply.
   */
  public JsonObject uiSchema(FormModel form) {
    JsonObject.Builder ui = JsonObject.builder();
    for (FormField f : form.fields()) {
      JsonObject.Builder e = JsonObject.builder();
      switch (f.type()) {
        case TEXTAREA -> e.put("ui:widget", "textarea");
        case HIDDEN -> e.put("ui:widget", "hidden");
        case DATE -> e.put("ui:widget", "date");
        case MULTISELECT -> e.put("ui:widget", "checkboxes");
        default -> { }
      }
      f.placeholder().ifPresent(x -> e.put("ui:placeholder", x));
      ui.put(f.id(), e.build());
    }
    ui.put("ui:order", JsonArray.of(form.fields().stream().map(f -> (JsonValue) JsonString.of(f.id())).toList()));
    return ui.build();
  }

  // ------------------------------------------------------------------ state

  /** Visibility and editability of every field, in form order (see the class documentation). */
  public List<FieldState> fieldStates(Artifact artifact, FormModel form, FormRequest request) {
    boolean open = request.failOpen().orElse(failOpen);
    Map<String, boolean[]> aclByField = aclStates(artifact, form, request, open);
    Bindings context = context(request);
    List<FieldState> out = new ArrayList<>();
    for (FormField f : form.fields()) {
      boolean[] a = aclByField.getOrDefault(f.id(), new boolean[] {true, false});
      boolean visible = a[0];
      boolean readonly = a[1];
      if (f.visibility().isPresent() && !test(f.visibility().get(), context, open, true)) {
        visible = false;
      }
      if (f.readonly().isPresent() && test(f.readonly().get(), context, open, false)) {
        readonly = true;
      }
      out.add(new FieldState(f.id(), visible, readonly));
    }
    return List.copyOf(out);
  }

  /** Per field {visible, readonly} from the ACL. */
  private Map<String, boolean[]> aclStates(Artifact artifact, FormModel form, FormRequest r, boolean open) {
    Map<String, boolean[]> out = new HashMap<>();
    if (acl.isEmpty() || artifact.definitions("ACL").isEmpty()) {
      return out;
    }
    Map<String, AclView> byResource = new HashMap<>();
    for (FormField f : form.fields()) {
      AclView v = byResource.computeIfAbsent(form.resource().orElse(f.id()),
          res -> AclView.of(ask(artifact, res, "read", form, r), ask(artifact, res, "update", form, r)));
      if (v.failed) {
        out.clear();
        if (!open) {
          for (FormField g : form.fields()) {
            out.put(g.id(), new boolean[] {true, true});
          }
        }
        return out;
      }
      out.put(f.id(), new boolean[] {!v.hidden, v.denyUpdate || v.masks(f.id())});
    }
    return out;
  }

  /** What the ACL said about one resource: read and update asked once, for every field on it. */
  private static final class AclView {
    final boolean failed;
    final boolean hidden;
    final boolean denyUpdate;
    final List<Intent> intents;

    private AclView(boolean failed, boolean hidden, boolean denyUpdate, List<Intent> intents) {
      this.failed = failed;
      this.hidden = hidden;
      this.denyUpdate = denyUpdate;
      this.intents = intents;
    }

    static AclView of(Decision read, Decision update) {
      return new AclView(erroneous(read) || erroneous(update), explicitDeny(read), explicitDeny(update),
          read.intents());
    }

    boolean masks(String fieldId) {
      for (Intent i : intents) {
        if (FormEngine.masks(i, fieldId)) {
          return true;
        }
      }
      return false;
    }
  }

  private Decision ask(Artifact artifact, String resource, String action, FormModel form, FormRequest r) {
    EventEnvelope e = new EventEnvelope(Optional.empty(), resource + "." + action, EventKind.CUSTOM,
        clock.instant().toString(), r.actor(), ObjectRef.of(resource, form.id()), JsonObject.EMPTY,
        JsonObject.builder().put("action", action).build(), Optional.empty());
    return acl.get().evaluate(artifact, e, EvaluationOptions.defaults().withPoliciesOff(true));
  }

  private static boolean erroneous(Decision d) {
    return d.reasons().stream().map(Reason::code).anyMatch(Code::isError);
  }

  private static boolean explicitDeny(Decision d) {
    return !d.allow() && d.reasons().stream().map(Reason::code)
        .anyMatch(c -> c == Code.R_ACL_DENY_ROLE || c == Code.R_ACL_DENY_ABAC);
  }

  private static boolean masks(Intent i, String fieldId) {
    return i.kind() == IntentKind.MASK_FIELD && i.target().map(t -> t.equals(fieldId) || t.endsWith("." + fieldId))
        .orElse(false);
  }

  private Bindings context(FormRequest r) {
    JsonObject actor = JsonObject.builder().put("id", r.actor().id()).put("type", r.actor().type().wireName())
        .put("roles", JsonArray.of(r.actor().roles().stream().map(x -> (JsonValue) JsonString.of(x)).toList()))
        .put("claims", r.actor().claims()).build();
    return Bindings.of(JsonObject.builder().put("data", r.data()).put("actor", actor)
        .put("state", r.state().<JsonValue>map(JsonString::of).orElse(JsonNull.INSTANCE)).build());
  }

  /** The boolean of an expression; a failure or a non-boolean gives {@code dflt} failing open, its negation closed. */
  private boolean test(FormField.Site site, Bindings context, boolean open, boolean dflt) {
    Result<CompiledExpression> c = compiled.get(site.ir(),
        ir -> expressions.compile(ir, EnvelopeTypes.form(), limits));
    if (c.isOk()) {
      Result<JsonValue> v = c.orElseThrow().evaluate(context);
      if (v.isOk() && v.orElseThrow() instanceof JsonBool b) {
        return b.value();
      }
    }
    return open == dflt;
  }

  // ------------------------------------------------------------------ validation

  /**
   * Validates {@code request.data()} as a submission of {@code form}: per visible field in order,
   * a read-only field whose value differs from the stored one ({@code form.readonly}), a missing
   * required value ({@code form.required}: absent, null, {@code ""} or an empty list; an absent or
   * null optional value is not checked further, an empty one is, as the schema checks it), the JSON
   * type and date format ({@code form.type}), bounds ({@code form.min.*}, {@code form.max.*}),
   * options ({@code form.option}) and the validation expression ({@code form.invalid}, with the
   * expression); then values for names that are not fields ({@code form.unknownField}). Hidden
   * fields are not validated.
   */
  public Validation validate(Artifact artifact, FormModel form, FormRequest request) {
    return validate(form, request, fieldStates(artifact, form, request));
  }

  private Validation validate(FormModel form, FormRequest r, List<FieldState> states) {
    boolean open = r.failOpen().orElse(failOpen);
    Bindings context = context(r);
    List<FormError> errors = new ArrayList<>();
    for (int k = 0; k < form.fields().size(); k++) {
      FormField f = form.fields().get(k);
      FieldState s = states.get(k);
      if (!s.visible()) {
        continue;
      }
      JsonValue v = r.data().getOrNull(f.id());
      boolean missing = v == null || v.isNull();
      boolean empty = (v instanceof JsonString str && str.value().isEmpty()) || (v instanceof JsonArray a && a.size() == 0);
      if (s.readonly() && !missing) {
        JsonValue stored = r.current().map(c -> c.getOrNull(f.id())).orElse(null);
        if (!v.equals(stored)) {
          errors.add(error(f, "form.readonly", List.of(), Optional.empty()));
          continue;
        }
      }
      if (missing || (empty && f.required())) {
        if (f.required()) {
          errors.add(error(f, "form.required", List.of(), Optional.empty()));
        }
        continue;
      }
      Optional<FormError> typed = typeAndBounds(f, v);
      if (typed.isPresent()) {
        errors.add(typed.get());
        continue;
      }
      if (f.validation().isPresent() && !test(f.validation().get(), context, open, true)) {
        errors.add(error(f, "form.invalid", List.of(), Optional.of(f.validation().get().source())));
      }
    }
    for (String name : r.data().members().keySet().stream().sorted(dev.mpc.json.Canonical.CODE_POINT_ORDER)
        .collect(Collectors.toList())) {
      if (form.field(name).isEmpty()) {
        errors.add(new FormError(name, "form.unknownField", List.of(JsonString.of(name)),
            format("form.unknownField", name), Optional.empty()));
      }
    }
    return Validation.of(errors);
  }

  private Optional<FormError> typeAndBounds(FormField f, JsonValue v) {
    FieldType t = f.type();
    boolean typeOk = switch (t) {
      case NUMBER -> v instanceof JsonInt || v instanceof JsonFloat;
      case BOOLEAN -> v instanceof JsonBool;
      case MULTISELECT -> v instanceof JsonArray;
      case SELECT -> f.options().isEmpty() ? v instanceof JsonString : true;
      default -> v instanceof JsonString;
    };
    if (!typeOk) {
      return Optional.of(typeError(f, t == FieldType.SELECT ? "string" : t.jsonType()));
    }
    if (t == FieldType.DATE) {
      try {
        LocalDate.parse(((JsonString) v).value());
      } catch (DateTimeParseException e) {
        return Optional.of(typeError(f, "date"));
      }
    }
    double size;
    String unit;
    switch (t) {
      case NUMBER -> {
        size = FormModel.number(v);
        unit = "value";
      }
      case MULTISELECT -> {
        size = ((JsonArray) v).size();
        unit = "count";
      }
      case BOOLEAN, SELECT -> {
        size = Double.NaN;
        unit = null;
      }
      default -> {
        String text = ((JsonString) v).value();
        size = text.codePointCount(0, text.length());
        unit = "length";
      }
    }
    if (unit != null) {
      if (f.min().isPresent() && size < FormModel.number(f.min().get())) {
        return Optional.of(error(f, "form.min." + unit, List.of(f.min().get()), Optional.empty()));
      }
      if (f.max().isPresent() && size > FormModel.number(f.max().get())) {
        return Optional.of(error(f, "form.max." + unit, List.of(f.max().get()), Optional.empty()));
      }
    }
    if (!f.options().isEmpty()) {
      List<JsonValue> chosen = t == FieldType.MULTISELECT ? ((JsonArray) v).items() : List.of(v);
      for (JsonValue c : chosen) {
        if (!f.options().contains(c)) {
          return Optional.of(error(f, "form.option", List.of(JsonString.of(f.options().stream()
              .map(dev.mpc.json.Canonical::json).collect(Collectors.joining(", ")))), Optional.empty()));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code form.type} with the type's name as parameter and its localized phrase ({@code type.*}) in the message. */
  private FormError typeError(FormField f, String type) {
    List<JsonValue> params = List.of(JsonString.of(f.displayName()), JsonString.of(type));
    return new FormError(f.id(), "form.type", params, format("form.type", f.displayName(),
        messages.getString("type." + type)), Optional.empty());
  }

  private FormError error(FormField f, String key, List<JsonValue> more, Optional<String> expr) {
    List<JsonValue> params = new ArrayList<>();
    params.add(JsonString.of(f.displayName()));
    params.addAll(more);
    Object[] args = params.stream().map(p -> p instanceof JsonString s ? s.value() : dev.mpc.json.Canonical.json(p))
        .toArray();
    return new FormError(f.id(), key, params, format(key, args), expr);
  }

  private String format(String key, Object... args) {
    return new MessageFormat(messages.getString(key), locale).format(args);
  }

  // ------------------------------------------------------------------ package

  /**
   * Everything a UI needs: the JSON Schema, the UI schema, the field states and {@code request}'s
   * values validated as a submission; {@code E_VALID_UNRESOLVED_REF} (or the model's problems) when
   * the artifact has no usable form {@code formId}.
   */
  public Result<FormPackage> formPackage(Artifact artifact, String formId, FormRequest request) {
    Objects.requireNonNull(artifact, "artifact");
    Result<FormModel> model = FormModel.of(artifact, formId);
    if (!(model instanceof Result.Ok<FormModel> m)) {
      return Result.failed(model.diagnostics());
    }
    List<FieldState> states = fieldStates(artifact, m.get(), request);
    return Result.ok(new FormPackage(jsonSchema(m.get()), uiSchema(m.get()), states,
        validate(m.get(), request, states)));
  }

  // ------------------------------------------------------------------ submission

  /**
   * Submits {@code request.data()} to form {@code formId} for workflow instance {@code instance}:
   * the values are validated with the instance's state as {@code state} (the form's
   * {@code workflowState} when the instance is in it, else the instance's state label); a valid
   * submission of a form with a {@code workflowTrigger} then fires that event on the instance
   * through {@code workflow}, by the request's actor, with guard context
   * {@code {"form": formId, "data": values}} (a guard reads {@code data.amount}). Nothing is fired
   * when the values are invalid ({@code E_FORM_INVALID_SUBMISSION}) or when the form names a
   * {@code workflowState} the instance is not in ({@code E_FORM_STATE_MISMATCH}). Never throws for
   * an outcome: an unknown form is a refused submission carrying the model's problems.
   *
   * @param options the fire's options: pass the submission's id as event id so a retried
   *     submission is a recorded no-op rather than a second transition
   */
  public FormSubmission submit(Artifact artifact, String formId, FormRequest request, WorkflowEngine workflow,
      WorkflowInstance instance, FireOptions options) {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(options, "options");
    Result<FormModel> model = FormModel.of(artifact, formId);
    if (!(model instanceof Result.Ok<FormModel> m)) {
      return new FormSubmission(formId, Validation.of(List.of(new FormError("__form__", "form.notFound",
          List.of(JsonString.of(formId)), format("form.notFound", formId), Optional.empty()))), Optional.empty(), model.diagnostics());
    }
    FormModel form = m.get();
    boolean inState = form.workflowState().map(instance::isActive).orElse(true);
    String state = inState && form.workflowState().isPresent() ? form.workflowState().get() : instance.stateLabel();
    FormRequest r = new FormRequest(request.data(), request.actor(), Optional.of(state), request.current(),
        request.failOpen());
    Validation v = validate(artifact, form, r);
    if (!v.valid()) {
      return new FormSubmission(formId, v, Optional.empty(), List.of(Diagnostic.of(Code.E_FORM_INVALID_SUBMISSION,
          "Form '" + formId + "' has " + v.errors().size() + " invalid field(s): "
              + v.errors().stream().map(FormError::fieldId).distinct().collect(Collectors.joining(", ")))));
    }
    if (!inState) {
      return new FormSubmission(formId, v, Optional.empty(), List.of(Diagnostic.of(Code.E_FORM_STATE_MISMATCH,
          "Form '" + formId + "' belongs to state '" + form.workflowState().get() + "'; instance '"
              + instance.instanceId() + "' is in '" + instance.stateLabel() + "'")));
    }
    if (form.workflowTrigger().isEmpty()) {
      return new FormSubmission(formId, v, Optional.empty(), List.of());
    }
    JsonObject context = JsonObject.builder().put("form", formId).put("data", request.data()).build();
    TransitionResult t = workflow.fire(artifact, instance, form.workflowTrigger().get(), request.actor(), context,
        options);
    return new FormSubmission(formId, v, Optional.of(t), t.allowed() ? List.of() : t.errors());
  }

  @Override
  public String toString() {
    return "FormEngine[locale=" + locale + ", failOpen=" + failOpen + ", acl=" + acl.isPresent() + "]";
  }

  /** Builds a {@link FormEngine}. */
  public static final class Builder {
    private MpcEngine acl;
    private FunctionRegistry functions = FunctionRegistry.empty();
    private Limits limits = Limits.defaults();
    private Clock clock = Clock.systemUTC();
    private boolean failOpen;
    private Locale locale = Locale.ENGLISH;

    private Builder() {}

    /** The engine that answers the ACL questions of field states (optional: without it the ACL is not asked). */
    public Builder acl(MpcEngine engine) {
      this.acl = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The host functions expressions may call. */
    public Builder functions(FunctionRegistry functions) {
      this.functions = Objects.requireNonNull(functions, "functions");
      return this;
    }

    /** The budget of every expression (default {@link Limits#defaults()}). */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The clock {@code now()} and ACL events read (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether failing expressions fail open (default false: closed, engines.md §14 G-F8). */
    public Builder failOpen(boolean open) {
      this.failOpen = open;
      return this;
    }

    /** The messages' locale (default English; {@code tr} is bundled; a host adds {@code messages_xx.properties}). */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /** The engine, or why it cannot be built. */
    public Result<FormEngine> build() {
      Result<ExprEngine> e = ExprEngine.builder().functions(functions).clock(clock).build();
      if (!(e instanceof Result.Ok<ExprEngine> ok)) {
        return Result.failed(e.diagnostics());
      }
      try {
        return Result.ok(new FormEngine(this, ok.get()));
      } catch (java.util.MissingResourceException x) {
        return Result.failed(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "no form messages for locale " + locale));
      }
    }
  }
}
