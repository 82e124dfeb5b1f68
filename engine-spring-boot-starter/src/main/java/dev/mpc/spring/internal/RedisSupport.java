package dev.mpc.spring.internal;

import dev.mpc.governance.QuotaStore;
import dev.mpc.redis.RedisQuotaStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.concurrent.Callable;

/** The engine-redis quota store; loaded only when engine-redis and Lettuce are on the classpath. */
final class RedisSupport implements AutoCloseable {
  static final String MARKER = "dev.mpc.redis.RedisQuotaStore";

  private final RedisClient client;
  private final RedisQuotaStore store;

  RedisSupport(String url, Duration commandTimeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(commandTimeout.multipliedBy(4));
    this.client = RedisClient.create(uri);
    try {
      this.store = RedisQuotaStore.builder().client(client).commandTimeout(commandTimeout).build();
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  QuotaStore store() {
    return store;
  }

  Callable<Void> probe() {
    return store.probe();
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      client.shutdown();
    }
  }
}
