package dev.mpc.jdbc;

import dev.mpc.conformance.kit.WorkflowStoreContract;
import dev.mpc.workflow.WorkflowStore;

/** The workflow store contract kit against H2. */
class H2WorkflowStoreContractTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore newStore() {
    return new JdbcWorkflowStore(Databases.h2());
  }
}
