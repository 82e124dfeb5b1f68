package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.engine.DecisionLog;
import dev.mpc.engine.MpcEngine;
import dev.mpc.redact.Redactor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * What a decision log costs evaluate(): the 10-policy, 10-ACL-rule decision of
 * {@link DecisionBenchmark} with no listener and with a {@link DecisionLog} (65,536 entries) that a
 * host thread drains continuously into JSON lines, as a service would. Sample mode, so the p99 of
 * both is reported (the target: on within 1.2x of off).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLogBenchmark {
  /** Engines with and without the log, the drainer thread. */
  @State(Scope.Benchmark)
  public static class Engines {
    Artifact artifact;
    EventEnvelope event;
    MpcEngine off;
    MpcEngine on;
    DecisionLog log;
    Thread drainer;
    volatile boolean running = true;
    final AtomicLong drainedChars = new AtomicLong();

    /** Builds both and starts the drainer. */
    @Setup(Level.Trial)
    public void setup() {
      artifact = MpcPeer.compile(DecisionBenchmark.manifest(10));
      event = DecisionBenchmark.event();
      off = MpcPeer.engine();
      log = new DecisionLog(65_536, Redactor.standard());
      on = MpcEngine.builder().preset(off.preset()).listener(log).build().orElseThrow();
      drainer = new Thread(() -> {
        while (running) {
          if (log.drain(line -> drainedChars.addAndGet(line.length()), 4096) == 0) {
            LockSupport.parkNanos(200_000);
          }
        }
      }, "decision-log-drainer");
      drainer.setDaemon(true);
      drainer.start();
    }

    /** Stops the drainer; reports drops. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      running = false;
      drainer.join(5_000);
      System.out.println("decision log: recorded " + log.recorded() + ", dropped " + log.dropped());
    }
  }

  /** Without a listener. */
  @Benchmark
  public Decision logOff(Engines s) {
    return s.off.evaluate(s.artifact, s.event);
  }

  /** With the decision log on and drained. */
  @Benchmark
  public Decision logOn(Engines s) {
    return s.on.evaluate(s.artifact, s.event);
  }
}
