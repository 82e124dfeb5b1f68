package dev.mpc.bench;

import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonValue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical JSON and stable hash of the worked-example AST document (pipeline.md §8.8, 762 bytes)
 * and of a float-heavy document (Python-repr formatting is the slow path).
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar CanonicalBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CanonicalBenchmark {
  static final String WORKED_EXAMPLE = "{\"defs\":[{\"id\":\"customer\",\"kind\":\"Entity\",\"properties\":{\"active\":true,"
      + "\"label\":\"Müşteri\",\"maxLength\":50,\"note\":null,\"ratio\":0.25}},{\"children\":[{\"id\":\"c1\",\"kind\":\"Condition\","
      + "\"properties\":{\"expr\":\"role == \\\"editor\\\"\"}}],\"id\":\"allow_editors\",\"kind\":\"Policy\",\"name\":\"AllowEditors\","
      + "\"properties\":{\"condition\":\"len(actor.id) > 0\",\"effect\":\"allow\",\"match\":{\"event\":\"order.update\","
      + "\"roles\":[\"editor\",\"admin\"]},\"priority\":10}},{\"id\":\"approval\",\"kind\":\"Workflow\",\"name\":\"Approval Flow\","
      + "\"properties\":{\"initial\":\"pending\",\"states\":[\"pending\",\"approved\",\"rejected\"],\"transitions\":[{\"from\":"
      + "\"pending\",\"on\":\"approve\",\"to\":\"approved\"},{\"from\":\"pending\",\"on\":\"reject\",\"to\":\"rejected\"}]}}],"
      + "\"manifestVersion\":\"1.2.0\",\"name\":\"order-rules\",\"namespace\":\"acme.orders\",\"schemaVersion\":1}";

  JsonValue workedExample;
  JsonValue floats;

  @Setup
  public void setup() {
    workedExample = Json.parse(WORKED_EXAMPLE).orElseThrow();
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      sb.append(i == 0 ? "" : ",").append(i * 0.37 + 1e-7 * i);
    }
    floats = Json.parse(sb.append(']').toString()).orElseThrow();
    if (!Canonical.stableHash(workedExample).equals("3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1")) {
      throw new IllegalStateException("worked example hash drifted");
    }
  }

  /** Canonical text + SHA-256 of the worked example. */
  @Benchmark
  public String stableHash_workedExample() {
    return Canonical.stableHash(workedExample);
  }

  /** Canonical text only. */
  @Benchmark
  public String canonicalJson_workedExample() {
    return Canonical.json(workedExample);
  }

  /** 100 floats, each needing a shortest round-trip search. */
  @Benchmark
  public String canonicalJson_100floats() {
    return Canonical.json(floats);
  }
}
