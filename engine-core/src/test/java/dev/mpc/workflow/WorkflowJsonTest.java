package dev.mpc.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON form of instances and records: exact round trips, coded failures for anything else. */
class WorkflowJsonTest {
  private static final Artifact TIMED = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':["
      + "{'from':'a','on':'go','to':'b','actions':['notify']},{'from':'b','on':'expire','to':'a','timeout_ms':5000}]}");

  @Test
  void anInstanceWithTimersVariablesAndNanoseconds_readsBackEqual() {
    Wf.MutableClock clock = new Wf.MutableClock();
    WorkflowEngine engine = WorkflowEngine.builder().clock(clock).build().orElseThrow();
    WorkflowInstance i = engine.start(TIMED, "w", "i-1", Wf.json("{'n':1,'s':'x','l':[1.5,null]}")).orElseThrow();
    clock.advanceMs(1);
    TransitionResult r = engine.fire(TIMED, i, "go", Wf.ALICE, JsonObject.EMPTY, FireOptions.eventId("e-1"));
    assertTrue(r.allowed(), r.errors().toString());
    WorkflowInstance fired = r.instance();
    assertFalse(fired.timers().isEmpty());
    TransitionResult refused = engine.fire(TIMED, fired, "nope", Wf.ALICE, JsonObject.EMPTY);
    assertFalse(refused.allowed());
    for (WorkflowInstance w : List.of(i, fired, refused.instance())) {
      String text = Json.write(WorkflowJson.toJson(w));
      assertEquals(w, WorkflowJson.readInstance(text).orElseThrow(), text);
      assertEquals(w.lastRecord(), WorkflowJson.readRecord(Json.write(WorkflowJson.toJson(w.lastRecord())))
          .orElseThrow());
    }
    TransitionRecord nanos = new TransitionRecord(3, TransitionRecord.Kind.VARIABLES, Optional.empty(), "",
        Optional.of("u"), Instant.parse("2026-01-01T00:00:00.000000001Z"), List.of("a"), List.of("a"), true,
        List.of(), List.of(), List.of(), List.of(), JsonObject.EMPTY);
    assertEquals(nanos, WorkflowJson.readRecord(Json.write(WorkflowJson.toJson(nanos))).orElseThrow());
  }

  @Test
  void anythingElse_isACodedFailureNamingThePath() {
    assertCode("[]", Code.E_META_TYPE_NOT_ALLOWED, "$");
    assertCode("{}", Code.E_META_MISSING_REQUIRED_FIELD, "$");
    String good = Json.write(WorkflowJson.toJson(WorkflowEngine.builder().build().orElseThrow()
        .start(TIMED, "w", "i").orElseThrow()));
    assertCode(good.replace("\"version\":0,\"workflowId\"", "\"version\":\"0\",\"workflowId\""), Code.E_META_TYPE_NOT_ALLOWED,
        "$.version");
    assertCode(good.replace("\"kind\":\"start\"", "\"kind\":\"jump\""), Code.E_PARSE_INVALID_TOKEN, "$.recent[0].kind");
    assertCode(good.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":\"yesterday\""), Code.E_PARSE_INVALID_TOKEN,
        "$.recent[0].at");
    assertCode(good.replace("\"version\":0,\"workflowId\"", "\"version\":7,\"workflowId\""), Code.E_PARSE_INVALID_TOKEN, "$");
    assertCode("{\"a\":", Code.E_PARSE_SYNTAX, null);
  }

  private static void assertCode(String json, Code code, String path) {
    Result<WorkflowInstance> r = WorkflowJson.readInstance(json);
    assertFalse(r.isOk(), json);
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(code, d.code(), d.toString());
    if (path != null) {
      assertEquals(Optional.of(path), d.path(), d.toString());
    }
  }
}
