package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Code;
import dev.mpc.spring.internal.MpcStores;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * A host with no artifact configured and memory stores: it starts, says why in the log, every
 * decision denies with a code (never allows), and readiness is 503 naming the failing check.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=bare", "spring.autoconfigure.exclude="
        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"})
class UnreadyHostTest {
  @Autowired
  TestRestTemplate rest;
  @Autowired
  MpcDecisions mpc;
  @Autowired
  MpcStores stores;

  @Test
  void readinessIs503_namingTheArtifactCheck_livenessStays200() throws Exception {
    ResponseEntity<String> ready = rest.getForEntity("/actuator/health/readiness", String.class);
    assertEquals(503, ready.getStatusCode().value(), ready.getBody());
    JsonNode mpcHealth = new ObjectMapper().readTree(ready.getBody()).get("components").get("mpc");
    assertEquals("DOWN", mpcHealth.get("status").asText());
    JsonNode check = mpcHealth.get("details").get("checks").get("artifact:default/default");
    assertFalse(check.get("ok").asBoolean());
    assertEquals("E_GOV_STATE_INVALID", check.get("code").asText());
    assertEquals(200, rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value());
  }

  @Test
  void decisionsDeny_withACode() {
    Decision d = mpc.decide(EventEnvelope.of("order.read", EventKind.CUSTOM, Instant.parse("2026-01-01T00:00:00Z"),
        Actor.user("u", "admin"), ObjectRef.of("order", "o-1")));
    assertFalse(d.allow());
    assertEquals(Code.E_GOV_STATE_INVALID, d.reasons().get(0).code());
  }

  @Test
  void theStoresAreInMemory_asConfigured() {
    assertEquals("memory", stores.kind());
    assertTrue(stores.probes().isEmpty());
  }
}
