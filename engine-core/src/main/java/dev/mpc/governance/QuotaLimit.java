package dev.mpc.governance;

/**
 * A rate limit: {@code perMinute} units a minute sustained, of which up to {@code burst} may be
 * spent at once. A fresh tenant can spend {@code burst} immediately, then one unit every
 * {@code 60 s / perMinute}.
 *
 * @param perMinute the sustained rate (at least 1, at most 60,000,000)
 * @param burst the most spent at once (at least 1)
 */
public record QuotaLimit(long perMinute, long burst) {
  /** Free tier: 60 a minute, burst 10. */
  public static final QuotaLimit FREE = new QuotaLimit(60, 10);
  /** Pro tier: 300 a minute, burst 50. */
  public static final QuotaLimit PRO = new QuotaLimit(300, 50);
  /** Enterprise tier: 1000 a minute, burst 200. */
  public static final QuotaLimit ENTERPRISE = new QuotaLimit(1000, 200);

  /** Creates a limit. */
  public QuotaLimit {
    if (perMinute < 1 || perMinute > 60_000_000L) {
      throw new IllegalArgumentException("perMinute must be between 1 and 60,000,000, not " + perMinute);
    }
    if (burst < 1 || burst > 1_000_000_000L) {
      throw new IllegalArgumentException("burst must be between 1 and 1,000,000,000, not " + burst);
    }
  }

  /** Nanoseconds between two units at the sustained rate. */
  public long intervalNanos() {
    return 60_000_000_000L / perMinute;
  }
}
