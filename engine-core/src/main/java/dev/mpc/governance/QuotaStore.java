package dev.mpc.governance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant rate counters, in the host's persistence (a database row or a Redis key per tenant
 * and metric). One operation, {@link #tryConsume}, atomic per key: a generic cell rate algorithm
 * whose whole state is one number per key, the theoretical arrival time, so it fits one
 * compare-and-set, one SQL statement or one Redis script. A rejected call consumes nothing.
 * Implementations must be thread-safe; the contract kit {@code QuotaStoreContract} checks a
 * host's implementation.
 */
public interface QuotaStore {
  /**
   * What a consume did.
   *
   * @param allowed whether the amount was consumed
   * @param remaining how much could still be consumed right now (after this call)
   * @param retryAfter when rejected, how long until the same amount would be allowed (zero when
   *     allowed; {@link Duration#ZERO} is never returned for a rejection)
   */
  record Outcome(boolean allowed, long remaining, Duration retryAfter) {
    /** Creates an outcome. */
    public Outcome {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (allowed != retryAfter.isZero()) {
        throw new IllegalArgumentException("an allowed outcome has no retry-after; a rejected one has one");
      }
    }
  }

  /** The retry-after of an amount larger than the burst: it can never be consumed at once. */
  Duration NEVER = Duration.ofDays(36_500);

  /**
   * Consumes {@code amount} of {@code limit} for (tenant, metric) at {@code nowNanos} (any
   * monotonic or epoch-based nanosecond clock, the same for every caller of a key) unless that
   * would exceed the limit; then nothing is consumed.
   */
  Outcome tryConsume(String tenant, String metric, long amount, QuotaLimit limit, long nowNanos);

  /**
   * The whole algorithm over one key's state, for implementations: given the stored theoretical
   * arrival time {@code tat} (or {@link Long#MIN_VALUE} when the key is new), returns the outcome
   * and the state to store ({@code newTat[0]}; unchanged on rejection).
   */
  static Outcome gcra(long tat, long amount, QuotaLimit limit, long now, long[] newTat) {
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be >= 1");
    }
    if (amount > limit.burst()) {
      newTat[0] = tat;
      return new Outcome(false, 0, NEVER);
    }
    long interval = limit.intervalNanos();
    long burstWindow = interval * limit.burst();
    long base = tat == Long.MIN_VALUE ? now : Math.max(tat, now);
    long next = base + interval * amount;
    if (next - now > burstWindow) {
      newTat[0] = tat;
      long wait = next - now - burstWindow;
      long remaining = Math.max(0, (burstWindow - (base - now)) / interval);
      return new Outcome(false, remaining, Duration.ofNanos(wait));
    }
    newTat[0] = next;
    return new Outcome(true, (burstWindow - (next - now)) / interval, Duration.ZERO);
  }

  /** A thread-safe in-memory store. */
  static QuotaStore inMemory() {
    return new QuotaStore() {
      private final ConcurrentHashMap<List<String>, Long> tats = new ConcurrentHashMap<>();

      @Override
      public Outcome tryConsume(String tenant, String metric, long amount, QuotaLimit limit, long nowNanos) {
        Outcome[] out = new Outcome[1];
        tats.compute(List.of(tenant, metric), (k, tat) -> {
          long[] next = new long[1];
          out[0] = gcra(tat == null ? Long.MIN_VALUE : tat, amount, limit, nowNanos, next);
          return next[0] == Long.MIN_VALUE ? null : next[0];
        });
        return out[0];
      }
    };
  }
}
