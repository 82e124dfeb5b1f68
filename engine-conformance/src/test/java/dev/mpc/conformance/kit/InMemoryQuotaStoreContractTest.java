package dev.mpc.conformance.kit;

import dev.mpc.governance.QuotaStore;

/** engine-core's in-memory QuotaStore passes its contract kit. */
class InMemoryQuotaStoreContractTest extends QuotaStoreContract {
  @Override
  protected QuotaStore newStore() {
    return QuotaStore.inMemory();
  }
}
