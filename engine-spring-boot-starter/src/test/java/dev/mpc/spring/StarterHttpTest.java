package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpc.spring.internal.MpcStores;
import dev.mpc.workflow.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A host app that is the starter plus application.yaml (and an H2 DataSource), over HTTP on a
 * random port: it decides (request and method security, a decision endpoint), reports readiness
 * and metrics, answers a bad manifest with Problem Details, and keeps its state in JDBC.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  MpcStores stores;
  @Autowired
  WorkflowStore workflows;

  private static HttpHeaders correlated(String id) {
    HttpHeaders h = new HttpHeaders();
    h.set("X-Correlation-Id", id);
    h.setContentType(MediaType.APPLICATION_JSON);
    return h;
  }

  private static JsonNode json(ResponseEntity<String> r) throws Exception {
    assertNotNull(r.getBody(), "a body (status " + r.getStatusCode() + ", headers " + r.getHeaders() + ")");
    return JSON.readTree(r.getBody());
  }

  @Test
  void aRequestTheEngineAllows_isServed_andTheCorrelationIdIsEchoed() throws Exception {
    ResponseEntity<String> r = rest.withBasicAuth("vic", "pw").exchange("/orders/o-1", HttpMethod.GET,
        new HttpEntity<>(correlated("req-1")), String.class);
    assertEquals(200, r.getStatusCode().value(), r.getBody());
    assertEquals("o-1", json(r).get("id").asText());
    assertEquals("req-1", r.getHeaders().getFirst("X-Correlation-Id"));
  }

  @Test
  void aRequestTheEngineDenies_is403ProblemDetails_withTheReasons() throws Exception {
    ResponseEntity<String> r = rest.withBasicAuth("nobody", "pw").exchange("/orders/o-1", HttpMethod.GET,
        new HttpEntity<>(correlated("req-2")), String.class);
    assertEquals(403, r.getStatusCode().value(), r.getBody());
    assertTrue(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(r.getHeaders().getContentType()),
        String.valueOf(r.getHeaders().getContentType()));
    JsonNode p = json(r);
    assertEquals(403, p.get("status").asInt());
    assertEquals("Forbidden", p.get("title").asText());
    assertTrue(p.get("type").asText().startsWith("https://mpc.dev/problems/R_ACL"), p.toString());
    assertTrue(p.get("reasons").size() > 0, p.toString());
    assertTrue(p.get("reasons").toString().contains("R_ACL_"), p.toString());
    assertEquals("req-2", p.get("correlationId").asText());
  }

  @Test
  void methodSecurity_asksTheEngine_deniedCallsAre403WithReasons() throws Exception {
    ResponseEntity<String> denied = rest.withBasicAuth("vic", "pw").exchange("/orders/o-9", HttpMethod.DELETE,
        new HttpEntity<>(correlated("req-3")), String.class);
    assertEquals(403, denied.getStatusCode().value(), denied.getBody());
    JsonNode p = json(denied);
    assertTrue(p.get("reasons").toString().contains("R_ACL_DENY_ROLE") || p.get("reasons").toString().contains("R_ACL_NO_MATCH"),
        p.toString());
    ResponseEntity<String> allowed = rest.withBasicAuth("ada", "pw").exchange("/orders/o-9", HttpMethod.DELETE,
        new HttpEntity<>(correlated("req-4")), String.class);
    assertEquals(200, allowed.getStatusCode().value(), allowed.getBody());
    assertEquals("deleted o-9", json(allowed).get("result").asText());
  }

  @Test
  void theDecisionEndpoint_explains_andTheSpanIdIsTheCorrelationId() throws Exception {
    String event = Files.readString(Path.of("../examples/events/viewer-read.json"));
    ResponseEntity<String> r = rest.withBasicAuth("vic", "pw").exchange("/decisions?explain=true", HttpMethod.POST,
        new HttpEntity<>(event, correlated("corr-77")), String.class);
    assertEquals(200, r.getStatusCode().value(), r.getBody());
    JsonNode d = json(r);
    assertTrue(d.get("allow").asBoolean(), d.toString());
    assertEquals("corr-77", d.get("meta").get("traceSpanId").asText());
    assertTrue(d.get("trace").get("events").size() > 0, "explain records the trace");
    assertTrue(d.toString().contains("maskField"), "the viewer's masks are intents: " + d);
    assertFalse(d.toString().contains("078-05-1120"), "nothing sensitive in the decision");
  }

  @Test
  void aBadManifest_is422ProblemDetails_withLineAndColumn() throws Exception {
    String bad = "@schema 1\n@namespace \"t\"\ndef Policy p {\n  effect: \"allow\"\n  priority: \"high\"\n}\n";
    ResponseEntity<String> r = rest.withBasicAuth("vic", "pw").exchange("/manifests", HttpMethod.POST,
        new HttpEntity<>(bad, correlated("req-5")), String.class);
    assertEquals(422, r.getStatusCode().value(), r.getBody());
    assertTrue(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(r.getHeaders().getContentType()),
        String.valueOf(r.getHeaders().getContentType()));
    JsonNode p = json(r);
    assertEquals(422, p.get("status").asInt());
    String code = p.get("code").asText();
    assertTrue(code.startsWith("E_"), p.toString());
    assertEquals("https://mpc.dev/problems/" + code, p.get("type").asText());
    JsonNode first = p.get("errors").get(0);
    assertEquals(5, first.get("line").asInt(), p.toString());
    assertTrue(first.get("column").asInt() > 0, p.toString());
    ResponseEntity<String> good = rest.withBasicAuth("vic", "pw").exchange("/manifests", HttpMethod.POST,
        new HttpEntity<>(Files.readString(Path.of("src/test/resources/orders.mpc")), correlated("req-6")), String.class);
    assertEquals(201, good.getStatusCode().value(), good.getBody());
  }

  @Test
  void readinessIsUp_withTheMpcChecks_andMetricsAreRecorded() throws Exception {
    ResponseEntity<String> ready = rest.getForEntity("/actuator/health/readiness", String.class);
    assertEquals(200, ready.getStatusCode().value(), ready.getBody());
    JsonNode mpc = json(ready).get("components").get("mpc");
    assertEquals("UP", mpc.get("status").asText(), ready.getBody());
    assertTrue(mpc.get("details").get("checks").has("database"), ready.getBody());
    assertTrue(mpc.get("details").get("checks").has("artifact:default/default"), ready.getBody());
    assertEquals(200, rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value());

    rest.withBasicAuth("vic", "pw").getForEntity("/orders/o-2", String.class);
    JsonNode timer = json(rest.getForEntity("/actuator/metrics/" + MpcMetrics.EVALUATION, String.class));
    assertTrue(timer.get("measurements").get(0).get("value").asDouble() >= 1, timer.toString());
    assertEquals(200, rest.getForEntity("/actuator/metrics/" + MpcMetrics.DECISIONS + "?tag=outcome:allow",
        String.class).getStatusCode().value());
    assertEquals(200, rest.getForEntity("/actuator/metrics/" + MpcMetrics.RULE_HITS, String.class)
        .getStatusCode().value());
    JsonNode ports = json(rest.getForEntity("/actuator/metrics/" + MpcMetrics.PORT_CALLS + "?tag=port:ledger",
        String.class));
    assertTrue(ports.get("measurements").get(0).get("value").asDouble() >= 1, "the activation used the ledger: " + ports);
  }

  @Test
  void theStoresAreJdbc_overTheHostsDataSource() {
    assertEquals("jdbc", stores.kind());
    assertTrue(workflows.toString().contains("JdbcWorkflowStore"), workflows.toString());
  }
}
