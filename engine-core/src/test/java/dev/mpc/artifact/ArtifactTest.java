package dev.mpc.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime side: engine-core alone loads and verifies compiled artifacts (no compiler on the classpath). */
class ArtifactTest {

  static String resource(String name) throws IOException {
    try (InputStream in = ArtifactTest.class.getResourceAsStream("/artifacts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void fromJson_workedExample_verifiesAndHasUpstreamHashes() throws IOException {
    String text = resource("order-rules.artifact.json");
    Artifact a = Artifact.fromJson(text).orElseThrow();
    assertEquals("35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa", a.hash());
    assertEquals("3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1", a.provenance().astHash());
    assertEquals("a389f738ebda25b104616579da35d80d81bcac90db0c8058c15e53534997f692", a.provenance().metaHash());
    assertEquals("0.1.0", a.provenance().engineVersion());
    assertEquals(text.strip(), a.toCanonicalJson(), "serialization round-trips byte for byte");
    assertEquals(List.of("customer", "allow_editors", "approval"),
        a.manifest().defs().stream().map(AstNode::id).toList(), "canonical order: unnamed first, then by name");
    assertEquals(1, a.definitions("Policy").size());
    assertEquals("Approval Flow", a.definition("Workflow", "approval").orElseThrow().name().orElseThrow());
    assertEquals(Map.of("active", "bool", "label", "string", "maxLength", "int", "note", "null", "ratio", "float"),
        a.info("Entity", "customer").orElseThrow().propertyTypes());
    assertEquals(2, a.meta().function("len").orElseThrow().cost());
  }

  private static String tamper(String text, String from, String to) {
    assertTrue(text.contains(from), from);
    return text.replace(from, to);
  }

  private static Diagnostic rejected(String text) {
    Result<Artifact> r = Artifact.fromJson(text);
    assertFalse(r.isOk(), "a tampered artifact must not load");
    return r.diagnostics().get(0);
  }

  @Test
  void fromJson_tampered_rejectedWithCodedError() throws IOException {
    String text = resource("order-rules.artifact.json");
    Diagnostic manifest = rejected(tamper(text, "\"maxLength\":50", "\"maxLength\":51"));
    assertEquals(Code.E_PARSE_INVALID_TOKEN, manifest.code());
    assertTrue(manifest.message().contains("provenance.artifactHash") || manifest.message().contains("provenance.astHash"),
        manifest.message());
    assertTrue(rejected(tamper(text, "\"engineVersion\":\"0.1.0\"", "\"engineVersion\":\"9.9.9\"")).message()
        .contains("provenance.artifactHash"));
    assertTrue(rejected(tamper(text, "\"position\":0", "\"position\":7")).message().contains("index[0].position"));
    assertTrue(rejected(tamper(text, "\"ratio\":\"float\"", "\"ratio\":\"int\"")).message().contains("propertyTypes"));
    assertTrue(rejected(tamper(text, "mpc-artifact/1", "mpc-artifact/9")).message().contains("format"));
    assertEquals(Code.E_PARSE_SYNTAX, rejected(text.substring(0, text.length() / 2)).code());
    assertEquals(Code.E_PARSE_INVALID_TOKEN, rejected("{\"format\":\"mpc-artifact/1\",\"provenance\":{\"engineVersion\":\"1\"},"
        + "\"manifest\":{\"defs\":[{\"kind\":5}]}}").code());
    assertEquals(Code.E_PARSE_SYNTAX, rejected("[".repeat(100_000)).code());
  }

  @Test
  void of_resolvesExtendsChainsEffectivePropertiesAndDependencies() {
    AstNode base = AstNode.of("Rule", "base", null, obj("{\"level\":1,\"owner\":\"ops\"}"), List.of());
    AstNode mid = AstNode.of("Rule", "mid", null, obj("{\"extends\":\"base\",\"level\":2}"), List.of());
    AstNode leaf = AstNode.of("Rule", "leaf", null, obj("{\"extends\":\"mid\",\"imports\":[\"lib\",\"lib\"],\"x\":true}"),
        List.of());
    AstNode lib = AstNode.of("Module", "lib", null, JsonObject.EMPTY, List.of());
    Artifact a = Artifact.of(ManifestAst.of(List.of(leaf, lib, mid, base)), DomainMeta.EMPTY, "1.0.0");
    DefinitionInfo info = a.info("Rule", "leaf").orElseThrow();
    assertEquals(List.of("Rule:mid", "Rule:base"), info.extendsChain());
    assertEquals(List.of("Rule:mid", "Module:lib"), info.dependsOn());
    assertEquals(obj("{\"level\":2,\"owner\":\"ops\",\"extends\":\"mid\",\"imports\":[\"lib\",\"lib\"],\"x\":true}"),
        a.effectiveProperties("Rule", "leaf").orElseThrow());
    assertEquals(List.of("Rule:base"), a.dependencyGraph().get("Rule:mid"));
    assertEquals(a, Artifact.fromJson(a.toCanonicalJson()).orElseThrow());
  }

  @Test
  void of_extendsChainLongerThanTheLimit_isRejected_andFromJsonReportsIt() {
    List<AstNode> defs = new java.util.ArrayList<>();
    for (int i = 0; i <= Artifact.MAX_EXTENDS_DEPTH + 1; i++) {
      defs.add(AstNode.of("Rule", "r" + i, null,
          i == 0 ? JsonObject.EMPTY : obj("{\"extends\":\"r" + (i - 1) + "\"}"), List.of()));
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Artifact.of(ManifestAst.of(defs), DomainMeta.EMPTY, "1.0.0"));
    assertTrue(e.getMessage().contains("longer than " + Artifact.MAX_EXTENDS_DEPTH), e.getMessage());
    // an artifact file carrying such a manifest gets a coded error, not an exception: two chains
    // of 200 and 100 definitions, joined into one of 300 by editing the file
    List<AstNode> fine = new java.util.ArrayList<>();
    for (String chain : List.of("a:200", "b:100")) {
      String p = chain.substring(0, 1);
      int n = Integer.parseInt(chain.substring(2));
      for (int i = 0; i < n; i++) {
        fine.add(AstNode.of("Rule", p + i, null,
            i == 0 ? JsonObject.EMPTY : obj("{\"extends\":\"" + p + (i - 1) + "\"}"), List.of()));
      }
    }
    String json = Artifact.of(ManifestAst.of(fine), DomainMeta.EMPTY, "1.0.0").toCanonicalJson();
    String tampered = json.replace("{\"id\":\"b0\",\"kind\":\"Rule\"}",
        "{\"id\":\"b0\",\"kind\":\"Rule\",\"properties\":{\"extends\":\"a199\"}}");
    org.junit.jupiter.api.Assertions.assertNotEquals(json, tampered);
    dev.mpc.diag.Result<Artifact> loaded = Artifact.fromJson(tampered);
    assertFalse(loaded.isOk());
    assertEquals(Code.E_PARSE_INVALID_TOKEN, loaded.diagnostics().get(0).code());
    assertTrue(loaded.diagnostics().get(0).message().contains("longer than " + Artifact.MAX_EXTENDS_DEPTH),
        loaded.diagnostics().get(0).message());
  }

  @Test
  void of_definitionOrderOfInput_doesNotChangeTheArtifact() {
    AstNode x = AstNode.of("A", "x", "Zed", JsonObject.EMPTY, List.of());
    AstNode y = AstNode.of("A", "y", null, JsonObject.EMPTY, List.of());
    AstNode z = AstNode.of("B", "z", "Alpha", JsonObject.EMPTY, List.of());
    Artifact one = Artifact.of(ManifestAst.of(List.of(x, y, z)), DomainMeta.EMPTY, "1");
    Artifact two = Artifact.of(ManifestAst.of(List.of(z, x, y)), DomainMeta.EMPTY, "1");
    assertEquals(one.toCanonicalJson(), two.toCanonicalJson());
    assertEquals(List.of("y", "z", "x"), one.manifest().defs().stream().map(AstNode::id).toList());
  }

  private static JsonObject obj(String json) {
    return (JsonObject) Json.parse(json).orElseThrow();
  }
}
