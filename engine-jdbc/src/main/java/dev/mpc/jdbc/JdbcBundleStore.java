package dev.mpc.jdbc;

import dev.mpc.governance.BundleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link BundleStore} over table {@code mpc_bundle} (migration
 * {@code db/migration/mpc/V3__mpc_bundles.sql}): one row per digest, written once ({@code INSERT},
 * on PostgreSQL {@code ON CONFLICT DO NOTHING}; on H2 a primary-key violation means it is there),
 * then compared: {@link #putIfAbsent} is true exactly when the stored bytes equal the given ones.
 * Several service instances share it, so an instance that starts after an activation, or rolls
 * back, loads the very bytes that were activated. Never alters the schema; database failures are
 * {@link JdbcException}s. Thread-safe.
 */
public final class JdbcBundleStore implements BundleStore {
  private final DataSource dataSource;
  private final Dialect dialect;

  /**
   * A store over {@code dataSource} (PostgreSQL or H2, migrated).
   *
   * @param dataSource the data source
   */
  public JdbcBundleStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Dialect.of(dataSource);
  }

  @Override
  public boolean putIfAbsent(String digest, byte[] bytes) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(bytes, "bytes");
    String sql = "INSERT INTO mpc_bundle (digest, bytes) VALUES (?, ?)"
        + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, digest);
      ps.setBytes(2, bytes);
      if (ps.executeUpdate() == 1) {
        return true;
      }
    } catch (SQLException e) {
      if (!Dialect.isUniqueViolation(e)) {
        throw new JdbcException("storing bundle " + digest, e);
      }
    }
    return get(digest).map(stored -> Arrays.equals(stored, bytes)).orElse(false);
  }

  @Override
  public Optional<byte[]> get(String digest) {
    Objects.requireNonNull(digest, "digest");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT bytes FROM mpc_bundle WHERE digest = ?")) {
      ps.setString(1, digest);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JdbcException("reading bundle " + digest, e);
    }
  }

  @Override
  public String toString() {
    return "JdbcBundleStore[" + dialect + "]";
  }
}
