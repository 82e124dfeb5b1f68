package dev.mpc.conformance.kit;

import dev.mpc.workflow.InMemoryWorkflowStore;
import dev.mpc.workflow.WorkflowStore;

/** engine-core's in-memory store passes the store contract kit. */
class InMemoryWorkflowStoreContractTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore newStore() {
    return new InMemoryWorkflowStore();
  }
}
