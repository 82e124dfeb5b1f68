package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.meta.DomainMeta;
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
 * A host that compiles on upload, in a fresh JVM: the parser, the DomainMeta and the compiler are
 * built (caches off; with and without the compiler's warm-up), then
 * {@code examples/manifests/order-rules.mpc} is compiled 20 times, one
 * single-shot iteration each, in 15 forks. Iteration 1 of each fork is "the first compile in a
 * fresh JVM"; iterations 2–20 are what follows before the JIT has settled. Read the per-iteration
 * raw data (JSON results), not the aggregate.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 20, batchSize = 1)
@Fork(15)
public class FirstCompileBenchmark {
  /** {@code examples/manifests/order-rules.mpc}, the example. */
  static final String ORDER_RULES = """
      // Order approval rules (the worked example of the pipeline spec)
      @schema 1
      @namespace "acme.orders"
      @name "order-rules"
      @version "1.2.0"

      def Policy allow_editors "AllowEditors" {
          effect: "allow"
          priority: 10
          match: { event: "order.update", roles: ["editor", "admin"] }
          condition: "len(actor.id) > 0"
          def Condition c1 {
              expr: "role == \\"editor\\""
          }
      }

      def Workflow approval "Approval Flow" {
          initial: "pending"
          states: ["pending", "approved", "rejected"]
          transitions: [
              {"from": "pending", "on": "approve", "to": "approved"},
              {"from": "pending", "on": "reject", "to": "rejected"}
          ]
      }

      def Entity customer {
          label: "Müşteri"
          maxLength: 50
          ratio: 0.25
          active: true
          note: null
      }
      """;

  /** {@code examples/manifests/order-meta.yaml}. */
  static final String ORDER_META = """
      schema_version: 1
      kinds:
        - { name: Policy, required_props: [effect] }
        - { name: Condition, required_props: [expr] }
        - { name: Workflow, required_props: [initial, states, transitions] }
        - { name: Entity }
      allowed_events: [order.update]
      allowed_functions:
        - { name: len, args: ["string|array"], returns: int, cost: 2 }
      """;

  /** What a host holds before its first upload: the parser, the DomainMeta and the compiler. */
  @State(Scope.Benchmark)
  public static class Hosted {
    /** Whether the compiler is built with its warm-up ({@code RegistryCompiler.Builder.warmUp}, default true). */
    @Param({"true", "false"})
    public boolean warmUp;

    ManifestParser parser;
    RegistryCompiler compiler;

    /** Builds the parser, the meta and the compiler (not measured). */
    @Setup(Level.Trial)
    public void setup() {
      DomainMeta meta = DomainMetaLoader.fromText(ORDER_META).orElseThrow();
      parser = ManifestParser.withLimits(dev.mpc.dsl.ParseLimits.defaults());
      compiler = RegistryCompiler.builder().meta(meta).warmUp(warmUp).cacheMaximumWeight(0)
          .identityCacheDefinitions(0).build();
    }
  }

  /** Only the parser and the DomainMeta: no compiler has been built in this JVM yet. */
  @State(Scope.Benchmark)
  public static class Cold {
    /** Whether the compiler is built with its warm-up. */
    @Param({"true", "false"})
    public boolean warmUp;

    DomainMeta meta;
    ManifestParser parser;

    /** Loads the meta and makes the parser (not measured). */
    @Setup(Level.Trial)
    public void setup() {
      meta = DomainMetaLoader.fromText(ORDER_META).orElseThrow();
      parser = ManifestParser.withLimits(dev.mpc.dsl.ParseLimits.defaults());
    }
  }

  /**
   * One compile: text to artifact, with the compiler built in setup (not measured).
   *
   * @param s the hosted state
   * @return the artifact
   */
  @Benchmark
  public Artifact compile(Hosted s) {
    return s.parser.parseText(ORDER_RULES).flatMap(s.compiler::compile).orElseThrow();
  }

  /**
   * Builds a compiler (the warm-up, when on, runs in the first build of the JVM) and compiles:
   * iteration 1 is the whole cold cost, so the warm-up's price is visible, not hidden in setup.
   *
   * @param s the cold state
   * @return the artifact
   */
  @Benchmark
  public Artifact buildThenCompile(Cold s) {
    RegistryCompiler c = RegistryCompiler.builder().meta(s.meta).warmUp(s.warmUp).cacheMaximumWeight(0)
        .identityCacheDefinitions(0).build();
    return s.parser.parseText(ORDER_RULES).flatMap(c::compile).orElseThrow();
  }
}
