package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link ActivationLedger}: extend it in a test of your adapter and return the
 * adapter from {@link #newLedger()}.
 *
 * <pre>{@code
 * class JdbcActivationLedgerContractTest extends ActivationLedgerContract {
 *   protected ActivationLedger newLedger() { return new JdbcActivationLedger(testDataSource()); }
 * }
 * }</pre>
 *
 * <p>What it proves: an append returns the record with the next id, linked to the previous
 * record's hash and carrying the hash of its own content; every field reads back exactly (a
 * nanosecond timestamp, an absent previous hash, non-ASCII actors: an adapter that rounds or
 * re-encodes breaks the chain, and the kit says so); appending a logical key (tenant, namespace,
 * idempotency key) again appends nothing and returns the first record; {@link ActivationLedger#find}
 * finds it and only it; {@value #THREADS} threads appending the same logical key at once leave
 * exactly one record, the one every thread was given, for {@value #ROUNDS} rounds;
 * {@value #THREADS} threads appending {@value #APPENDS_PER_THREAD} distinct keys each leave a
 * chain that verifies, with every key once; and on the adapter's own records a hole, an edit or a
 * reordering is reported by {@link ActivationLedger#verify} at the right record.
 *
 * <p>Every test uses fresh tenants ({@code kit-<uuid>}); the chain it checks is the whole ledger
 * ({@link ActivationLedger#records()}), so the ledger may be shared with other tests as long as
 * they append through the same contract. Fixed counts; threads that have not finished after a
 * minute fail the test.
 */
public abstract class ActivationLedgerContract {
  /** How many threads race. */
  public static final int THREADS = 8;
  /** How many rounds of the duplicate-append race. */
  public static final int ROUNDS = 10;
  /** How many distinct keys each thread appends in the chain race. */
  public static final int APPENDS_PER_THREAD = 25;

  /** A timestamp with nanoseconds: storing it with less precision breaks the record hash. */
  static final Instant AT = Instant.parse("2026-01-01T12:34:56.123456789Z");

  private ActivationLedger ledger;

  /**
   * A ledger under test; called before each test.
   *
   * @return a ledger under test
   */
  protected abstract ActivationLedger newLedger();

  @BeforeEach
  void setUp() {
    ledger = newLedger();
  }

  private static Scope scope() {
    return new Scope("kit-" + UUID.randomUUID(), "orders");
  }

  private ActivationLedger.Appended append(Scope s, String key, long sequence) {
    return ledger.append(s, key, "activate", sequence == 1 ? Optional.empty() : Optional.of(Ledgers.hex('a', sequence
        - 1)), Ledgers.hex('a', sequence), Ledgers.hex('d', sequence), sequence, RuntimeMode.NORMAL, "kit-actor", AT);
  }

  private void assertChainIntact() {
    ActivationLedger.ChainCheck check = ActivationLedger.verify(ledger.records());
    assertTrue(check.ok(), () -> "the ledger's chain is broken at record " + check.firstBroken() + ": "
        + check.problem());
  }

  @Test
  void anAppend_isTheNextRecord_linkedAndHashed_andReadsBackExactly() {
    Scope s = scope();
    ActivationLedger.Appended first = append(s, "k1", 1);
    assertTrue(first.appended());
    ActivationLedger.Appended second = ledger.append(s, "k2", "rollback", Optional.of(Ledgers.hex('a', 1)),
        Ledgers.hex('b', 2), Ledgers.hex('e', 2), 2, RuntimeMode.READ_ONLY, "Zoë Ünal 🛡", AT.plusNanos(1));
    LedgerRecord r = second.record();
    assertEquals(first.record().id() + 1, r.id());
    assertEquals(first.record().recordHash(), r.prevHash());
    assertEquals(r.computedHash(), r.recordHash());
    assertEquals(Optional.of(Ledgers.hex('a', 1)), r.previousHash());
    assertEquals("rollback", r.action());
    assertEquals(RuntimeMode.READ_ONLY, r.mode());
    assertEquals("Zoë Ünal 🛡", r.actor());
    assertEquals(AT.plusNanos(1), r.createdAt());
    List<LedgerRecord> all = ledger.records();
    assertEquals(first.record(), all.get(all.indexOf(first.record())), "records() returns what append returned");
    assertTrue(all.contains(r));
    assertEquals(Optional.empty(), ledger.find(s, "k1").orElseThrow().previousHash());
    assertChainIntact();
  }

  @Test
  void appendingALogicalKeyAgain_appendsNothing_andReturnsTheFirstRecord() {
    Scope s = scope();
    LedgerRecord first = append(s, "deploy-1", 1).record();
    int size = ledger.records().size();
    ActivationLedger.Appended again = ledger.append(s, "deploy-1", "activate", Optional.empty(), Ledgers.hex('f', 9),
        Ledgers.hex('f', 9), 9, RuntimeMode.NORMAL, "someone-else", AT);
    assertFalse(again.appended());
    assertEquals(first, again.record());
    assertEquals(size, ledger.records().size());
    assertEquals(Optional.of(first), ledger.find(s, "deploy-1"));
    assertEquals(Optional.empty(), ledger.find(s, "deploy-2"));
    assertEquals(Optional.empty(), ledger.find(new Scope(s.tenant(), "billing"), "deploy-1"), "the key is per scope");
    assertTrue(ledger.append(new Scope(s.tenant(), "billing"), "deploy-1", "activate", Optional.empty(),
        Ledgers.hex('a', 1), Ledgers.hex('d', 1), 1, RuntimeMode.NORMAL, "kit-actor", AT).appended());
  }

  @Test
  void duplicateAppendsFromEightThreads_leaveExactlyOneRecord() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Scope s = scope();
      List<Callable<ActivationLedger.Appended>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        tasks.add(() -> append(s, "same-key", 1));
      }
      List<ActivationLedger.Appended> results = Kit.concurrently(tasks);
      assertEquals(1, results.stream().filter(ActivationLedger.Appended::appended).count(), "round " + round);
      Set<LedgerRecord> given = new HashSet<>();
      results.forEach(r -> given.add(r.record()));
      assertEquals(1, given.size(), "every thread is given the one record");
      long stored = ledger.records().stream().filter(r -> r.scope().equals(s)).count();
      assertEquals(1, stored);
    }
    assertChainIntact();
  }

  @Test
  void concurrentDistinctAppends_leaveAnIntactChain_withEveryKeyOnce() throws Exception {
    Scope s = scope();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(() -> {
        for (int i = 0; i < APPENDS_PER_THREAD; i++) {
          assertTrue(append(s, "t" + thread + "-" + i, 1 + thread * APPENDS_PER_THREAD + i).appended());
        }
        return thread;
      });
    }
    Kit.concurrently(tasks);
    assertChainIntact();
    Set<String> keys = new HashSet<>();
    for (LedgerRecord r : ledger.records()) {
      if (r.scope().equals(s)) {
        assertTrue(keys.add(r.idempotencyKey()), r::toString);
      }
    }
    assertEquals(THREADS * APPENDS_PER_THREAD, keys.size());
  }

  @Test
  void aHoleAnEditOrAReordering_ofTheAdaptersRecords_isReportedWhereItIs() {
    Scope s = scope();
    for (int i = 1; i <= 4; i++) {
      append(s, "k" + i, i);
    }
    List<LedgerRecord> records = ledger.records();
    int n = records.size();
    assertTrue(n >= 4);
    LedgerRecord third = records.get(n - 2);

    List<LedgerRecord> hole = new ArrayList<>(records);
    hole.remove(n - 2);
    ActivationLedger.ChainCheck h = ActivationLedger.verify(hole);
    assertFalse(h.ok());
    assertEquals(third.id(), h.firstBroken(), h.problem());

    List<LedgerRecord> edited = new ArrayList<>(records);
    edited.set(n - 2, new LedgerRecord(third.id(), third.scope(), third.idempotencyKey(), third.action(),
        third.previousHash(), third.artifactHash(), third.bundleDigest(), third.sequence(), third.mode(), "mallory",
        third.createdAt(), third.prevHash(), third.recordHash()));
    ActivationLedger.ChainCheck e = ActivationLedger.verify(edited);
    assertFalse(e.ok());
    assertEquals(third.id(), e.firstBroken());
    assertTrue(e.problem().contains("edited"), e.problem());

    List<LedgerRecord> swapped = new ArrayList<>(records);
    swapped.set(n - 2, records.get(n - 1));
    swapped.set(n - 1, third);
    assertEquals(third.id(), ActivationLedger.verify(swapped).firstBroken());
  }
}
