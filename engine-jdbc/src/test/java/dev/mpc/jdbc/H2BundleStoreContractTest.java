package dev.mpc.jdbc;

import dev.mpc.conformance.kit.BundleStoreContract;
import dev.mpc.governance.BundleStore;

/** The bundle store contract kit against H2. */
class H2BundleStoreContractTest extends BundleStoreContract {
  @Override
  protected BundleStore newStore() {
    return new JdbcBundleStore(Databases.h2());
  }
}
