package dev.mpc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.workflow.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What the contract kit does not cover: a failing database, limits, a tampered row. */
class JdbcWorkflowStoreTest {
  @Test
  void aFailingDatabase_isACodedPortFailure_orAJdbcException_neverAHalfWrite() {
    JdbcDataSource unmigrated = new JdbcDataSource();
    unmigrated.setURL("jdbc:h2:mem:unmigrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcWorkflowStore store = new JdbcWorkflowStore(unmigrated);
    WorkflowInstance i = Instances.started("w-" + UUID.randomUUID());
    Result<WorkflowInstance> created = store.create(i);
    assertFalse(created.isOk());
    assertEquals(Code.E_WF_PORT_FAILED, created.diagnostics().get(0).code());
    assertTrue(created.diagnostics().get(0).details().has("sqlState"));
    Result<WorkflowInstance> saved = store.save(Instances.ENGINE.fire(Instances.LOOP, i, "go",
        dev.mpc.contract.Actor.user("u", "r"), JsonObject.EMPTY).instance(), 0);
    assertEquals(Code.E_WF_PORT_FAILED, saved.diagnostics().get(0).code());
    JdbcException e = assertThrows(JdbcException.class, () -> store.load(i.instanceId()));
    assertTrue(e.sqlState().startsWith("42S"), e.getMessage()); // table not found
    assertThrows(JdbcException.class, () -> store.history(i.instanceId()));
  }

  @Test
  void oversizedIdsAndSnapshots_areRefused_withACode_andStoreNothing() {
    JdbcWorkflowStore store = new JdbcWorkflowStore(Databases.h2());
    WorkflowInstance longId = Instances.started("x".repeat(401));
    assertEquals(Code.E_QUOTA_EXCEEDED, store.create(longId).diagnostics().get(0).code());
    assertEquals(Optional.empty(), store.load(longId.instanceId()));
    WorkflowInstance big = Instances.ENGINE.start(Instances.LOOP, "loop", "big-" + UUID.randomUUID(),
        JsonObject.builder().put("blob", JsonString.of("y".repeat(1_000_001))).build()).orElseThrow();
    assertEquals(Code.E_QUOTA_EXCEEDED, store.create(big).diagnostics().get(0).code());
    assertEquals(Optional.empty(), store.load(big.instanceId()));
  }

  @Test
  void aTamperedSnapshot_isReportedOnLoad_notReturned() throws Exception {
    JdbcWorkflowStore store = new JdbcWorkflowStore(Databases.h2());
    WorkflowInstance i = Instances.started("t-" + UUID.randomUUID());
    assertTrue(store.create(i).isOk());
    try (Connection c = Databases.h2().getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE mpc_workflow_instance SET instance_json = '{\"version\":1}' WHERE instance_id = ?")) {
      ps.setString(1, i.instanceId());
      assertEquals(1, ps.executeUpdate());
    }
    JdbcException e = assertThrows(JdbcException.class, () -> store.load(i.instanceId()));
    assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
  }
}
