package dev.mpc.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up sample exercises every engine kind and compiles cleanly, so the warm-up really runs the pipeline. */
class WarmUpTest {
  @Test
  void theSampleCompilesWithoutAnyDiagnostic_inEverySyntax() {
    DomainMeta meta = DomainMeta.builder().kind("Role").kind("Policy", "effect").kind("Condition", "expr")
        .kind("ACL", "action", "resource").kind("Workflow", "initial", "states", "transitions").kind("Entity")
        .allowedEvents("order.update").function("len", List.of("string|array"), "int", 2).build();
    var ast = ManifestParser.standard().parseText(WarmUp.SAMPLE, Syntax.DSL, "warm-up.mpc").orElseThrow();
    assertEquals(List.of("Role", "Role", "Policy", "Policy", "ACL", "ACL", "Workflow", "Entity"),
        ast.defs().stream().map(d -> d.kind()).toList());
    Result<Artifact> r = RegistryCompiler.builder().meta(meta).warmUp(false).build().compile(ast);
    assertTrue(r.isOk() && r.diagnostics().isEmpty(), r.diagnostics().toString());
    Artifact a = r.orElseThrow();
    for (Syntax s : List.of(Syntax.YAML, Syntax.JSON)) {
      var again = ManifestParser.standard().parseText(dev.mpc.dsl.Manifests.format(ast, s), s, "w").orElseThrow();
      assertEquals(ast.astHash(), again.astHash(), s.toString());
    }
    assertTrue(a.expression("Policy:allow_update", "condition").isPresent(), "the condition was lowered");
    assertTrue(a.expressions("ACL:owner_update").size() == 1, "the ACL condition was lowered");
  }

  @Test
  void buildingWarms_onceOnly_andTheCompilerIsTheSame() {
    DomainMeta meta = DomainMeta.builder().kind("Policy", "effect").build();
    RegistryCompiler warmed = RegistryCompiler.builder().meta(meta).build();
    RegistryCompiler cold = RegistryCompiler.builder().meta(meta).warmUp(false).build();
    var ast = ManifestParser.standard().parseText("@schema 1\n@namespace \"x\"\ndef Policy p { effect: \"deny\" }\n")
        .orElseThrow();
    assertEquals(cold.compile(ast).orElseThrow().hash(), warmed.compile(ast).orElseThrow().hash());
    assertEquals(1, warmed.cacheStats().misses(), "the warm-up used its own compiler, not this one's caches");
  }
}
