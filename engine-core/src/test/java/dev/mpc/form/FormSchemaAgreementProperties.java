package dev.mpc.form;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.Actor;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Over random forms and random values, the JSON Schema {@link FormEngine#jsonSchema} generates,
 * checked by an independent validator (networknt, draft 2020-12), and {@link FormEngine#validate}
 * agree on valid / invalid: type, required, bounds (value, length, count), options, unknown
 * members. Two things the schema cannot say are kept out of the values: {@code null} (validation
 * treats it as absent; a typed schema property refuses it) and malformed date strings (draft
 * 2020-12's {@code format} is an annotation, validation asserts it).
 */
class FormSchemaAgreementProperties {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final FormEngine ENGINE = FormEngine.builder().build().orElseThrow();
  private static final List<String> POOL = List.of("a", "b", "c", "d");

  @Property(tries = 2000)
  void schemaAndValidation_agree(@ForAll long seed) {
    Random r = new Random(seed);
    List<AstNode> fields = new ArrayList<>();
    List<FieldType> types = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      FieldType t = FieldType.values()[r.nextInt(FieldType.values().length)];
      types.add(t);
      JsonObject.Builder p = JsonObject.builder().put("type", t.wireName()).put("required", r.nextInt(3) == 0);
      if (t != FieldType.BOOLEAN && t != FieldType.SELECT && r.nextBoolean()) {
        int lo = t == FieldType.NUMBER ? r.nextInt(20) - 5 : r.nextInt(4);
        int hi = lo + r.nextInt(t == FieldType.NUMBER ? 40 : 3);
        if (r.nextBoolean()) {
          p.put("min", r.nextBoolean() || hi == lo ? JsonInt.of(lo) : new JsonFloat(lo + 0.5));
        }
        if (r.nextBoolean()) {
          p.put("max", JsonInt.of(hi));
        }
      }
      if (t.isChoice() && r.nextInt(4) > 0) {
        List<JsonValue> options = new ArrayList<>();
        for (String o : POOL.subList(0, 1 + r.nextInt(3))) {
          options.add(t == FieldType.SELECT && r.nextInt(5) == 0 ? JsonInt.of(o.charAt(0)) : JsonString.of(o));
        }
        p.put("options", JsonArray.of(options));
      }
      fields.add(AstNode.of("FieldDef", "f" + i, null, p.build(), List.of()));
    }
    AstNode form = AstNode.of("FormDef", "form", null, JsonObject.EMPTY, fields);
    Artifact artifact = Artifact.of(ManifestAst.of(List.of(form)), DomainMeta.EMPTY, "0.1.0");
    FormModel model = FormModel.of(artifact, "form").orElseThrow();

    JsonObject.Builder data = JsonObject.builder();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(4) > 0) {
        data.put("f" + i, value(r, types.get(i)));
      }
    }
    if (r.nextInt(8) == 0) {
      data.put("extra", JsonString.of("x"));
    }
    JsonObject values = data.build();

    boolean engineValid = ENGINE.validate(artifact, model, FormRequest.of(values, Actor.user("u"))).valid();
    JsonSchema schema = FACTORY.getSchema(Canonical.json(ENGINE.jsonSchema(model)));
    Set<ValidationMessage> messages = schema.validate(Canonical.json(values), InputFormat.JSON);
    assertEquals(messages.isEmpty(), engineValid, () -> "schema " + Canonical.json(ENGINE.jsonSchema(model))
        + "\nvalues " + Canonical.json(values) + "\nschema says " + messages + "\nengine says "
        + ENGINE.validate(artifact, model, FormRequest.of(values, Actor.user("u"))).errors());
  }

  private static JsonValue value(Random r, FieldType t) {
    if (r.nextInt(5) < 3) { // mostly a value of the field's own type, so bounds and options are reached
      int pick = switch (t) {
        case NUMBER -> r.nextInt(2);
        case BOOLEAN -> 2;
        case MULTISELECT -> 3;
        default -> 5;
      };
      return value(r, t, pick);
    }
    return value(r, t, r.nextInt(7));
  }

  private static JsonValue value(Random r, FieldType t, int pick) {
    switch (pick) {
      case 0:
        return JsonInt.of(r.nextInt(70) - 10);
      case 1:
        return new JsonFloat(r.nextInt(100) / 4.0);
      case 2:
        return JsonBool.of(r.nextBoolean());
      case 3: {
        List<JsonValue> items = new ArrayList<>();
        int k = r.nextInt(6);
        for (int i = 0; i < k; i++) { // mostly "a", an option of every choice field, so bounds are reached
          items.add(JsonString.of(r.nextInt(5) > 0 ? "a" : POOL.get(r.nextInt(POOL.size()))));
        }
        return JsonArray.of(items);
      }
      case 4:
        return JsonObject.EMPTY;
      default: {
        if (t == FieldType.DATE) {
          return JsonString.of("2026-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10));
        }
        StringBuilder s = new StringBuilder();
        int k = r.nextInt(7);
        for (int i = 0; i < k; i++) {
          s.append(POOL.get(r.nextInt(POOL.size())));
        }
        return JsonString.of(s.toString());
      }
    }
  }
}
