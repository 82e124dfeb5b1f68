package dev.mpc.dsl.schema;

import dev.mpc.diag.Spelling;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in schema of one engine definition kind: its properties (each with a
 * {@link PropertyRule}), the required ones (each with the code its absence is reported with), and
 * the check: every known property present is checked by its rule (null counts as absent), every
 * required one must be present, and an unknown property is a warning ({@code E_PARSE_INVALID_TOKEN},
 * as for unknown DomainMeta keys) naming the known ones, with "did you mean" for a near miss.
 *
 * <p>Immutable and thread-safe.
 */
public final class DefinitionSchema {
  /** Properties every definition may carry, whatever its kind. */
  public static final List<String> COMMON = List.of("extends", "imports", "description");

  private final String kind;
  private final Map<String, PropertyRule> properties;
  private final Map<String, Code> required;
  private final Map<String, String> defaults;
  private final Map<String, Code> defaultCodes = new LinkedHashMap<>();
  private final Map<String, Misspelling> misspellings;

  private DefinitionSchema(String kind, Map<String, PropertyRule> properties, Map<String, Code> required,
      Map<String, Misspelling> misspellings) {
    this.kind = kind;
    Map<String, PropertyRule> all = new LinkedHashMap<>(properties);
    for (String c : COMMON) {
      all.putIfAbsent(c, PropertyRule.known());
    }
    this.properties = Collections.unmodifiableMap(all);
    this.required = Collections.unmodifiableMap(new LinkedHashMap<>(required));
    this.defaults = new LinkedHashMap<>();
    this.misspellings = Collections.unmodifiableMap(new LinkedHashMap<>(misspellings));
  }

  /**
   * A schema.
   *
   * @param kind the definition kind
   * @param properties the kind's own properties and their rules, in documentation order (the
   *     {@link #COMMON} ones are added)
   * @param required required properties and the code reporting each one's absence
   * @param misspellings properties that are an error, not a warning, because they are a likely
   *     mistake for a known one ({@code actions} for {@code action})
   * @return a schema
   */
  public static DefinitionSchema of(String kind, Map<String, PropertyRule> properties, Map<String, Code> required,
      Map<String, Misspelling> misspellings) {
    Objects.requireNonNull(kind, "kind");
    return new DefinitionSchema(kind, properties, required, misspellings);
  }

  /**
   * A property name that is an error (not an unknown-property warning) because it is a likely
   * mistake for a known property.
   *
   * @param code the code it is reported with
   * @param property the known property meant
   * @param note why it matters (may be empty)
   */
  public record Misspelling(Code code, String property, String note) {
    /**
     * Creates a misspelling.
     *
     * @param code the code
     * @param property the property
     * @param note the note
     */
    public Misspelling {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * This schema, also warning (with {@code code}) when {@code property} is absent, with
   * {@code consequence} saying what the default does (a Policy without {@code effect} votes allow).
   *
   * @param property the property
   * @param code the code
   * @param consequence the consequence
   * @return this schema, also warning (with {@code code}) when {@code property} is absent, with {@code consequence}
   *     saying what the default does (a Policy without {@code effect} votes allow)
   */
  public DefinitionSchema warnWhenAbsent(String property, Code code, String consequence) {
    DefinitionSchema s = new DefinitionSchema(kind, properties, required, misspellings);
    s.defaults.putAll(defaults);
    s.defaults.put(property, consequence);
    s.defaultCodes.putAll(defaultCodes);
    s.defaultCodes.put(property, code);
    return s;
  }

  /**
   * The kind.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The known property names, in documentation order.
   *
   * @return the known property names, in documentation order
   */
  public Set<String> propertyNames() {
    return properties.keySet();
  }

  /**
   * Every problem of definition {@code id}'s {@code props}, in property order.
   *
   * @param id the id
   * @param props the props
   * @return every problem of definition {@code id}'s {@code props}, in property order
   */
  public List<SchemaProblem> check(String id, JsonObject props) {
    SchemaContext ctx = new SchemaContext(kind, id);
    for (Map.Entry<String, Code> r : required.entrySet()) {
      JsonValue v = props.getOrNull(r.getKey());
      if (v == null || v.isNull()) {
        ctx.error(r.getValue(), r.getKey(), kind + " '" + id + "' requires property '" + r.getKey() + "'");
      }
    }
    for (Map.Entry<String, String> d : defaults.entrySet()) {
      JsonValue v = props.getOrNull(d.getKey());
      if (v == null || v.isNull()) {
        ctx.warn(defaultCodes.get(d.getKey()), d.getKey(), kind + " '" + id + "' has no '" + d.getKey() + "'; "
            + d.getValue());
      }
    }
    for (Map.Entry<String, JsonValue> e : props.members().entrySet()) {
      String name = e.getKey();
      JsonValue v = e.getValue();
      PropertyRule rule = properties.get(name);
      if (rule == null) {
        unknown(ctx, name, props);
      } else if (!v.isNull()) {
        rule.check(ctx, name, v);
      }
    }
    return ctx.problems();
  }

  private void unknown(SchemaContext ctx, String name, JsonObject props) {
    Misspelling meant = misspellings.get(name);
    if (meant != null) {
      ctx.error(meant.code(), name, kind + " '" + ctx.id() + "' has unknown property '" + name + "'; did you mean '"
          + meant.property() + "'?" + (meant.note().isEmpty() ? "" : " (" + meant.note() + ")"));
      return;
    }
    String hint = nearest(name);
    String message = "Unknown property '" + name + "' of " + kind + " '" + ctx.id() + "' (known: "
        + String.join(", ", properties.keySet()) + ")" + (hint == null ? "" : "; did you mean '" + hint + "'?");
    JsonValue present = hint == null ? null : props.getOrNull(hint);
    if (hint != null && (present == null || present.isNull())) {
      // a near miss of a property the definition lacks: what the author wrote is not read at all
      ctx.error(Code.E_PARSE_INVALID_TOKEN, name, message);
    } else {
      ctx.warn(Code.E_PARSE_INVALID_TOKEN, name, message);
    }
  }

  /** The known property nearest to {@code name} (case-insensitive edit distance at most 2, or a prefix), or null. */
  String nearest(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String p : properties.keySet()) {
      String pl = p.toLowerCase(Locale.ROOT);
      int d = Spelling.distance(pl, lower);
      boolean near = d <= Math.min(2, Math.max(1, name.length() / 3))
          || (Math.min(pl.length(), lower.length()) >= 4 && (pl.startsWith(lower) || lower.startsWith(pl)));
      if (near && d < bestD) {
        best = p;
        bestD = d;
      }
    }
    return best;
  }

}
