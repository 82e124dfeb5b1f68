package dev.mpc.form;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Expr;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A form of an artifact (engines.md §11.3): a {@code FormDef} and its fields, in declaration
 * order: the {@code FieldDef} children first, then the entries of its {@code fields} property.
 * Built from a compiled artifact, whose lowered IR carries the fields' expressions.
 *
 * @param id the form id
 * @param title the title (the definition's display name, else its {@code title} property), if any
 * @param workflowState the workflow state the form belongs to, if any
 * @param workflowTrigger the workflow event a valid submission fires, if any
 * @param resource the ACL resource the form edits ({@code resource} property), if any: the ACL
 *     is asked about it; without one, about each field id (upstream's model)
 * @param fields the fields, in order
 */
public record FormModel(String id, Optional<String> title, Optional<String> workflowState,
    Optional<String> workflowTrigger, Optional<String> resource, List<FormField> fields) {

  /** Creates a model. */
  public FormModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(workflowState, "workflowState");
    Objects.requireNonNull(workflowTrigger, "workflowTrigger");
    Objects.requireNonNull(resource, "resource");
    fields = List.copyOf(fields);
  }

  /** The field {@code id}, if any. */
  public Optional<FormField> field(String fieldId) {
    return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst();
  }

  /** The ids of every {@code FormDef} of the artifact, in order. */
  public static List<String> formIds(Artifact artifact) {
    return artifact.definitions("FormDef").stream().map(AstNode::id).toList();
  }

  /**
   * The form {@code formId} of {@code artifact}: {@code E_VALID_UNRESOLVED_REF} when there is none;
   * an unknown field type, a duplicate field id, options on a field that is not a choice, a bound
   * that is not a number, or an expression without lowered IR are {@code E_VALID} errors naming the
   * field (the compiler reports the same; an artifact built otherwise is refused here).
   */
  public static Result<FormModel> of(Artifact artifact, String formId) {
    AstNode def = artifact.definitions("FormDef").stream().filter(d -> d.id().equals(formId)).findFirst().orElse(null);
    if (def == null) {
      return Result.failed(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "FormDef '" + formId + "' not found"));
    }
    List<FormField> fields = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    read(def, (owner, site) -> artifact.expressions(owner).get(site), fields, problems);
    if (!problems.isEmpty()) {
      return Result.failed(problems);
    }
    Optional<String> title = def.name().or(() -> text(def.properties(), "title"));
    return Result.ok(new FormModel(def.id(), title, text(def.properties(), "workflowState"),
        text(def.properties(), "workflowTrigger"), text(def.properties(), "resource"), fields));
  }

  /**
   * The problems of a {@code FormDef} definition by itself (what {@link #of} reports besides
   * missing IR): the compiler's validator reports them at compile time.
   */
  public static List<Diagnostic> problems(AstNode def) {
    Expr any = dev.mpc.expr.ExprJson.decode(dev.mpc.json.JsonObject.builder().put("lit", true).build()).orElseThrow();
    List<Diagnostic> problems = new ArrayList<>();
    read(def, (owner, site) -> any, new ArrayList<>(), problems);
    return List.copyOf(problems);
  }

  /** Where a field's expression IR is: the lowered site {@code site} of definition ref {@code owner}. */
  private interface Sites {
    Expr at(String owner, String site);
  }

  /**
   * The fields of {@code def} in order (the FieldDef children, then the {@code fields} entries)
   * into {@code fields}, and every problem into {@code problems}.
   */
  private static void read(AstNode def, Sites sites, List<FormField> fields, List<Diagnostic> problems) {
    String ref = "FormDef:" + def.id();
    Set<String> ids = new HashSet<>();
    for (AstNode c : def.children()) {
      if (c.kind().equals("FieldDef")) {
        String childRef = Artifact.childRef(ref, c.kind(), c.id());
        field(c.id(), c.name().or(() -> text(c.properties(), "label")), c.properties(),
            site -> sites.at(childRef, site), ids, fields, problems);
      }
    }
    if (def.properties().getOrNull("fields") instanceof JsonArray list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof JsonObject f) || text(f, "id").isEmpty()) {
          problems.add(Diagnostic.of(Code.E_VALID, "FormDef '" + def.id() + "': fields[" + i
              + "] must be an object with a string id"));
          continue;
        }
        String prefix = "fields/" + i + "/";
        field(text(f, "id").get(), text(f, "label"), f, site -> sites.at(ref, prefix + site), ids, fields, problems);
      }
    }
  }

  private interface Lowered {
    Expr at(String site);
  }

  private static void field(String id, Optional<String> label, JsonObject p, Lowered lowered, Set<String> ids,
      List<FormField> out, List<Diagnostic> problems) {
    String where = "field '" + id + "'";
    if (!ids.add(id)) {
      problems.add(Diagnostic.of(Code.E_VALID_DUPLICATE_DEF, "Duplicate " + where));
      return;
    }
    String typeName = p.getOrNull("type") == null ? "string" : text(p, "type").orElse("");
    Optional<FieldType> type = FieldType.fromWireName(typeName);
    if (type.isEmpty()) {
      problems.add(Diagnostic.of(Code.E_VALID, "Unknown type '" + typeName + "' of " + where + " (one of string, number,"
          + " boolean, select, multiselect, date, textarea, hidden)"));
      return;
    }
    List<JsonValue> options = p.getOrNull("options") instanceof JsonArray a ? a.items() : List.of();
    if (p.getOrNull("options") != null && !(p.getOrNull("options") instanceof JsonArray)) {
      problems.add(Diagnostic.of(Code.E_VALID, "The options of " + where + " must be a list"));
    }
    if (!options.isEmpty() && !type.get().isChoice()) {
      problems.add(Diagnostic.of(Code.E_VALID, "Options on " + where + " of type " + typeName
          + ": only select and multiselect have options"));
    }
    Optional<JsonValue> min = bound(p, "min", where, problems);
    if (type.get() == FieldType.BOOLEAN && (p.getOrNull("min") != null || p.getOrNull("max") != null)) {
      problems.add(Diagnostic.of(Code.E_VALID, "min/max on " + where + " of type boolean"));
    }
    Optional<JsonValue> max = bound(p, "max", where, problems);
    if (min.isPresent() && max.isPresent() && number(min.get()) > number(max.get())) {
      problems.add(Diagnostic.of(Code.E_VALID, "min is above max on " + where));
    }
    Optional<FormField.Site> vis = site(p, "visibilityExpr", lowered, where, problems);
    Optional<FormField.Site> ro = site(p, "readonlyExpr", lowered, where, problems);
    Optional<FormField.Site> val = site(p, "validationExpr", lowered, where, problems);
    boolean required = p.getOrNull("required") instanceof JsonBool b && b.value();
    Optional<JsonValue> dflt = Optional.ofNullable(p.getOrNull("default")).filter(v -> !v.isNull());
    out.add(new FormField(id, label, type.get(), required, dflt, min, max, options, text(p, "placeholder"), vis, ro,
        val));
  }

  private static Optional<JsonValue> bound(JsonObject p, String key, String where, List<Diagnostic> problems) {
    JsonValue v = p.getOrNull(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!(v instanceof JsonInt || v instanceof JsonFloat)) {
      problems.add(Diagnostic.of(Code.E_VALID, key + " of " + where + " must be a number"));
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private static Optional<FormField.Site> site(JsonObject p, String key, Lowered lowered, String where,
      List<Diagnostic> problems) {
    JsonValue v = p.getOrNull(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    Expr ir = lowered.at(key);
    if (ir == null) {
      problems.add(Diagnostic.of(Code.E_VALID, key + " of " + where + " has no compiled expression in the artifact"));
      return Optional.empty();
    }
    return Optional.of(new FormField.Site(v instanceof JsonString s ? s.value() : dev.mpc.json.Canonical.json(v), ir));
  }

  static double number(JsonValue v) {
    return v instanceof JsonInt i ? i.value().doubleValue() : ((JsonFloat) v).value();
  }

  private static Optional<String> text(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }
}
