package dev.mpc.jdbc;

import java.sql.SQLException;

/**
 * A database failure inside a JDBC adapter, unchecked so it travels through the engine's port
 * interfaces; the engines treat it as a failed port and fail closed (an activation is not made,
 * a ledger append failure sets the pointer back). Carries the SQL state.
 */
public final class JdbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The failure of {@code what}. */
  JdbcException(String what, SQLException cause) {
    super(what + " failed: " + cause.getMessage() + " (SQL state " + cause.getSQLState() + ")", cause);
  }

  /** A failure without an SQL exception. */
  JdbcException(String message) {
    super(message);
  }

  /**
   * The SQL state of the cause, if there is one.
   *
   * @return the SQL state of the cause, if there is one
   */
  public String sqlState() {
    return getCause() instanceof SQLException s ? s.getSQLState() : null;
  }
}
