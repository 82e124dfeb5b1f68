package dev.mpc.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A readiness probe of Redis: {@link #call()} sends {@code PING} and returns when Redis answers
 * {@code PONG} within the timeout, and throws an {@link IllegalStateException} naming Redis
 * otherwise. Register it with {@code GovernedRuntime.Builder.probe("redis", RedisProbe.of(connection,
 * Duration.ofMillis(500)))} (or {@link RedisQuotaStore#probe()}). Thread-safe; it starts no threads.
 */
public final class RedisProbe implements Callable<Void> {
  private final StatefulRedisConnection<String, String> connection;
  private final Duration timeout;

  private RedisProbe(StatefulRedisConnection<String, String> connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  /**
   * A probe over {@code connection} (the caller's; never closed by the probe).
   *
   * @param connection the connection to ping
   * @param timeout how long to wait for {@code PONG} (positive)
   * @return the probe
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public static RedisProbe of(StatefulRedisConnection<String, String> connection, Duration timeout) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    return new RedisProbe(connection, timeout);
  }

  /**
   * Sends {@code PING} and waits at most the timeout for {@code PONG}.
   *
   * @return {@code null} when Redis answered {@code PONG} in time
   * @throws IllegalStateException when Redis did not answer in time, failed, or answered
   *     something else
   * @throws InterruptedException when interrupted while waiting
   */
  @Override
  public Void call() throws InterruptedException {
    RedisFuture<String> answer;
    try {
      answer = connection.async().ping();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Redis PING could not be sent: " + e, e);
    }
    String pong;
    try {
      pong = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new IllegalStateException("Redis did not answer PING within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Redis PING failed: " + cause, cause);
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
    if (!"PONG".equals(pong)) {
      throw new IllegalStateException("Redis answered PING with " + pong + " instead of PONG");
    }
    return null;
  }

  @Override
  public String toString() {
    return "RedisProbe[PING within " + timeout.toMillis() + " ms]";
  }
}
