package dev.mpc.jdbc;

import dev.mpc.conformance.kit.ActivationLedgerContract;
import dev.mpc.governance.ActivationLedger;

/** The activation ledger contract kit against H2. */
class H2ActivationLedgerContractTest extends ActivationLedgerContract {
  @Override
  protected ActivationLedger newLedger() {
    return new JdbcActivationLedger(Databases.h2());
  }
}
