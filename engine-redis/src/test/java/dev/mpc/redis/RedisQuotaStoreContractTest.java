package dev.mpc.redis;

import dev.mpc.conformance.kit.QuotaStoreContract;
import dev.mpc.conformance.kit.RedisServer;
import dev.mpc.governance.QuotaStore;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The QuotaStore contract kit against a real redis-server. */
class RedisQuotaStoreContractTest extends QuotaStoreContract {
  static RedisServer server;
  static RedisClient client;
  RedisQuotaStore store;

  @BeforeAll
  static void start() throws Exception {
    server = RedisServer.startIfInstalled().orElse(null);
    client = server == null ? null : RedisClient.create(server.uri());
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected QuotaStore newStore() {
    RedisServer.assumeInstalled(); // every test reports itself skipped without the binary
    store = RedisQuotaStore.builder().client(client).build();
    return store;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
