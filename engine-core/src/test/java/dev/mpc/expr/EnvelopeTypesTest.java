package dev.mpc.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeTypesTest {
  private static final ExprEngine ENGINE = ExprEngine.builder().build().orElseThrow();

  private static Result<CompiledExpression> compile(Expr e, TypeEnv env) {
    return ENGINE.compile(e, env, Limits.defaults());
  }

  private static Expr ref(String path) {
    return new Expr.Ref(path);
  }

  private static Expr eq(Expr l, String r) {
    return new Expr.Binary(Expr.BinaryOp.EQ, l, new Expr.Lit(JsonString.of(r)));
  }

  private static String onlyError(Result<CompiledExpression> r) {
    assertFalse(r.isOk(), "expected a failure");
    List<Diagnostic> d = r.diagnostics();
    assertEquals(1, d.size(), d.toString());
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, d.get(0).code());
    return d.get(0).message();
  }

  @Test
  void policy_objectStatus_impossible_suggestsAttributes() {
    String msg = onlyError(compile(eq(ref("object.status"), "open"), EnvelopeTypes.policy()));
    assertEquals("Path 'object.status' cannot exist: 'object' has no field 'status' (fields: attributes, id, state,"
        + " type); did you mean 'object.state' or 'object.attributes.status'?", msg);
  }

  @Test
  void policy_actorName_impossible_suggestsClaims() {
    String msg = onlyError(compile(eq(ref("actor.name"), "x"), EnvelopeTypes.policy()));
    assertTrue(msg.contains("'actor' has no field 'name'") && msg.contains("did you mean 'actor.claims.name'"), msg);
  }

  @Test
  void policy_eventRootIsTheEnvelope() {
    assertTrue(compile(eq(ref("event.kind"), "create"), EnvelopeTypes.policy()).isOk());
    assertTrue(compile(eq(ref("event.object.attributes.status"), "open"), EnvelopeTypes.policy()).isOk());
    assertTrue(onlyError(compile(eq(ref("event.object.status"), "open"), EnvelopeTypes.policy()))
        .contains("'event.object' has no field 'status'"));
  }

  @Test
  void policy_openMapsAreAny_atAnyDepth() {
    for (String p : List.of("object.attributes.status", "actor.claims.level.x", "context.tenant", "payload.a.b",
        "previous.state", "event.context.x")) {
      Result<CompiledExpression> r = compile(eq(ref(p), "v"), EnvelopeTypes.policy());
      assertTrue(r.isOk(), p + " " + r.diagnostics());
    }
  }

  @Test
  void policy_unknownRoot_impossible() {
    String msg = onlyError(compile(eq(ref("user.id"), "x"), EnvelopeTypes.policy()));
    assertTrue(msg.startsWith("Path 'user.id' cannot exist: No variable 'user' (variables: actor, context, event,"), msg);
  }

  @Test
  void fieldOfScalar_impossible() {
    String msg = onlyError(compile(eq(ref("actor.id.x"), "v"), EnvelopeTypes.policy()));
    assertEquals("Path 'actor.id.x' cannot exist: 'actor.id' is 'string', it has no field 'x'", msg);
  }

  @Test
  void typedMembers_checkedStatically() {
    // kind is a string: 'kind - 1' has no arithmetic type
    Result<CompiledExpression> r = compile(new Expr.Binary(Expr.BinaryOp.SUB, ref("kind"),
        new Expr.Lit(dev.mpc.json.JsonInt.of(1))), EnvelopeTypes.policy());
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, r.diagnostics().get(0).code());
    assertEquals(ExprType.BOOL, compile(eq(ref("kind"), "create"), EnvelopeTypes.policy()).orElseThrow().type());
  }

  @Test
  void index_withConstantKey_checkedLikeAPath() {
    Expr ix = new Expr.Index(ref("object"), new Expr.Lit(JsonString.of("status")));
    assertTrue(onlyError(compile(eq(ix, "open"), EnvelopeTypes.policy())).contains("'object' has no field 'status'"));
    Expr ok = new Expr.Index(ref("object"), new Expr.Lit(JsonString.of("state")));
    assertTrue(compile(eq(ok, "open"), EnvelopeTypes.policy()).isOk());
  }

  @Test
  void acl_roots() {
    for (String p : List.of("actor.id", "object.type", "resource.id", "resource.attributes.ownerId", "action",
        "context.ip")) {
      assertTrue(compile(eq(ref(p), "v"), EnvelopeTypes.acl()).isOk(), p);
    }
    assertTrue(onlyError(compile(eq(ref("kind"), "v"), EnvelopeTypes.acl())).contains("No variable 'kind'"));
    assertTrue(onlyError(compile(eq(ref("actor.clearance"), "v"), EnvelopeTypes.acl()))
        .contains("did you mean 'actor.claims.clearance'"));
  }

  @Test
  void guard_openRoots_closedEnvelopeMembers() {
    assertTrue(compile(eq(ref("role"), "editor"), EnvelopeTypes.guard()).isOk());
    assertTrue(compile(eq(ref("ctx.ok"), "x"), EnvelopeTypes.guard()).isOk());
    assertTrue(onlyError(compile(eq(ref("object.status"), "x"), EnvelopeTypes.guard())).contains("no field"));
  }

  @Test
  void evaluation_ofAWellTypedPath_readsTheEnvelope() {
    CompiledExpression c = compile(eq(ref("object.attributes.status"), "open"), EnvelopeTypes.policy()).orElseThrow();
    JsonValue event = dev.mpc.json.Json.parse("{\"name\":\"o.u\",\"kind\":\"update\",\"timestamp\":\"t\","
        + "\"actor\":{\"id\":\"u1\",\"type\":\"user\"},\"object\":{\"type\":\"order\",\"id\":\"o1\","
        + "\"attributes\":{\"status\":\"open\"}}}").orElseThrow();
    assertEquals(Optional.of(true), c.test(Bindings.of((dev.mpc.json.JsonObject) event)).value());
  }
}
