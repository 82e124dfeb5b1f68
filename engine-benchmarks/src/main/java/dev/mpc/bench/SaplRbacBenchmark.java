package dev.mpc.bench;

import dev.mpc.bench.rbac.PeerTexts;
import dev.mpc.bench.rbac.RbacScenario;
import dev.mpc.bench.rbac.sapl.SaplPeer;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SAPL 3.0.0 on the RBAC scenario, the same methods as {@link RbacPeersBenchmark}'s peers. SAPL is a
 * {@code provided} dependency (its EMF/Xtext jars collide in one shaded jar), so this class runs only
 * from the plain class path: see BENCHMARKS.md ("Decisions: peers (RBAC)"); from benchmarks.jar it
 * fails with {@code NoClassDefFoundError}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SaplRbacBenchmark {

  /** An embedded PDP over one scenario and the prepared subscriptions. */
  public abstract static class SaplState {
    List<String> documents;
    EmbeddedPolicyDecisionPoint pdp;
    AuthorizationSubscription request;
    AuthorizationSubscription[] batch;

    void init(RbacScenario s) throws Exception {
      documents = PeerTexts.saplDocuments(s);
      pdp = SaplPeer.build(documents);
      RbacPeersBenchmark.check(s, r -> SaplPeer.decide(pdp, SaplPeer.subscription(s, r)), "sapl " + s.name());
      request = SaplPeer.subscription(s, RbacScenario.BENCH_REQUEST);
      List<RbacScenario.Request> rs = s.batchRequests();
      batch = new AuthorizationSubscription[rs.size()];
      for (int i = 0; i < rs.size(); i++) {
        batch[i] = SaplPeer.subscription(s, rs.get(i));
      }
    }

    /** Stops the PDP. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pdp.destroy();
    }
  }

  /** SAPL, 10 rules. */
  @State(Scope.Benchmark)
  public static class Sapl10 extends SaplState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
      init(RbacScenario.base());
    }
  }

  /** SAPL, 10,000 rules and 1,000 roles. */
  @State(Scope.Benchmark)
  public static class Sapl10k extends SaplState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
      init(RbacScenario.scaled());
    }
  }

  /** SAPL, 20,000 rules (batch). */
  @State(Scope.Benchmark)
  public static class Sapl20k extends SaplState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
      init(RbacScenario.batch());
    }
  }

  /** One {@code decideOnce(..).block()}, 10 rules. */
  @Benchmark
  public boolean sapl_rbac10(Sapl10 s) {
    return SaplPeer.decide(s.pdp, s.request);
  }

  /** One decision, 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean sapl_rbac10k(Sapl10k s) {
    return SaplPeer.decide(s.pdp, s.request);
  }

  /** 200 decisions for one actor over 20,000 rules: the number allowed. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int sapl_batch200over20k(Sapl20k s) {
    int allowed = 0;
    for (AuthorizationSubscription sub : s.batch) {
      if (SaplPeer.decide(s.pdp, sub)) {
        allowed++;
      }
    }
    return allowed;
  }

  /** A PDP from the documents, 10 rules (microseconds; the PDP is destroyed after the measurement). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object sapl_build10(Sapl10 s) throws Exception {
    EmbeddedPolicyDecisionPoint pdp = SaplPeer.build(s.documents);
    pdp.destroy();
    return pdp;
  }

  /** A PDP from the documents, 10,000 rules (microseconds; destroyed likewise). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object sapl_build10k(Sapl10k s) throws Exception {
    EmbeddedPolicyDecisionPoint pdp = SaplPeer.build(s.documents);
    pdp.destroy();
    return pdp;
  }
}
