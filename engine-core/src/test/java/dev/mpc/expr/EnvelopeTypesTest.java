package dev.mpc.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import java.util.Map;
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

  private static final DomainMeta ORDER_META = DomainMeta.builder()
      .attributes("order", Map.of("total", "int", "status", "string", "lines", "array", "extra", "object|null"))
      .kind("Policy", "effect").build();

  private static Expr gt(Expr l, Expr r) {
    return new Expr.Binary(Expr.BinaryOp.GT, l, r);
  }

  @Test
  void attributes_declaredForTheKind_closedShapeWithTypes() {
    for (TypeEnv env : List.of(EnvelopeTypes.policy(ORDER_META, "order"), EnvelopeTypes.acl(ORDER_META, "order"),
        EnvelopeTypes.guard(ORDER_META, "order"))) {
      assertTrue(compile(gt(ref("object.attributes.total"), new Expr.Lit(dev.mpc.json.JsonInt.of(5))), env).isOk());
      assertTrue(compile(eq(ref("object.attributes.extra.anything"), "v"), env).isOk(), "an object attribute is open");
      assertEquals("Operator '>' not supported between 'int' and 'string'",
          onlyError(compile(gt(ref("object.attributes.total"), new Expr.Lit(JsonString.of("x"))), env)));
      assertEquals("Path 'object.attributes.totl' cannot exist: 'object.attributes' has no field 'totl' (fields:"
          + " extra, lines, status, total); did you mean 'object.attributes.total'?",
          onlyError(compile(eq(ref("object.attributes.totl"), "v"), env)));
      assertEquals("Path 'object.attributes.total.x' cannot exist: 'object.attributes.total' is 'int', it has no"
          + " field 'x'", onlyError(compile(eq(ref("object.attributes.total.x"), "v"), env)));
    }
    assertTrue(onlyError(compile(eq(ref("event.object.attributes.stat"), "v"), EnvelopeTypes.policy(ORDER_META,
        "order"))).endsWith("(fields: extra, lines, status, total)"), "no suggestion through 'extra': it is data");
    assertTrue(onlyError(compile(eq(ref("event.object.attributes.statu"), "v"), EnvelopeTypes.policy(ORDER_META,
        "order"))).endsWith("; did you mean 'event.object.attributes.status'?"));
    assertTrue(onlyError(compile(eq(ref("resource.attributes.statsu"), "v"), EnvelopeTypes.acl(ORDER_META, "order")))
        .endsWith("; did you mean 'resource.attributes.status'?"));
  }

  @Test
  void attributes_objectStatus_suggestsTheDeclaredAttribute_onlyWhenDeclared() {
    assertEquals("Path 'object.status' cannot exist: 'object' has no field 'status' (fields: attributes, id, state,"
        + " type); did you mean 'object.state' or 'object.attributes.status'?",
        onlyError(compile(eq(ref("object.status"), "v"), EnvelopeTypes.policy(ORDER_META, "order"))));
    assertEquals("Path 'object.total' cannot exist: 'object' has no field 'total' (fields: attributes, id, state,"
        + " type); did you mean 'object.attributes.total'?",
        onlyError(compile(eq(ref("object.total"), "v"), EnvelopeTypes.policy(ORDER_META, "order"))));
    assertEquals("Path 'object.owner' cannot exist: 'object' has no field 'owner' (fields: attributes, id, state,"
        + " type)", onlyError(compile(eq(ref("object.owner"), "v"), EnvelopeTypes.acl(ORDER_META, "order"))),
        "no suggestion of an attribute the kind does not have");
  }

  @Test
  void attributes_unknownTypeOrNoDeclaration_theUsualEnvironments() {
    assertTrue(EnvelopeTypes.policy(ORDER_META, "invoice") == EnvelopeTypes.policy());
    assertTrue(EnvelopeTypes.policy(ORDER_META, "Policy") == EnvelopeTypes.policy(), "a kind without attributes");
    assertTrue(EnvelopeTypes.acl(DomainMeta.EMPTY, "order") == EnvelopeTypes.acl());
    assertTrue(EnvelopeTypes.guard(ORDER_META, "") == EnvelopeTypes.guard());
    assertTrue(compile(eq(ref("object.attributes.anything"), "v"), EnvelopeTypes.policy(ORDER_META, "invoice")).isOk());
  }

  @Test
  void attributes_evaluation_unchanged() {
    CompiledExpression c = compile(gt(ref("object.attributes.total"), new Expr.Lit(dev.mpc.json.JsonInt.of(100))),
        EnvelopeTypes.policy(ORDER_META, "order")).orElseThrow();
    JsonValue event = dev.mpc.json.Json.parse("{\"name\":\"o.u\",\"kind\":\"update\",\"timestamp\":\"t\","
        + "\"actor\":{\"id\":\"u1\",\"type\":\"user\"},\"object\":{\"type\":\"order\",\"id\":\"o1\","
        + "\"attributes\":{\"total\":120}}}").orElseThrow();
    assertEquals(Optional.of(true), c.test(Bindings.of((dev.mpc.json.JsonObject) event)).value());
  }
}
