package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.preset.Preset;
import dev.mpc.preset.PresetLimits;
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
 * How the compile pipeline (parse + validate + compile + hash, caching off) scales with the number
 * of definitions, with the manifests of {@link CompileBenchmark}: a linear pipeline's time divided
 * by {@code definitions} is flat.
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar CompileScalingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileScalingBenchmark {
  @Param({"1000", "2000", "5000", "10000", "20000"})
  int definitions;

  String text;
  ManifestParser parser;
  RegistryCompiler compiler;
  ManifestAst parsed;

  @Setup(Level.Trial)
  public void setup() {
    text = CompileBenchmark.manifest(definitions);
    parser = ManifestParser.withLimits(ParseLimits.defaults().withMaxManifestNodes(definitions));
    Preset p = Preset.standard("preset-generic-full");
    PresetLimits l = p.limits();
    Preset roomy = new Preset(p.name(), p.presetVersion(), p.metaSchemaVersion(), new PresetLimits(
        Math.max(definitions, l.maxManifestNodes()), l.maxExprSteps(), l.maxExprDepth(), l.maxEvalTimeMs(),
        l.maxRegexOps()), p.defaultFunctions(), p.featureFlags(), p.composeStrategy());
    compiler = RegistryCompiler.builder().meta(CompileBenchmark.META).preset(roomy).cacheMaximumWeight(0)
        .identityCacheDefinitions(0).build();
    parsed = parser.parseText(text).orElseThrow();
  }

  /** One compile of the whole manifest, text to artifact. */
  @Benchmark
  public Artifact perDefinition() {
    return compiler.compile(parser.parseText(text).orElseThrow()).orElseThrow();
  }

  /** The parse stage alone. */
  @Benchmark
  public ManifestAst parseOnly() {
    return parser.parseText(text).orElseThrow();
  }

  /** The compile stage alone (validate + artifact) on an AST parsed once. */
  @Benchmark
  public Artifact compileOnly() {
    return compiler.compile(parsed).orElseThrow();
  }
}
