package dev.mpc.bench;

import dev.mpc.bench.rbac.CasbinPeer;
import dev.mpc.bench.rbac.CedarPeer;
import dev.mpc.bench.rbac.JavaFloor;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.bench.rbac.PeerTexts;
import dev.mpc.bench.rbac.RbacScenario;
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
 * Cold engine builds for the RBAC scenario: the first build of each engine in a fresh JVM, class
 * loading (and for cedar-java, extracting and loading its native library) included. One single-shot
 * measurement per fork, no warmup, several forks; the state holds only the rendered text, so no
 * engine class is loaded before the timed call.
 *
 * <p>Run it on its own, with no {@code -wi}/{@code -i} (a second shot in the same fork is no longer
 * cold): {@code java -jar engine-benchmarks/target/benchmarks.jar RbacColdBuild -f 5}. SAPL's cold
 * build is {@link SaplColdBuildBenchmark}. The MPC engine's method is {@code mpc_coldBuild}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class RbacColdBuildBenchmark {

  /** {@code rbac10} (10 rules, 3 roles) or {@code rbac10k} (10,000 rules, 1,000 roles). */
  @Param({"rbac10", "rbac10k"})
  public String scenario;

  RbacScenario model;
  String casbinPolicy;
  String cedarPolicies;
  String mpcManifest;

  /** Renders the texts (our code only: no engine class loaded). */
  @Setup(Level.Trial)
  public void setup() {
    model = scenario.equals("rbac10") ? RbacScenario.base() : RbacScenario.scaled();
    casbinPolicy = PeerTexts.casbinPolicy(model);
    cedarPolicies = PeerTexts.cedarPolicies(model);
    mpcManifest = MpcPeer.manifest(model);
  }

  /** The floor from the scenario's data. */
  @Benchmark
  public Object floor_coldBuild() {
    return JavaFloor.build(model);
  }

  /** A jCasbin enforcer from model and policy text. */
  @Benchmark
  public Object jcasbin_coldBuild() {
    return CasbinPeer.build(PeerTexts.CASBIN_MODEL, casbinPolicy);
  }

  /** A cedar-java policy set parsed and cached natively (native library load included). */
  @Benchmark
  public Object cedar_coldBuild() throws Exception {
    return CedarPeer.build(cedarPolicies);
  }

  /**
   * MPC from the manifest text: parse and compile into an artifact (engine-dsl), a new engine, and
   * the first {@code evaluate()}, which builds the compiled, indexed form (the allow is checked).
   */
  @Benchmark
  public Object mpc_coldBuild() {
    dev.mpc.artifact.Artifact artifact = MpcPeer.compile(mpcManifest);
    if (!MpcPeer.decide(MpcPeer.engine(), artifact, MpcPeer.event(model, RbacScenario.BENCH_REQUEST))) {
      throw new IllegalStateException("mpc denies the benchmark request");
    }
    return artifact;
  }
}
