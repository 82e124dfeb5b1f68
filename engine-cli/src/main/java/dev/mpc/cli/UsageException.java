package dev.mpc.cli;

import dev.mpc.diag.Code;

/**
 * Bad command-line arguments, or an input file that cannot be read: {@code mpc} prints the
 * one-line message (for bad arguments followed by the usage, once) and exits 2.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether {@code mpc} prints the usage after the message. */
  private final boolean showUsage;

  /**
   * Creates a usage error with a one-line message (printed with the command's usage).
   *
   * @param message the message
   */
  public UsageException(String message) {
    this(message, true);
  }

  private UsageException(String message, boolean showUsage) {
    super(message);
    this.showUsage = showUsage;
  }

  /**
   * An input file (or directory) that cannot be read: {@code [E_INPUT_UNREADABLE] cannot read
   * 'FILE': REASON}, without the usage. The same error in every command.
   */
  static UsageException unreadable(String file, String reason) {
    return new UsageException("[" + Code.E_INPUT_UNREADABLE.code() + "] cannot read '" + file + "': " + reason, false);
  }

  /** Whether {@code mpc} prints the usage after the message. */
  boolean showUsage() {
    return showUsage;
  }
}
