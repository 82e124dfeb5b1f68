package dev.mpc.governance;

import static dev.mpc.governance.Governed.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.diag.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Swaps and activations racing each other and evaluators; fixed counts, every thread stops by itself. */
class GovernedRuntimeConcurrencyTest {
  private static final Artifact ALLOW = Governed.artifact("allow", false, "a");
  private static final Artifact DENY = Governed.artifact("deny", false, "b");
  private static final byte[] ALLOW_B = Governed.bundle(ALLOW);
  private static final byte[] DENY_B = Governed.bundle(DENY);

  private static <T> List<T> all(List<Future<T>> futures) throws Exception {
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void evaluationsDuringSwaps_seeTheOldOrTheNewArtifact_neverAMix() throws Exception {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = s.runtime().build().orElseThrow();
    rt.activate(SCOPE, ALLOW_B, "k0", "ops");
    int evaluators = 4;
    int perEvaluator = 20_000;
    int swaps = 200;
    ExecutorService pool = Executors.newFixedThreadPool(evaluators + 1);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Map<Long, String> seenHashBySequence = new ConcurrentHashMap<>();
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < evaluators; t++) {
        readers.add(pool.submit(() -> {
          go.await();
          int mixed = 0;
          long lastSeq = 0;
          for (int i = 0; i < perEvaluator; i++) {
            Decision d = rt.evaluate(SCOPE, Governed.write());
            String hash = d.meta().artifactHash().orElseThrow();
            long seq = d.meta().activationSequence().orElseThrow();
            boolean expectAllow = hash.equals(ALLOW.hash());
            if (d.allow() != expectAllow || seq < lastSeq) {
              mixed++;
            }
            String prev = seenHashBySequence.putIfAbsent(seq, hash);
            if (prev != null && !prev.equals(hash)) {
              mixed++;
            }
            lastSeq = seq;
          }
          return mixed;
        }));
      }
      Future<Integer> swapper = pool.submit(() -> {
        go.await();
        int ok = 0;
        for (int i = 1; i <= swaps; i++) {
          ok += rt.activate(SCOPE, i % 2 == 1 ? DENY_B : ALLOW_B, "swap-" + i, "ops").success() ? 1 : 0;
        }
        return ok;
      });
      go.countDown();
      assertEquals(swaps, swapper.get(60, TimeUnit.SECONDS));
      assertEquals(List.of(0, 0, 0, 0), all(readers));
      // every sequence an evaluator saw names the artifact the ledger says was active at it
      for (LedgerRecord r : s.ledger().records()) {
        String seen = seenHashBySequence.get(r.sequence());
        assertTrue(seen == null || seen.equals(r.artifactHash()), () -> "sequence " + r.sequence());
      }
      assertEquals(swaps + 1, s.ledger().records().size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentActivations_fromTwoInstances_commitAContiguousSequence_andAnIntactChain() throws Exception {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime one = s.runtime().build().orElseThrow();
    GovernedRuntime two = s.runtime().build().orElseThrow();
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<int[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          go.await();
          int ok = 0;
          int raced = 0;
          for (int i = 0; i < each; i++) {
            GovernedRuntime rt = (id + i) % 2 == 0 ? one : two;
            ActivationResult r = rt.activate(SCOPE, (id + i) % 2 == 0 ? ALLOW_B : DENY_B, "t" + id + "-" + i, "ops");
            if (r.success()) {
              ok++;
            } else if (r.errors().get(0).code() == Code.E_GOV_CONCURRENT_MODIFICATION
                || r.errors().get(0).code() == Code.E_GOV_STATE_INVALID) { // raced, or already active
              raced++;
            }
          }
          return new int[] {ok, raced};
        }));
      }
      go.countDown();
      int ok = 0;
      int raced = 0;
      for (int[] r : all(futures)) {
        ok += r[0];
        raced += r[1];
      }
      assertEquals(threads * each, ok + raced, "every call either committed or was told why not");
      List<LedgerRecord> records = s.ledger().records();
      assertEquals(ok, records.size());
      assertTrue(ActivationLedger.verify(records).ok());
      // sequences are exactly 1..n; two instances may append in the other order than they swapped
      assertEquals(java.util.stream.LongStream.rangeClosed(1, records.size()).boxed().toList(),
          records.stream().map(LedgerRecord::sequence).sorted().toList());
      assertEquals(records.size(), s.pointers().get(SCOPE).orElseThrow().sequence());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameKeyFromEightThreadsAndTwoInstances_commitsExactlyOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      Governed.Stores s = Governed.Stores.inMemory();
      List<GovernedRuntime> instances = List.of(s.runtime().build().orElseThrow(), s.runtime().build().orElseThrow());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ActivationResult>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          GovernedRuntime rt = instances.get(t % 2);
          futures.add(pool.submit(() -> {
            go.await();
            return rt.activate(SCOPE, ALLOW_B, "deploy-42", "ci");
          }));
        }
        go.countDown();
        List<ActivationResult> results = all(futures);
        assertEquals(1, s.ledger().records().size());
        long committed = results.stream().filter(r -> r.success() && !r.replayed()).count();
        assertEquals(1, committed, results::toString);
        Set<Long> sequences = new java.util.HashSet<>();
        for (ActivationResult r : results) {
          assertTrue(r.success() || r.errors().get(0).code() == Code.E_GOV_CONCURRENT_MODIFICATION, r::toString);
          if (r.success()) {
            sequences.add(r.sequence());
          }
        }
        assertEquals(Set.of(1L), sequences);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
