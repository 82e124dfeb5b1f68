package dev.mpc.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases the adapters support, told apart by the driver's product name. */
enum Dialect {
  POSTGRESQL,
  H2;

  static Dialect of(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String name = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (name.contains("postgres")) {
        return POSTGRESQL;
      }
      if (name.contains("h2")) {
        return H2;
      }
      throw new JdbcException("unsupported database '" + name + "' (PostgreSQL and H2 are supported)");
    } catch (SQLException e) {
      throw new JdbcException("connecting to find the database", e);
    }
  }

  /** Whether {@code e} is a unique or primary key violation (SQL state class 23, code 23505). */
  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
