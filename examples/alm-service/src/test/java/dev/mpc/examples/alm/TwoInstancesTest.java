package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.conformance.kit.RedisServer;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.WorkflowStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service on one PostgreSQL and one Redis behave as one: a tenant's rate
 * limit is shared, an activation on one is served by the other, and concurrent transitions of
 * one defect through both lose and duplicate nothing.
 */
@EnabledIf(value = "dev.mpc.conformance.kit.RedisServer#installed", disabledReason = RedisServer.MISSING)
class TwoInstancesTest {
  static final String KEY = "two-instances-secret-key-0123456789-abc";
  static EmbeddedPostgres postgres;
  static RedisServer redis;
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static Http httpA;
  static Http httpB;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    redis = RedisServer.start();
    Path work = Files.createTempDirectory("alm2");
    Map<String, String> env = Servers.env("staging", "pw", postgres.getPort(), redis.uri(), KEY);
    a = AlmApplication.start(env, work, "--server.port=0", "--mpc.quota.tiers.limited=free");
    b = AlmApplication.start(env, work, "--server.port=0", "--mpc.quota.tiers.limited=free");
    httpA = Servers.http(a);
    httpB = Servers.http(b);
  }

  @AfterAll
  static void stop() throws Exception {
    Servers.closeAll(a, b, redis, postgres);
  }


  static String token(String sub, String tenant, String... roles) throws Exception {
    return AlmServiceTest.tokenWithKey(KEY, sub, tenant, roles);
  }

  @Test
  void stagingOffersNoDevTokens() {
    Http.Res r = httpA.post("/api/v1/dev/token", null, "{\"sub\":\"eve\",\"tenant\":\"acme\",\"roles\":[\"admin\"]}");
    assertTrue(r.status() == 404 || r.status() == 401, r.status() + " " + r.body());
    assertTrue(!r.body().contains("token\""), r.body());
  }

  @Test
  void aTenantsRateLimit_isSharedByBothInstances() throws Exception {
    String viewer = token("v", "limited", "viewer");
    int allowed = 0;
    int refusedA = 0;
    int refusedB = 0;
    long start = System.nanoTime();
    for (int i = 0; i < 24; i++) {
      Http http = i % 2 == 0 ? httpA : httpB;
      int status = http.get("/api/v1/defects?limit=1", viewer).status();
      if (status == 200) {
        allowed++;
      } else {
        assertEquals(429, status);
        if (i % 2 == 0) {
          refusedA++;
        } else {
          refusedB++;
        }
      }
    }
    // the free tier: burst 10, then one a second; two separate counters would allow 20 or more
    long refilled = (System.nanoTime() - start) / 1_000_000_000L + 1;
    assertTrue(allowed >= 10 && allowed <= 10 + refilled && allowed < 20,
        "allowed " + allowed + " of 24 across both instances (" + refilled + " s of refill)");
    assertTrue(refusedA > 0 && refusedB > 0, "both instances refuse: " + refusedA + ", " + refusedB);
  }

  @Test
  void anActivationOnOne_isServedByTheOther() throws Exception {
    String admin = token("adm", "umbrella", "admin");
    String hash = httpA.post("/api/v1/manifests", admin, AlmServiceTest.rules("umbrella")).json().get("hash").asText();
    assertEquals(200, httpA.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "u-1")
        .status());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = httpB.get("/api/v1/artifacts/active", admin).json().get("hash").asText();
      if (seen.equals(hash)) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(hash, seen, "instance B serves the activation made on A (within the 1 s refresh)");
    // a replay of the same key on B is the same activation
    var replay = httpB.post("/api/v1/manifests/" + hash + "/activate", admin, null, "Idempotency-Key", "u-1");
    assertEquals(200, replay.status(), replay.body());
    assertTrue(replay.json().get("replayed").asBoolean());
  }

  @Test
  void concurrentTransitionsThroughBoth_loseAndDuplicateNothing() throws Exception {
    String dev = token("dev", "wayne", "developer");
    String id = httpA.post("/api/v1/defects", dev, "{\"title\":\"race\"}").json().get("id").asText();
    Map<String, String> next = Map.of("open", "start", "in_progress", "resolve", "resolved", "reopen");
    AtomicInteger fired = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Http http = t % 2 == 0 ? httpA : httpB;
        done.add(pool.submit(() -> {
          for (int n = 0; n < 6; n++) {
            var list = http.get("/api/v1/defects/" + id + "/transitions", dev).json();
            String state = list.get("state").asText();
            long version = list.get("workflowVersion").asLong();
            var r = http.post("/api/v1/defects/" + id + "/transitions/" + next.get(state) + "?expectedVersion=" + version,
                dev, null);
            if (r.status() == 200) {
              fired.incrementAndGet();
            } else if (r.status() == 409) {
              conflicts.incrementAndGet();
            } else {
              throw new AssertionError(r.status() + " " + r.body());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    WorkflowStore store = a.getBean(WorkflowStore.class);
    List<TransitionRecord> history = store.history(ItemController.instanceId("wayne", id));
    assertEquals(fired.get() + 1, history.size(), "every accepted fire is one record (" + conflicts + " conflicts)");
    for (int v = 0; v < history.size(); v++) {
      assertEquals(v, history.get(v).version(), "no gap, no duplicate");
    }
    assertEquals(48, fired.get() + conflicts.get());
    assertTrue(fired.get() > 0);
  }
}
