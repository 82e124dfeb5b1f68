package dev.mpc.bench;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Parsing a manifest of {@code defs} definitions (each with a display name, six properties of
 * every value type and one child) in each syntax, from text to {@link ManifestAst}. Throughput in
 * MB/s is {@code bytes / (time per op)}; {@link #setup} prints the UTF-8 size of every input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {

  @Param({"DSL", "YAML", "JSON"})
  public String syntax;

  @Param({"1000", "10000"})
  public int defs;

  private String text;
  private Syntax parsedSyntax;
  private ManifestParser parser;

  /** Builds the manifest text once per trial. */
  @Setup(Level.Trial)
  public void setup() {
    parsedSyntax = Syntax.valueOf(syntax);
    parser = ManifestParser.withLimits(ParseLimits.defaults()
        .withMaxManifestNodes(4 * defs)
        .withMaxDocumentChars(64L * 1024 * 1024));
    text = Manifests.format(manifest(defs), parsedSyntax);
    Result<ManifestAst> check = parser.parseText(text, parsedSyntax);
    if (!check.isOk()) {
      throw new IllegalStateException("benchmark input does not parse: " + check.diagnostics());
    }
    System.out.printf("%n[ParseBenchmark] syntax=%s defs=%d bytes=%d%n", syntax, defs,
        text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** Parses the manifest. */
  @Benchmark
  public ManifestAst parse() {
    return parser.parseText(text, parsedSyntax).orElseThrow();
  }

  static ManifestAst manifest(int n) {
    List<AstNode> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      JsonObject props = JsonObject.builder()
          .put("effect", i % 2 == 0 ? "allow" : "deny")
          .put("priority", i % 100)
          .put("ratio", new JsonFloat(i / 7.0))
          .put("enabled", i % 3 == 0)
          .put("match", JsonObject.builder()
              .put("event", "order.update." + i)
              .put("roles", JsonArray.of(JsonValue.of("editor"), JsonValue.of("admin"), JsonValue.of("viewer")))
              .build())
          .put("condition", "len(actor.id) > " + i + " && data.amount < 1000")
          .build();
      AstNode child = AstNode.of("Condition", "c" + i, null,
          JsonObject.builder().put("expr", "role == \"editor\"").build(), List.of());
      nodes.add(AstNode.of("Policy", "policy_" + i, "Policy " + i, props, List.of(child)));
    }
    return new ManifestAst(1, "bench.orders", "bench", "1.0.0", nodes);
  }
}
