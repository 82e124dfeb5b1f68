package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import dev.mpc.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bounded load run ({@code mvn -pl examples/alm-service -Pload verify}; not part of the normal
 * build): the service in production mode on loopback against embedded PostgreSQL 16 and a real
 * redis-server, 8 concurrent clients, a fixed request count, then it stops. Reports throughput,
 * p50/p99 latency and errors of {@code POST /api/v1/decisions} and of a workflow transition, with
 * the in-process {@code evaluate()} time of the same decision beside them, to
 * {@code target/load-report.md}. Tenants: 64, round robin, so every request also passes its
 * tenant's Redis quota (enterprise tier) without being refused.
 */
class AlmLoadRun {
  static final int CLIENTS = 8;
  static final int DECISIONS = 4_000;
  static final int TRANSITIONS = 2_000;
  static final int TENANTS = 64;
  static final String KEY = "load-run-secret-key-0123456789-abcdefgh";

  record Stats(String name, int requests, int errors, double seconds, long[] latenciesNs) {
    double p(double q) {
      long[] s = latenciesNs.clone();
      Arrays.sort(s);
      return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
    }

    String row() {
      return String.format("| %s | %d | %d | %.0f | %.2f | %.2f |", name, requests, errors, requests / seconds, p(0.50),
          p(0.99));
    }
  }

  interface Call {
    int run(Http http, int client, int i) throws Exception;
  }

  static Stats drive(String name, Http http, int total, Call call) throws Exception {
    long[] lat = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            long s = System.nanoTime();
            int status = call.run(http, client, i);
            lat[i] = System.nanoTime() - s;
            if (status / 100 != 2) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Stats(name, total, errors.get(), (System.nanoTime() - t0) / 1e9, lat);
  }

  @Test
  void loadRun() throws Exception {
    dev.mpc.conformance.kit.RedisServer.assumeInstalled();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        dev.mpc.conformance.kit.RedisServer redis = dev.mpc.conformance.kit.RedisServer.start();
        ConfigurableApplicationContext app = AlmApplication.start(Map.of("ENV", "production",
            "DATABASE_URL", "postgresql://postgres:pw@localhost:" + pg.getPort() + "/postgres",
            "REDIS_URL", redis.uri(), "SECRET_KEY", KEY), Files.createTempDirectory("alm-load"), "--server.port=0",
            "--logging.level.root=WARN")) {
      Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
      String[] viewer = new String[TENANTS];
      String[] dev = new String[TENANTS];
      String[][] defects = new String[TENANTS][CLIENTS];
      for (int t = 0; t < TENANTS; t++) {
        viewer[t] = AlmServiceTest.tokenWithKey(KEY, "viewer", "t" + t, "viewer");
        dev[t] = AlmServiceTest.tokenWithKey(KEY, "dev", "t" + t, "developer");
        for (int c = 0; c < CLIENTS; c++) {
          defects[t][c] = http.post("/api/v1/defects", dev[t], "{\"title\":\"load\"}").json().get("id").asText();
        }
      }
      String event = "{\"name\":\"defect.read\",\"kind\":\"custom\",\"timestamp\":\"2026-01-01T00:00:00Z\","
          + "\"actor\":{\"id\":\"x\",\"type\":\"user\"},\"object\":{\"type\":\"Defect\",\"id\":\"d-1\","
          + "\"attributes\":{\"reporterEmail\":\"a@b.c\"}},\"payload\":{\"action\":\"read\"}}";
      Call decide = (h, c, i) -> h.post("/api/v1/decisions", viewer[i % TENANTS], event).status();
      String[] cycle = {"start", "resolve", "reopen"};
      int[][] step = new int[TENANTS][CLIENTS];
      Call transition = (h, c, i) -> {
        int t = (i / CLIENTS) % TENANTS;
        String e = cycle[step[t][c] % 3];
        int status = h.post("/api/v1/defects/" + defects[t][c] + "/transitions/" + e, dev[t], null).status();
        if (status == 200) {
          step[t][c]++;
        }
        return status;
      };
      drive("warm-up", http, 1_000, decide);
      drive("warm-up", http, 300, (h, c, i) -> transition.run(h, c, i));
      Stats decisions = drive("`POST /api/v1/decisions`", http, DECISIONS, decide);
      Stats transitions = drive("`POST /api/v1/defects/{id}/transitions/{event}`", http, TRANSITIONS, transition);

      MpcEngine engine = app.getBean(MpcEngine.class);
      GovernedRuntime runtime = app.getBean(GovernedRuntime.class);
      Artifact artifact = runtime.activeArtifact(new Scope("t0", "alm")).orElseThrow();
      EventEnvelope e = new EventEnvelope(Optional.of("e"), "defect.read", EventKind.CUSTOM,
          Instant.parse("2026-01-01T00:00:00Z").toString(), Actor.user("x", "viewer"), new ObjectRef("Defect", "d-1",
              JsonObject.builder().put("tenant", "t0").put("reporterEmail", "a@b.c").build(), Optional.empty()),
          JsonObject.EMPTY, JsonObject.builder().put("action", "read").build(), Optional.empty());
      for (int i = 0; i < 200_000; i++) {
        engine.evaluate(artifact, e);
      }
      int n = 500_000;
      long s = System.nanoTime();
      for (int i = 0; i < n; i++) {
        engine.evaluate(artifact, e);
      }
      double evaluateUs = (System.nanoTime() - s) / 1e3 / n;

      String report = String.join("\n",
          "| endpoint | requests | errors | req/s | p50 ms | p99 ms |",
          "|---|---|---|---|---|---|",
          decisions.row(), transitions.row(), "",
          String.format("in-process `MpcEngine.evaluate` of the same decision (mean of %d, after 200,000 warm-up): %.2f µs",
              n, evaluateUs),
          String.format("clients %d, tenants %d, cores %d, %s", CLIENTS, TENANTS,
              Runtime.getRuntime().availableProcessors(), Instant.now()), "");
      Files.writeString(Path.of("target/load-report.md"), report);
      System.out.println(report);
      assertEquals(0, decisions.errors(), "decision errors");
      assertEquals(0, transitions.errors(), "transition errors");
    }
  }
}
