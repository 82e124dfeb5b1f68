package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpc.conformance.kit.RedisServer;
import dev.mpc.governance.QuotaLimit;
import dev.mpc.spring.internal.MpcStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A host with {@code mpc.redis.url} against a real redis-server on loopback: quotas are shared in
 * Redis, readiness pings it, and a tenant over its limit gets 429 Problem Details with
 * {@code Retry-After}.
 */
@org.junit.jupiter.api.condition.EnabledIf(value = "dev.mpc.conformance.kit.RedisServer#installed",
    disabledReason = RedisServer.MISSING)
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"mpc.quota.enabled=true", "mpc.quota.default-tier=free"})
class RedisQuotaHostTest {
  static RedisServer redis;

  /** Before Spring loads the context, so that a machine without redis-server skips this class. */
  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.startIfInstalled().orElse(null);
  }

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("mpc.redis.url", () -> redis == null ? "" : redis.uri());
  }

  @AfterAll
  static void stop() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @Autowired
  TestRestTemplate rest;
  @Autowired
  MpcStores stores;

  @Test
  void overTheBurst_is429WithRetryAfter_andReadinessPingsRedis() throws Exception {
    assertTrue(stores.quota().orElseThrow().toString().contains("RedisQuotaStore"), stores.toString());
    ResponseEntity<String> ready = rest.getForEntity("/actuator/health/readiness", String.class);
    assertEquals(200, ready.getStatusCode().value(), ready.getBody());
    assertTrue(new ObjectMapper().readTree(ready.getBody()).get("components").get("mpc").get("details").get("checks")
        .has("redis"), ready.getBody());
    int ok = 0;
    ResponseEntity<String> refused = null;
    long start = System.nanoTime();
    for (int i = 0; i < QuotaLimit.FREE.burst() + 5 && refused == null; i++) {
      ResponseEntity<String> r = rest.withBasicAuth("vic", "pw").getForEntity("/orders/o-" + i, String.class);
      if (r.getStatusCode().value() == 200) {
        ok++;
      } else {
        refused = r;
      }
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertNotNull(refused, "the burst of the free tier is " + QuotaLimit.FREE.burst());
    // the free tier refills one request per second: on a slow machine the loop itself may earn one
    long refilled = elapsedMs * QuotaLimit.FREE.perMinute() / 60_000;
    assertTrue(ok >= QuotaLimit.FREE.burst() && ok <= QuotaLimit.FREE.burst() + refilled,
        "the burst (" + QuotaLimit.FREE.burst() + ") plus what " + elapsedMs + " ms refilled is served, not " + ok);
    assertEquals(429, refused.getStatusCode().value(), refused.getBody());
    String retry = refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
    assertNotNull(retry, "Retry-After");
    assertTrue(Long.parseLong(retry) >= 1, retry);
    JsonNode p = new ObjectMapper().readTree(refused.getBody());
    assertEquals("E_QUOTA_EXCEEDED", p.get("code").asText());
    assertEquals("Too many requests", p.get("title").asText());
  }
}
