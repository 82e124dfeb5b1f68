package dev.mpc.jdbc;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowJson;
import dev.mpc.workflow.WorkflowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link WorkflowStore} over tables {@code mpc_workflow_instance} and {@code mpc_workflow_history}
 * (migration {@code db/migration/mpc/V2__mpc_workflow.sql}). Each instance is one row holding its
 * JSON snapshot ({@link WorkflowJson}) and a version column; each history record one row keyed by
 * (instance id, version).
 *
 * <ul>
 *   <li>{@link #create}: one transaction inserting the instance row and history record 0; an id
 *       that exists violates the primary key and is {@code E_WF_CONCURRENT_MODIFICATION}.
 *   <li>{@link #save}: one transaction of {@code UPDATE ... SET version = v + 1 ... WHERE
 *       instance_id = ? AND version = v AND workflow_id = ?} (the compare-and-set: of concurrent
 *       writers with the same expected version the database lets exactly one update the row) and
 *       the {@code INSERT} of the new history record; a stale version is
 *       {@code E_WF_CONCURRENT_MODIFICATION} and changes nothing.
 *   <li>A failing database is a coded failure of {@code create}/{@code save}
 *       ({@code E_WF_PORT_FAILED}, with the SQL state in the details) and a
 *       {@link JdbcException} from {@link #load}/{@link #history}; nothing is half-written.
 * </ul>
 *
 * <p>Limits (the migration's column sizes): instance and workflow ids up to 400 characters, a
 * snapshot or record up to 1,000,000 characters of JSON; beyond them save/create fail with a coded
 * error and store nothing. Never alters the schema. Thread-safe.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
  static final int MAX_ID = 400;
  static final int MAX_JSON = 1_000_000;
  static final int MAX_LABEL = 4_000;

  private final DataSource dataSource;
  private final Dialect dialect;

  /**
   * A store over {@code dataSource} (PostgreSQL or H2, migrated).
   *
   * @param dataSource the data source
   */
  public JdbcWorkflowStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Dialect.of(dataSource);
  }

  @Override
  public Optional<WorkflowInstance> load(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT instance_json FROM mpc_workflow_instance WHERE instance_id = ?")) {
      ps.setString(1, instanceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Result<WorkflowInstance> read = WorkflowJson.readInstance(rs.getString(1));
        if (!read.isOk()) {
          throw new JdbcException("the stored instance '" + instanceId + "' is unreadable: "
              + read.diagnostics().get(0).message());
        }
        return Optional.of(read.orElseThrow());
      }
    } catch (SQLException e) {
      throw new JdbcException("loading workflow instance '" + instanceId + "'", e);
    }
  }

  @Override
  public Result<WorkflowInstance> create(WorkflowInstance instance) {
    Objects.requireNonNull(instance, "instance");
    if (instance.version() != 0) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a new instance must have version 0, '"
          + instance.instanceId() + "' has version " + instance.version()));
    }
    Rows rows = rows(instance);
    if (rows.problem != null) {
      return Result.failed(rows.problem);
    }
    return inTransaction("creating workflow instance '" + instance.instanceId() + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO mpc_workflow_instance"
          + " (instance_id, workflow_id, version, state_label, artifact_hash, instance_json) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, instance.instanceId());
        ps.setString(2, instance.workflowId());
        ps.setLong(3, 0);
        ps.setString(4, rows.label);
        ps.setString(5, instance.artifactHash());
        ps.setString(6, rows.instanceJson);
        ps.executeUpdate();
      }
      insertRecord(c, instance.instanceId(), rows);
      return null;
    }, instance, () -> conflict(instance.instanceId(), 0, storedVersion(instance.instanceId()), "already exists"));
  }

  @Override
  public Result<WorkflowInstance> save(WorkflowInstance instance, long expectedVersion) {
    Objects.requireNonNull(instance, "instance");
    if (instance.version() != expectedVersion + 1) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "instance '" + instance.instanceId()
          + "' has version " + instance.version() + "; saving over version " + expectedVersion + " needs version "
          + (expectedVersion + 1)));
    }
    Rows rows = rows(instance);
    if (rows.problem != null) {
      return Result.failed(rows.problem);
    }
    return inTransaction("saving workflow instance '" + instance.instanceId() + "'", c -> {
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE mpc_workflow_instance SET version = ?,"
          + " state_label = ?, artifact_hash = ?, instance_json = ?"
          + " WHERE instance_id = ? AND version = ? AND workflow_id = ?")) {
        ps.setLong(1, instance.version());
        ps.setString(2, rows.label);
        ps.setString(3, instance.artifactHash());
        ps.setString(4, rows.instanceJson);
        ps.setString(5, instance.instanceId());
        ps.setLong(6, expectedVersion);
        ps.setString(7, instance.workflowId());
        updated = ps.executeUpdate();
      }
      if (updated != 1) {
        return whyNotSaved(c, instance, expectedVersion); // rolled back by inTransaction
      }
      insertRecord(c, instance.instanceId(), rows);
      return null;
    }, instance, () -> conflict(instance.instanceId(), expectedVersion, storedVersion(instance.instanceId()),
        "was changed concurrently"));
  }

  /** One transaction's work: null when it may commit, else why it must roll back. */
  @FunctionalInterface
  private interface Work {
    Diagnostic run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns null, rolls back and fails with
   * its diagnostic otherwise; a unique violation rolls back and fails with {@code onUnique}; any
   * other database failure is {@code E_WF_PORT_FAILED}.
   */
  private Result<WorkflowInstance> inTransaction(String what, Work work, WorkflowInstance instance,
      java.util.function.Supplier<Diagnostic> onUnique) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Diagnostic refused = work.run(c);
        if (refused != null) {
          c.rollback();
          return Result.failed(refused);
        }
        c.commit();
        return Result.ok(instance);
      } catch (SQLException e) {
        c.rollback();
        if (Dialect.isUniqueViolation(e)) {
          return Result.failed(onUnique.get());
        }
        throw e;
      }
    } catch (SQLException e) {
      return Result.failed(portFailed(what, e));
    }
  }

  @Override
  public List<TransitionRecord> history(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT version, record_json FROM mpc_workflow_history WHERE instance_id = ? ORDER BY version")) {
      ps.setString(1, instanceId);
      List<TransitionRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long version = rs.getLong(1);
          Result<TransitionRecord> r = WorkflowJson.readRecord(rs.getString(2));
          if (!r.isOk() || r.orElseThrow().version() != version) {
            throw new JdbcException("history record " + version + " of '" + instanceId + "' is unreadable"
                + (r.isOk() ? " (it says version " + r.orElseThrow().version() + ")" : ": " + r.diagnostics().get(0).message()));
          }
          out.add(r.orElseThrow());
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw new JdbcException("reading the history of '" + instanceId + "'", e);
    }
  }

  // ------------------------------------------------------------------------------ internals

  /** What one create or save writes, or why it cannot be written. */
  private static final class Rows {
    String instanceJson;
    String recordJson;
    String label;
    long recordVersion;
    Diagnostic problem;
  }

  private static Rows rows(WorkflowInstance instance) {
    Rows r = new Rows();
    if (instance.instanceId().length() > MAX_ID || instance.workflowId().length() > MAX_ID) {
      r.problem = Diagnostic.of(Code.E_QUOTA_EXCEEDED, "instance and workflow ids are limited to " + MAX_ID
          + " characters in the JDBC store");
      return r;
    }
    r.instanceJson = Json.write(WorkflowJson.toJson(instance));
    r.recordJson = Json.write(WorkflowJson.toJson(instance.lastRecord()));
    r.recordVersion = instance.lastRecord().version();
    String label = instance.stateLabel();
    r.label = label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label;
    if (r.instanceJson.length() > MAX_JSON || r.recordJson.length() > MAX_JSON) {
      r.problem = Diagnostic.of(Code.E_QUOTA_EXCEEDED, "instance '" + instance.instanceId() + "' is "
          + Math.max(r.instanceJson.length(), r.recordJson.length()) + " characters of JSON; the JDBC store keeps up to "
          + MAX_JSON);
    }
    return r;
  }

  private static void insertRecord(Connection c, String instanceId, Rows rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO mpc_workflow_history (instance_id, version, record_json) VALUES (?, ?, ?)")) {
      ps.setString(1, instanceId);
      ps.setLong(2, rows.recordVersion);
      ps.setString(3, rows.recordJson);
      ps.executeUpdate();
    }
  }

  private static Diagnostic whyNotSaved(Connection c, WorkflowInstance instance, long expected) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT version, workflow_id FROM mpc_workflow_instance WHERE instance_id = ?")) {
      ps.setString(1, instance.instanceId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "no stored instance '" + instance.instanceId() + "'");
        }
        long stored = rs.getLong(1);
        String workflow = rs.getString(2);
        if (stored == expected && !workflow.equals(instance.workflowId())) {
          return Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "instance '" + instance.instanceId() + "' runs workflow '"
              + workflow + "', not '" + instance.workflowId() + "'");
        }
        return conflict(instance.instanceId(), expected, stored, "was changed concurrently");
      }
    }
  }

  private long storedVersion(String instanceId) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT version FROM mpc_workflow_instance WHERE instance_id = ?")) {
      ps.setString(1, instanceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  private static Diagnostic conflict(String id, long expected, long actual, String what) {
    return Diagnostic.of(Code.E_WF_CONCURRENT_MODIFICATION, "instance '" + id + "' " + what + " (expected version "
        + expected + ", stored version " + actual + ")").withDetails(JsonObject.builder().put("instanceId", id)
        .put("expectedVersion", expected).put("storedVersion", actual).build());
  }

  private static Diagnostic portFailed(String what, SQLException e) {
    return Diagnostic.of(Code.E_WF_PORT_FAILED, "workflow store: " + what + " failed (SQL state " + e.getSQLState()
        + ")").withDetails(JsonObject.builder().putIfNotNull("sqlState", e.getSQLState()).build());
  }

  @Override
  public String toString() {
    return "JdbcWorkflowStore[" + dialect + "]";
  }
}
