package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.BundleStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link BundleStore}: extend it and return your adapter from
 * {@link #newStore()}. It proves: what is put is got back byte for byte (a copy: changing the
 * array given or returned changes nothing stored); putting the same bytes again is true; other
 * bytes under a stored digest are refused (false) and the first bytes stay; an unknown digest is
 * empty; {@value #THREADS} threads putting the same digest at once all succeed with equal bytes,
 * and with different bytes exactly the stored ones win. Digests are fresh per test
 * ({@code kit-<uuid>}), so the store may be shared.
 */
public abstract class BundleStoreContract {
  /** How many threads race. */
  public static final int THREADS = 8;

  /**
   * The store under test (a new one, or one over a shared database).
   *
   * @return the store under test (a new one, or one over a shared database)
   */
  protected abstract BundleStore newStore();

  private BundleStore store;

  /** Creates the store. */
  @BeforeEach
  public void createStore() {
    store = newStore();
    assertNotNull(store, "newStore() returned null");
  }

  private static String digest() {
    return "kit-" + UUID.randomUUID();
  }

  /** Put then get; copies; unknown digests. */
  @Test
  public void putThenGet_returnsTheBytes_asACopy() {
    String d = digest();
    byte[] bytes = "{\"payload\":\"x\"}\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    byte[] given = bytes.clone();
    assertTrue(store.putIfAbsent(d, given));
    given[0] = 'X';
    byte[] got = store.get(d).orElseThrow();
    assertArrayEquals(bytes, got, "the stored bytes are not affected by the caller's array");
    got[1] = 'Y';
    assertArrayEquals(bytes, store.get(d).orElseThrow(), "nor by changing a returned array");
    assertEquals(Optional.empty(), store.get(digest()));
  }

  /** Same bytes again: true; other bytes: false, the first stay. */
  @Test
  public void theBytesUnderADigestNeverChange() {
    String d = digest();
    byte[] first = "first".getBytes(StandardCharsets.UTF_8);
    assertTrue(store.putIfAbsent(d, first));
    assertTrue(store.putIfAbsent(d, first.clone()), "putting the same bytes again is fine");
    assertFalse(store.putIfAbsent(d, "other".getBytes(StandardCharsets.UTF_8)), "other bytes are refused");
    assertArrayEquals(first, store.get(d).orElseThrow());
  }

  /**
   * Concurrent puts of one digest.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void concurrentPuts_ofOneDigest_agreeOnOneValue() throws Exception {
    String same = digest();
    byte[] bytes = new byte[100_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(() -> store.putIfAbsent(same, bytes.clone()));
    }
    for (Boolean ok : Kit.concurrently(tasks)) {
      assertTrue(ok, "every put of equal bytes succeeds");
    }
    assertArrayEquals(bytes, store.get(same).orElseThrow());

    String contested = digest();
    List<Callable<Boolean>> rivals = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      byte[] mine = ("writer-" + t).getBytes(StandardCharsets.UTF_8);
      rivals.add(() -> store.putIfAbsent(contested, mine));
    }
    List<Boolean> results = Kit.concurrently(rivals);
    assertEquals(1, results.stream().filter(b -> b).count(), "exactly one writer's bytes are stored");
    String stored = new String(store.get(contested).orElseThrow(), StandardCharsets.UTF_8);
    assertTrue(stored.startsWith("writer-"), stored);
  }
}
