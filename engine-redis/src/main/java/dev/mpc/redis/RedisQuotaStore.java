package dev.mpc.redis;

import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QuotaStore} in Redis: each (tenant, metric) is one string key holding its theoretical
 * arrival time, and each {@link #tryConsume} is one atomic Lua script (sent with {@code EVALSHA},
 * falling back to {@code EVAL} when the server does not have it cached), so one round trip.
 *
 * <p><b>Exactly {@link QuotaStore#gcra}.</b> The script computes the same outcome as the reference
 * to the nanosecond, for every {@code long} time, including epoch nanoseconds and negative
 * {@link System#nanoTime()} values: Lua numbers are doubles, so times travel as the decimal
 * string of {@code nowNanos ^ Long.MIN_VALUE} read as unsigned, the script splits each value into
 * a seconds part and a nanoseconds part (the last nine digits) and does Java's wrapping
 * {@code long} arithmetic on those exact pairs. The stored value is the TAT in the same form. A
 * rejection writes nothing; an amount above the burst is refused with {@link QuotaStore#NEVER}
 * without a round trip.
 *
 * <p><b>Keys.</b> {@code <prefix><tenant>:<metric>} (default prefix {@value #DEFAULT_KEY_PREFIX}),
 * with {@code %} and {@code :} in tenant and metric written {@code %25} and {@code %3A} so that
 * distinct pairs never share a key.
 *
 * <p><b>Expiry.</b> Every consume sets the key to expire after the limit's burst window plus a
 * margin ({@link Builder#expiryMargin}, default 60 s); by then its TAT is at or before the
 * caller's clock, which is the same as a fresh key. This holds only when every caller of a key
 * uses the same clock and that clock advances with real time (epoch nanoseconds from a
 * synchronized clock across instances; {@code System.nanoTime()} only within one JVM).
 *
 * <p><b>Fail closed.</b> When Redis fails, errs or does not answer within the command timeout
 * (default 250 ms), the call is refused ({@code new Outcome(false, 0, failureRetryAfter)},
 * default 1 s), a warning is logged and {@link #failures()} counts it; nothing is thrown. A call
 * that timed out may still be applied by Redis later, so an outage can only over-count.
 *
 * <p>Thread-safe; it starts no threads (Lettuce's own I/O threads carry the commands).
 * {@link #close()} closes the connection only when the store opened it
 * ({@link Builder#client}).
 */
public final class RedisQuotaStore implements QuotaStore, AutoCloseable {
  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "mpc:quota:";
  /** The default command timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
  /** The default retry-after of a call refused because Redis failed. */
  public static final Duration DEFAULT_FAILURE_RETRY_AFTER = Duration.ofSeconds(1);
  /** The default time a key outlives its burst window. */
  public static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(RedisQuotaStore.class);
  private static final String SCRIPT = loadScript();
  private static final String SHA = sha1Hex(SCRIPT);
  private static final Duration MAX_DURATION = Duration.ofMinutes(10);
  private static final long MAX_EXPIRY_MILLIS = NEVER.toMillis();

  private final StatefulRedisConnection<String, String> connection;
  private final boolean ownsConnection;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final Duration failureRetryAfter;
  private final long expiryMarginMillis;
  private final AtomicLong failures = new AtomicLong();

  private RedisQuotaStore(Builder b, StatefulRedisConnection<String, String> connection, boolean owns) {
    this.connection = connection;
    this.ownsConnection = owns;
    this.keyPrefix = b.keyPrefix;
    this.commandTimeout = b.commandTimeout;
    this.failureRetryAfter = b.failureRetryAfter;
    this.expiryMarginMillis = b.expiryMargin.toMillis();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Consumes {@code amount} of {@code limit} for (tenant, metric) at {@code nowNanos}, exactly as
   * {@link QuotaStore#gcra} would, in one atomic script; refused when Redis fails (see the class
   * description).
   *
   * @param tenant the tenant
   * @param metric the metric
   * @param amount how much to consume (at least 1)
   * @param limit the tenant's limit of that metric
   * @param nowNanos the caller's nanosecond clock, the same clock for every caller of the key
   * @return what the consume did
   * @throws IllegalArgumentException when {@code amount} is below 1
   */
  @Override
  public Outcome tryConsume(String tenant, String metric, long amount, QuotaLimit limit, long nowNanos) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(limit, "limit");
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be >= 1");
    }
    if (amount > limit.burst()) {
      return new Outcome(false, 0, NEVER);
    }
    long interval = limit.intervalNanos();
    long burstWindow = interval * limit.burst(); // wraps exactly as QuotaStore.gcra does
    String key = key(tenant, metric);
    String[] args = {encode(nowNanos), encode(interval * amount), encode(burstWindow),
        Long.toString(expiryMillis(interval, limit.burst()))};
    List<Object> reply;
    try {
      reply = run(key, args);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(key, "interrupted", e);
    } catch (TimeoutException e) {
      return failed(key, "no answer within " + commandTimeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      return failed(key, "command failed", e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      return failed(key, "command failed", e);
    }
    try {
      return outcome(reply, interval);
    } catch (RuntimeException e) {
      return failed(key, "unexpected script reply " + reply, e);
    }
  }

  /**
   * How many calls were refused because Redis failed, erred or timed out, since this store was
   * built.
   *
   * @return the count of failed calls
   */
  public long failures() {
    return failures.get();
  }

  /**
   * The Redis key of (tenant, metric): the prefix, then tenant and metric with {@code %} and
   * {@code :} escaped, separated by {@code :}.
   *
   * @param tenant the tenant
   * @param metric the metric
   * @return the key
   */
  public String key(String tenant, String metric) {
    return keyPrefix + escape(tenant) + ":" + escape(metric);
  }

  /**
   * A readiness probe over this store's connection, bounded by its command timeout: register it
   * with {@code GovernedRuntime.Builder.probe("redis", store.probe())}.
   *
   * @return a probe sending {@code PING}
   */
  public RedisProbe probe() {
    return RedisProbe.of(connection, commandTimeout);
  }

  /** Closes the connection when this store opened it ({@link Builder#client}); otherwise nothing. */
  @Override
  public void close() {
    if (ownsConnection) {
      connection.close();
    }
  }

  @Override
  public String toString() {
    return "RedisQuotaStore[keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout.toMillis() + " ms]";
  }

  // ------------------------------------------------------------------ internals

  private List<Object> run(String key, String[] args)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + commandTimeout.toNanos();
    String[] keys = {key};
    RedisFuture<List<Object>> sent = connection.async().evalsha(SHA, ScriptOutputType.MULTI, keys, args);
    try {
      return await(sent, deadline);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RedisNoScriptException)) {
        throw e;
      }
    }
    // NOSCRIPT: the server's script cache is empty (restart, SCRIPT FLUSH, failover); EVAL caches it again
    return await(connection.async().eval(SCRIPT, ScriptOutputType.MULTI, keys, args), deadline);
  }

  private static <T> T await(RedisFuture<T> future, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  private static Outcome outcome(List<Object> reply, long interval) {
    boolean allowed = ((Long) reply.get(0)) == 1L;
    long remaining = decode(reply.get(1)) / interval;
    if (allowed) {
      return new Outcome(true, remaining, Duration.ZERO);
    }
    return new Outcome(false, Math.max(0, remaining), Duration.ofNanos(decode(reply.get(2))));
  }

  private Outcome failed(String key, String what, Throwable cause) {
    long n = failures.incrementAndGet();
    LOG.warn("Redis quota store refused a call to {} (fail closed, failure {}): {}: {}", key, n, what,
        cause.toString());
    return new Outcome(false, 0, failureRetryAfter);
  }

  private long expiryMillis(long interval, long burst) {
    long windowMillis = Math.multiplyHigh(interval, burst) == 0 && interval * burst >= 0
        ? interval * burst / 1_000_000L + 1
        : MAX_EXPIRY_MILLIS;
    return Math.min(MAX_EXPIRY_MILLIS, windowMillis + expiryMarginMillis);
  }

  /** A Java long as the script carries it: the unsigned decimal of {@code x ^ Long.MIN_VALUE}. */
  static String encode(long x) {
    return Long.toUnsignedString(x ^ Long.MIN_VALUE);
  }

  /** The inverse of {@link #encode}. */
  static long decode(Object encoded) {
    return Long.parseUnsignedLong((String) encoded) ^ Long.MIN_VALUE;
  }

  private static String escape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf(':') < 0) {
      return s;
    }
    return s.replace("%", "%25").replace(":", "%3A");
  }

  private static String loadScript() {
    try (InputStream in = RedisQuotaStore.class.getResourceAsStream("gcra.lua")) {
      if (in == null) {
        throw new IllegalStateException("gcra.lua is missing from the engine-redis jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gcra.lua", e);
    }
  }

  private static String sha1Hex(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is unavailable", e);
    }
  }

  /**
   * Builds a {@link RedisQuotaStore}: exactly one of {@link #client} and {@link #connection};
   * {@link #build()} checks everything at once.
   */
  public static final class Builder {
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration failureRetryAfter = DEFAULT_FAILURE_RETRY_AFTER;
    private Duration expiryMargin = DEFAULT_EXPIRY_MARGIN;

    private Builder() {}

    /**
     * A client the store opens its own connection with, in {@link #build()} (and closes in
     * {@link RedisQuotaStore#close()}); the client itself stays the caller's.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(RedisClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * A connection of the caller's, shared and never closed by the store.
     *
     * @param connection the connection
     * @return this builder
     */
    public Builder connection(StatefulRedisConnection<String, String> connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /**
     * The prefix of every key (default {@value RedisQuotaStore#DEFAULT_KEY_PREFIX}; not empty).
     *
     * @param keyPrefix the prefix
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * How long one consume may wait for Redis, both round trips of a {@code NOSCRIPT} fallback
     * together (default 250 ms; between 1 ms and 10 min).
     *
     * @param commandTimeout the timeout
     * @return this builder
     */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
      return this;
    }

    /**
     * The retry-after of a call refused because Redis failed (default 1 s; between 1 ms and 10 min).
     *
     * @param failureRetryAfter the retry-after
     * @return this builder
     */
    public Builder failureRetryAfter(Duration failureRetryAfter) {
      this.failureRetryAfter = Objects.requireNonNull(failureRetryAfter, "failureRetryAfter");
      return this;
    }

    /**
     * How long a key outlives its burst window before Redis expires it (default 60 s; between 0
     * and 10 min): slack for clock skew between the instances sharing a key.
     *
     * @param expiryMargin the margin
     * @return this builder
     */
    public Builder expiryMargin(Duration expiryMargin) {
      this.expiryMargin = Objects.requireNonNull(expiryMargin, "expiryMargin");
      return this;
    }

    /**
     * The store; with {@link #client}, connects now.
     *
     * @return the store
     * @throws IllegalStateException naming every problem, when neither or both of client and
     *     connection are set, or a setting is out of range
     * @throws io.lettuce.core.RedisConnectionException when the client cannot connect
     */
    public RedisQuotaStore build() {
      java.util.List<String> problems = new java.util.ArrayList<>();
      if ((client == null) == (connection == null)) {
        problems.add("set exactly one of client(...) and connection(...)");
      }
      if (keyPrefix.isEmpty()) {
        problems.add("keyPrefix must not be empty");
      }
      range(problems, "commandTimeout", commandTimeout, Duration.ofMillis(1));
      range(problems, "failureRetryAfter", failureRetryAfter, Duration.ofMillis(1));
      range(problems, "expiryMargin", expiryMargin, Duration.ZERO);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("RedisQuotaStore: " + String.join("; ", problems));
      }
      if (connection != null) {
        return new RedisQuotaStore(this, connection, false);
      }
      return new RedisQuotaStore(this, client.connect(), true);
    }

    private static void range(java.util.List<String> problems, String name, Duration d, Duration min) {
      if (d.compareTo(min) < 0 || d.compareTo(MAX_DURATION) > 0) {
        problems.add(name + " must be between " + min.toMillis() + " ms and " + MAX_DURATION.toMinutes()
            + " min, not " + d);
      }
    }
  }
}
