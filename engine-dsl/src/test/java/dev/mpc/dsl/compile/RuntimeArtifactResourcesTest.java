package dev.mpc.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.WorkedExample;
import dev.mpc.expr.ExprJson;
import dev.mpc.meta.DomainMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled artifacts engine-core's runtime tests load (engine-core has no compiler): each
 * checked-in resource must be exactly what the compiler produces today. Run with
 * {@code -Dmpc.regenerate=true} to rewrite them after a deliberate change.
 */
class RuntimeArtifactResourcesTest {
  static final Path DIR = Path.of("..", "engine-core", "src", "test", "resources", "artifacts");

  /** The manifest of {@code engine-rules.artifact.json}: policies and ACL rules with expressions. */
  static final String ENGINE_RULES = """
      @schema 1
      @namespace "acme.orders"
      @name "engine-rules"
      @version "1.0.0"

      def Policy deny_suspended "DenySuspended" {
          effect: "deny"
          priority: 100
          match: { expr: "actor.claims.suspended == true" }
      }
      def Policy allow_update {
          effect: "allow"
          priority: 10
          match: { name: "order.update", "object.type": "order" }
          condition: "len(actor.id) > 0"
          intents: [{kind: "audit", target: "order", params: {action: "update", actor: "a"}, idempotencyKey: "k1"}]
      }
      def Policy allow_read {
          effect: "allow"
          match: { name: "order.read" }
      }
      def ACL editors_update { action: "update", resource: "order", roles: ["editor"], maskFields: ["ssn", "card"] }
      def ACL owner_read { action: "read", resource: "order", condition: { expr: "resource.attributes.ownerId == actor.id" } }
      """;

  static final DomainMeta ENGINE_META = DomainMeta.builder().kind("Policy", "effect").kind("ACL")
      .function("len", List.of("string|array"), "int", 2).build();

  private static void check(String name, Artifact a) throws IOException {
    Path file = DIR.resolve(name);
    String text = a.toCanonicalJson() + "\n";
    if (Boolean.getBoolean("mpc.regenerate")) {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
    assertEquals(text.strip(), Files.readString(file, StandardCharsets.UTF_8).strip(),
        name + " is stale: rerun with -Dmpc.regenerate=true");
  }

  @Test
  void workedExample_resourceIsTheCompilersOutput_withLoweredSites() throws IOException {
    Artifact a = RegistryCompiler.builder().meta(WorkedExample.META).engineVersion("0.1.0").build()
        .compile(Manifests.parseText(WorkedExample.DSL).orElseThrow()).orElseThrow();
    assertEquals("35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa", a.hash(), "hash unchanged");
    assertEquals("{\"left\":{\"args\":[{\"ref\":\"actor.id\"}],\"fn\":\"len\"},\"op\":\">\",\"right\":{\"lit\":0}}",
        dev.mpc.json.Canonical.json(ExprJson.encode(a.expression("Policy:allow_editors", "condition").orElseThrow())));
    check("order-rules.artifact.json", a);
  }

  @Test
  void engineRules_resourceIsTheCompilersOutput() throws IOException {
    Artifact a = RegistryCompiler.builder().meta(ENGINE_META).engineVersion("0.1.0").build()
        .compile(Manifests.parseText(ENGINE_RULES).orElseThrow()).orElseThrow();
    assertTrue(a.expression("Policy:deny_suspended", "match/expr").isPresent());
    assertTrue(a.expression("Policy:allow_update", "condition").isPresent());
    assertTrue(a.expression("ACL:owner_read", "condition/expr").isPresent());
    assertFalse(a.expression("Policy:allow_read", "condition").isPresent());
    check("engine-rules.artifact.json", a);
  }
}
