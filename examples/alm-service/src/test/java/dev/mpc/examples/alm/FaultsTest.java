package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.conformance.kit.RedisServer;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.WorkflowStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Faults against the running service: Redis stops (ready is 503 naming it within the probe bound,
 * rate-limited calls fail closed with 429 and write nothing) and comes back (ready again);
 * PostgreSQL stops (503 naming the database, calls fail, nothing half-written) and comes back on
 * the same data (ready again, the ledger chain verifies, no transition lost or duplicated).
 */
@EnabledIf(value = "dev.mpc.conformance.kit.RedisServer#installed", disabledReason = RedisServer.MISSING)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {
  static final String KEY = "faults-secret-key-0123456789-abcdefghij";
  static Path pgData;
  static int pgPort;
  static EmbeddedPostgres postgres;
  static RedisServer redis;
  static ConfigurableApplicationContext app;
  static Http http;

  static EmbeddedPostgres startPostgres(int port) throws Exception {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false);
    if (port > 0) {
      b.setPort(port);
    }
    return b.start();
  }

  @BeforeAll
  static void start() throws Exception {
    pgData = Files.createTempDirectory("alm-pg");
    postgres = startPostgres(0);
    pgPort = postgres.getPort();
    redis = RedisServer.start();
    app = AlmApplication.start(Servers.env("production", "pw", pgPort, redis.uri(), KEY),
        Files.createTempDirectory("alm-f"), "--server.port=0");
    http = Servers.http(app);
  }

  @AfterAll
  static void stop() throws Exception {
    Servers.closeAll(app, redis, postgres);
  }


  static String token(String sub, String tenant, String... roles) throws Exception {
    return AlmServiceTest.tokenWithKey(KEY, sub, tenant, roles);
  }

  static long rows() {
    Long n = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM alm_item", Long.class);
    return n == null ? -1 : n;
  }

  /** Polls /health/ready until {@code status}; the time it took. */
  static long readyBecomes(int status, long maxMs) throws Exception {
    long t0 = System.nanoTime();
    while (true) {
      Http.Res r = http.get("/health/ready", null);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      if (r.status() == status) {
        return ms;
      }
      if (ms > maxMs) {
        throw new AssertionError("ready did not become " + status + " within " + maxMs + " ms: " + r.body());
      }
      Thread.sleep(100);
    }
  }

  @Test
  @Order(1)
  void redisStops_readyIs503_callsFailClosed_nothingWritten_thenItRecovers() throws Exception {
    String dev = token("dev", "acme", "developer");
    assertEquals(201, http.post("/api/v1/defects", dev, "{\"title\":\"before\"}").status());
    int port = redis.port;
    redis.close();
    long t0 = System.nanoTime();
    Http.Res ready = http.get("/health/ready", null);
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(503, ready.status(), ready.body());
    assertTrue(ready.body().contains("\"redis\":{\"ok\":false"), ready.body());
    assertTrue(took <= 2_500, "the probe is bounded: " + took + " ms");
    long before = rows();
    Http.Res refused = http.post("/api/v1/defects", dev, "{\"title\":\"during the outage\"}");
    assertEquals(429, refused.status(), refused.body());
    assertNotNull(refused.header("Retry-After"));
    assertEquals("E_QUOTA_EXCEEDED", refused.json().get("code").asText());
    assertEquals(before, rows(), "nothing half-written");

    redis = RedisServer.start(port);
    long back = readyBecomes(200, 15_000);
    System.out.println("FAULT redis: first ready after the stop " + ready.status() + " in " + took + " ms; create "
        + refused.status() + " " + refused.json().get("code").asText() + "; ready 200 again " + back + " ms after restart");
    assertEquals(201, http.post("/api/v1/defects", dev, "{\"title\":\"after\"}").status());
  }

  @Test
  @Order(2)
  void postgresStops_503_thenOnTheSameData_theLedgerVerifies_andNoTransitionIsLostOrDuplicated() throws Exception {
    String dev = token("dev", "acme", "developer");
    String id = http.post("/api/v1/defects", dev, "{\"title\":\"db outage\"}").json().get("id").asText();
    assertEquals(200, http.post("/api/v1/defects/" + id + "/transitions/start?expectedVersion=0", dev, null).status());

    postgres.close();
    long down = readyBecomes(503, 10_000);
    Http.Res ready = http.get("/health/ready", null);
    assertTrue(ready.body().contains("\"database\":{\"ok\":false"), ready.body());
    Http.Res during = http.post("/api/v1/defects/" + id + "/transitions/resolve?expectedVersion=1", dev, null);
    assertNotEquals(200, during.status(), during.body());
    assertEquals(503, during.status(), during.body());
    assertEquals("ALM_UNAVAILABLE", during.json().get("code").asText(), during.body());
    assertEquals("1", during.header("Retry-After"));

    postgres = startPostgres(pgPort);
    long up = readyBecomes(200, 30_000);
    System.out.println("FAULT postgres: ready 503 " + down + " ms after the stop; transition during the outage "
        + during.status() + " " + during.body().replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1") + "; ready 200 " + up
        + " ms after restart");
    Http.Res resolved = http.post("/api/v1/defects/" + id + "/transitions/resolve?expectedVersion=1", dev, null);
    assertEquals(200, resolved.status(), "the failed attempt wrote nothing: " + resolved.body());
    List<TransitionRecord> history = app.getBean(WorkflowStore.class).history(ItemController.instanceId("acme", id));
    assertEquals(3, history.size(), "start record, start, resolve: " + history);
    for (int v = 0; v < history.size(); v++) {
      assertEquals(v, history.get(v).version());
    }
    ActivationLedger ledger = app.getBean(ActivationLedger.class);
    ActivationLedger.ChainCheck chain = ActivationLedger.verify(ledger.records());
    assertTrue(chain.ok(), chain.toString());
    assertTrue(chain.records() >= 2, "the defaults and acme's first use: " + chain);
    GovernedRuntime runtime = app.getBean(GovernedRuntime.class);
    assertTrue(runtime.readiness().ready());
  }
}
