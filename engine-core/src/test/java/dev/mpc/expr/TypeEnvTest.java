package dev.mpc.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeEnvTest {

  @Test
  void openEnvironment_everyPathPossible() {
    TypeEnv env = TypeEnv.builder().declare("actor.clearance", ExprType.INT).build();
    assertEquals(Optional.empty(), env.impossible("actor.name"));
    assertEquals(Optional.empty(), env.impossible("anything.at.all"));
    assertFalse(env.isClosed("actor"));
    assertFalse(env.isClosed(""));
    assertEquals(Optional.empty(), TypeEnv.empty().impossible("x"));
  }

  @Test
  void closedShape_fieldsAreTheDeclaredChildren_inAnyOrder() {
    TypeEnv env = TypeEnv.builder().declare("o.a", ExprType.STRING).closed("o").declare("o.m", ExprType.OBJECT)
        .declare("o.m.deep", ExprType.INT).build();
    assertTrue(env.isClosed("o"));
    assertEquals(ExprType.OBJECT, env.typeOf("o"));
    assertEquals(Set.of("a", "m"), env.fieldsOf("o"));
    assertEquals(Optional.empty(), env.impossible("o.a"));
    assertEquals(Optional.empty(), env.impossible("o.m.anything"));
    assertEquals(Optional.empty(), env.impossible("other.x"), "roots stay open");
    assertEquals(Optional.of("Path 'o.b' cannot exist: 'o' has no field 'b' (fields: a, m); did you mean 'o.a' or"
        + " 'o.m.b'?"), env.impossible("o.b"));
    assertEquals(Optional.of("Path 'o.a.x' cannot exist: 'o.a' is 'string', it has no field 'x'"),
        env.impossible("o.a.x"));
  }

  @Test
  void closedRoots() {
    TypeEnv env = TypeEnv.builder().declare("kind", ExprType.STRING).declare("ctx", ExprType.ANY).closedRoots()
        .build();
    assertTrue(env.isClosed(""));
    assertEquals(Set.of("ctx", "kind"), env.fieldsOf(""));
    assertEquals(Optional.of("Path 'knd' cannot exist: No variable 'knd' (variables: ctx, kind); did you mean"
        + " 'kind'?"), env.impossible("knd"));
    assertEquals(Optional.empty(), env.impossible("ctx.a.b"), "an any-typed root is open");
  }

  @Test
  void with_addsDeclarations_hostWins_closednessKept() {
    TypeEnv host = TypeEnv.builder().declare("object.attributes.amount", ExprType.NUMBER)
        .declare("object.state", ExprType.STRING).build();
    TypeEnv env = EnvelopeTypes.policy().with(host);
    assertEquals(ExprType.NUMBER, env.typeOf("object.attributes.amount"));
    assertEquals(ExprType.STRING, env.typeOf("object.state"));
    assertTrue(env.isClosed("object") && env.isClosed(""));
    assertTrue(env.impossible("object.status").isPresent());
    assertTrue(EnvelopeTypes.policy().with(TypeEnv.empty()) == EnvelopeTypes.policy());
    // a host root is a new variable of the closed roots
    TypeEnv withUser = EnvelopeTypes.policy().with(TypeEnv.builder().declare("user.level", ExprType.INT).build());
    assertEquals(Optional.empty(), withUser.impossible("user.level"));
  }

  @Test
  void builder_rejectsEmptyPaths() {
    assertThrows(IllegalArgumentException.class, () -> TypeEnv.builder().closed(""));
    assertThrows(IllegalArgumentException.class, () -> TypeEnv.builder().declare("", ExprType.ANY));
  }
}
