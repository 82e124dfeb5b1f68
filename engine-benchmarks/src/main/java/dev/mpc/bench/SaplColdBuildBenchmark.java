package dev.mpc.bench;

import dev.mpc.bench.rbac.PeerTexts;
import dev.mpc.bench.rbac.RbacScenario;
import dev.mpc.bench.rbac.sapl.SaplPeer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SAPL 3.0.0's cold build (first PDP in a fresh JVM), as {@link RbacColdBuildBenchmark} does for the
 * other peers; plain class path only (see {@link SaplRbacBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class SaplColdBuildBenchmark {

  /** {@code rbac10} or {@code rbac10k}. */
  @Param({"rbac10", "rbac10k"})
  public String scenario;

  List<String> documents;

  /** Renders the documents (our code only). */
  @Setup(Level.Trial)
  public void setup() {
    documents = PeerTexts.saplDocuments(scenario.equals("rbac10") ? RbacScenario.base() : RbacScenario.scaled());
  }

  /** An embedded PDP from the documents. */
  @Benchmark
  public Object sapl_coldBuild() throws Exception {
    return SaplPeer.build(documents);
  }
}
