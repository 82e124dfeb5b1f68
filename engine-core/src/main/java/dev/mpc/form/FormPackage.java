package dev.mpc.form;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a UI needs for one form, one actor and one set of values ({@link FormEngine#formPackage}).
 *
 * @param jsonSchema the JSON Schema (draft 2020-12) of the form's values
 * @param uiSchema the UI schema (react-jsonschema-form's shape)
 * @param fieldStates visibility and editability per field, in form order
 * @param validation the values validated as a submission
 */
public record FormPackage(JsonObject jsonSchema, JsonObject uiSchema, List<FieldState> fieldStates,
    Validation validation) {
  /** Creates a package. */
  public FormPackage {
    Objects.requireNonNull(jsonSchema, "jsonSchema");
    Objects.requireNonNull(uiSchema, "uiSchema");
    fieldStates = List.copyOf(fieldStates);
    Objects.requireNonNull(validation, "validation");
  }

  /** The JSON form: {@code jsonSchema}, {@code uiSchema}, {@code fieldStates}, {@code validation}. */
  public JsonObject toJson() {
    List<JsonValue> states = new ArrayList<>();
    for (FieldState s : fieldStates) {
      states.add(JsonObject.builder().put("fieldId", s.fieldId()).put("visible", s.visible())
          .put("readonly", s.readonly()).build());
    }
    List<JsonValue> errors = new ArrayList<>();
    for (FormError e : validation.errors()) {
      JsonObject.Builder b = JsonObject.builder().put("fieldId", e.fieldId()).put("key", e.key())
          .put("params", e.paramsJson()).put("message", e.message());
      e.expr().ifPresent(x -> b.put("expr", x));
      errors.add(b.build());
    }
    return JsonObject.builder().put("jsonSchema", jsonSchema).put("uiSchema", uiSchema)
        .put("fieldStates", JsonArray.of(states)).put("validation", JsonObject.builder()
            .put("valid", validation.valid()).put("errors", JsonArray.of(errors)).build()).build();
  }
}
