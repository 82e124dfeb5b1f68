package dev.mpc.conformance.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.conformance.Fixture;
import dev.mpc.conformance.FixtureResult;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.ContractJson.Strictness;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.imports.ImportResolver;
import dev.mpc.dsl.imports.ManifestEntry;
import dev.mpc.dsl.imports.ManifestSource;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.dsl.overlay.OverlayEngine;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArbitraries;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.MetaDiff;
import dev.mpc.preset.Preset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hostile-input sweep: every public entry point that takes untrusted input (JSON, manifests
 * in each syntax, DomainMeta, presets, artifacts, contracts, expression text and JSON IR,
 * expression bindings, overlays and imports, fixture files) is fed empty, garbage, truncated,
 * mutated, deep and huge input, and must answer with a {@link Result}: ok, or failed with coded
 * diagnostics that are not {@code E_INTERNAL} and name no library internals. Never a throwable.
 *
 * <p>The number of tries is jqwik's default, {@code jqwik.tries.default} in this module's
 * {@code junit-platform.properties} (modest, for {@code mvn verify}); a long run sets it on the
 * command line: {@code mvn -pl engine-conformance -am verify -Djqwik.tries.default=20000
 * -Dtest='HostileInputSweepProperties' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HostileInputSweepProperties {
  static final String MANIFEST_DSL = """
      // Order approval rules
      @schema 1
      @namespace "acme.orders"
      @name "order-rules"
      @version "1.2.0"

      def Import common { source: "acme.common", version: "^1.0", alias: "c" }

      def Policy allow_editors "AllowEditors" {
          effect: "allow"
          priority: 10
          match: { event: "order.update", roles: ["editor", "admin"] }
          condition: "len(actor.id) > 0 and regex(actor.id, '^[a-z]+$')"
          def Condition c1 {
              expr: "role == \\"editor\\""
          }
      }

      def Workflow approval "Approval Flow" {
          initial: "pending"
          states: ["pending", "approved", "rejected"]
          transitions: [
              {"from": "pending", "on": "approve", "to": "approved", "guard": "amount < 1000"},
              {"from": "pending", "on": "reject", "to": "rejected"}
          ]
      }

      def Entity customer {
          extends: "base"
          label: "Müşteri"
          maxLength: 50
          ratio: 0.25
          active: true
          note: null
      }

      def Entity base { label: "b" }

      def Overlay o1 { target: "customer", op: "replace", path: "label", value: "Customer" }
      def Overlay o2 { selector: { kind: "Entity", id: "base" }, op: "remove", ifMissing: "skip" }
      """;

  static final String META_YAML = """
      # The DomainMeta of the pipeline spec's worked example
      schema_version: 1
      kinds:
        - { name: Policy, required_props: [effect] }
        - { name: Condition, required_props: [expr] }
        - { name: Workflow, required_props: [initial, states, transitions] }
        - { name: Entity, optional_props: [label] }
        - { name: Overlay }
        - { name: Import }
      allowed_events: [order.update]
      allowed_types: [string, int, float, bool, array, object]
      allowed_functions:
        - { name: len, args: ["string|array"], returns: int, cost: 2 }
        - { name: regex, args: [string, string], returns: bool, cost: 5 }
      """;

  static final String META_JSON = """
      {"schemaVersion": 2, "kinds": [{"name": "Policy", "requiredProps": ["effect"], "aggregate": "Rules"},
       {"name": "Entity"}], "allowedEvents": ["create", "update"],
       "allowedFunctions": [{"name": "daysBetween", "args": ["string", "string"], "returns": "int", "cost": 2}]}
      """;

  static final List<String> EXPRESSIONS = List.of(
      "len(actor.id) > 0 and regex(actor.id, '^[a-z]+$')",
      "a + b * (c - 1) / 2 % 3 == 4 ? 'x' : concat([upper(s), lower(s)])",
      "[1, 2.5, 'x', null, true][0] in [1, 2] or not (x != y)",
      "substr(s, -3, 2) + s + s",
      "min(4, 2, 9) < max(scores) && startsWith(name, 'a') || contains(tags, 'b')",
      "daysBetween('2024-01-01', now()) >= 0",
      "matches(s, '(a|b)*c')");

  static DomainMeta meta;
  static RegistryCompiler compiler;
  static List<String> manifests;
  static List<String> artifacts;
  static String presetJson;
  static List<String> contracts;
  static List<String> exprIr;

  @BeforeContainer
  static void seeds() {
    meta = DomainMetaLoader.fromText(META_YAML).orElseThrow();
    compiler = RegistryCompiler.builder().meta(meta).preset(Preset.standard("preset-generic-full")).build();
    ManifestAst ast = Manifests.parseText(MANIFEST_DSL).orElseThrow();
    manifests = List.of(MANIFEST_DSL, Manifests.format(ast, Syntax.YAML), Manifests.format(ast, Syntax.JSON));
    Artifact artifact = compiler.compile(ast).orElseThrow();
    artifacts = List.of(artifact.toCanonicalJson());
    presetJson = resource("/dev/mpc/preset/preset-generic-full.json");
    contracts = List.of(
        """
        {"allow": false, "reasons": [{"code": "R_POLICY_DENY", "message": "denied", "path": "defs[0]"}],
         "messages": [{"level": "warning", "text": "t"}],
         "intents": [{"kind": "notify", "target": "ops", "params": {"a": 1}, "idempotencyKey": "k"}],
         "trace": {"spanId": "s", "events": [{"name": "e", "durationMs": 1, "attributes": {}}]},
         "meta": {"artifactHash": "abc", "engine": "mpc", "engineVersion": "0.1.0"}}
        """,
        """
        {"kind": "command", "name": "order.update", "timestamp": "2024-01-01T00:00:00Z",
         "actor": {"id": "u1", "type": "user", "roles": ["editor"], "claims": {"tenant": "t"}},
         "object": {"type": "order", "id": "o1", "attributes": {"status": "open"}},
         "payload": {"amount": 10}, "context": {"ip": "127.0.0.1"}}
        """,
        """
        {"code": "E_PARSE_SYNTAX", "severity": "error", "message": "m",
         "source": {"file": "f", "line": 1, "col": 2}, "cause": {"code": "E_INTERNAL", "message": "c"}}
        """);
    List<String> ir = new ArrayList<>();
    for (String e : EXPRESSIONS) {
      Expressions.parse(e, Limits.defaults()).value().ifPresent(p -> ir.add(Json.write(ExprJson.encode(p.ir()))));
    }
    exprIr = List.copyOf(ir);
  }

  @AfterContainer
  static void release() {
    meta = null;
    compiler = null;
  }

  static String resource(String name) {
    try (InputStream in = HostileInputSweepProperties.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<String> jsonTexts() {
    return Hostile.texts(Hostile.all(artifacts, contracts, List.of(presetJson, META_JSON), exprIr),
        Hostile.jsonOpeners());
  }

  @Provide
  Arbitrary<String> manifestTexts() {
    return Hostile.texts(manifests, List.of("[", "{", "def K a {", "def K a { p: [", "- ", "a:\n  ", "{a: [",
        "defs:\n  - kind: K\n    id: a\n    properties:\n      p: ", "&x [", "? "));
  }

  @Provide
  Arbitrary<String> metaTexts() {
    return Hostile.texts(List.of(META_YAML, META_JSON), List.of("[", "{\"kinds\":[", "kinds:\n  - ", "a:\n  ",
        "&a [*a, "));
  }

  @Provide
  Arbitrary<String> expressionTexts() {
    return Hostile.texts(EXPRESSIONS, List.of("(", "[", "not ", "-", "!", "len(", "a ? b : ", "{'a': "));
  }

  /** A valid JSON seed with one node (pre-order) replaced by a random value. */
  @Provide
  Arbitrary<String> jsonMutants() {
    List<String> seeds = Hostile.all(artifacts, contracts, List.of(presetJson, META_JSON), exprIr);
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 4000),
            JsonArbitraries.values(3), Arbitraries.integers().between(1, 3))
        .as((seed, at, value, times) -> {
          JsonValue v = Json.parse(seed).orElseThrow();
          for (int i = 0; i < times; i++) {
            v = new Replacer(at / (i + 1), value).walk(v);
          }
          return Json.write(v);
        });
  }

  @Provide
  Arbitrary<JsonObject> bindings() {
    return Combinators.combine(JsonArbitraries.values(3), JsonArbitraries.values(2), JsonArbitraries.values(2),
            JsonArbitraries.strings(), Arbitraries.of(0, 1, 2))
        .as((a, b, c, s, big) -> JsonObject.builder()
            .put("a", a).put("b", b).put("c", c).put("x", a).put("y", b).put("scores", c)
            .put("s", big == 2 ? "a".repeat(1 << 20) : s).put("name", s).put("tags", b).put("role", s)
            .put("actor", JsonObject.builder().put("id", big == 1 ? "a".repeat(100_000) + "!" : s).build())
            .build());
  }

  /** Replaces the {@code target}-th node of a pre-order walk. */
  static final class Replacer {
    private int remaining;
    private final JsonValue replacement;

    Replacer(int target, JsonValue replacement) {
      this.remaining = target;
      this.replacement = replacement;
    }

    JsonValue walk(JsonValue v) {
      if (remaining-- == 0) {
        return replacement;
      }
      if (v instanceof JsonObject o) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        o.members().forEach((k, x) -> m.put(k, walk(x)));
        return JsonObject.of(m);
      }
      if (v instanceof JsonArray a) {
        List<JsonValue> l = new ArrayList<>();
        a.items().forEach(x -> l.add(walk(x)));
        return JsonArray.of(l);
      }
      return v;
    }
  }

  // ------------------------------------------------------------------ core entry points

  @Property
  void json_parse(@ForAll("jsonTexts") String text) {
    Hostile.check("Json.parse", text, () -> Json.parse(text), Json::write);
  }

  @Property
  void preset_fromJson(@ForAll("jsonTexts") String text) {
    Hostile.check("Preset.fromJson", text, () -> Preset.fromJson(text), p -> Validator.builder().preset(p).build());
  }

  @Property
  void preset_fromJson_mutant(@ForAll("jsonMutants") String text) {
    preset_fromJson(text);
  }

  @Property
  void artifact_fromJson(@ForAll("jsonTexts") String text) {
    Hostile.check("Artifact.fromJson", text, () -> Artifact.fromJson(text), a -> {
      a.toCanonicalJson();
      a.definitions("Policy").forEach(d -> d.id());
    });
  }

  @Property
  void artifact_fromJson_mutant(@ForAll("jsonMutants") String text) {
    artifact_fromJson(text);
  }

  @Property
  void contracts_read(@ForAll("jsonTexts") String text) {
    for (Strictness s : Strictness.values()) {
      Hostile.check("ContractJson.readDecision", text, () -> ContractJson.readDecision(text, s), ContractJson::toJson);
      Hostile.check("ContractJson.readEvent", text, () -> ContractJson.readEvent(text, s), ContractJson::toJson);
      Json.parse(text).value().ifPresent(v -> {
        Hostile.check("ContractJson.readIntent", text, () -> ContractJson.readIntent(v, s), ContractJson::toJson);
        Hostile.check("ContractJson.readTrace", text, () -> ContractJson.readTrace(v, s), ContractJson::toJson);
        Hostile.check("ContractJson.readDiagnostic", text, () -> ContractJson.readDiagnostic(v, s),
            ContractJson::toJson);
      });
    }
  }

  @Property
  void contracts_read_mutant(@ForAll("jsonMutants") String text) {
    contracts_read(text);
  }

  @Property
  void expression_ir(@ForAll("jsonMutants") String text, @ForAll("bindings") JsonObject vars) {
    JsonValue v = Json.parse(text).orElseThrow();
    Hostile.check("ExprJson.decode", text, () -> ExprJson.decode(v), e -> ExprJson.encode(e));
    Hostile.check("Expressions.compileJson", text,
        () -> Expressions.compileJson(ExprEngine.standard(), v, TypeEnv.empty(), Limits.defaults()),
        c -> evaluate(text, c, vars));
  }

  // ------------------------------------------------------------------ dsl entry points

  @Property
  void expression_text(@ForAll("expressionTexts") String text, @ForAll("bindings") JsonObject vars) {
    Hostile.check("Expressions.parse", text, () -> Expressions.parse(text, Limits.defaults()),
        p -> Expressions.print(p.ir()));
    Hostile.check("Expressions.compile", text, () -> Expressions.compile(text, TypeEnv.empty(), Limits.defaults()),
        c -> evaluate(text, c, vars));
  }

  static void evaluate(String text, CompiledExpression c, JsonObject vars) {
    Bindings b = Bindings.of(vars);
    Hostile.check("CompiledExpression.evaluate", text, () -> c.evaluate(b), Json::write);
    Hostile.check("CompiledExpression.test", text, () -> c.test(b), x -> { });
    Hostile.check("CompiledExpression.evaluateDetailed", text, () -> c.evaluateDetailed(b, true), x -> { });
  }

  @Property
  void manifest_pipeline(@ForAll("manifestTexts") String text) {
    List<Result<ManifestAst>> parsed = new ArrayList<>();
    Hostile.check("Manifests.parseText", text, () -> Manifests.parseText(text), ast -> parsed.add(Result.ok(ast)));
    for (Syntax s : Syntax.values()) {
      Hostile.check("Manifests.parseText(" + s + ")", text, () -> Manifests.parseText(text, s),
          ast -> parsed.add(Result.ok(ast)));
    }
    for (Result<ManifestAst> r : parsed) {
      ManifestAst ast = r.orElseThrow();
      Hostile.check("Validator", text, () -> Validator.builder().meta(meta).build().check(ast), a -> { });
      Hostile.check("Validator.semanticOnly", text, () -> Validator.semanticOnly().check(ast), a -> { });
      Hostile.check("RegistryCompiler.compile", text, () -> compiler.compile(ast),
          a -> Hostile.check("Artifact.fromJson(compiled)", text, () -> Artifact.fromJson(a.toCanonicalJson()),
              x -> { }));
      Hostile.check("OverlayEngine.apply", text,
          () -> OverlayEngine.standard().apply(Manifests.parseText(MANIFEST_DSL).orElseThrow(), ast).toResult(), a -> { });
      ManifestSource source = ManifestSource.inMemory(Map.of("acme.common",
          new ManifestEntry.Text(text, Optional.empty(), Optional.of("1.2.0"), Optional.empty())));
      for (ImportResolver.Mode mode : ImportResolver.Mode.values()) {
        ImportResolver resolver = ImportResolver.builder().source(source).mode(mode).build();
        Hostile.check("ImportResolver.resolve(" + mode + ")", text,
            () -> resolver.resolve(Manifests.parseText(MANIFEST_DSL).orElseThrow()).toResult(), a -> { });
        Hostile.check("ImportResolver.resolve(self, " + mode + ")", text, () -> resolver.resolve(ast).toResult(),
            a -> { });
      }
    }
  }

  @Property
  void domainMeta_load(@ForAll("metaTexts") String text) {
    Hostile.check("DomainMetaLoader.fromText", text, () -> DomainMetaLoader.fromText(text), m -> {
      MetaDiff.between(meta, m).report();
      MetaDiff.between(m, meta).report();
      RegistryCompiler.builder().meta(m).build();
    });
  }

  @Property
  void domainMeta_load_mutant(@ForAll("jsonMutants") String text) {
    domainMeta_load(text);
  }

  // ------------------------------------------------------------------ fixture files

  @Property(tries = 40)
  void fixture_files(@ForAll("jsonTexts") String input, @ForAll("jsonMutants") String expected,
      @ForAll("jsonTexts") String metaJson) throws IOException {
    ConformanceRunner runner = ConformanceRunner.builder().build();
    Path root = Files.createTempDirectory("mpc-sweep");
    try {
      for (String category : runner.categories()) {
        Path dir = Files.createDirectories(root.resolve(category).resolve("case"));
        Files.write(dir.resolve("input.json"), input.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("expected.json"), expected.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("meta.json"), metaJson.getBytes(StandardCharsets.UTF_8));
        FixtureResult r;
        try {
          r = runner.run(new Fixture(category, "case", dir));
        } catch (Throwable t) {
          throw new AssertionError("fixture runner threw on category " + category + ", input "
              + Hostile.preview(input), t);
        }
        assertNotNull(r.status());
        r.details().forEach(d -> {
          Hostile.assertNoLeak("fixture " + category, d);
          assertFalse(d.contains("internal failure in the handler"), () -> "handler bug in " + category + ": " + d
              + " on input " + Hostile.preview(input));
        });
      }
    } finally {
      try (var walk = Files.walk(root)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
