package dev.mpc.redis;

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
 * A real {@code redis-server} on a free loopback port, no persistence, for one test class. Without
 * the binary the calling test is skipped, naming it (never passed).
 */
final class RedisServer implements AutoCloseable {
  final int port;
  private final Process process;

  private RedisServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static Optional<String> binary() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin")
        .split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (!dir.isEmpty() && f.canExecute()) {
        return Optional.of(f.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Starts a server, or skips the test when there is no binary. */
  static RedisServer start() throws Exception {
    Optional<String> bin = binary();
    Assumptions.assumeTrue(bin.isPresent(), "redis-server not found on PATH, /usr/bin or /usr/local/bin:"
        + " install it (Debian: apt-get install redis-server) to run the Redis adapter tests");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
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

  String uri() {
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

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
