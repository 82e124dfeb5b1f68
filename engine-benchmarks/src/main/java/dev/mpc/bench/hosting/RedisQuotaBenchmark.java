package dev.mpc.bench.hosting;

import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import dev.mpc.redis.RedisQuotaStore;
import io.lettuce.core.RedisClient;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RedisQuotaStore.tryConsume} against a real {@code redis-server} started on a free loopback
 * port (the benchmark fails when the binary is missing): one quota check per decision, one
 * {@code EVALSHA} round trip each, on one shared Lettuce connection (Lettuce pipelines the
 * commands of concurrent callers), with 1 and 8 threads; tenants spread over 1,000 keys with a
 * limit no call exhausts, so every call does the full read-check-write.
 *
 * <pre>java -jar engine-benchmarks/target/benchmarks.jar 'hosting.RedisQuotaBenchmark'</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class RedisQuotaBenchmark {
  static final QuotaLimit LIMIT = new QuotaLimit(60_000_000L, 1_000_000_000L);

  /** The server, the client and the store. */
  @State(Scope.Benchmark)
  public static class Redis {
    Process server;
    RedisClient client;
    RedisQuotaStore store;
    final String run = UUID.randomUUID().toString();

    /** Starts redis-server and connects. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      String bin = new File("/usr/bin/redis-server").canExecute() ? "/usr/bin/redis-server" : "redis-server";
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      server = new ProcessBuilder(bin, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
          "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      client = RedisClient.create("redis://127.0.0.1:" + port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try {
          store = RedisQuotaStore.builder().client(client).build();
          break;
        } catch (RuntimeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
      store.close();
      client.shutdown();
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static QuotaStore.Outcome check(Redis r) {
    String tenant = "t-" + r.run + "-" + ThreadLocalRandom.current().nextInt(1000);
    long now = System.currentTimeMillis() * 1_000_000L;
    QuotaStore.Outcome o = r.store.tryConsume(tenant, "evaluations", 1, LIMIT, now);
    if (!o.allowed()) {
      throw new IllegalStateException("refused: " + o + " (failures " + r.store.failures() + ")");
    }
    return o;
  }

  /** One quota check, one thread. */
  @Benchmark
  @Threads(1)
  public QuotaStore.Outcome quotaCheck_1thread(Redis r) {
    return check(r);
  }

  /** One quota check, 8 threads on the shared connection. */
  @Benchmark
  @Threads(8)
  public QuotaStore.Outcome quotaCheck_8threads(Redis r) {
    return check(r);
  }
}
