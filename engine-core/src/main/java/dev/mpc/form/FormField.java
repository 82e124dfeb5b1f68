package dev.mpc.form;

import dev.mpc.expr.Expr;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a {@link FormModel}.
 *
 * @param id the field id (unique in the form)
 * @param label the label, if any
 * @param type the field type
 * @param required whether a value is required
 * @param defaultValue the default, if any
 * @param min the lower bound (value for numbers, length for texts, count for multiselects), if any
 * @param max the upper bound, likewise
 * @param options the choices (select and multiselect only)
 * @param placeholder the placeholder text, if any
 * @param visibility the visibility expression: its source text and IR, if any
 * @param readonly the read-only expression, if any
 * @param validation the validation expression, if any
 */
public record FormField(String id, Optional<String> label, FieldType type, boolean required,
    Optional<JsonValue> defaultValue, Optional<JsonValue> min, Optional<JsonValue> max, List<JsonValue> options,
    Optional<String> placeholder, Optional<Site> visibility, Optional<Site> readonly, Optional<Site> validation) {

  /**
   * An expression of a field.
   *
   * @param source the text as written (shown in {@code x-*-expr} and in validation errors)
   * @param ir the compiled IR the artifact carries
   */
  public record Site(String source, Expr ir) {
    /** Creates a site. */
    public Site {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(ir, "ir");
    }
  }

  /** Creates a field. */
  public FormField {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    options = List.copyOf(options);
    Objects.requireNonNull(placeholder, "placeholder");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(readonly, "readonly");
    Objects.requireNonNull(validation, "validation");
  }

  /** The label, else the id: how messages name the field. */
  public String displayName() {
    return label.filter(l -> !l.isEmpty()).orElse(id);
  }
}
