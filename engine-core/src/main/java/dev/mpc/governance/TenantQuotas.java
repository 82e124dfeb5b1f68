package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tenant quotas (governance.md §13 G-8): each tenant has a tier (its {@link QuotaLimit} per
 * metric), counters live in a {@link QuotaStore}, and a call over the limit is refused with
 * {@code E_QUOTA_EXCEEDED} saying when to retry, consuming nothing. Metrics are names the host
 * chooses; {@link #EVALUATIONS} is the one a {@link GovernedRuntime} consumes per evaluation.
 * Upstream's enforcer had no tenants, no windows and counted rejected calls.
 *
 * <p>Thread-safe. A store that throws fails closed: the call is refused ({@code E_INTERNAL}).
 */
public final class TenantQuotas {
  /** The metric a governed runtime consumes once per evaluation. */
  public static final String EVALUATIONS = "evaluations";

  /** The built-in tiers, by name. */
  public enum Tier {
    /** 60 a minute, burst 10. */
    FREE(QuotaLimit.FREE),
    /** 300 a minute, burst 50. */
    PRO(QuotaLimit.PRO),
    /** 1000 a minute, burst 200. */
    ENTERPRISE(QuotaLimit.ENTERPRISE);

    private final QuotaLimit limit;

    Tier(QuotaLimit limit) {
      this.limit = limit;
    }

    /** The tier's limit. */
    public QuotaLimit limit() {
      return limit;
    }
  }

  private final QuotaStore store;
  private final LongSupplier nanoTime;
  private final Map<String, QuotaLimit> byTenant;
  private final QuotaLimit fallback;

  private TenantQuotas(Builder b) {
    this.store = b.store;
    this.nanoTime = b.nanoTime;
    this.byTenant = Map.copyOf(b.byTenant);
    this.fallback = b.fallback;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limit of {@code tenant}. */
  public QuotaLimit limitOf(String tenant) {
    return byTenant.getOrDefault(tenant, fallback);
  }

  /**
   * Consumes {@code amount} of {@code metric} for {@code tenant}; empty when allowed, else the
   * {@code E_QUOTA_EXCEEDED} diagnostic with details {@code tenantId, metric, perMinute, burst,
   * amount, retryAfterMs}.
   */
  public Optional<Diagnostic> tryConsume(String tenant, String metric, long amount) {
    Req.nonEmpty(tenant, "tenant");
    Req.nonEmpty(metric, "metric");
    QuotaLimit limit = limitOf(tenant);
    QuotaStore.Outcome o;
    try {
      o = store.tryConsume(tenant, metric, amount, limit, nanoTime.getAsLong());
    } catch (RuntimeException e) {
      return Optional.of(Diagnostic.of(Code.E_INTERNAL, "The quota store failed (" + e.getClass().getSimpleName()
          + "); the call is refused"));
    }
    if (o.allowed()) {
      return Optional.empty();
    }
    boolean never = o.retryAfter().equals(QuotaStore.NEVER);
    long retryMs = never ? -1 : Math.max(1, (o.retryAfter().toNanos() + 999_999) / 1_000_000);
    String message = never
        ? "Quota exceeded for tenant " + tenant + ": " + amount + " " + metric + " at once is more than the burst of "
            + limit.burst()
        : "Quota exceeded for tenant " + tenant + ": " + metric + " limit " + limit.perMinute() + "/min (burst "
            + limit.burst() + "); retry after " + retryMs + " ms";
    return Optional.of(Diagnostic.of(Code.E_QUOTA_EXCEEDED, message).withDetails(JsonObject.builder()
        .put("tenantId", tenant).put("metric", metric).put("perMinute", limit.perMinute()).put("burst", limit.burst())
        .put("amount", amount).put("retryAfterMs", retryMs).build()));
  }

  /** Builds {@link TenantQuotas}. */
  public static final class Builder {
    private QuotaStore store = QuotaStore.inMemory();
    private LongSupplier nanoTime = epochNanos(java.time.Clock.systemUTC());
    private final Map<String, QuotaLimit> byTenant = new LinkedHashMap<>();
    private QuotaLimit fallback = QuotaLimit.FREE;

    private Builder() {}

    /** Where counters live (default: in memory, this process only). */
    public Builder store(QuotaStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock quota windows run on (default the system UTC clock): epoch nanoseconds, the same in every instance. */
    public Builder clock(java.time.Clock clock) {
      this.nanoTime = epochNanos(Objects.requireNonNull(clock, "clock"));
      return this;
    }

    private static LongSupplier epochNanos(java.time.Clock clock) {
      return () -> {
        java.time.Instant i = clock.instant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
      };
    }

    /**
     * The nanosecond source instead of a clock (tests; with a shared store every instance must
     * read the same time base, so {@code System::nanoTime} is wrong there).
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** The tier of a tenant. */
    public Builder tier(String tenant, Tier tier) {
      return limit(tenant, tier.limit());
    }

    /** A custom limit of a tenant. */
    public Builder limit(String tenant, QuotaLimit limit) {
      byTenant.put(Req.nonEmpty(tenant, "tenant"), Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /** The limit of tenants without a tier (default {@link Tier#FREE}). */
    public Builder defaultLimit(QuotaLimit limit) {
      this.fallback = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** The quotas. */
    public TenantQuotas build() {
      return new TenantQuotas(this);
    }
  }
}
