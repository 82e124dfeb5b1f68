package dev.mpc.jdbc;

import dev.mpc.conformance.kit.ActivationLedgerContract;
import dev.mpc.governance.ActivationLedger;

/** The activation ledger contract kit against Postgres. */
class PostgresActivationLedgerContractTest extends ActivationLedgerContract {
  @Override
  protected ActivationLedger newLedger() {
    return new JdbcActivationLedger(Databases.postgres());
  }
}
