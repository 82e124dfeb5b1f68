package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.bench.rbac.RbacScenario;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.engine.MpcEngine;

/**
 * An approximate, one-shot measurement of the heap the engine's compiled form retains: used heap
 * (total minus free, after several {@code System.gc()} calls) before and after the first
 * {@code evaluate()} of an already-compiled artifact, whose compiled form the engine then holds in
 * its cache. Printed per definition for 10 and 10,000 policies (the {@link DecisionBenchmark}
 * manifests) and for the 10- and 10,000-rule RBAC ACLs. Approximate: the GC may not settle
 * exactly, and the first evaluation also loads and initialises classes (the 10-definition figure is
 * mostly that; the difference between the two sizes divided by the extra definitions is the
 * per-definition cost).
 *
 * <p>Run: {@code java -cp engine-benchmarks/target/benchmarks.jar dev.mpc.bench.CompiledFormHeap}.
 */
public final class CompiledFormHeap {
  private CompiledFormHeap() {}

  /** Prints the measurements. */
  public static void main(String[] args) throws InterruptedException {
    // Warm the classes once on a throwaway artifact, so the measured deltas are the data.
    retained(MpcPeer.compile(DecisionBenchmark.manifest(10)), DecisionBenchmark.event());
    long p10 = retained(MpcPeer.compile(DecisionBenchmark.manifest(10)), DecisionBenchmark.event());
    long p10k = retained(MpcPeer.compile(DecisionBenchmark.manifest(10_000)), DecisionBenchmark.event());
    RbacScenario base = RbacScenario.base();
    RbacScenario scaled = RbacScenario.scaled();
    long a10 = retained(MpcPeer.compile(MpcPeer.manifest(base)), MpcPeer.event(base, RbacScenario.BENCH_REQUEST));
    long a10k = retained(MpcPeer.compile(MpcPeer.manifest(scaled)),
        MpcPeer.event(scaled, RbacScenario.BENCH_REQUEST));
    System.out.printf("compiled form, 10 policies + 10 ACL rules: %,d bytes%n", p10);
    System.out.printf("compiled form, 10,000 policies + 10 ACL rules: %,d bytes (%,d bytes per extra policy)%n",
        p10k, (p10k - p10) / 9_990);
    System.out.printf("compiled form, RBAC 10 ACL rules, 3 roles: %,d bytes%n", a10);
    System.out.printf("compiled form, RBAC 10,000 ACL rules, 1,000 roles: %,d bytes (%,d bytes per extra rule,"
        + " roles included)%n", a10k, (a10k - a10) / 9_990);
  }

  private static long retained(Artifact artifact, EventEnvelope event) throws InterruptedException {
    MpcEngine engine = MpcPeer.engine();
    long before = used();
    if (!engine.evaluate(artifact, event, MpcPeer.NONE).allow()) {
      throw new IllegalStateException("the measured event is denied");
    }
    long after = used();
    if (engine.compiledArtifacts() != 1) {
      throw new IllegalStateException("the engine holds " + engine.compiledArtifacts() + " compiled forms");
    }
    java.lang.ref.Reference.reachabilityFence(engine);
    java.lang.ref.Reference.reachabilityFence(artifact);
    return after - before;
  }

  /** Used heap (total minus free) after {@code System.gc()} calls, once it settles (within 4 KB). */
  static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(100);
      long u = rt.totalMemory() - rt.freeMemory();
      if (Math.abs(last - u) < 4096) {
        return u;
      }
      last = u;
    }
    return last;
  }
}
