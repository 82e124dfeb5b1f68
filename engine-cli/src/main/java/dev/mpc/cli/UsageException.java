package dev.mpc.cli;

/** Bad command-line arguments: {@code mpc} prints the message and the usage, and exits 2. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates a usage error with a one-line message. */
  public UsageException(String message) {
    super(message);
  }
}
