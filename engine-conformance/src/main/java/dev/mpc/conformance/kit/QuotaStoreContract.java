package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link QuotaStore}: extend it in a test of your adapter and return the
 * adapter from {@link #newStore()}.
 *
 * <pre>{@code
 * class RedisQuotaStoreContractTest extends QuotaStoreContract {
 *   protected QuotaStore newStore() { return new RedisQuotaStore(redisClient()); }
 * }
 * }</pre>
 *
 * <p>What it proves, with the kit's own nanosecond clock (no sleeping): a fresh key allows the
 * burst at once, then one unit per interval, with {@code remaining} and {@code retryAfter} exactly
 * as {@link QuotaStore#gcra} computes them; a rejected call consumes nothing, however often it is
 * repeated; an amount beyond the burst is refused with {@link QuotaStore#NEVER} and consumes
 * nothing; tenants and metrics are independent keys; {@value #THREADS} threads each trying
 * {@value #TRIES_PER_THREAD} times at one instant get exactly the burst between them.
 *
 * <p>Every test uses fresh tenants ({@code kit-<uuid>}). Threads that have not finished after a
 * minute fail the test.
 */
public abstract class QuotaStoreContract {
  /** How many threads race. */
  public static final int THREADS = 8;
  /** How many consumes each racing thread tries. */
  public static final int TRIES_PER_THREAD = 50;

  private static final long T0 = 1_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private QuotaStore store;

  /**
   * A store under test; called before each test.
   *
   * @return a store under test
   */
  protected abstract QuotaStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static String tenant() {
    return "kit-" + UUID.randomUUID();
  }

  @Test
  void theBurstAtOnce_thenOneUnitPerInterval_withExactRemainingAndRetryAfter() {
    String t = tenant();
    QuotaLimit free = QuotaLimit.FREE;
    for (int i = 0; i < 10; i++) {
      QuotaStore.Outcome o = store.tryConsume(t, "evaluations", 1, free, T0);
      assertTrue(o.allowed(), "burst call " + i);
      assertEquals(9 - i, o.remaining());
      assertEquals(Duration.ZERO, o.retryAfter());
    }
    QuotaStore.Outcome refused = store.tryConsume(t, "evaluations", 1, free, T0);
    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    assertEquals(Duration.ofSeconds(1), refused.retryAfter());
    assertEquals(Duration.ofMillis(250), store.tryConsume(t, "evaluations", 1, free, T0 + 750_000_000L).retryAfter());
    assertTrue(store.tryConsume(t, "evaluations", 1, free, T0 + SECOND).allowed());
    assertFalse(store.tryConsume(t, "evaluations", 1, free, T0 + SECOND).allowed());
  }

  @Test
  void rejectedCalls_consumeNothing() {
    String t = tenant();
    QuotaLimit limit = new QuotaLimit(60, 3);
    for (int i = 0; i < 3; i++) {
      store.tryConsume(t, "m", 1, limit, T0);
    }
    for (int i = 0; i < 500; i++) {
      assertFalse(store.tryConsume(t, "m", 1, limit, T0 + i).allowed());
    }
    assertTrue(store.tryConsume(t, "m", 1, limit, T0 + SECOND).allowed(), "one interval later exactly one unit");
    assertFalse(store.tryConsume(t, "m", 1, limit, T0 + SECOND).allowed());
    assertTrue(store.tryConsume(t, "m", 3, limit, T0 + 4 * SECOND).allowed(), "three intervals later a burst of 3");
  }

  @Test
  void anAmountBeyondTheBurst_neverPasses_andConsumesNothing() {
    String t = tenant();
    QuotaLimit limit = new QuotaLimit(600, 5);
    QuotaStore.Outcome o = store.tryConsume(t, "exprSteps", 6, limit, T0);
    assertFalse(o.allowed());
    assertEquals(QuotaStore.NEVER, o.retryAfter());
    assertTrue(store.tryConsume(t, "exprSteps", 5, limit, T0).allowed());
  }

  @Test
  void tenantsAndMetrics_areIndependent() {
    String a = tenant();
    String b = tenant();
    QuotaLimit limit = new QuotaLimit(60, 1);
    assertTrue(store.tryConsume(a, "evaluations", 1, limit, T0).allowed());
    assertFalse(store.tryConsume(a, "evaluations", 1, limit, T0).allowed());
    assertTrue(store.tryConsume(a, "compiles", 1, limit, T0).allowed());
    assertTrue(store.tryConsume(b, "evaluations", 1, limit, T0).allowed());
  }

  @Test
  void racingThreads_getExactlyTheBurst() throws Exception {
    String t = tenant();
    QuotaLimit limit = new QuotaLimit(60, 100);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      tasks.add(() -> {
        int allowed = 0;
        for (int k = 0; k < TRIES_PER_THREAD; k++) {
          allowed += store.tryConsume(t, "evaluations", 1, limit, T0).allowed() ? 1 : 0;
        }
        return allowed;
      });
    }
    int total = Kit.concurrently(tasks).stream().mapToInt(Integer::intValue).sum();
    assertEquals(100, total, "more is a lost update, fewer is a rejection that consumed");
  }
}
