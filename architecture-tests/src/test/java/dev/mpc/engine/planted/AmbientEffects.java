package dev.mpc.engine.planted;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Planted violations of the no-ambient-effects rules, one method each. Never called: the rules
 * read the bytecode.
 */
public final class AmbientEffects {
  private AmbientEffects() {}

  /** File I/O. */
  public static String readFile(Path p) throws IOException {
    return Files.readString(p);
  }

  /** java.io.File. */
  public static boolean exists(String name) {
    return new File(name).exists();
  }

  /** Network. */
  public static String host(String uri) {
    return URI.create(uri).getHost();
  }

  /** A thread. */
  public static void startThread(Runnable r) {
    new Thread(r).start();
  }

  /** An executor. */
  public static Object pool() {
    return Executors.newSingleThreadExecutor();
  }

  /** Wall clock, three ways. */
  public static long wallClock() {
    return System.currentTimeMillis() + Instant.now().getNano() + LocalDateTime.now().getNano();
  }

  /** The monotonic timer outside the expression frame. */
  public static long timer() {
    return System.nanoTime();
  }

  /** The monotonic timer as a method reference. */
  public static LongSupplier timerReference() {
    return System::nanoTime;
  }

  /** A system clock chosen outside a builder. */
  public static Clock systemClock() {
    return Clock.systemUTC();
  }

  /** Console output. */
  public static void print(String s) {
    System.out.println(s);
  }

  /** Environment. */
  public static String env(String name) {
    return System.getenv(name);
  }

  /** A process. */
  public static Process exec(String cmd) throws IOException {
    return Runtime.getRuntime().exec(new String[] {cmd});
  }
}
