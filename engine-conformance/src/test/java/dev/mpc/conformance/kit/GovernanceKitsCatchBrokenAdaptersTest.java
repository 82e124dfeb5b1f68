package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The governance kits have teeth: adapters that break their contract in a typical way fail the test for it. */
class GovernanceKitsCatchBrokenAdaptersTest {

  /** Ignores the expected pointer: the last write wins. */
  static final class LastWriteWinsPointers implements ActivePointerStore {
    private final Map<Scope, ActivePointer> map = new ConcurrentHashMap<>();

    @Override
    public Optional<ActivePointer> get(Scope scope) {
      return Optional.ofNullable(map.get(scope));
    }

    @Override
    public boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next) {
      map.put(scope, next);
      return true;
    }

    @Override
    public boolean compareAndRemove(Scope scope, ActivePointer expected) {
      return map.remove(scope) != null;
    }
  }

  /**
   * A ledger without the unique logical key, or one that stores timestamps with microsecond
   * precision (as a careless {@code TIMESTAMP} column would) while keeping the record hash.
   */
  static final class CarelessLedger implements ActivationLedger {
    private final List<LedgerRecord> records = new ArrayList<>();
    private final boolean dedupe;
    private final boolean micros;

    CarelessLedger(boolean dedupe, boolean micros) {
      this.dedupe = dedupe;
      this.micros = micros;
    }

    @Override
    public synchronized Appended append(Scope scope, String key, String action, Optional<String> previousHash,
        String hash, String digest, long sequence, RuntimeMode mode, String actor, Instant at) {
      Optional<LedgerRecord> there = find(scope, key);
      if (dedupe && there.isPresent()) {
        return new Appended(there.get(), false);
      }
      String prev = records.isEmpty() ? LedgerRecord.GENESIS : records.get(records.size() - 1).recordHash();
      LedgerRecord r = LedgerRecord.chained(records.size() + 1L, scope, key, action, previousHash, hash, digest,
          sequence, mode, actor, at, prev);
      if (micros) {
        r = new LedgerRecord(r.id(), scope, key, action, previousHash, hash, digest, sequence, mode, actor,
            at.truncatedTo(ChronoUnit.MICROS), prev, r.recordHash());
      }
      records.add(r);
      return new Appended(r, true);
    }

    @Override
    public synchronized Optional<LedgerRecord> find(Scope scope, String key) {
      return records.stream().filter(r -> r.scope().equals(scope) && r.idempotencyKey().equals(key)).findFirst();
    }

    @Override
    public synchronized List<LedgerRecord> records() {
      return List.copyOf(records);
    }
  }

  /** Counts rejected calls too (upstream's enforcer did). */
  static final class ConsumingOnRejection implements QuotaStore {
    private final Map<List<String>, Long> tats = new ConcurrentHashMap<>();

    @Override
    public synchronized Outcome tryConsume(String tenant, String metric, long amount, QuotaLimit limit, long now) {
      long[] next = new long[1];
      Long tat = tats.get(List.of(tenant, metric));
      Outcome o = QuotaStore.gcra(tat == null ? Long.MIN_VALUE : tat, amount, limit, now, next);
      long stored = o.allowed() ? next[0] : Math.max(tat == null ? now : tat, now) + limit.intervalNanos() * amount;
      tats.put(List.of(tenant, metric), stored);
      return o;
    }
  }

  private static ActivePointerStoreContract pointerKit(ActivePointerStore s) {
    ActivePointerStoreContract kit = new ActivePointerStoreContract() {
      @Override
      protected ActivePointerStore newStore() {
        return s;
      }
    };
    kit.setUp();
    return kit;
  }

  private static ActivationLedgerContract ledgerKit(ActivationLedger l) {
    ActivationLedgerContract kit = new ActivationLedgerContract() {
      @Override
      protected ActivationLedger newLedger() {
        return l;
      }
    };
    kit.setUp();
    return kit;
  }

  private static QuotaStoreContract quotaKit(QuotaStore q) {
    QuotaStoreContract kit = new QuotaStoreContract() {
      @Override
      protected QuotaStore newStore() {
        return q;
      }
    };
    kit.setUp();
    return kit;
  }

  @Test
  void lastWriteWinsPointers_failTheCompareAndSetTests() {
    assertThrows(AssertionError.class,
        pointerKit(new LastWriteWinsPointers())::compareAndSet_fromNothing_succeedsOnce_andNeverOverwrites);
    assertThrows(AssertionError.class, pointerKit(new LastWriteWinsPointers())::aStaleExpectedPointer_changesNothing);
    assertThrows(AssertionError.class,
        pointerKit(new LastWriteWinsPointers())::racingFromTheSameExpectedPointer_exactlyOneWins);
  }

  @Test
  void aLedgerWithoutTheUniqueKey_failsTheIdempotencyTests() {
    assertThrows(AssertionError.class, ledgerKit(new CarelessLedger(false, false))
        ::appendingALogicalKeyAgain_appendsNothing_andReturnsTheFirstRecord);
    assertThrows(AssertionError.class, ledgerKit(new CarelessLedger(false, false))
        ::duplicateAppendsFromEightThreads_leaveExactlyOneRecord);
  }

  @Test
  void aLedgerRoundingTimestamps_failsTheReadBackTest() {
    assertThrows(AssertionError.class, ledgerKit(new CarelessLedger(true, true))
        ::anAppend_isTheNextRecord_linkedAndHashed_andReadsBackExactly);
  }

  @Test
  void aQuotaStoreCountingRejections_failsTheConsumeNothingTest() {
    assertThrows(AssertionError.class, quotaKit(new ConsumingOnRejection())::rejectedCalls_consumeNothing);
  }

  /** Overwrites what a digest holds and hands out its own array. */
  static final class OverwritingBundles implements dev.mpc.governance.BundleStore {
    private final Map<String, byte[]> map = new ConcurrentHashMap<>();

    @Override
    public boolean putIfAbsent(String digest, byte[] bytes) {
      map.put(digest, bytes);
      return true;
    }

    @Override
    public Optional<byte[]> get(String digest) {
      return Optional.ofNullable(map.get(digest));
    }
  }

  @Test
  void anOverwritingBundleStore_failsTheImmutabilityAndCopyTests() {
    assertThrows(AssertionError.class, bundleKit(new OverwritingBundles())::theBytesUnderADigestNeverChange);
    assertThrows(AssertionError.class, bundleKit(new OverwritingBundles())::putThenGet_returnsTheBytes_asACopy);
    assertThrows(AssertionError.class, bundleKit(new OverwritingBundles())
        ::concurrentPuts_ofOneDigest_agreeOnOneValue);
  }

  private static BundleStoreContract bundleKit(dev.mpc.governance.BundleStore s) {
    BundleStoreContract kit = new BundleStoreContract() {
      @Override
      protected dev.mpc.governance.BundleStore newStore() {
        return s;
      }
    };
    kit.createStore();
    return kit;
  }
}
