package dev.mpc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import dev.mpc.workflow.WorkflowInstance;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The shipped migrations: PostgreSQL 16 is what runs, re-running them changes nothing, Flyway sees them applied. */
class MigrationTest {
  /** Every shipped migration, in version order. */
  static final List<String> MIGRATIONS = List.of("V1__mpc_governance.sql", "V2__mpc_workflow.sql",
      "V3__mpc_bundles.sql");

  static String migration(String name) throws Exception {
    try (InputStream in = MigrationTest.class.getResourceAsStream("/db/migration/mpc/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theEmbeddedServerIsPostgreSql16() throws Exception {
    try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).startsWith("16."), rs.getString(1));
    }
  }

  @Test
  void rerunningTheMigrations_changesNothing_onH2AndPostgres() throws Exception {
    for (DataSource ds : List.of(Databases.h2(), Databases.postgres())) {
      Scope scope = new Scope("mig-" + UUID.randomUUID(), "n");
      JdbcActivePointerStore store = new JdbcActivePointerStore(ds);
      ActivePointer p = new ActivePointer("sha256:a", "sha256:b", 1, RuntimeMode.NORMAL);
      assertTrue(store.compareAndSet(scope, Optional.empty(), p));
      JdbcWorkflowStore workflows = new JdbcWorkflowStore(ds);
      WorkflowInstance instance = Instances.started("mig-" + UUID.randomUUID());
      assertTrue(workflows.create(instance).isOk());
      List<String> before = schema(ds);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (String m : MIGRATIONS) {
          for (String stmt : statements(migration(m))) {
            s.execute(stmt);
          }
        }
      }
      assertEquals(before, schema(ds));
      assertEquals(Optional.of(p), store.get(scope), "data survives a re-run");
      assertEquals(Optional.of(instance), workflows.load(instance.instanceId()), "instances survive a re-run");
      assertEquals(0, Flyway.configure().dataSource(ds).locations("classpath:db/migration/mpc").load().migrate()
          .migrationsExecuted, "Flyway has nothing left to apply");
    }
  }

  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        out.add(cur.toString().strip().replaceAll(";$", ""));
        cur.setLength(0);
      }
    }
    return out;
  }

  /** Tables, columns and indexes of the mpc tables, in a fixed order. */
  static List<String> schema(DataSource ds) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      for (String table : List.of("mpc_active_pointer", "mpc_activation_ledger", "mpc_workflow_instance",
          "mpc_workflow_history", "mpc_bundle")) {
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
          try (ResultSet rs = c.getMetaData().getColumns(null, null, name, null)) {
            while (rs.next()) {
              out.add(table + "." + rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT) + ":"
                  + rs.getString("TYPE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
          }
          try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, name, false, false)) {
            while (rs.next()) {
              out.add(table + " index " + String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(java.util.Locale.ROOT)
                  + " unique=" + !rs.getBoolean("NON_UNIQUE") + " col=" + rs.getString("COLUMN_NAME"));
            }
          }
        }
      }
    }
    out.sort(null);
    assertTrue(out.stream().anyMatch(s -> s.contains("mpc_activation_ledger_logical_key") && s.contains("unique=true")),
        () -> "the logical key index is unique: " + out);
    assertTrue(out.stream().anyMatch(s -> s.startsWith("mpc_workflow_instance.version:")), () -> "version column: " + out);
    return out;
  }
}
