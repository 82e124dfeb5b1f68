package dev.mpc.bench;

import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import dev.mpc.meta.MetaDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * How {@code MetaDiff.between} scales with the number of kinds (and as many events): a linear diff's
 * time divided by {@code kinds} is flat. Every thousandth kind gains a required property.
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar MetaScaleBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetaScaleBenchmark {
  @Param({"10000", "40000", "100000"})
  int kinds;

  DomainMeta before;
  DomainMeta after;

  @Setup(Level.Trial)
  public void setup() {
    before = meta(kinds, 1, false);
    after = meta(kinds, 2, true);
  }

  static DomainMeta meta(int kinds, int version, boolean changed) {
    List<KindDef> ks = new ArrayList<>(kinds);
    List<String> events = new ArrayList<>(kinds);
    for (int i = 0; i < kinds; i++) {
      List<String> required = changed && i % 1000 == 0 ? List.of("a", "c") : List.of("a");
      ks.add(new KindDef("K" + i, required, List.of("b"), List.of("string", "int"), Optional.empty()));
      events.add("e" + i);
    }
    return new DomainMeta(version, ks, List.of(), events, List.of());
  }

  /** One diff of two metas of {@code kinds} kinds. */
  @Benchmark
  public MetaDiff diff() {
    return MetaDiff.between(before, after);
  }
}
