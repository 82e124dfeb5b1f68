package dev.mpc.dsl.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportResolverTest {

  static ManifestAst dsl(String ns, String version, String... defs) {
    return Manifests.parseText("@namespace \"" + ns + "\"\n@version \"" + version + "\"\n" + String.join("\n", defs))
        .orElseThrow();
  }

  static ManifestSource source(Map<String, ManifestAst> manifests) {
    Map<String, ManifestEntry> m = new HashMap<>();
    manifests.forEach((k, v) -> m.put(k, ManifestEntry.parsed(v)));
    return ManifestSource.inMemory(m);
  }

  static List<String> ids(ManifestAst ast) {
    return ast.defs().stream().map(d -> d.kind() + ":" + d.id()).toList();
  }

  static List<String> messages(ImportResult r) {
    return r.diagnostics().stream().map(Diagnostic::message).toList();
  }

  @Test
  void resolve_strictAliasedImport_prefixesIdsAndKeepsBaseFirst() {
    ManifestAst base = dsl("app", "1.0.0", "def Import lib { alias: \"ext\", version: \"^1.0.0\" }", "def Policy own {}");
    ImportResult r = ImportResolver.of(source(Map.of("lib", dsl("lib", "1.3.0", "def Policy p1 { a: 1 }")))).resolve(base);
    assertTrue(r.ok(), r.diagnostics()::toString);
    assertEquals(List.of("Import:lib", "Policy:own", "Policy:ext.p1"), ids(r.ast().orElseThrow()));
    assertEquals(List.of("lib"), r.resolvedImports());
    assertEquals("1", r.ast().orElseThrow().defs().get(2).properties().getOrNull("a").toString());
  }

  @Test
  void resolve_strictDiamond_isNotACycleAndMergesSharedOnce() {
    Map<String, ManifestAst> m = Map.of(
        "a", dsl("a", "1.0.0", "def Import c {}", "def Policy pa {}"),
        "b", dsl("b", "1.0.0", "def Import c {}", "def Policy pb {}"),
        "c", dsl("c", "1.0.0", "def Policy pc {}"));
    ManifestAst base = dsl("app", "1.0.0", "def Import a {}", "def Import b {}");
    ImportResult strict = ImportResolver.of(source(m)).resolve(base);
    assertTrue(strict.ok(), strict.diagnostics()::toString);
    assertEquals(List.of("Import:a", "Import:b", "Policy:pa", "Policy:pc", "Policy:pb"), ids(strict.ast().orElseThrow()));

    ImportResult compat = ImportResolver.builder().source(source(m)).mode(ImportResolver.Mode.UPSTREAM_COMPAT).build()
        .resolve(base);
    assertEquals(List.of("Import cycle detected: app -> b -> c"), messages(compat));
    assertSame(base, compat.ast().orElseThrow());
  }

  @Test
  void resolve_strictCycle_reportedWithPathAndSourceMapAndNoAst() {
    Map<String, ManifestAst> m = Map.of(
        "a", dsl("a", "1.0.0", "def Import b {}"),
        "b", dsl("b", "1.0.0", "def Import a {}"));
    ManifestAst base = dsl("app", "1.0.0", "def Import a {}");
    ImportResult r = ImportResolver.of(source(m)).resolve(base);
    assertFalse(r.ok());
    assertTrue(r.ast().isEmpty());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Code.E_VALID_CYCLE_DETECTED, d.code());
    assertEquals("Import cycle detected: app -> a -> b -> a", d.message());
    assertEquals(3, d.source().orElseThrow().line(), "the Import def in manifest b");
  }

  @Test
  void resolve_strictBadImports_reportsEveryProblemWithItsSourceMap() {
    ManifestAst base = dsl("app", "1.0.0",
        "def Import missing {}",
        "def Import lib { version: \"^2.0.0\" }",
        "def Import other { source: \"x\", from: \"y\" }",
        "def Import lib2 { alias: 7 }");
    ImportResult r = ImportResolver.of(source(Map.of("lib", dsl("lib", "1.2.3")))).resolve(base);
    assertEquals(List.of(
        "Import source 'missing' not found",
        "Import 'lib' version 1.2.3 does not satisfy constraint '^2.0.0'",
        "Import 'other' names two sources: source 'x' and from 'y'",
        "Import 'lib2': property 'alias' must be a non-empty string, found 7"), messages(r));
    assertEquals(List.of(3, 4, 5, 6), r.diagnostics().stream().map(d -> d.source().orElseThrow().line()).toList());
    assertTrue(r.diagnostics().stream().allMatch(d -> d.code() == Code.E_VALID_UNRESOLVED_REF));
  }

  @Test
  void resolve_registeredVersion_overridesManifestVersionInStrictAndDefaultsTo000InCompat() {
    ManifestAst lib = dsl("lib", "1.5.0", "def Policy p {}");
    ManifestAst base = dsl("app", "1.0.0", "def Import lib { version: \">=1.0.0\" }");
    assertTrue(ImportResolver.of(source(Map.of("lib", lib))).resolve(base).ok());
    ManifestSource pinned = ManifestSource.inMemory(Map.of("lib", ManifestEntry.parsed(lib, "0.9.0")));
    assertEquals(List.of("Import 'lib' version 0.9.0 does not satisfy constraint '>=1.0.0'"),
        messages(ImportResolver.of(pinned).resolve(base)));
    ImportResult compat = ImportResolver.builder().source(source(Map.of("lib", lib)))
        .mode(ImportResolver.Mode.UPSTREAM_COMPAT).build().resolve(base);
    assertEquals(List.of("Import 'lib' version 0.0.0 does not satisfy constraint '>=1.0.0'"), messages(compat));
    assertTrue(compat.ast().isPresent(), "compat mode keeps the partially merged AST");
  }

  @Test
  void resolve_compat_copiesImportedImportDefsWithoutResolvingThem() {
    Map<String, ManifestAst> m = Map.of(
        "a", dsl("a", "1.0.0", "def Import b {}", "def Policy pa {}"),
        "b", dsl("b", "1.0.0", "def Policy pb {}"));
    ImportResult r = ImportResolver.builder().source(source(m)).mode(ImportResolver.Mode.UPSTREAM_COMPAT).build()
        .resolve(dsl("app", "1.0.0", "def Import a {}"));
    assertEquals(List.of("Import:a", "Import:b", "Policy:pa"), ids(r.ast().orElseThrow()));
    assertEquals(List.of("a"), r.resolvedImports());
  }

  @Test
  void resolve_collision_skipsOnlyTheCollidingDefinitionInCompat() {
    ManifestAst base = dsl("app", "1.0.0", "def Import lib {}", "def Policy p1 {}");
    ManifestAst lib = dsl("lib", "1.0.0", "def Policy p1 {}", "def Policy p2 {}");
    ImportResult compat = ImportResolver.builder().source(source(Map.of("lib", lib)))
        .mode(ImportResolver.Mode.UPSTREAM_COMPAT).build().resolve(base);
    assertEquals(List.of("Import collision: 'Policy:p1' from 'lib' conflicts with existing definition"), messages(compat));
    assertEquals(List.of("Import:lib", "Policy:p1", "Policy:p2"), ids(compat.ast().orElseThrow()));
    assertEquals(List.of("lib"), compat.resolvedImports());
    ImportResult strict = ImportResolver.of(source(Map.of("lib", lib))).resolve(base);
    assertEquals(Code.E_VALID_NAMESPACE_CONFLICT, strict.diagnostics().get(0).code());
    assertTrue(strict.ast().isEmpty());
  }

  @Test
  void resolve_throwingOrNullSource_isReportedNotPropagated() {
    ManifestSource throwing = name -> {
      throw new IllegalStateException("database down");
    };
    ImportResult r = ImportResolver.of(throwing).resolve(dsl("app", "1.0.0", "def Import lib {}"));
    assertEquals(List.of("Import source 'lib' could not be loaded: IllegalStateException: database down"), messages(r));
    assertEquals(Code.E_VALID_UNRESOLVED_REF, r.diagnostics().get(0).code());
    ManifestSource nulls = name -> null;
    assertEquals(List.of("Import source 'lib' could not be loaded: the ManifestSource returned null"),
        messages(ImportResolver.of(nulls).resolve(dsl("app", "1.0.0", "def Import lib {}"))));
  }

  @Test
  void resolve_unparsableText_reportsParseErrorsAsCauses() {
    ManifestSource s = ManifestSource.inMemory(Map.of("lib", ManifestEntry.text("def Policy {")));
    ImportResult r = ImportResolver.of(s).resolve(dsl("app", "1.0.0", "def Import lib {}"));
    Diagnostic d = r.diagnostics().get(0);
    assertTrue(d.message().startsWith("Import source 'lib' does not parse"), d.message());
    assertFalse(d.causes().isEmpty());
    assertEquals(Code.E_PARSE_SYNTAX, d.causes().get(0).code());
  }

  @Test
  void resolve_asksSourceOncePerName() {
    AtomicInteger calls = new AtomicInteger();
    ManifestAst c = dsl("c", "1.0.0", "def Policy pc {}");
    Map<String, ManifestAst> m = Map.of("a", dsl("a", "1.0.0", "def Import c {}"), "b", dsl("b", "1.0.0", "def Import c {}"), "c", c);
    ManifestSource counting = name -> {
      calls.incrementAndGet();
      return Optional.ofNullable(m.get(name)).map(ManifestEntry::parsed);
    };
    assertTrue(ImportResolver.of(counting).resolve(dsl("app", "1.0.0", "def Import a {}", "def Import b {}")).ok());
    assertEquals(3, calls.get());
  }

  @Test
  void resolve_aliasBomb_stopsAtDefinitionLimit() {
    Map<String, ManifestAst> m = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      m.put("m" + i, dsl("m" + i, "1.0.0", "def Import m" + (i + 1) + " { alias: \"x\" }",
          "def Import y" + i + " { from: \"m" + (i + 1) + "\", alias: \"y\" }", "def Policy p {}"));
    }
    m.put("m30", dsl("m30", "1.0.0", "def Policy p {}"));
    ImportResult r = ImportResolver.builder().source(source(m)).maxDefinitions(10_000).build()
        .resolve(dsl("app", "1.0.0", "def Import m0 {}"));
    assertTrue(r.ast().isEmpty());
    assertEquals(Code.E_QUOTA_EXCEEDED, r.diagnostics().get(r.diagnostics().size() - 1).code());
  }

  @Test
  void resolve_longChain_stopsAtMaxDepth() {
    Map<String, ManifestAst> m = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      m.put("m" + i, dsl("m" + i, "1.0.0", "def Import m" + (i + 1) + " {}"));
    }
    for (ImportResolver.Mode mode : ImportResolver.Mode.values()) {
      ImportResult r = ImportResolver.builder().source(source(m)).mode(mode).maxDepth(20).build()
          .resolve(dsl("app", "1.0.0", "def Import m0 {}"));
      assertEquals(Code.E_QUOTA_EXCEEDED, r.diagnostics().get(0).code(), mode::toString);
    }
  }

  @Test
  void resolve_neverModifiesInput() {
    ManifestAst base = dsl("app", "1.0.0", "def Import lib { alias: \"x\" }");
    ManifestAst lib = dsl("lib", "1.0.0", "def Policy p { a: { b: [1] } }");
    String before = base.canonicalJson() + lib.canonicalJson();
    ImportResolver.of(source(Map.of("lib", lib))).resolve(base);
    assertEquals(before, base.canonicalJson() + lib.canonicalJson());
  }

  @Test
  void directorySource_readsByExtensionAndRejectsAmbiguityAndTraversal(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("lib.yaml"), "namespace: lib\nmanifestVersion: 1.4.0\ndefs:\n  - kind: Policy\n    id: p1\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dup.mpc"), "def Policy a {}", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dup.json"), "{}", StandardCharsets.UTF_8);
    ManifestSource s = ManifestSource.directory(dir);
    ImportResult r = ImportResolver.of(s).resolve(Manifests.parseText(
        "@namespace \"app\"\ndef Import lib { version: \"~1.4\" }\ndef Import dup {}\ndef Import up { from: \"../etc\" }").orElseThrow());
    List<String> messages = new ArrayList<>(messages(r));
    assertEquals(2, messages.size(), messages::toString);
    assertTrue(messages.get(0).startsWith("Import source 'dup' could not be loaded: IllegalStateException: manifest name 'dup' is ambiguous"),
        messages.get(0));
    assertEquals("Import source '../etc' not found", messages.get(1));
    ManifestEntry.Text lib = (ManifestEntry.Text) s.find("lib").orElseThrow();
    assertTrue(lib.origin().orElseThrow().endsWith("lib.yaml"));
    assertTrue(lib.version().isEmpty(), "the manifest's own manifestVersion 1.4.0 satisfied ~1.4");
  }

  @Test
  void builder_invalidSettings_failFast() {
    assertThrows(IllegalStateException.class, () -> ImportResolver.builder().build());
    assertThrows(IllegalArgumentException.class, () -> ImportResolver.builder().maxDepth(0));
    assertThrows(IllegalArgumentException.class, () -> ImportResolver.builder().maxManifests(-1));
    assertThrows(IllegalArgumentException.class, () -> ImportResolver.builder().maxDefinitions(0));
    assertThrows(NullPointerException.class, () -> ImportResolver.builder().source(null));
  }

  @Test
  void resolve_nestedImportDefinitions_areNotImports() {
    ManifestAst base = dsl("app", "1.0.0", "def Group g { def Import lib {} }");
    ImportResult r = ImportResolver.of(ManifestSource.empty()).resolve(base);
    assertTrue(r.ok());
    assertEquals(List.of("Group:g"), ids(r.ast().orElseThrow()));
    AstNode g = r.ast().orElseThrow().defs().get(0);
    assertEquals("Import", g.children().get(0).kind());
  }
}
