package dev.mpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The two versions of MPC for the JVM, kept apart on purpose:
 *
 * <ul>
 *   <li>{@link #compatibility()}: the declared artifact-compatibility version, a constant in code.
 *       It is the {@code engineVersion} that enters every artifact hash this project computes or
 *       prints ({@code artifactHash = stableHash({astHash, engineVersion, metaHash})}), so an
 *       artifact has the same identity whichever implementation compiled it. It changes only
 *       when the compiled form changes in a way other implementations must know about.
 *   <li>{@link #build()}: the Maven build version (e.g. {@code 0.1.0-SNAPSHOT}), for
 *       {@code mpc version} and diagnostics only; it never reaches a hash.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class MpcVersion {
  /** The declared artifact-compatibility version: upstream MPC's engine version (pipeline.md §8.8). */
  public static final String COMPATIBILITY = "0.1.0";

  private static final String BUILD = load();

  private MpcVersion() {}

  /** The artifact-compatibility version, {@value #COMPATIBILITY}: what artifacts record and hash. */
  public static String compatibility() {
    return COMPATIBILITY;
  }

  /** The Maven build version, e.g. {@code 0.1.0-SNAPSHOT}; never part of a hash. */
  public static String build() {
    return BUILD;
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
