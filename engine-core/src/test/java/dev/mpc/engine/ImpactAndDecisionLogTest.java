package dev.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Impact analysis between two artifacts, and the decision log that feeds it. */
class ImpactAndDecisionLogTest {
  static final String VIEW = "{\"kind\":\"ACL\",\"id\":\"view\",\"action\":\"read\",\"resource\":\"doc\",\"roles\":[\"viewer\"]"
      + ",\"maskFields\":[\"salary\"]}";
  static final String VIEW_NO_MASK = "{\"kind\":\"ACL\",\"id\":\"view\",\"action\":\"read\",\"resource\":\"doc\","
      + "\"roles\":[\"viewer\"]}";
  static final String EDIT = "{\"kind\":\"ACL\",\"id\":\"edit\",\"action\":\"update\",\"resource\":\"doc\",\"roles\":[\"editor\"]}";
  static final String EDIT_BY_VIEWERS = "{\"kind\":\"ACL\",\"id\":\"edit_open\",\"action\":\"update\",\"resource\":\"doc\","
      + "\"roles\":[\"viewer\",\"editor\"]}";
  static final String DELETE = "{\"kind\":\"ACL\",\"id\":\"del\",\"action\":\"delete\",\"resource\":\"doc\",\"roles\":[\"editor\"]}";

  static EventEnvelope ev(String action, String... roles) {
    return Fixtures.event("doc." + action, Fixtures.actor("u-" + action + roles.length, roles), "doc", "d-1");
  }

  @Test
  void everyChangedDecision_isReported_withItsCause() {
    Artifact before = Fixtures.artifact(VIEW, EDIT, DELETE);
    Artifact after = Fixtures.artifact(VIEW_NO_MASK, EDIT_BY_VIEWERS);
    MpcEngine engine = MpcEngine.builder().build().orElseThrow();
    List<EventEnvelope> events = List.of(ev("read", "viewer"), ev("update", "viewer"), ev("update", "editor"),
        ev("delete", "editor"), ev("read", "nobody"));
    ImpactAnalysis.Report r = ImpactAnalysis.of(engine, before, after).analyze(events);
    assertEquals(5, r.events());
    assertEquals(1, r.newlyAllowed(), r.changes().toString());
    assertEquals(1, r.newlyDenied(), r.changes().toString());
    assertEquals("5 events, 3 changed: 1 newly denied, 1 newly allowed", r.summary());
    ImpactAnalysis.Change allowed = r.changes().stream().filter(c -> c.kind() == ImpactAnalysis.Kind.NEWLY_ALLOWED)
        .findFirst().orElseThrow();
    assertEquals("doc.update", allowed.event().name());
    assertTrue(allowed.causes().contains("acl:edit_open"), allowed.causes().toString());
    ImpactAnalysis.Change denied = r.changes().stream().filter(c -> c.kind() == ImpactAnalysis.Kind.NEWLY_DENIED)
        .findFirst().orElseThrow();
    assertEquals(List.of("acl:del"), denied.causes());
    ImpactAnalysis.Change mask = r.changes().stream().filter(c -> c.kind() == ImpactAnalysis.Kind.INTENTS_CHANGED)
        .findFirst().orElseThrow();
    assertEquals(List.of("acl:view"), mask.causes(), "the same rule decided: it is the one that changed");
    assertEquals(1, mask.intentsRemoved().size());
    assertTrue(mask.intentsRemoved().get(0).contains("salary"));
    assertTrue(r.byCause().containsKey("acl:del"));
    assertTrue(ImpactAnalysis.of(engine, before, before).analyze(events).changes().isEmpty(), "no change, no report");
  }

  @Test
  void theDecisionLog_recordsEveryDecision_offTheHotPath_redacted_andCountsDrops() {
    DecisionLog log = new DecisionLog(3, Redactor.standard());
    MpcEngine engine = MpcEngine.builder().listener(log).build().orElseThrow();
    Artifact a = Fixtures.artifact(VIEW, EDIT);
    EventEnvelope secret = Fixtures.event("doc.read", Fixtures.actor("u-1", "viewer"), "doc", "d-1",
        JsonObject.builder().put("password", "hunter2").build());
    for (int i = 0; i < 5; i++) {
      engine.evaluate(a, secret);
    }
    assertEquals(3, log.recorded());
    assertEquals(2, log.dropped(), "a full buffer drops and counts, never blocks");
    List<String> lines = new ArrayList<>();
    assertEquals(3, log.drain(lines::add, 10));
    assertEquals(0, log.pending());
    JsonObject first = (JsonObject) Json.parse(lines.get(0)).orElseThrow();
    assertEquals(a.hash(), ((dev.mpc.json.JsonString) first.getOrNull("artifactHash")).value());
    assertTrue(lines.get(0).contains("\"allow\":true") && lines.get(0).contains("R_ACL_ALLOW_ROLE"), lines.get(0));
    assertFalse(lines.get(0).contains("hunter2"), "redacted: " + lines.get(0));
    engine.evaluate(a, secret);
    assertEquals(1, log.pending());
  }

  @Test
  void aThrowingListener_changesNoDecision() {
    MpcEngine engine = MpcEngine.builder().listener((h, e, d) -> {
      throw new IllegalStateException("boom");
    }).build().orElseThrow();
    assertTrue(engine.evaluate(Fixtures.artifact(VIEW), ev("read", "viewer")).allow());
  }
}
