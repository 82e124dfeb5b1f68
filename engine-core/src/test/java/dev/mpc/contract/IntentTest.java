package dev.mpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntentTest {

  @Test
  void taxonomy_hasElevenKindsWithSchemaNames() {
    assertEquals(List.of("maskField", "notify", "revoke", "grantRole", "audit", "transform", "tag", "rateLimit",
        "redirect", "publish", "rollback"), java.util.Arrays.stream(IntentKind.values()).map(IntentKind::wireName).toList());
  }

  @ParameterizedTest
  @EnumSource(IntentKind.class)
  void problems_bareIntent_namesEveryMissingRequirement(IntentKind kind) {
    Intent bare = new Intent(kind, Optional.empty(), JsonObject.EMPTY, Optional.empty());
    List<String> msgs = bare.problems().stream().map(d -> d.message()).toList();
    assertTrue(msgs.contains("Intent '" + kind.wireName() + "' requires a target"), msgs.toString());
    assertEquals(kind.idempotencyKeyRequired(), msgs.contains("Intent '" + kind.wireName() + "' requires an idempotencyKey"));
    assertEquals(1 + (kind.idempotencyKeyRequired() ? 1 : 0) + kind.requiredParams().size(), msgs.size(), msgs.toString());
    assertTrue(bare.problems().stream().allMatch(d -> d.code() == Code.E_META_MISSING_REQUIRED_FIELD));
  }

  @Test
  void builder_completeIntent_builds_incompleteThrowsNamingProblems() {
    Intent ok = Intent.builder(IntentKind.RATE_LIMIT).target("u1").param("limitKey", JsonString.of("api"))
        .param("windowMs", JsonInt.of(1000)).param("maxRequests", JsonInt.of(10)).build();
    assertTrue(ok.problems().isEmpty());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Intent.builder(IntentKind.NOTIFY).target("ops").param("template", JsonInt.of(3)).build());
    assertEquals("Intent 'notify' requires an idempotencyKey; Intent 'notify' param 'template' must be string, got int",
        e.getMessage());
  }

  @Test
  void deduplicate_byKindTargetKey_keepsFirstAndOrder() {
    Intent a = Intent.of(IntentKind.MASK_FIELD, "x");
    Intent aOtherParams = new Intent(IntentKind.MASK_FIELD, Optional.of("x"),
        JsonObject.builder().put("mask", "#").build(), Optional.empty());
    Intent b = Intent.of(IntentKind.MASK_FIELD, "y");
    Intent aKeyed = new Intent(IntentKind.MASK_FIELD, Optional.of("x"), JsonObject.EMPTY, Optional.of("k"));
    assertEquals(List.of(a, b, aKeyed), Intent.deduplicate(List.of(a, b, aOtherParams, aKeyed, b)));
  }

  @Test
  void records_rejectEmptyRequiredStrings() {
    assertThrows(IllegalArgumentException.class, () -> Intent.of(IntentKind.TAG, ""));
    assertThrows(IllegalArgumentException.class, () -> Actor.user(""));
    assertThrows(IllegalArgumentException.class, () -> new EventEnvelope(Optional.empty(), "n", EventKind.CREATE,
        "not-a-time", Actor.user("u"), ObjectRef.of("t", "i"), JsonObject.EMPTY, JsonObject.EMPTY, Optional.empty()));
  }
}
