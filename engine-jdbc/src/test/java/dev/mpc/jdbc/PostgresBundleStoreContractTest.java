package dev.mpc.jdbc;

import dev.mpc.conformance.kit.BundleStoreContract;
import dev.mpc.governance.BundleStore;

/** The bundle store contract kit against Postgres. */
class PostgresBundleStoreContractTest extends BundleStoreContract {
  @Override
  protected BundleStore newStore() {
    return new JdbcBundleStore(Databases.postgres());
  }
}
