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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A host that compiles on upload, in a fresh JVM: the parser, the DomainMeta and the compiler are
 * built (caches off), then {@code examples/manifests/order-rules.mpc} is compiled 20 times, one
 * single-shot iteration each, in 15 forks. Iteration 1 of each fork is "the first compile in a
 * fresh JVM"; iterations 2–20 are what follows before the JIT has settled. Read the per-iteration
 * raw data (JSON results), not the aggregate.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 20, batchSize = 1)
@Fork(15)
@State(Scope.Benchmark)
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

  ManifestParser parser;
  RegistryCompiler compiler;

  /** Builds the parser, the meta and the compiler (what a host holds before the first upload). */
  @Setup(Level.Trial)
  public void setup() {
    DomainMeta meta = DomainMetaLoader.fromText(ORDER_META).orElseThrow();
    parser = ManifestParser.withLimits(dev.mpc.dsl.ParseLimits.defaults());
    compiler = RegistryCompiler.builder().meta(meta).cacheMaximumWeight(0).identityCacheDefinitions(0).build();
  }

  /** One compile: text to artifact. */
  @Benchmark
  public Artifact compile() {
    return parser.parseText(ORDER_RULES).flatMap(compiler::compile).orElseThrow();
  }
}
