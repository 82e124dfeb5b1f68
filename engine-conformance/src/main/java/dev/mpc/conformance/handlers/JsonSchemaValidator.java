package dev.mpc.conformance.handlers;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A JSON Schema (draft 2020-12) validator for the keywords MPC's contract schemas use, reporting
 * the <em>first</em> error in the order Python's {@code jsonschema} library yields them (schema
 * keywords in document order, {@code properties} in the schema's property order, array items by
 * index) with that library's message texts. That order and those texts are what the upstream
 * {@code contracts} category reports, which is why this is not a general-purpose library.
 *
 * <p>Supported: {@code type}, {@code required}, {@code properties}, {@code additionalProperties}
 * (boolean or schema), {@code items}, {@code enum}, {@code const}, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum}, {@code minItems}, {@code maxItems}, {@code $ref} (to a schema file
 * name, resolved through the given resolver); annotations ({@code $schema}, {@code $id},
 * {@code title}, {@code description}, {@code format}, {@code default}, {@code examples}) are
 * ignored, as Draft 2020-12 does for {@code format} by default. Any other keyword is rejected
 * with an {@link IllegalArgumentException} rather than silently ignored.
 *
 * <p>Immutable and thread-safe.
 */
final class JsonSchemaValidator {
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "title", "description", "format", "default", "examples", "$comment");

  /**
   * The first validation error.
   *
   * @param keyword the failing keyword (e.g. {@code required})
   * @param message the message, as Python's jsonschema writes it
   * @param path JSON path of the failing instance
   */
  record SchemaError(String keyword, String message, String path) {}

  private final Function<String, JsonObject> refResolver;

  /** A validator resolving {@code $ref} file names with {@code refResolver} (null when unknown). */
  JsonSchemaValidator(Function<String, JsonObject> refResolver) {
    this.refResolver = refResolver;
  }

  /** The first error of {@code instance} against {@code schema}, if any. */
  Optional<SchemaError> firstError(JsonValue instance, JsonObject schema) {
    return Optional.ofNullable(validate(instance, schema, "$", 0));
  }

  private SchemaError validate(JsonValue instance, JsonObject schema, String path, int depth) {
    if (depth > 200) {
      throw new IllegalArgumentException("schema recursion deeper than 200 levels at " + path);
    }
    for (Map.Entry<String, JsonValue> kw : schema.members().entrySet()) {
      SchemaError e = keyword(kw.getKey(), kw.getValue(), instance, schema, path, depth);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private SchemaError keyword(String key, JsonValue value, JsonValue instance, JsonObject schema, String path,
      int depth) {
    String r = PythonText.repr(instance);
    switch (key) {
      case "type" -> {
        List<String> types = value instanceof JsonArray a
            ? a.items().stream().map(t -> ((JsonString) t).value()).toList()
            : List.of(((JsonString) value).value());
        if (types.stream().noneMatch(t -> isType(instance, t))) {
          StringBuilder sb = new StringBuilder();
          for (String t : types) {
            sb.append(sb.length() == 0 ? "" : ", ").append(PythonText.stringRepr(t));
          }
          return new SchemaError("type", r + " is not of type " + sb, path);
        }
      }
      case "required" -> {
        if (instance instanceof JsonObject o) {
          for (JsonValue req : ((JsonArray) value).items()) {
            String name = ((JsonString) req).value();
            if (!o.has(name)) {
              return new SchemaError("required", PythonText.stringRepr(name) + " is a required property", path);
            }
          }
        }
      }
      case "properties" -> {
        if (instance instanceof JsonObject o) {
          for (Map.Entry<String, JsonValue> p : ((JsonObject) value).members().entrySet()) {
            JsonValue child = o.getOrNull(p.getKey());
            if (child != null) {
              SchemaError e = sub(child, p.getValue(), path + "." + p.getKey(), depth);
              if (e != null) {
                return e;
              }
            }
          }
        }
      }
      case "additionalProperties" -> {
        if (instance instanceof JsonObject o) {
          Set<String> declared = schema.getOrNull("properties") instanceof JsonObject props
              ? props.members().keySet() : Set.of();
          TreeSet<String> extras = new TreeSet<>(Canonical.CODE_POINT_ORDER);
          for (String k : o.members().keySet()) {
            if (!declared.contains(k)) {
              extras.add(k);
            }
          }
          if (!extras.isEmpty()) {
            if (value instanceof JsonBool b) {
              if (!b.value()) {
                StringBuilder sb = new StringBuilder();
                for (String x : extras) {
                  sb.append(sb.length() == 0 ? "" : ", ").append(PythonText.stringRepr(x));
                }
                return new SchemaError("additionalProperties", "Additional properties are not allowed (" + sb
                    + (extras.size() == 1 ? " was" : " were") + " unexpected)", path);
              }
            } else {
              for (String k : o.members().keySet()) {
                if (extras.contains(k)) {
                  SchemaError e = sub(o.getOrNull(k), value, path + "." + k, depth);
                  if (e != null) {
                    return e;
                  }
                }
              }
            }
          }
        }
      }
      case "items" -> {
        if (instance instanceof JsonArray a) {
          for (int i = 0; i < a.size(); i++) {
            SchemaError e = sub(a.get(i), value, path + "[" + i + "]", depth);
            if (e != null) {
              return e;
            }
          }
        }
      }
      case "enum" -> {
        JsonArray options = (JsonArray) value;
        if (options.items().stream().noneMatch(v -> pyEquals(v, instance))) {
          return new SchemaError("enum", r + " is not one of " + PythonText.repr(options), path);
        }
      }
      case "const" -> {
        if (!pyEquals(value, instance)) {
          return new SchemaError("const", PythonText.repr(value) + " was expected", path);
        }
      }
      case "minLength" -> {
        if (instance instanceof JsonString s) {
          long limit = intOf(value);
          if (s.value().codePointCount(0, s.value().length()) < limit) {
            return new SchemaError("minLength", r + (limit == 1 ? " should be non-empty" : " is too short"), path);
          }
        }
      }
      case "maxLength" -> {
        if (instance instanceof JsonString s) {
          long limit = intOf(value);
          if (s.value().codePointCount(0, s.value().length()) > limit) {
            return new SchemaError("maxLength", r + (limit == 0 ? " is expected to be empty" : " is too long"), path);
          }
        }
      }
      case "minItems" -> {
        if (instance instanceof JsonArray a && a.size() < intOf(value)) {
          return new SchemaError("minItems", r + (intOf(value) == 1 ? " should be non-empty" : " is too short"), path);
        }
      }
      case "maxItems" -> {
        if (instance instanceof JsonArray a && a.size() > intOf(value)) {
          return new SchemaError("maxItems", r + (intOf(value) == 0 ? " is expected to be empty" : " is too long"), path);
        }
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
        BigDecimal n = number(instance);
        BigDecimal limit = number(value);
        if (n != null && limit != null) {
          int c = n.compareTo(limit);
          String lr = PythonText.repr(value);
          switch (key) {
            case "minimum" -> {
              if (c < 0) {
                return new SchemaError(key, r + " is less than the minimum of " + lr, path);
              }
            }
            case "maximum" -> {
              if (c > 0) {
                return new SchemaError(key, r + " is greater than the maximum of " + lr, path);
              }
            }
            case "exclusiveMinimum" -> {
              if (c <= 0) {
                return new SchemaError(key, r + " is less than or equal to the minimum of " + lr, path);
              }
            }
            default -> {
              if (c >= 0) {
                return new SchemaError(key, r + " is greater than or equal to the maximum of " + lr, path);
              }
            }
          }
        }
      }
      case "$ref" -> {
        String ref = ((JsonString) value).value();
        JsonObject target = refResolver.apply(ref);
        if (target == null) {
          throw new IllegalArgumentException("unresolvable $ref '" + ref + "'");
        }
        return validate(instance, target, path, depth + 1);
      }
      default -> {
        if (!ANNOTATIONS.contains(key)) {
          throw new IllegalArgumentException("unsupported JSON Schema keyword '" + key + "'");
        }
      }
    }
    return null;
  }

  private SchemaError sub(JsonValue instance, JsonValue schema, String path, int depth) {
    if (schema instanceof JsonBool b) {
      return b.value() ? null : new SchemaError("false", "False schema does not allow " + PythonText.repr(instance), path);
    }
    return validate(instance, (JsonObject) schema, path, depth + 1);
  }

  private static long intOf(JsonValue v) {
    return ((JsonInt) v).value().longValueExact();
  }

  private static BigDecimal number(JsonValue v) {
    if (v instanceof JsonInt i) {
      return new BigDecimal(i.value());
    }
    if (v instanceof JsonFloat f) {
      return new BigDecimal(f.value());
    }
    return null;
  }

  private static boolean isType(JsonValue v, String type) {
    return switch (type) {
      case "object" -> v instanceof JsonObject;
      case "array" -> v instanceof JsonArray;
      case "string" -> v instanceof JsonString;
      case "boolean" -> v instanceof JsonBool;
      case "null" -> v instanceof JsonNull;
      case "number" -> v instanceof JsonInt || v instanceof JsonFloat;
      case "integer" -> v instanceof JsonInt || (v instanceof JsonFloat f && f.value() == Math.rint(f.value()));
      default -> throw new IllegalArgumentException("unknown JSON Schema type '" + type + "'");
    };
  }

  /** JSON Schema equality: numbers by value (1 == 1.0), booleans distinct from numbers. */
  private static boolean pyEquals(JsonValue a, JsonValue b) {
    BigDecimal na = number(a);
    BigDecimal nb = number(b);
    if (na != null && nb != null) {
      return na.compareTo(nb) == 0;
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!pyEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      if (!x.members().keySet().equals(y.members().keySet())) {
        return false;
      }
      List<String> keys = new ArrayList<>(x.members().keySet());
      for (String k : keys) {
        if (!pyEquals(x.getOrNull(k), y.getOrNull(k))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
