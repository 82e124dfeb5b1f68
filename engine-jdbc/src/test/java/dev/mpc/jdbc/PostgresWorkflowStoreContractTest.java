package dev.mpc.jdbc;

import dev.mpc.conformance.kit.WorkflowStoreContract;
import dev.mpc.workflow.WorkflowStore;

/** The workflow store contract kit against Postgres. */
class PostgresWorkflowStoreContractTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore newStore() {
    return new JdbcWorkflowStore(Databases.postgres());
  }
}
