package dev.mpc.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CanaryRouterProperties {
  private static CanaryRouter router(double weight) {
    return CanaryRouter.builder().stable("v1").canary("v2").weight(weight).segment("region",
        List.of(JsonString.of("US"))).build().orElseThrow();
  }

  @Example
  void bucketTestVector_sameAsAnyOtherImplementation() {
    // computed independently (Python hashlib) in docs/governance.md
    assertEquals(41, CanaryRouter.bucket("", "user-123"));
    assertEquals(35, CanaryRouter.bucket("", "alice"));
    assertEquals(90, CanaryRouter.bucket("2026-q4", "alice"));
    assertEquals(68, CanaryRouter.bucket("2026-q4", "bob"));
    assertEquals(31, CanaryRouter.bucket("", "ünïcode-actor"));
  }

  @Property(tries = 500)
  void bucketInRange_stable_andWeightsZeroAndOneAreAbsolute(@ForAll String actor, @ForAll String salt) {
    int b = CanaryRouter.bucket(salt, actor);
    assertTrue(b >= 0 && b < 100);
    assertEquals(b, CanaryRouter.bucket(salt, actor));
    assertFalse(router(0.0).route(actor, JsonObject.EMPTY).canary());
    assertTrue(actor.isEmpty() || router(1.0).route(actor, JsonObject.EMPTY).canary());
    assertTrue(router(1.0).route(actor, JsonObject.EMPTY).canary() || actor.isEmpty());
    assertFalse(router(1.0).withKillSwitch(true).route(actor, JsonObject.builder().put("region", "US").build())
        .canary());
    assertFalse(router(1.0).rollback().route(actor, JsonObject.EMPTY).canary());
  }

  @Property(tries = 200)
  void segmentMatch_goesToCanary_atAnyWeight(@ForAll @IntRange(min = 0, max = 100) int percent, @ForAll String actor) {
    CanaryRouter r = router(percent / 100.0);
    assertTrue(r.route(actor, JsonObject.builder().put("region", "US").build()).canary());
  }

  @Example
  void distribution_isAboutTheWeight() {
    CanaryRouter r = router(0.2);
    int canary = 0;
    for (int i = 0; i < 1000; i++) {
      canary += r.route("actor-" + i, JsonObject.EMPTY).canary() ? 1 : 0;
    }
    assertTrue(canary >= 150 && canary <= 250, "canary hits: " + canary);
  }

  @Example
  void badConfiguration_listsEveryProblem() {
    var r = CanaryRouter.builder().weight(-0.1).build();
    assertFalse(r.isOk());
    assertEquals(3, r.diagnostics().size(), r.diagnostics().toString());
    assertFalse(router(0.5).withPercent(101).isOk());
  }
}
