package dev.mpc.conformance.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.contract.ContractArbitraries;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.SchemaCheck;
import dev.mpc.json.JsonArbitraries;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Our first-error validator must agree with an independent JSON Schema implementation (networknt)
 * on whether an instance is valid, for valid contracts and for random mutations of them.
 */
class JsonSchemaValidatorTest {
  private static final JsonSchemaValidator VALIDATOR =
      new JsonSchemaValidator(name -> ContractsHandler.loadSchema(Optional.empty(), name));

  @Provide
  Arbitrary<JsonValue> decisions() {
    Arbitrary<JsonValue> valid = ContractArbitraries.decisions().map(ContractJson::toJson);
    return Arbitraries.oneOf(valid, valid.flatMap(JsonSchemaValidatorTest::mutate), JsonArbitraries.values(2));
  }

  @Provide
  Arbitrary<JsonValue> events() {
    Arbitrary<JsonValue> valid = ContractArbitraries.events().map(ContractJson::toJson);
    return Arbitraries.oneOf(valid, valid.flatMap(JsonSchemaValidatorTest::mutate));
  }

  @Provide
  Arbitrary<JsonValue> errors() {
    Arbitrary<JsonValue> valid = ContractArbitraries.diagnostics().map(ContractJson::toJson);
    return Arbitraries.oneOf(valid, valid.flatMap(JsonSchemaValidatorTest::mutate));
  }

  /** Replaces, removes or adds one top-level member. */
  private static Arbitrary<JsonValue> mutate(JsonValue v) {
    JsonObject o = (JsonObject) v;
    Arbitrary<String> keys = o.isEmpty() ? Arbitraries.just("allow")
        : Arbitraries.of(o.members().keySet().toArray(new String[0]));
    return net.jqwik.api.Combinators.combine(keys, JsonArbitraries.values(1), Arbitraries.integers().between(0, 2))
        .as((k, replacement, op) -> {
          Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
          switch (op) {
            case 0 -> m.put(k, replacement);
            case 1 -> m.remove(k);
            default -> m.put("extra_" + k, replacement);
          }
          return JsonObject.of(m);
        });
  }

  private static void agree(String schema, JsonValue instance) {
    boolean ours = VALIDATOR.firstError(instance, ContractsHandler.loadSchema(Optional.empty(), schema)).isEmpty();
    boolean theirs = SchemaCheck.errors(schema, instance).isEmpty();
    assertEquals(theirs, ours, () -> schema + " " + instance);
  }

  @Property(tries = 300)
  void decision_agreesWithIndependentValidator(@ForAll("decisions") JsonValue instance) {
    agree("decision.schema.json", instance);
  }

  @Property(tries = 200)
  void event_agreesWithIndependentValidator(@ForAll("events") JsonValue instance) {
    agree("event_envelope.schema.json", instance);
  }

  @Property(tries = 200)
  void error_agreesWithIndependentValidator(@ForAll("errors") JsonValue instance) {
    agree("error.schema.json", instance);
  }
}
