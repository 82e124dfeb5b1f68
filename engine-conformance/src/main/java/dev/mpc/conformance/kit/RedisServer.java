package dev.mpc.conformance.kit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, no persistence, for the tests of a Redis
 * adapter (engine-redis's, the starter's, a host's). Without the binary the calling test is
 * skipped, naming it (never passed).
 *
 * <pre>{@code
 * static RedisServer redis;
 * @BeforeAll static void start() throws Exception { redis = RedisServer.start(); }
 * @AfterAll static void stop() throws Exception { redis.close(); }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
  /** The loopback port it listens on. */
  public final int port;
  private final Process process;

  private RedisServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /**
   * The {@code redis-server} executable, if one is installed.
   *
   * @return the {@code redis-server} executable, if one is installed
   */
  public static Optional<String> binary() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin")
        .split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (!dir.isEmpty() && f.canExecute()) {
        return Optional.of(f.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Why Redis tests are skipped on a machine without the binary. */
  public static final String MISSING = "redis-server not found on PATH, /usr/bin or /usr/local/bin:"
      + " install it (Debian: apt-get install redis-server) to run the Redis adapter tests";

  /**
   * Whether a {@code redis-server} executable is installed (for {@code @EnabledIf}).
   *
   * @return whether the binary was found
   */
  public static boolean installed() {
    return binary().isPresent();
  }

  /**
   * Skips the calling test (reported as skipped, with {@link #MISSING}) when there is no binary:
   * call it in {@code @BeforeEach} or at the start of each test, so that every test reports itself.
   */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(installed(), MISSING);
  }

  /**
   * A running server when the binary is installed, else empty (call it in {@code @BeforeAll} and
   * {@link #assumeInstalled()} in each test).
   *
   * @return the server, if one could be started
   * @throws Exception when the binary is there but the server cannot be started
   */
  public static Optional<RedisServer> startIfInstalled() throws Exception {
    return installed() ? Optional.of(start()) : Optional.empty();
  }

  /**
   * Starts a server, or skips the test when there is no binary.
   *
   * @return the running server
   * @throws Exception when it cannot be started or does not answer within 10 s
   */
  public static RedisServer start() throws Exception {
    Optional<String> bin = binary();
    Assumptions.assumeTrue(bin.isPresent(), MISSING);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return start(port);
  }

  /**
   * Starts a server on {@code port} (to bring one back where a stopped one was), or skips the test
   * when there is no binary.
   *
   * @param port the loopback port
   * @return the running server
   * @throws Exception when it cannot be started or does not answer within 10 s
   */
  public static RedisServer start(int port) throws Exception {
    Optional<String> bin = binary();
    Assumptions.assumeTrue(bin.isPresent(), MISSING);
    Process p = new ProcessBuilder(bin.get(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    RedisServer server = new RedisServer(port, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (server.pings()) {
        return server;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + p.exitValue());
      }
      Thread.sleep(20);
    }
    server.close();
    throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s");
  }

  /**
   * {@code redis://127.0.0.1:PORT}.
   *
   * @return the string
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  private boolean pings() {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(500);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[7];
      int n = s.getInputStream().read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (waits up to 10 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
