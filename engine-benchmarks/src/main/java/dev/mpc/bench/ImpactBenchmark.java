package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.engine.DecisionLog;
import dev.mpc.engine.ImpactAnalysis;
import dev.mpc.engine.MpcEngine;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code mpc impact}'s replay on one thread: 1,000 logged events (viewers, editors and strangers
 * reading, updating and deleting orders and other resources) against the 10-policy, 10-ACL-rule
 * artifact of {@link DecisionBenchmark} and a candidate where viewers may also update orders. The
 * score is per event: from the decision-log lines (JSON parse, envelope read, two evaluations with
 * the deciding rules traced, the comparison) and from parsed envelopes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImpactBenchmark {
  static final int EVENTS = 1_000;

  /** The two artifacts, the events as log lines and parsed. */
  @State(Scope.Benchmark)
  public static class Replay {
    ImpactAnalysis analysis;
    List<String> lines;
    List<EventEnvelope> events;

    /** Builds the log. */
    @Setup(Level.Trial)
    public void setup() {
      String old = DecisionBenchmark.manifest(10);
      Artifact before = MpcPeer.compile(old);
      Artifact after = MpcPeer.compile(old.replace(
          "def ACL a1 { action: \"update\", resource: \"order\", roles: [\"editor\"]",
          "def ACL a1 { action: \"update\", resource: \"order\", roles: [\"viewer\"]"));
      MpcEngine engine = MpcPeer.engine();
      analysis = ImpactAnalysis.of(engine, before, after);
      Random r = new Random(7);
      String[] roles = {"viewer", "editor", "guest"};
      String[] actions = {"read", "update", "delete"};
      lines = new ArrayList<>();
      events = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        String type = r.nextInt(4) == 0 ? "res" + (2 + r.nextInt(8)) : "order";
        String action = actions[r.nextInt(3)];
        EventEnvelope e = EventEnvelope.of(type + "." + action, EventKind.CUSTOM, Instant.EPOCH.plusSeconds(i),
            Actor.user("u-" + r.nextInt(50), roles[r.nextInt(3)]), ObjectRef.of(type, "o-" + r.nextInt(100)));
        events.add(e);
        lines.add(DecisionLog.line(before.hash(), e, engine.evaluate(before, e), Redactor.standard()));
      }
      if (analysis.analyze(events).newlyAllowed() == 0) {
        throw new IllegalStateException("the candidate allows nothing new: the benchmark would compare nothing");
      }
    }
  }

  /** Per event, from the decision-log lines. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long replayFromLogLines(Replay s) {
    long changed = 0;
    for (String line : s.lines) {
      JsonObject o = (JsonObject) Json.parse(line).orElseThrow();
      EventEnvelope e = ContractJson.readEvent(o.getOrNull("event"), ContractJson.Strictness.LENIENT).orElseThrow();
      if (s.analysis.compare(e).isPresent()) {
        changed++;
      }
    }
    return changed;
  }

  /** Per event, from parsed envelopes (the analysis alone). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long replayParsed(Replay s) {
    long changed = 0;
    for (EventEnvelope e : s.events) {
      if (s.analysis.compare(e).isPresent()) {
        changed++;
      }
    }
    return changed;
  }
}
