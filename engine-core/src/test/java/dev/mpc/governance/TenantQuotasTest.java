package dev.mpc.governance;

import static dev.mpc.governance.Governed.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.Decision;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonInt;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantQuotasTest {
  private static final long SECOND = 1_000_000_000L;

  private static long retryAfterMs(Diagnostic d) {
    return ((JsonInt) d.details().getOrNull("retryAfterMs")).longValueExact();
  }

  @Test
  void tiers_haveTheDocumentedLimits() {
    assertEquals(new QuotaLimit(60, 10), TenantQuotas.Tier.FREE.limit());
    assertEquals(new QuotaLimit(300, 50), TenantQuotas.Tier.PRO.limit());
    assertEquals(new QuotaLimit(1000, 200), TenantQuotas.Tier.ENTERPRISE.limit());
  }

  @Test
  void free_burstOfTen_thenOneASecond_andARejectedCallConsumesNothing() {
    AtomicLong now = new AtomicLong(5 * SECOND);
    TenantQuotas q = TenantQuotas.builder().nanoTime(now::get).build();
    for (int i = 0; i < 10; i++) {
      assertEquals(Optional.empty(), q.tryConsume("t", "evaluations", 1), "burst call " + i);
    }
    Diagnostic refused = q.tryConsume("t", "evaluations", 1).orElseThrow();
    assertEquals(Code.E_QUOTA_EXCEEDED, refused.code());
    assertEquals(1000, retryAfterMs(refused));
    assertTrue(refused.message().contains("retry after 1000 ms"), refused.message());
    for (int i = 0; i < 100; i++) {
      assertTrue(q.tryConsume("t", "evaluations", 1).isPresent()); // hammering consumes nothing
    }
    now.addAndGet(SECOND / 2);
    assertEquals(500, retryAfterMs(q.tryConsume("t", "evaluations", 1).orElseThrow()));
    now.addAndGet(SECOND / 2);
    assertEquals(Optional.empty(), q.tryConsume("t", "evaluations", 1), "one unit refilled after a second");
    assertTrue(q.tryConsume("t", "evaluations", 1).isPresent());
    now.addAndGet(60 * SECOND);
    for (int i = 0; i < 10; i++) {
      assertEquals(Optional.empty(), q.tryConsume("t", "evaluations", 1), "idle refills the burst, no more");
    }
    assertTrue(q.tryConsume("t", "evaluations", 1).isPresent());
  }

  @Test
  void tenantsAndMetrics_areSeparate_andAmountsBeyondTheBurstNeverPass() {
    AtomicLong now = new AtomicLong();
    TenantQuotas q = TenantQuotas.builder().nanoTime(now::get).tier("big", TenantQuotas.Tier.ENTERPRISE)
        .tier("mid", TenantQuotas.Tier.PRO).build();
    assertEquals(Optional.empty(), q.tryConsume("big", "exprSteps", 200));
    assertTrue(q.tryConsume("big", "exprSteps", 1).isPresent());
    assertEquals(Optional.empty(), q.tryConsume("big", "evaluations", 200), "another metric");
    assertEquals(Optional.empty(), q.tryConsume("mid", "exprSteps", 50));
    assertTrue(q.tryConsume("mid", "exprSteps", 1).isPresent());
    assertEquals(Optional.empty(), q.tryConsume("someone", "exprSteps", 10), "unknown tenants get the default");
    Diagnostic tooBig = q.tryConsume("other", "exprSteps", 11).orElseThrow();
    assertEquals(-1, retryAfterMs(tooBig));
    assertTrue(tooBig.message().contains("more than the burst"), tooBig.message());
    assertEquals(Optional.empty(), q.tryConsume("other", "exprSteps", 10), "the refused call consumed nothing");
  }

  @Test
  void aThrowingStore_refuses() {
    QuotaStore broken = (t, m, a, l, n) -> {
      throw new IllegalStateException("redis down");
    };
    Diagnostic d = TenantQuotas.builder().store(broken).build().tryConsume("t", "evaluations", 1).orElseThrow();
    assertEquals(Code.E_INTERNAL, d.code());
  }

  @Test
  void theRuntime_consumesOneEvaluationPerDecision_andRefusesBeyondWithRetryAfter() {
    AtomicLong now = new AtomicLong();
    TenantQuotas q = TenantQuotas.builder().nanoTime(now::get).build();
    GovernedRuntime rt = Governed.Stores.inMemory().runtime().quotas(q).build().orElseThrow();
    rt.activate(SCOPE, Governed.bundle(Governed.artifact("allow", false, "q")), "k", "ops");
    for (int i = 0; i < 10; i++) {
      assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
    }
    Decision refused = rt.evaluate(SCOPE, Governed.write());
    assertFalse(refused.allow());
    assertEquals(Code.E_QUOTA_EXCEEDED, refused.reasons().get(0).code());
    assertEquals(1000, ((JsonInt) refused.reasons().get(0).data().getOrNull("retryAfterMs")).longValueExact());
    assertEquals(1, refused.meta().activationSequence().getAsLong());
    now.addAndGet(SECOND);
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
  }
}
