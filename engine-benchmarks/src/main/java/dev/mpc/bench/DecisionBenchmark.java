package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code MpcEngine.evaluate()} (issue 10): an artifact with 10 policies and 10 ACL rules, the
 * event {@code order.read} by a viewer (five policies match it, allow with a condition; the ACL's
 * viewer rule allows; deny-wins composes an allow). {@code evaluate10_none} trace NONE,
 * {@code evaluate10_full} trace FULL (the explain view), {@code evaluate10k_none} the same event over
 * 10,000 policies of which the same five can match (the other 9,995 match other object types) and
 * the same 10 ACL rules, and {@code throughput1}/{@code throughput2} the NONE evaluation in
 * throughput mode on one and two threads sharing one engine and artifact.
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar DecisionBenchmark -prof gc}. The
 * retained heap of the compiled form: {@link CompiledFormHeap}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

  static final EvaluationOptions FULL = EvaluationOptions.of(TraceLevel.FULL);
  static final EvaluationOptions CORRELATED = MpcPeer.NONE.withCorrelationId("req-1");

  /**
   * A manifest with {@code policies} policies (five match {@code object.type == "order"} and allow
   * when {@code len(actor.id) > 0}; the rest match other types, half allow, half deny) and ten ACL
   * rules (viewer reads orders, editor updates them, eight rules on other resources).
   */
  static String manifest(int policies) {
    StringBuilder b = new StringBuilder(128 * policies + 2048);
    b.append("@schema 1\n@namespace \"bench.decision\"\n@name \"decision").append(policies)
        .append("\"\n@version \"1.0.0\"\n\n");
    b.append("def Role viewer { inherits: [] }\ndef Role editor { inherits: [\"viewer\"] }\n");
    for (int i = 0; i < policies; i++) {
      boolean order = i < 5;
      b.append("def Policy p").append(i).append(" { effect: \"").append(order || i % 2 == 0 ? "allow" : "deny")
          .append("\", priority: ").append(i % 100).append(", match: { \"object.type\": \"")
          .append(order ? "order" : "type" + i).append("\" }");
      if (order) {
        b.append(", condition: \"len(actor.id) > 0\"");
      }
      b.append(" }\n");
    }
    b.append("def ACL a0 { action: \"read\", resource: \"order\", roles: [\"viewer\"], effect: \"allow\" }\n");
    b.append("def ACL a1 { action: \"update\", resource: \"order\", roles: [\"editor\"], effect: \"allow\" }\n");
    for (int i = 2; i < 10; i++) {
      b.append("def ACL a").append(i).append(" { action: \"read\", resource: \"res").append(i)
          .append("\", roles: [\"editor\"], effect: \"allow\" }\n");
    }
    return b.toString();
  }

  /** The timed event: alice (viewer) reads order o1. */
  static EventEnvelope event() {
    return EventEnvelope.of("order.read", EventKind.CUSTOM, Instant.EPOCH, Actor.user("alice", "viewer"),
        ObjectRef.of("order", "o1"));
  }

  /** One artifact, one engine (compiled form built and cached at setup), one event. */
  public abstract static class Base {
    Artifact artifact;
    MpcEngine engine;
    EventEnvelope event;

    void init(int policies) {
      artifact = MpcPeer.compile(manifest(policies));
      engine = MpcPeer.engine();
      event = event();
      Decision none = engine.evaluate(artifact, event, MpcPeer.NONE);
      Decision full = engine.evaluate(artifact, event, FULL);
      if (!none.allow() || !full.allow()) {
        throw new IllegalStateException("the benchmark event is not allowed: " + none);
      }
      Decision denied = engine.evaluate(artifact, EventEnvelope.of("order.delete", EventKind.CUSTOM, Instant.EPOCH,
          Actor.user("alice", "viewer"), ObjectRef.of("order", "o1")), MpcPeer.NONE);
      if (denied.allow()) {
        throw new IllegalStateException("order.delete by a viewer is allowed");
      }
    }
  }

  /** 10 policies + 10 ACL rules. */
  @State(Scope.Benchmark)
  public static class Small extends Base {
    /** Compiles and checks. */
    @Setup(Level.Trial)
    public void setup() {
      init(10);
    }
  }

  /** 10,000 policies (five can match) + 10 ACL rules. */
  @State(Scope.Benchmark)
  public static class Large extends Base {
    /** Compiles and checks. */
    @Setup(Level.Trial)
    public void setup() {
      init(10_000);
    }
  }

  /** One evaluate, 10 policies + 10 ACL rules, trace NONE. */
  @Benchmark
  public Decision evaluate10_none(Small s) {
    return s.engine.evaluate(s.artifact, s.event, MpcPeer.NONE);
  }

  /**
   * {@link #evaluate10_none} with a correlation id: the engine then uses it as the trace span id
   * instead of deriving one (a stable hash of the event), so the difference is that derivation.
   */
  @Benchmark
  public Decision evaluate10_noneCorrelated(Small s) {
    return s.engine.evaluate(s.artifact, s.event, CORRELATED);
  }

  /** The same with trace FULL. */
  @Benchmark
  public Decision evaluate10_full(Small s) {
    return s.engine.evaluate(s.artifact, s.event, FULL);
  }

  /** One evaluate, 10,000 policies (at most five can match) + 10 ACL rules, trace NONE. */
  @Benchmark
  public Decision evaluate10k_none(Large s) {
    return s.engine.evaluate(s.artifact, s.event, MpcPeer.NONE);
  }

  /** {@link #evaluate10_none} in throughput mode, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public Decision throughput1(Small s) {
    return s.engine.evaluate(s.artifact, s.event, MpcPeer.NONE);
  }

  /** {@link #evaluate10_none} in throughput mode, two threads sharing the engine and artifact. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(2)
  public Decision throughput2(Small s) {
    return s.engine.evaluate(s.artifact, s.event, MpcPeer.NONE);
  }
}
