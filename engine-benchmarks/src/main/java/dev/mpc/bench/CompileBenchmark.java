package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.ManifestIdentity;
import dev.mpc.artifact.MetaIdentity;
import dev.mpc.ast.ManifestAst;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.TypeEnv;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compile pipeline of issue 4: parse + validate + compile + hash.
 *
 * <ul>
 *   <li>{@code pipeline_small}: a small manifest (one entity, one 3-state workflow, a few
 *       properties) from DSL text to a verified, hash-identified artifact, caching off.
 *   <li>{@code pipeline_1k} / {@code pipeline_10k}: the same for 1,000 and 10,000 definitions
 *       (linearity).
 *   <li>{@code pipeline_small_noCache}: the same with the identity tier off too.
 *   <li>{@code stage_*}: the stages of the small pipeline on their own.
 *   <li>{@code cacheHit_sameAst}: compiling an AST object compiled before (identity tier).
 *   <li>{@code cacheHit_equalAst}: compiling an equal AST parsed separately (content tier: pays
 *       for hashing the AST, skips validation and indexing).
 * </ul>
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar CompileBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBenchmark {
  static final String SMALL = """
      @namespace "acme.tracking"
      @version "1.0.0"
      def Entity defect "Defect" {
          title: "Crash on save"
          severity: 2
          tags: ["ui", "data"]
          reporter: { id: "u-7", team: "qa" }
      }
      def Workflow lifecycle "Defect lifecycle" {
          initial: "open"
          states: ["open", "fixing", "closed"]
          finals: ["closed"]
          transitions: [
              { from: "open", on: "start", to: "fixing", guard: "len(actor.id) > 0" },
              { from: "fixing", on: "close", to: "closed" }
          ]
      }
      """;

  static final DomainMeta META = DomainMeta.builder()
      .kind(new KindDef("Entity", List.of("title", "severity"), List.of("tags", "reporter"), List.of(), Optional.empty()))
      .kind(new KindDef("Workflow", List.of("initial", "states", "transitions"), List.of("finals"), List.of(),
          Optional.empty()))
      .function("len", List.of("string|array"), "int", 2)
      .build();

  String small;
  String oneK;
  String tenK;
  ManifestParser parser;
  RegistryCompiler uncached;
  RegistryCompiler cached;
  RegistryCompiler noTiers;
  ManifestAst compiledAst;
  ManifestAst equalAst;
  ManifestAst smallAst;
  dev.mpc.dsl.validate.Validator validator;
  MetaIdentity metaIdentity;
  TypeEnv guardEnv;
  static final String GUARD = "len(actor.id) > 0";

  static String manifest(int defs) {
    StringBuilder sb = new StringBuilder("@namespace \"acme.bulk\"\n");
    for (int i = 0; i < defs; i++) {
      if (i % 2 == 0) {
        sb.append("def Entity e").append(i).append(" \"Defect ").append(i).append("\" { title: \"t").append(i)
            .append("\", severity: ").append(i % 5).append(", tags: [\"a\", \"b\"] }\n");
      } else {
        sb.append("def Workflow w").append(i).append(" { initial: \"open\", states: [\"open\", \"fixing\", \"closed\"], ")
            .append("finals: [\"closed\"], transitions: [{from: \"open\", to: \"fixing\"}, {from: \"fixing\", to: \"closed\"}] }\n");
      }
    }
    return sb.toString();
  }

  @Setup(Level.Trial)
  public void setup() {
    small = SMALL;
    oneK = manifest(1_000);
    tenK = manifest(10_000);
    parser = ManifestParser.withLimits(ParseLimits.defaults().withMaxManifestNodes(20_000));
    uncached = RegistryCompiler.builder().meta(META).cacheMaximumWeight(0).build();
    cached = RegistryCompiler.builder().meta(META).build();
    noTiers = RegistryCompiler.builder().meta(META).cacheMaximumWeight(0).identityCacheDefinitions(0).build();
    compiledAst = parser.parseText(small).orElseThrow();
    cached.compile(compiledAst).orElseThrow();
    equalAst = parser.parseText(small).orElseThrow();
    smallAst = parser.parseText(small).orElseThrow();
    validator = dev.mpc.dsl.validate.Validator.builder().meta(META).build();
    metaIdentity = MetaIdentity.of(META);
    guardEnv = TypeEnv.empty();
    if (!uncached.compile(parser.parseText(tenK).orElseThrow()).isOk()) {
      throw new IllegalStateException("10k manifest does not compile");
    }
  }

  private Artifact pipeline(String text) {
    // a fresh AST every time: the identity tier cannot hit, and the content tier is off
    return uncached.compile(parser.parseText(text).orElseThrow()).orElseThrow();
  }

  /** Small manifest: DSL text to artifact. */
  @Benchmark
  public Artifact pipeline_small() {
    return pipeline(small);
  }

  /** Small manifest with both cache tiers off (what the identity tier's bookkeeping costs). */
  @Benchmark
  public Artifact pipeline_small_noCache() {
    return noTiers.compile(parser.parseText(small).orElseThrow()).orElseThrow();
  }

  /** Stage: compiling a parsed AST (validate + artifact), both cache tiers off. */
  @Benchmark
  public Object stage_compile() {
    return noTiers.compile(smallAst);
  }

  /** 1,000 definitions. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Artifact pipeline_1k() {
    return pipeline(oneK);
  }

  /** 10,000 definitions. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Artifact pipeline_10k() {
    return pipeline(tenK);
  }

  /** The same AST object again. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object cacheHit_sameAst() {
    return cached.compile(compiledAst);
  }

  /** An equal AST in a new object (identity tier misses, content tier hits). */
  @Benchmark
  public Object cacheHit_equalAst() {
    return cached.compile(new ManifestAst(equalAst.schemaVersion(), equalAst.namespace(), equalAst.name(),
        equalAst.manifestVersion(), equalAst.defs()));
  }

  /** Stage: parsing the small manifest. */
  @Benchmark
  public Object stage_parse() {
    return parser.parseText(small);
  }

  /** Stage: validating the small manifest. */
  @Benchmark
  public Object stage_validate() {
    return validator.validate(smallAst);
  }

  /**
   * Stage: building the artifact (AST hash, index, provenance) against a meta whose identity is
   * computed once, as the compiler does.
   */
  @Benchmark
  public Object stage_artifact() {
    return Artifact.of(ManifestIdentity.of(smallAst), metaIdentity, dev.mpc.MpcVersion.compatibility());
  }

  /** Stage: parsing and type-checking the small manifest's guard expression. */
  @Benchmark
  public Object stage_guard() {
    return Expressions.compile(GUARD, guardEnv, dev.mpc.expr.Limits.defaults());
  }

  /** Stage: the AST hash alone. */
  @Benchmark
  public Object stage_astHash() {
    return smallAst.astHash();
  }
}
