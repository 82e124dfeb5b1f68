package dev.mpc.conformance.kit;

import dev.mpc.governance.BundleStore;

/** The in-memory bundle store passes its own kit. */
class InMemoryBundleStoreContractTest extends BundleStoreContract {
  @Override
  protected BundleStore newStore() {
    return BundleStore.inMemory();
  }
}
