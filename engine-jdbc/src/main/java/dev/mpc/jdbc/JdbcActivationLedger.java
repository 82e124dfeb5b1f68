package dev.mpc.jdbc;

import dev.mpc.diag.Result;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ActivationLedger} over table {@code mpc_activation_ledger} (migration
 * {@code db/migration/mpc/V1__mpc_governance.sql}). Append-only: the adapter only ever inserts.
 * Each row keeps the record's export line ({@link LedgerRecord#toJson()}, so every field, the
 * nanosecond timestamp included, reads back exactly and the stored hash chain checks), with its
 * position as primary key and a UNIQUE index on the logical key (tenant, namespace,
 * idempotency key).
 *
 * <p>An append reads the last record, then inserts the next position linked to its hash: on
 * PostgreSQL {@code INSERT ... ON CONFLICT DO NOTHING}, on H2 an insert whose key violation is
 * caught. When nothing was inserted, the logical key is looked up: found, the call was an
 * idempotent replay (logged as a no-op, nothing appended); not found, another appender took the
 * position and the append is retried from the new last record (bounded). So several service
 * instances share one chain with no fork, no hole and no duplicate key. Database failures are
 * {@link JdbcException}s. Thread-safe.
 */
public final class JdbcActivationLedger implements ActivationLedger {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcActivationLedger.class);
  /** How many times a lost race for the next position is retried. */
  static final int MAX_ATTEMPTS = 1_000;

  private final DataSource dataSource;
  private final Dialect dialect;

  /**
   * A ledger over {@code dataSource} (PostgreSQL or H2, migrated).
   *
   * @param dataSource the data source
   */
  public JdbcActivationLedger(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Dialect.of(dataSource);
  }

  @Override
  public Appended append(Scope scope, String idempotencyKey, String action, Optional<String> previousHash,
      String artifactHash, String bundleDigest, long sequence, RuntimeMode mode, String actor, Instant createdAt) {
    Objects.requireNonNull(scope, "scope");
    Optional<LedgerRecord> existing = find(scope, idempotencyKey);
    if (existing.isPresent()) {
      LOG.info("ledger append of {}/{} is a replay: nothing appended (record {})", scope, idempotencyKey,
          existing.get().id());
      return new Appended(existing.get(), false);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long lastId = 0;
      String lastHash = LedgerRecord.GENESIS;
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
          "SELECT id, record_hash FROM mpc_activation_ledger ORDER BY id DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          lastId = rs.getLong(1);
          lastHash = rs.getString(2);
        }
      } catch (SQLException e) {
        throw new JdbcException("reading the last ledger record", e);
      }
      LedgerRecord r = LedgerRecord.chained(lastId + 1, scope, idempotencyKey, action, previousHash, artifactHash,
          bundleDigest, sequence, mode, actor, createdAt, lastHash);
      if (insert(r)) {
        return new Appended(r, true);
      }
      Optional<LedgerRecord> winner = find(scope, idempotencyKey);
      if (winner.isPresent()) {
        LOG.info("ledger append of {}/{} lost to a concurrent identical append: nothing appended (record {})",
            scope, idempotencyKey, winner.get().id());
        return new Appended(winner.get(), false);
      }
    }
    throw new JdbcException("ledger append of " + scope + "/" + idempotencyKey + " lost the race for the next"
        + " position " + MAX_ATTEMPTS + " times");
  }

  private boolean insert(LedgerRecord r) {
    String sql = "INSERT INTO mpc_activation_ledger (id, tenant, namespace, idempotency_key, prev_hash, record_hash,"
        + " record_json) VALUES (?, ?, ?, ?, ?, ?, ?)" + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, r.id());
      ps.setString(2, r.scope().tenant());
      ps.setString(3, r.scope().namespace());
      ps.setString(4, r.idempotencyKey());
      ps.setString(5, r.prevHash());
      ps.setString(6, r.recordHash());
      ps.setString(7, Canonical.json(r.toJson()));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (Dialect.isUniqueViolation(e)) {
        return false;
      }
      throw new JdbcException("appending ledger record " + r.id(), e);
    }
  }

  @Override
  public Optional<LedgerRecord> find(Scope scope, String idempotencyKey) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT record_json FROM mpc_activation_ledger WHERE tenant = ? AND namespace = ? AND idempotency_key = ?")) {
      ps.setString(1, scope.tenant());
      ps.setString(2, scope.namespace());
      ps.setString(3, idempotencyKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JdbcException("finding ledger record " + scope + "/" + idempotencyKey, e);
    }
  }

  @Override
  public List<LedgerRecord> records() {
    List<LedgerRecord> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT record_json FROM mpc_activation_ledger ORDER BY id"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs.getString(1)));
      }
    } catch (SQLException e) {
      throw new JdbcException("reading the ledger", e);
    }
    return List.copyOf(out);
  }

  /** A stored line as a record (as stored: {@link ActivationLedger#verify} reports an edited one). */
  private static LedgerRecord read(String line) {
    Result<LedgerRecord> r = Json.parse(line).flatMap(LedgerRecord::fromJson);
    if (!r.isOk()) {
      throw new JdbcException("a stored ledger line is not a ledger record: " + r.diagnostics());
    }
    return r.orElseThrow();
  }

  @Override
  public String toString() {
    return "JdbcActivationLedger[" + dialect + "]";
  }
}
