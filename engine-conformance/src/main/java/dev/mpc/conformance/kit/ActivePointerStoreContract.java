package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link ActivePointerStore}: extend it in a test of your adapter and return
 * the adapter from {@link #newStore()}.
 *
 * <pre>{@code
 * class JdbcActivePointerStoreContractTest extends ActivePointerStoreContract {
 *   protected ActivePointerStore newStore() { return new JdbcActivePointerStore(testDataSource()); }
 * }
 * }</pre>
 *
 * <p>What it proves: an unknown scope has no pointer; a pointer reads back equal in every
 * component (hash, bundle digest, sequence, mode); compare-and-set from "no pointer" succeeds once
 * and never overwrites; a stale expected pointer changes nothing; compare-and-remove removes only
 * the expected pointer; scopes (same tenant, other namespace; other tenant) are independent;
 * {@value #THREADS} threads setting from the same expected pointer: exactly one wins, for
 * {@value #ROUNDS} rounds; {@value #THREADS} threads each advancing the sequence
 * {@value #STEPS_PER_THREAD} times through read → compare-and-set (retrying) lose none.
 *
 * <p>Every test uses fresh tenants ({@code kit-<uuid>}), so the store may sit on a shared
 * database. Fixed iteration counts; threads that have not finished after a minute fail the test.
 */
public abstract class ActivePointerStoreContract {
  /** How many threads race. */
  public static final int THREADS = 8;
  /** How many rounds of the same-expected race. */
  public static final int ROUNDS = 20;
  /** How many read → compare-and-set steps each thread makes. */
  public static final int STEPS_PER_THREAD = 25;

  private ActivePointerStore store;

  /**
   * A store under test; called before each test.
   *
   * @return a store under test
   */
  protected abstract ActivePointerStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static Scope scope() {
    return new Scope("kit-" + UUID.randomUUID(), "orders");
  }

  private static ActivePointer pointer(long sequence, RuntimeMode mode) {
    return new ActivePointer(Ledgers.hex('a', sequence), Ledgers.hex('d', sequence), sequence, mode);
  }

  @Test
  void unknownScope_hasNoPointer() {
    assertEquals(Optional.empty(), store.get(scope()));
  }

  @Test
  void aPointer_readsBackEqual_inEveryComponent() {
    Scope s = scope();
    for (RuntimeMode mode : RuntimeMode.values()) {
      Scope each = new Scope(s.tenant(), mode.wireName());
      ActivePointer p = pointer(Long.MAX_VALUE - 1, mode);
      assertTrue(store.compareAndSet(each, Optional.empty(), p));
      assertEquals(Optional.of(p), store.get(each), mode::wireName);
    }
  }

  @Test
  void compareAndSet_fromNothing_succeedsOnce_andNeverOverwrites() {
    Scope s = scope();
    assertTrue(store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL)));
    assertFalse(store.compareAndSet(s, Optional.empty(), pointer(2, RuntimeMode.NORMAL)));
    assertEquals(Optional.of(pointer(1, RuntimeMode.NORMAL)), store.get(s));
  }

  @Test
  void aStaleExpectedPointer_changesNothing() {
    Scope s = scope();
    store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL));
    assertTrue(store.compareAndSet(s, Optional.of(pointer(1, RuntimeMode.NORMAL)), pointer(2, RuntimeMode.NORMAL)));
    assertFalse(store.compareAndSet(s, Optional.of(pointer(1, RuntimeMode.NORMAL)), pointer(3, RuntimeMode.NORMAL)),
        "expected sequence 1, the store is at 2");
    assertFalse(store.compareAndSet(s, Optional.of(pointer(2, RuntimeMode.READ_ONLY)), pointer(3, RuntimeMode.NORMAL)),
        "the mode is part of the expected pointer");
    assertEquals(Optional.of(pointer(2, RuntimeMode.NORMAL)), store.get(s));
  }

  @Test
  void compareAndRemove_removesOnlyTheExpectedPointer() {
    Scope s = scope();
    store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL));
    assertFalse(store.compareAndRemove(s, pointer(2, RuntimeMode.NORMAL)));
    assertEquals(Optional.of(pointer(1, RuntimeMode.NORMAL)), store.get(s));
    assertTrue(store.compareAndRemove(s, pointer(1, RuntimeMode.NORMAL)));
    assertEquals(Optional.empty(), store.get(s));
    assertTrue(store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL)), "set again after removal");
  }

  @Test
  void scopes_areIndependent() {
    Scope a = scope();
    Scope sameTenant = new Scope(a.tenant(), "billing");
    Scope otherTenant = scope();
    store.compareAndSet(a, Optional.empty(), pointer(5, RuntimeMode.NORMAL));
    assertEquals(Optional.empty(), store.get(sameTenant));
    assertEquals(Optional.empty(), store.get(otherTenant));
    assertTrue(store.compareAndSet(sameTenant, Optional.empty(), pointer(1, RuntimeMode.POLICY_OFF)));
    assertEquals(Optional.of(pointer(5, RuntimeMode.NORMAL)), store.get(a));
  }

  @Test
  void racingFromTheSameExpectedPointer_exactlyOneWins() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Scope s = scope();
      store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL));
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        ActivePointer mine = new ActivePointer(Ledgers.hex('b', t), Ledgers.hex('c', t), 2, RuntimeMode.NORMAL);
        tasks.add(() -> store.compareAndSet(s, Optional.of(pointer(1, RuntimeMode.NORMAL)), mine));
      }
      List<Boolean> won = Kit.concurrently(tasks);
      assertEquals(1, won.stream().filter(w -> w).count(), "round " + round + ": " + won);
      int winner = won.indexOf(true);
      assertEquals(Ledgers.hex('b', winner), store.get(s).orElseThrow().artifactHash(), "the winner's pointer stands");
    }
  }

  @Test
  void readCompareAndSetLoops_loseNoStep() throws Exception {
    Scope s = scope();
    store.compareAndSet(s, Optional.empty(), pointer(1, RuntimeMode.NORMAL));
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(() -> {
        int retries = 0;
        for (int i = 0; i < STEPS_PER_THREAD; i++) {
          while (true) {
            ActivePointer now = store.get(s).orElseThrow();
            if (store.compareAndSet(s, Optional.of(now), pointer(now.sequence() + 1, RuntimeMode.NORMAL))) {
              break;
            }
            retries++;
          }
        }
        return retries;
      });
    }
    Kit.concurrently(tasks);
    assertEquals(1 + THREADS * STEPS_PER_THREAD, store.get(s).orElseThrow().sequence());
  }
}
