package dev.mpc.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.conformance.kit.RedisServer;
import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exactness against QuotaStore.gcra, two service instances sharing a limit, and failing closed. */
class RedisQuotaStoreTest {
  static RedisServer server;
  static RedisClient client;

  @BeforeAll
  static void start() throws Exception {
    server = RedisServer.startIfInstalled().orElse(null);
    client = server == null ? null : RedisClient.create(server.uri());
  }

  /** Without the binary every test reports itself skipped, naming it. */
  @org.junit.jupiter.api.BeforeEach
  void needsRedis() {
    RedisServer.assumeInstalled();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void oneDecision_isOneRoundTrip_oneEvalsha() {
    try (RedisQuotaStore store = RedisQuotaStore.builder().client(client).build();
        io.lettuce.core.api.StatefulRedisConnection<String, String> admin = client.connect()) {
      String tenant = "rt-" + UUID.randomUUID();
      QuotaLimit limit = new QuotaLimit(60_000_000L, 1_000_000_000L);
      store.tryConsume(tenant, "m", 1, limit, 1L); // loads the script once
      long[] before = stats(admin);
      for (int i = 0; i < 100; i++) {
        assertTrue(store.tryConsume(tenant, "m", 1, limit, 2L + i).allowed());
      }
      long[] after = stats(admin);
      assertEquals(100, after[0] - before[0], () -> "one EVALSHA per decision: " + admin.sync().info("commandstats"));
      assertEquals(100, after[2] - before[2], "inside the script: one GET per decision");
      assertEquals(100, after[3] - before[3], "inside the script: one SET per decision");
      assertEquals(101, (after[1] - before[1]) - (after[2] - before[2]) - (after[3] - before[3]),
          "no other command from the client (the 101st is the INFO that measures)");
    }
  }

  /** {EVALSHA calls, all commands processed, GET calls, SET calls} from INFO (script commands count too). */
  private static long[] stats(io.lettuce.core.api.StatefulRedisConnection<String, String> admin) {
    String info = admin.sync().info("all");
    long evalsha = 0;
    long total = 0;
    long get = 0;
    long set = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        evalsha = Long.parseLong(line.replaceAll("^cmdstat_evalsha:calls=(\\d+),.*", "$1"));
      } else if (line.startsWith("cmdstat_get:")) {
        get = Long.parseLong(line.replaceAll("^cmdstat_get:calls=(\\d+),.*", "$1"));
      } else if (line.startsWith("cmdstat_set:")) {
        set = Long.parseLong(line.replaceAll("^cmdstat_set:calls=(\\d+),.*", "$1"));
      } else if (line.startsWith("total_commands_processed:")) {
        total = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return new long[] {evalsha, total, get, set};
  }

  @Test
  void everyOutcome_equalsGcra_toTheNanosecond_forEpochAndNegativeClocks() {
    Random random = new Random(20261204L);
    try (RedisQuotaStore store = RedisQuotaStore.builder().client(client).build()) {
      for (long origin : new long[] {1_796_000_000_123_456_789L, -4_611_686_018_427_387_904L, 0L, 999_999_999L}) {
        String tenant = "eq-" + UUID.randomUUID();
        QuotaLimit limit = new QuotaLimit(1 + random.nextInt(600), 1 + random.nextInt(20));
        long now = origin;
        long tat = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
          now += random.nextInt(4) == 0 ? 0 : random.nextInt(3) == 0 ? random.nextInt(1000)
              : (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, limit.intervalNanos() * 2));
          long amount = 1 + random.nextInt((int) limit.burst());
          long[] next = new long[1];
          QuotaStore.Outcome expected = QuotaStore.gcra(tat, amount, limit, now, next);
          tat = next[0];
          QuotaStore.Outcome got = store.tryConsume(tenant, "m", amount, limit, now);
          assertEquals(expected, got, "call " + i + " at " + now + " of " + limit + " amount " + amount);
        }
      }
      assertEquals(0, store.failures());
    }
  }

  @Test
  void twoServiceInstances_shareOneLimitExactly() throws Exception {
    String tenant = "shared-" + UUID.randomUUID();
    QuotaLimit limit = new QuotaLimit(60, 100);
    try (RedisQuotaStore a = RedisQuotaStore.builder().client(client).build();
        RedisQuotaStore b = RedisQuotaStore.builder().client(RedisClient.create(server.uri())).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          RedisQuotaStore s = t % 2 == 0 ? a : b;
          results.add(pool.submit(() -> {
            int allowed = 0;
            for (int k = 0; k < 40; k++) {
              allowed += s.tryConsume(tenant, "evaluations", 1, limit, 5_000_000_000L).allowed() ? 1 : 0;
            }
            return allowed;
          }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
          total += f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(100, total);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aDeadServer_failsClosed_quickly_andTheProbeSaysSo() throws Exception {
    RedisServer dying = RedisServer.start();
    RedisClient c = RedisClient.create(dying.uri());
    StatefulRedisConnection<String, String> conn = c.connect();
    try (RedisQuotaStore store = RedisQuotaStore.builder().connection(conn).commandTimeout(Duration.ofMillis(200))
        .build()) {
      RedisProbe probe = RedisProbe.of(conn, Duration.ofMillis(300));
      probe.call();
      assertTrue(store.tryConsume("t", "m", 1, QuotaLimit.FREE, 0).allowed());
      dying.close();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        QuotaStore.Outcome o = store.tryConsume("t", "m", 1, QuotaLimit.FREE, 0);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(o.allowed(), "never allows without Redis");
        assertEquals(Duration.ofSeconds(1), o.retryAfter());
        assertTrue(ms < 5_000, "bounded: " + ms + " ms");
      }
      assertEquals(3, store.failures());
      Exception e = assertThrows(Exception.class, probe::call);
      assertTrue(e.getMessage().contains("Redis"), e.getMessage());
    } finally {
      conn.close();
      c.shutdown();
    }
  }

  @Test
  void badSettingsAndAmounts_areRefusedEagerly() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RedisQuotaStore.builder().commandTimeout(Duration.ZERO).keyPrefix("").build());
    assertTrue(e.getMessage().contains("client(...) and connection(...)"), e.getMessage());
    assertTrue(e.getMessage().contains("commandTimeout"), e.getMessage());
    assertTrue(e.getMessage().contains("keyPrefix"), e.getMessage());
    try (RedisQuotaStore store = RedisQuotaStore.builder().client(client).build()) {
      assertThrows(IllegalArgumentException.class, () -> store.tryConsume("t", "m", 0, QuotaLimit.FREE, 0));
      QuotaStore.Outcome o = store.tryConsume("t-" + UUID.randomUUID(), "m", 11, QuotaLimit.FREE, 0);
      assertEquals(QuotaStore.NEVER, o.retryAfter());
    }
  }
}
