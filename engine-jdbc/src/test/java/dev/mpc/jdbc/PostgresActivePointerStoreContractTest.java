package dev.mpc.jdbc;

import dev.mpc.conformance.kit.ActivePointerStoreContract;
import dev.mpc.governance.ActivePointerStore;

/** The active pointer contract kit against Postgres. */
class PostgresActivePointerStoreContractTest extends ActivePointerStoreContract {
  @Override
  protected ActivePointerStore newStore() {
    return new JdbcActivePointerStore(Databases.postgres());
  }
}
