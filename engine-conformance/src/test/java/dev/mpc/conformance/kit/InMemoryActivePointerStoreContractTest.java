package dev.mpc.conformance.kit;

import dev.mpc.governance.ActivePointerStore;

/** engine-core's in-memory ActivePointerStore passes its contract kit. */
class InMemoryActivePointerStoreContractTest extends ActivePointerStoreContract {
  @Override
  protected ActivePointerStore newStore() {
    return ActivePointerStore.inMemory();
  }
}
