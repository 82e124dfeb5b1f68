package dev.mpc.jdbc;

import dev.mpc.conformance.kit.ActivePointerStoreContract;
import dev.mpc.governance.ActivePointerStore;

/** The active pointer contract kit against H2. */
class H2ActivePointerStoreContractTest extends ActivePointerStoreContract {
  @Override
  protected ActivePointerStore newStore() {
    return new JdbcActivePointerStore(Databases.h2());
  }
}
