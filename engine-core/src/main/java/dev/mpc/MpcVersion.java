package dev.mpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this MPC build, as recorded at build time.
 *
 * <p>Immutable and thread-safe.
 */
public final class MpcVersion {
  private static final String VERSION = load();

  private MpcVersion() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = MpcVersion.class.getResourceAsStream("mpc-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/mpc/mpc-version.properties is missing from the engine-core jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
