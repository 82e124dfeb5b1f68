package dev.mpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.ContractJson.Strictness;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** JSON in and out for every contract, checked against the schemas by an independent validator. */
class ContractJsonTest {

  @Property(tries = 200)
  void decision_jsonValidatesAndRoundTrips(@ForAll @From(supplier = DecisionsSupplier.class) Decision d) {
    JsonObject json = ContractJson.toJson(d);
    assertEquals(java.util.Set.of(), SchemaCheck.errors("decision.schema.json", json));
    assertEquals(d, ContractJson.readDecision(json, Strictness.STRICT).orElseThrow());
    assertEquals(d, ContractJson.readDecision(Canonical.json(json), Strictness.STRICT).orElseThrow());
  }

  @Property(tries = 200)
  void event_jsonValidatesAndRoundTrips(@ForAll @From(supplier = EventsSupplier.class) EventEnvelope e) {
    JsonObject json = ContractJson.toJson(e);
    assertEquals(java.util.Set.of(), SchemaCheck.errors("event_envelope.schema.json", json));
    assertEquals(e, ContractJson.readEvent(json, Strictness.STRICT).orElseThrow());
  }

  @Property(tries = 200)
  void diagnostic_jsonValidatesAndRoundTrips(@ForAll @From(supplier = DiagnosticsSupplier.class) Diagnostic d) {
    JsonObject json = ContractJson.toJson(d);
    assertEquals(java.util.Set.of(), SchemaCheck.errors("error.schema.json", json));
    assertEquals(d, ContractJson.readDiagnostic(json, Strictness.STRICT).orElseThrow());
  }

  @Property(tries = 100)
  void trace_andIntent_jsonValidateAndRoundTrip(@ForAll @From(supplier = TracesSupplier.class) Trace t,
      @ForAll @From(supplier = IntentsSupplier.class) Intent i) {
    assertEquals(java.util.Set.of(), SchemaCheck.errors("trace.schema.json", ContractJson.toJson(t)));
    assertEquals(t, ContractJson.readTrace(ContractJson.toJson(t), Strictness.STRICT).orElseThrow());
    assertEquals(java.util.Set.of(), SchemaCheck.errors("intent.schema.json", ContractJson.toJson(i)));
    assertEquals(i, ContractJson.readIntent(ContractJson.toJson(i), Strictness.STRICT).orElseThrow());
  }

  @Test
  void toJson_bareDecision_keepsEmptyListsOmitsAbsent() {
    assertEquals("{\"allow\":true,\"intents\":[],\"messages\":[],\"reasons\":[]}",
        Canonical.json(ContractJson.toJson(Decision.allow(List.of()))));
  }

  @Test
  void read_lenientIgnoresUnknownKeys_strictRejectsWithValidKeys() {
    String json = "{\"allow\":true,\"extra\":1}";
    assertTrue(ContractJson.readDecision(json, Strictness.LENIENT).isOk());
    Result<Decision> strict = ContractJson.readDecision(json, Strictness.STRICT);
    Diagnostic d = strict.diagnostics().get(0);
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code());
    assertEquals("$: Unknown key 'extra' for Decision. Valid keys: [allow, intents, messages, meta, reasons, trace]",
        d.message());
  }

  @Test
  void read_badInput_reportsEveryProblemWithPathAndCode() {
    Result<Decision> r = ContractJson.readDecision(
        "{\"allow\":\"yes\",\"reasons\":[{\"code\":\"R_NOPE\"},{}],\"intents\":[{\"kind\":\"explode\"}]}",
        Strictness.LENIENT);
    assertInstanceOf(Result.Failed.class, r);
    List<String> got = r.diagnostics().stream().map(x -> x.code() + " " + x.message()).toList();
    assertEquals(List.of(
        "E_META_TYPE_NOT_ALLOWED $.allow: expected boolean, got string",
        "E_PARSE_INVALID_TOKEN $.reasons[0].code: Unknown reason code: 'R_NOPE'. Must be registered in the code registry.",
        "E_META_MISSING_REQUIRED_FIELD $.reasons[1]: 'code' is a required property",
        "E_PARSE_INVALID_TOKEN $.intents[0].kind: 'explode' is not one of [maskField, notify, revoke, grantRole, audit, transform, tag, "
            + "rateLimit, redirect, publish, rollback]"),
        got);
  }

  @Test
  void readEvent_badTimestampAndEnums_coded() {
    Result<EventEnvelope> r = ContractJson.readEvent("{\"name\":\"a\",\"kind\":\"explode\",\"timestamp\":\"yesterday\","
        + "\"actor\":{\"id\":\"u\",\"type\":\"robot\"},\"object\":{\"type\":\"t\"}}", Strictness.LENIENT);
    List<String> paths = r.diagnostics().stream().map(x -> x.path().orElseThrow()).toList();
    assertEquals(List.of("$.kind", "$.timestamp", "$.actor.type", "$.object"), paths);
  }

  @Test
  void readDiagnostic_upstreamWarningSeverity_readAsWarn() {
    Diagnostic d = ContractJson.readDiagnostic(Json.parse(
        "{\"code\":\"E_WF_DEAD_END\",\"message\":\"m\",\"severity\":\"warning\"}").orElseThrow(), Strictness.STRICT)
        .orElseThrow();
    assertEquals(dev.mpc.diag.Severity.WARN, d.severity());
    assertEquals("warn", ContractJson.toJson(d).getOrNull("severity").toString().replace("\"", ""));
  }

  @Test
  void read_notJson_codedParseError() {
    Result<Decision> r = ContractJson.readDecision("{allow:", Strictness.LENIENT);
    assertEquals(Code.E_PARSE_SYNTAX, r.diagnostics().get(0).code());
  }

  /** Supplier for {@link ContractArbitraries#decisions()}. */
  public static final class DecisionsSupplier implements net.jqwik.api.ArbitrarySupplier<Decision> {
    @Override
    public net.jqwik.api.Arbitrary<Decision> get() {
      return ContractArbitraries.decisions();
    }
  }

  /** Supplier for {@link ContractArbitraries#events()}. */
  public static final class EventsSupplier implements net.jqwik.api.ArbitrarySupplier<EventEnvelope> {
    @Override
    public net.jqwik.api.Arbitrary<EventEnvelope> get() {
      return ContractArbitraries.events();
    }
  }

  /** Supplier for {@link ContractArbitraries#diagnostics()}. */
  public static final class DiagnosticsSupplier implements net.jqwik.api.ArbitrarySupplier<Diagnostic> {
    @Override
    public net.jqwik.api.Arbitrary<Diagnostic> get() {
      return ContractArbitraries.diagnostics();
    }
  }

  /** Supplier for {@link ContractArbitraries#traces()}. */
  public static final class TracesSupplier implements net.jqwik.api.ArbitrarySupplier<Trace> {
    @Override
    public net.jqwik.api.Arbitrary<Trace> get() {
      return ContractArbitraries.traces();
    }
  }

  /** Supplier for {@link ContractArbitraries#intents()}. */
  public static final class IntentsSupplier implements net.jqwik.api.ArbitrarySupplier<Intent> {
    @Override
    public net.jqwik.api.Arbitrary<Intent> get() {
      return ContractArbitraries.intents();
    }
  }
}
