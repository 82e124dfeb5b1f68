package dev.mpc.diag;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a {@link Diagnostic} is. The wire names are those of the error contract schema:
 * {@code info}, {@code warn}, {@code error}, {@code fatal}.
 *
 * <p>Upstream MPC's validators emit {@code warning}, which the contract schema does not allow; MPC
 * for the JVM always emits {@code warn} and reads {@code warning} as {@link #WARN}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Severity {
  /** Informational; never fails anything. */
  INFO,
  /** Worth a look; does not fail validation. */
  WARN,
  /** Fails the operation (validation, compilation, evaluation). */
  ERROR,
  /** Fails the operation and anything built on it (e.g. an unsigned artifact in enterprise mode). */
  FATAL;

  /** The wire name: {@code info}, {@code warn}, {@code error} or {@code fatal}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this severity fails the operation that produced it ({@link #ERROR} or {@link #FATAL}). */
  public boolean isFailure() {
    return this == ERROR || this == FATAL;
  }

  /** Parses a wire name; {@code warning} (upstream's spelling) is read as {@link #WARN}. */
  public static Optional<Severity> fromWireName(String name) {
    return switch (name) {
      case "info" -> Optional.of(INFO);
      case "warn", "warning" -> Optional.of(WARN);
      case "error" -> Optional.of(ERROR);
      case "fatal" -> Optional.of(FATAL);
      default -> Optional.empty();
    };
  }
}
