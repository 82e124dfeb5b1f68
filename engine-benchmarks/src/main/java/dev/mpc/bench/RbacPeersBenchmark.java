package dev.mpc.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import dev.mpc.bench.rbac.CasbinPeer;
import dev.mpc.bench.rbac.CedarPeer;
import dev.mpc.bench.rbac.JavaFloor;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.bench.rbac.PeerTexts;
import dev.mpc.bench.rbac.RbacScenario;
import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.engine.MpcEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
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
 * The RBAC decision peers side by side (issue 10): the same model ({@link RbacScenario}) in jCasbin
 * ({@code Enforcer.enforce}), cedar-java (cached {@code PolicySet}) and a hand-written Java floor;
 * SAPL 3.0.0 is in {@link SaplRbacBenchmark} (plain class path only). Per engine: one decision
 * ({@code *_rbac10}, {@code *_rbac10k}: bob, an editor, reads invoices, allowed through the
 * hierarchy), one actor against 200 resources over 20,000 rules ({@code *_batch200over20k}), and a
 * warm build of the engine from its native text ({@code *_build10}, {@code *_build10k}; cold builds:
 * {@link RbacColdBuildBenchmark}).
 *
 * <p>The MPC engine's methods are in this class under the same names ({@code mpc_rbac10},
 * {@code mpc_rbac10k}, {@code mpc_batch200over20k}, {@code mpc_build10}, {@code mpc_build10k}) so a run
 * of {@code RbacPeers} puts them side by side ({@link MpcPeer}). Every state checks at setup that its engine answers
 * the scenario's requests like the reference, so a benchmark never times a wrong engine.
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar RbacPeers -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RbacPeersBenchmark {

  /** The three scenarios, built once per trial. */
  @State(Scope.Benchmark)
  public static class Scenarios {
    RbacScenario rbac10;
    RbacScenario rbac10k;
    RbacScenario rbac20k;

    /** Builds the scenarios. */
    @Setup(Level.Trial)
    public void setup() {
      rbac10 = RbacScenario.base();
      rbac10k = RbacScenario.scaled();
      rbac20k = RbacScenario.batch();
    }
  }

  static void check(RbacScenario s, java.util.function.Predicate<RbacScenario.Request> engine, String name) {
    List<RbacScenario.Request> all = new java.util.ArrayList<>(s.requests());
    all.addAll(s.batchRequests());
    for (RbacScenario.Request r : all) {
      if (engine.test(r) != s.expected(r)) {
        throw new IllegalStateException(name + " answers " + r + " unlike the reference");
      }
    }
    if (!engine.test(RbacScenario.BENCH_REQUEST)) {
      throw new IllegalStateException(name + " denies the benchmark request");
    }
  }

  // ---- the hand-written Java floor -------------------------------------------------------------

  /** The floor over one scenario, and the benchmark request in its form. */
  public abstract static class FloorState {
    JavaFloor floor;
    String[] roles;
    String resource;
    String action;
    String[][] batchRoles;
    String[] batchResources;

    void init(RbacScenario s, boolean batch) {
      floor = JavaFloor.build(s);
      check(s, r -> floor.decide(JavaFloor.rolesOf(s, r), r.resource(), r.action()), "floor " + s.name());
      roles = JavaFloor.rolesOf(s, RbacScenario.BENCH_REQUEST);
      resource = RbacScenario.BENCH_REQUEST.resource();
      action = RbacScenario.BENCH_REQUEST.action();
      if (batch) {
        List<RbacScenario.Request> rs = s.batchRequests();
        batchRoles = new String[rs.size()][];
        batchResources = new String[rs.size()];
        for (int i = 0; i < rs.size(); i++) {
          batchRoles[i] = JavaFloor.rolesOf(s, rs.get(i));
          batchResources[i] = rs.get(i).resource();
        }
      }
    }
  }

  /** Floor, 10 rules. */
  @State(Scope.Benchmark)
  public static class Floor10 extends FloorState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10, false);
    }
  }

  /** Floor, 10,000 rules and 1,000 roles. */
  @State(Scope.Benchmark)
  public static class Floor10k extends FloorState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10k, false);
    }
  }

  /** Floor, 20,000 rules (batch). */
  @State(Scope.Benchmark)
  public static class Floor20k extends FloorState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac20k, true);
    }
  }

  /** One floor decision, 10 rules. */
  @Benchmark
  public boolean floor_rbac10(Floor10 s) {
    return s.floor.decide(s.roles, s.resource, s.action);
  }

  /** One floor decision, 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean floor_rbac10k(Floor10k s) {
    return s.floor.decide(s.roles, s.resource, s.action);
  }

  /** One actor against 200 resources over 20,000 rules: the number allowed. */
  @Benchmark
  public int floor_batch200over20k(Floor20k s) {
    int allowed = 0;
    for (int i = 0; i < s.batchResources.length; i++) {
      if (s.floor.decide(s.batchRoles[i], s.batchResources[i], "read")) {
        allowed++;
      }
    }
    return allowed;
  }

  /** Floor build from the scenario's data, 10 rules (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public JavaFloor floor_build10(Scenarios sc) {
    return JavaFloor.build(sc.rbac10);
  }

  /** Floor build, 10,000 rules and 1,000 roles (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public JavaFloor floor_build10k(Scenarios sc) {
    return JavaFloor.build(sc.rbac10k);
  }

  // ---- jCasbin -------------------------------------------------------------------------------

  /** An enforcer over one scenario. */
  public abstract static class CasbinState {
    String policy;
    Enforcer enforcer;
    List<RbacScenario.Request> batch;

    void init(RbacScenario s) {
      policy = PeerTexts.casbinPolicy(s);
      enforcer = CasbinPeer.build(PeerTexts.CASBIN_MODEL, policy);
      check(s, r -> CasbinPeer.decide(enforcer, r), "jcasbin " + s.name());
      batch = s.batchRequests();
    }
  }

  /** jCasbin, 10 rules. */
  @State(Scope.Benchmark)
  public static class Casbin10 extends CasbinState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10);
    }
  }

  /** jCasbin, 10,000 rules and 1,000 roles. */
  @State(Scope.Benchmark)
  public static class Casbin10k extends CasbinState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10k);
    }
  }

  /** jCasbin, 20,000 rules (batch). */
  @State(Scope.Benchmark)
  public static class Casbin20k extends CasbinState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac20k);
    }
  }

  /** One {@code Enforcer.enforce}, 10 rules. */
  @Benchmark
  public boolean jcasbin_rbac10(Casbin10 s) {
    return CasbinPeer.decide(s.enforcer, RbacScenario.BENCH_REQUEST);
  }

  /** One {@code Enforcer.enforce}, 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean jcasbin_rbac10k(Casbin10k s) {
    return CasbinPeer.decide(s.enforcer, RbacScenario.BENCH_REQUEST);
  }

  /** 200 {@code enforce} calls for one actor over 20,000 rules (jCasbin has no batch call): the number allowed. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int jcasbin_batch200over20k(Casbin20k s) {
    int allowed = 0;
    for (RbacScenario.Request r : s.batch) {
      if (CasbinPeer.decide(s.enforcer, r)) {
        allowed++;
      }
    }
    return allowed;
  }

  /** Enforcer from model and policy text, 10 rules (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Enforcer jcasbin_build10(Casbin10 s) {
    return CasbinPeer.build(PeerTexts.CASBIN_MODEL, s.policy);
  }

  /** Enforcer from model and policy text, 10,000 rules and 1,000 roles (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Enforcer jcasbin_build10k(Casbin10k s) {
    return CasbinPeer.build(PeerTexts.CASBIN_MODEL, s.policy);
  }

  // ---- cedar-java ----------------------------------------------------------------------------

  /** A cached policy set over one scenario and the prepared requests. */
  public abstract static class CedarState {
    final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    String policies;
    PolicySet set;
    CedarPeer.Prepared request;
    CedarPeer.Prepared[] batch;

    void init(RbacScenario s) throws Exception {
      // cedar-java's native policy-set cache is bounded and fails when full ("Policy set cache is
      // full"); an entry is freed only when its PolicySet is collected. The warm-build benchmarks
      // create hundreds per iteration: raise the bound, and collect between iterations.
      PolicySet.setCacheMaxPolicySets(1_000_000);
      policies = PeerTexts.cedarPolicies(s);
      set = CedarPeer.build(policies);
      Map<String, Set<Entity>> entities = CedarPeer.entities(s);
      check(s, r -> {
        try {
          return CedarPeer.decide(engine, set, CedarPeer.prepare(entities, r));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "cedar " + s.name());
      request = CedarPeer.prepare(entities, RbacScenario.BENCH_REQUEST);
      List<RbacScenario.Request> rs = s.batchRequests();
      batch = new CedarPeer.Prepared[rs.size()];
      for (int i = 0; i < rs.size(); i++) {
        batch[i] = CedarPeer.prepare(entities, rs.get(i));
      }
    }

    /** Lets the cleaner free the native cache entries of the policy sets the last iteration built. */
    @TearDown(Level.Iteration)
    public void collect() {
      System.gc();
    }
  }

  /** cedar-java, 10 rules. */
  @State(Scope.Benchmark)
  public static class Cedar10 extends CedarState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) throws Exception {
      init(sc.rbac10);
    }
  }

  /** cedar-java, 10,000 rules and 1,000 roles. */
  @State(Scope.Benchmark)
  public static class Cedar10k extends CedarState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) throws Exception {
      init(sc.rbac10k);
    }
  }

  /** cedar-java, 20,000 rules (batch). */
  @State(Scope.Benchmark)
  public static class Cedar20k extends CedarState {
    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) throws Exception {
      init(sc.rbac20k);
    }
  }

  /** One {@code isAuthorized} against the cached policy set, 10 rules. */
  @Benchmark
  public boolean cedar_rbac10(Cedar10 s) throws Exception {
    return CedarPeer.decide(s.engine, s.set, s.request);
  }

  /** One {@code isAuthorized}, 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean cedar_rbac10k(Cedar10k s) throws Exception {
    return CedarPeer.decide(s.engine, s.set, s.request);
  }

  /** 200 {@code isAuthorized} calls for one actor over 20,000 rules: the number allowed. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int cedar_batch200over20k(Cedar20k s) throws Exception {
    int allowed = 0;
    for (CedarPeer.Prepared p : s.batch) {
      if (CedarPeer.decide(s.engine, s.set, p)) {
        allowed++;
      }
    }
    return allowed;
  }

  /** Parse the policy text and cache it natively, 10 rules (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public PolicySet cedar_build10(Cedar10 s) throws Exception {
    return CedarPeer.build(s.policies);
  }

  /** Parse and cache, 10,000 rules (microseconds). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public PolicySet cedar_build10k(Cedar10k s) throws Exception {
    return CedarPeer.build(s.policies);
  }

  // ---- MPC (dev.mpc.engine.MpcEngine) ----------------------------------------------------------

  /** An artifact compiled once from the scenario's manifest, an engine, and the prepared events. */
  public abstract static class MpcState {
    Artifact artifact;
    MpcEngine engine;
    EventEnvelope request;
    List<EventEnvelope> batch;

    void init(RbacScenario s) {
      artifact = MpcPeer.compile(MpcPeer.manifest(s));
      engine = MpcPeer.engine();
      check(s, r -> MpcPeer.decide(engine, artifact, MpcPeer.event(s, r)), "mpc " + s.name());
      check(s, r -> engine.allows(artifact, MpcPeer.event(s, r)), "mpc allows " + s.name());
      request = MpcPeer.event(s, RbacScenario.BENCH_REQUEST);
      batch = s.batchRequests().stream().map(r -> MpcPeer.event(s, r)).toList();
      List<Decision> ds = engine.evaluateAll(artifact, batch, MpcPeer.NONE);
      for (int i = 0; i < ds.size(); i++) {
        if (ds.get(i).allow() != s.expected(s.batchRequests().get(i))) {
          throw new IllegalStateException("mpc evaluateAll answers " + s.batchRequests().get(i) + " unlike the reference");
        }
      }
    }
  }

  /** MPC, 10 rules. */
  @State(Scope.Benchmark)
  public static class Mpc10 extends MpcState {
    /** Compiles and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10);
    }
  }

  /** MPC, 10,000 rules and 1,000 roles. */
  @State(Scope.Benchmark)
  public static class Mpc10k extends MpcState {
    /** Compiles and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac10k);
    }
  }

  /** MPC, 20,000 rules (batch). */
  @State(Scope.Benchmark)
  public static class Mpc20k extends MpcState {
    /** Compiles and checks. */
    @Setup(Level.Trial)
    public void setup(Scenarios sc) {
      init(sc.rbac20k);
    }
  }

  /** One {@code evaluate()} (trace NONE), 10 rules. */
  @Benchmark
  public boolean mpc_rbac10(Mpc10 s) {
    return s.engine.evaluate(s.artifact, s.request, MpcPeer.NONE).allow();
  }

  /**
   * One {@code allows()}: the same decision as {@code mpc_rbac10}, as a boolean (what jCasbin's
   * {@code enforce} and the floor return), without building the Decision.
   */
  @Benchmark
  public boolean mpc_rbac10_allows(Mpc10 s) {
    return s.engine.allows(s.artifact, s.request);
  }

  /** One {@code allows()}, 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean mpc_rbac10k_allows(Mpc10k s) {
    return s.engine.allows(s.artifact, s.request);
  }

  /** One {@code evaluate()} (trace NONE), 10,000 rules and 1,000 roles. */
  @Benchmark
  public boolean mpc_rbac10k(Mpc10k s) {
    return s.engine.evaluate(s.artifact, s.request, MpcPeer.NONE).allow();
  }

  /**
   * One {@code evaluateAll} of the 200 events (one actor, 200 resources) over 20,000 rules, trace
   * NONE: the actor's role closure is computed once for the batch. (Not {@code permissions()}: that
   * answers every action on one resource, not one action on 200 resources.) The number allowed.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int mpc_batch200over20k(Mpc20k s) {
    int allowed = 0;
    for (Decision d : s.engine.evaluateAll(s.artifact, s.batch, MpcPeer.NONE)) {
      if (d.allow()) {
        allowed++;
      }
    }
    return allowed;
  }

  /**
   * Warm build of the engine's compiled form, 10 rules: a fresh {@code MpcEngine} (empty cache) and
   * its first {@code evaluate()}, which builds the indexed form of the already-compiled artifact
   * (manifest compilation is not included; see {@code CompileBenchmark}).
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean mpc_build10(Mpc10 s) {
    return MpcPeer.engine().evaluate(s.artifact, s.request, MpcPeer.NONE).allow();
  }

  /** Warm build of the compiled form, 10,000 rules and 1,000 roles (as {@link #mpc_build10}). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean mpc_build10k(Mpc10k s) {
    return MpcPeer.engine().evaluate(s.artifact, s.request, MpcPeer.NONE).allow();
  }
}
