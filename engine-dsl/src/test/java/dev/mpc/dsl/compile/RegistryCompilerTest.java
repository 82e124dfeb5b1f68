package dev.mpc.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import dev.mpc.preset.Preset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCompilerTest {
  static final String WORKED_EXAMPLE = dev.mpc.dsl.WorkedExample.DSL;
  static final DomainMeta WORKED_META = dev.mpc.dsl.WorkedExample.META;

  static RegistryCompiler compiler() {
    return RegistryCompiler.builder().meta(WORKED_META).engineVersion("0.1.0").build();
  }

  @Test
  void compile_workedExample_upstreamArtifactHashInEverySyntax() {
    RegistryCompiler c = compiler();
    ManifestAst dsl = Manifests.parseText(WORKED_EXAMPLE).orElseThrow();
    Artifact a = c.compile(dsl).orElseThrow();
    assertEquals("35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa", a.hash());
    for (dev.mpc.dsl.Syntax s : dev.mpc.dsl.Syntax.values()) {
      ManifestAst other = Manifests.parseText(Manifests.format(dsl, s)).orElseThrow();
      assertEquals(a.toCanonicalJson(), c.compile(other).orElseThrow().toCanonicalJson(), s.name());
    }
    assertEquals(a, Artifact.fromJson(a.toCanonicalJson()).orElseThrow());
  }

  @Test
  void compile_invalidManifest_failsWithEveryDiagnostic_quotaToo() {
    Result<Artifact> r = compiler().compile(Manifests.parseText("def Policy p {}\ndef Gadget g {}").orElseThrow());
    assertFalse(r.isOk());
    assertEquals(List.of(Code.E_META_MISSING_REQUIRED_FIELD, Code.E_META_UNKNOWN_KIND),
        r.diagnostics().stream().map(d -> d.code()).toList());
    RegistryCompiler tiny = RegistryCompiler.builder().meta(WORKED_META)
        .preset(Preset.fromJson("{\"name\":\"tiny\",\"presetVersion\":\"1\",\"defaultLimits\":{\"maxManifestNodes\":3}}")
            .orElseThrow()).build();
    Result<Artifact> q = tiny.compile(Manifests.parseText(WORKED_EXAMPLE).orElseThrow());
    assertEquals(Code.E_QUOTA_EXCEEDED, q.diagnostics().get(0).code());
    assertTrue(q.diagnostics().get(0).message().contains("maxManifestNodes of preset 'tiny'"));
  }

  @Test
  void compile_warningsRideAlong() {
    DomainMeta meta = DomainMeta.builder().kind(KindDef.of("Workflow")).build();
    Result<Artifact> r = RegistryCompiler.builder().meta(meta).build()
        .compile(Manifests.parseText("def Workflow w { initial: \"a\", states: [\"a\", \"b\"], transitions: [] }").orElseThrow());
    assertTrue(r.isOk());
    assertEquals(Code.E_VALID_INVALID_WORKFLOW, r.diagnostics().get(0).code());
  }

  @Test
  void cache_identityAndContentTiers_counted() {
    RegistryCompiler c = compiler();
    ManifestAst ast = Manifests.parseText(WORKED_EXAMPLE).orElseThrow();
    Artifact first = c.compile(ast).orElseThrow();
    assertEquals(new CompileCacheStats(0, 0, 1, 0, 1, first.toCanonicalJson().length()), c.cacheStats());
    assertEquals(first, c.compile(ast).orElseThrow());
    ManifestAst reparsed = Manifests.parseText(Manifests.format(ast, dev.mpc.dsl.Syntax.YAML)).orElseThrow();
    assertEquals(first, c.compile(reparsed).orElseThrow());
    CompileCacheStats s = c.cacheStats();
    assertEquals(1, s.identityHits());
    assertEquals(1, s.contentHits());
    assertEquals(1, s.misses());
  }

  @Test
  void cache_weightBoundEvicts() {
    RegistryCompiler c = RegistryCompiler.builder().meta(DomainMeta.builder().kind("A").build())
        .cacheMaximumWeight(1).build();
    for (int i = 0; i < 5; i++) {
      c.compile(Manifests.parseText("def A a" + i + " { n: " + i + " }").orElseThrow()).orElseThrow();
    }
    c.compile(Manifests.parseText("def A a0 { n: 0 }").orElseThrow()).orElseThrow();
    assertEquals(0, c.cacheStats().contentHits(), "nothing fits in a weight of 1");
  }

  @Test
  void builder_misuse_failsFast() {
    assertThrows(IllegalStateException.class, () -> RegistryCompiler.builder().build());
    assertThrows(IllegalArgumentException.class, () -> RegistryCompiler.builder()
        .meta(new DomainMeta(1, List.of(KindDef.of("A"), KindDef.of("A")), List.of(), List.of(), List.of())));
    assertThrows(IllegalArgumentException.class, () -> RegistryCompiler.builder().cacheMaximumWeight(-1));
    assertThrows(IllegalArgumentException.class, () -> RegistryCompiler.builder().engineVersion(" "));
  }

  /** Compiles the worked example in a fresh JVM and prints the artifact; used by the determinism test. */
  public static void main(String[] args) {
    System.out.print(compiler().compile(Manifests.parseText(WORKED_EXAMPLE).orElseThrow()).orElseThrow().toCanonicalJson());
  }

  @Test
  void compile_sameBytesInAnotherJvm() throws Exception {
    String here = compiler().compile(Manifests.parseText(WORKED_EXAMPLE).orElseThrow()).orElseThrow().toCanonicalJson();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-Duser.language=tr", "-Duser.country=TR",
        "-cp", System.getProperty("java.class.path"), RegistryCompilerTest.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(here, there, "same manifest, meta and engine version give the same bytes in another JVM (Turkish locale)");
  }
}
