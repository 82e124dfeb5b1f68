package dev.mpc.jdbc;

import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ActivePointerStore} over table {@code mpc_active_pointer} (migration
 * {@code db/migration/mpc/V1__mpc_governance.sql}): one row per scope, every compare-and-set one
 * statement: the first activation an {@code INSERT} (on PostgreSQL {@code ON CONFLICT DO NOTHING};
 * on H2 a primary-key violation is the lost race), later ones an {@code UPDATE ... WHERE} every
 * column equals the expected pointer, a compensation a {@code DELETE ... WHERE} likewise. So of
 * several service instances racing for one scope exactly one wins.
 *
 * <p>Runs each statement on its own connection from the host's {@link DataSource} in auto-commit;
 * never alters the schema. Database failures are {@link JdbcException}s. Thread-safe.
 */
public final class JdbcActivePointerStore implements ActivePointerStore {
  private final DataSource dataSource;
  private final Dialect dialect;

  /**
   * A store over {@code dataSource} (PostgreSQL or H2, migrated).
   *
   * @param dataSource the data source
   */
  public JdbcActivePointerStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Dialect.of(dataSource);
  }

  @Override
  public Optional<ActivePointer> get(Scope scope) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT artifact_hash, bundle_digest, sequence_no, mode FROM mpc_active_pointer"
            + " WHERE tenant = ? AND namespace = ?")) {
      ps.setString(1, scope.tenant());
      ps.setString(2, scope.namespace());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new ActivePointer(rs.getString(1), rs.getString(2), rs.getLong(3),
            RuntimeMode.valueOf(rs.getString(4))));
      }
    } catch (SQLException e) {
      throw new JdbcException("reading the active pointer of " + scope, e);
    }
  }

  @Override
  public boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    if (expected.isEmpty()) {
      return insert(scope, next);
    }
    ActivePointer e = expected.get();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE mpc_active_pointer SET artifact_hash = ?, bundle_digest = ?, sequence_no = ?, mode = ?"
            + " WHERE tenant = ? AND namespace = ? AND artifact_hash = ? AND bundle_digest = ? AND sequence_no = ?"
            + " AND mode = ?")) {
      ps.setString(1, next.artifactHash());
      ps.setString(2, next.bundleDigest());
      ps.setLong(3, next.sequence());
      ps.setString(4, next.mode().name());
      bindWhere(ps, 5, scope, e);
      return ps.executeUpdate() == 1;
    } catch (SQLException x) {
      throw new JdbcException("setting the active pointer of " + scope, x);
    }
  }

  private boolean insert(Scope scope, ActivePointer next) {
    String sql = "INSERT INTO mpc_active_pointer (tenant, namespace, artifact_hash, bundle_digest, sequence_no, mode)"
        + " VALUES (?, ?, ?, ?, ?, ?)" + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, scope.tenant());
      ps.setString(2, scope.namespace());
      ps.setString(3, next.artifactHash());
      ps.setString(4, next.bundleDigest());
      ps.setLong(5, next.sequence());
      ps.setString(6, next.mode().name());
      return ps.executeUpdate() == 1;
    } catch (SQLException x) {
      if (Dialect.isUniqueViolation(x)) {
        return false;
      }
      throw new JdbcException("creating the active pointer of " + scope, x);
    }
  }

  @Override
  public boolean compareAndRemove(Scope scope, ActivePointer expected) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(expected, "expected");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "DELETE FROM mpc_active_pointer WHERE tenant = ? AND namespace = ? AND artifact_hash = ?"
            + " AND bundle_digest = ? AND sequence_no = ? AND mode = ?")) {
      bindWhere(ps, 1, scope, expected);
      return ps.executeUpdate() == 1;
    } catch (SQLException x) {
      throw new JdbcException("removing the active pointer of " + scope, x);
    }
  }

  private static void bindWhere(PreparedStatement ps, int from, Scope scope, ActivePointer e) throws SQLException {
    ps.setString(from, scope.tenant());
    ps.setString(from + 1, scope.namespace());
    ps.setString(from + 2, e.artifactHash());
    ps.setString(from + 3, e.bundleDigest());
    ps.setLong(from + 4, e.sequence());
    ps.setString(from + 5, e.mode().name());
  }

  @Override
  public String toString() {
    return "JdbcActivePointerStore[" + dialect + "]";
  }
}
