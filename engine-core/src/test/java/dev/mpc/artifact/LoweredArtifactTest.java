package dev.mpc.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lowered expressions: engine-core alone (no parser on this classpath) loads the compiled IR,
 * verifies it, and evaluates it.
 */
class LoweredArtifactTest {
  private static Diagnostic rejected(String text) {
    Result<Artifact> r = Artifact.fromJson(text);
    assertFalse(r.isOk(), "a tampered lowered section must not load");
    assertEquals(Code.E_PARSE_INVALID_TOKEN, r.diagnostics().get(0).code());
    return r.diagnostics().get(0);
  }

  @Test
  void loadedArtifact_evaluatesLoweredConditionWithoutTheCompiler() throws IOException {
    Artifact a = Artifact.fromJson(ArtifactTest.resource("order-rules.artifact.json")).orElseThrow();
    assertEquals("35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa", a.hash(), "upstream hash kept");
    Expr ir = a.expression("Policy:allow_editors", "condition").orElseThrow();
    CompiledExpression e = ExprEngine.standard().compile(ir, TypeEnv.empty(), Limits.defaults()).orElseThrow();
    JsonObject with = (JsonObject) Json.parse("{\"actor\":{\"id\":\"u1\"}}").orElseThrow();
    JsonObject without = (JsonObject) Json.parse("{\"actor\":{\"id\":\"\"}}").orElseThrow();
    assertEquals(Boolean.TRUE, e.test(Bindings.of(with)).orElseThrow());
    assertEquals(Boolean.FALSE, e.test(Bindings.of(without)).orElseThrow());
    assertEquals(Map.of("condition", ir), a.expressions("Policy:allow_editors"));
    assertTrue(a.expressions("Workflow:approval").isEmpty());
    assertFalse(a.expression("Policy:allow_editors", "match/expr").isPresent());
    assertFalse(a.expression("Policy:nope", "condition").isPresent());
  }

  @Test
  void tamperedLoweredSection_isRejected() throws IOException {
    String text = ArtifactTest.resource("order-rules.artifact.json");
    assertTrue(rejected(text.replace("\"right\":{\"lit\":0}", "\"right\":{\"lit\":-1}")).message()
        .contains("lowered.digest"));
    assertTrue(rejected(text.replace("\"op\":\">\"", "\"op\":\"@@\"")).message().contains("not expression IR"));
    assertTrue(rejected(text.replace("\"sites\":{\"Policy:allow_editors\":{\"condition\"",
        "\"sites\":{\"Policy:ghost\":{\"condition\"")).message().contains("Policy:ghost"));
    assertTrue(rejected(text.replace("\"sites\":{\"Policy:allow_editors\":{\"condition\"",
        "\"sites\":{\"Policy:allow_editors\":{\"nothere\"")).message().contains("nothere"));
    assertTrue(rejected(text.replaceAll(",\"lowered\":\\{.*\\}\\}\\}\\},", ",")).message().contains("lowered"));
  }

  @Test
  void of_withLowered_checksSitesAndExtendsResolution() {
    AstNode base = AstNode.of("Policy", "base", null,
        (JsonObject) Json.parse("{\"condition\":\"x\",\"effect\":\"allow\"}").orElseThrow(), List.of());
    AstNode child = AstNode.of("Policy", "child", null,
        (JsonObject) Json.parse("{\"extends\":\"base\"}").orElseThrow(), List.of());
    Expr ir = ExprJson.decode(Json.parse("{\"ref\":\"x\"}").orElseThrow()).orElseThrow();
    ManifestIdentity m = ManifestIdentity.of(ManifestAst.of(List.of(base, child)));
    Artifact a = Artifact.of(m, MetaIdentity.of(DomainMeta.EMPTY), "1", Map.of("Policy:base", Map.of("condition", ir)));
    assertEquals(ir, a.expression("Policy:child", "condition").orElseThrow(), "inherited from the owner of the property");
    assertEquals(a, Artifact.fromJson(a.toCanonicalJson()).orElseThrow());
    assertThrows(IllegalArgumentException.class,
        () -> Artifact.of(m, MetaIdentity.of(DomainMeta.EMPTY), "1", Map.of("Policy:child", Map.of("condition", ir))));
  }
}
