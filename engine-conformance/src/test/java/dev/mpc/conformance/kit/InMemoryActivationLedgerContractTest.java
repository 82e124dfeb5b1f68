package dev.mpc.conformance.kit;

import dev.mpc.governance.ActivationLedger;

/** engine-core's in-memory ActivationLedger passes its contract kit. */
class InMemoryActivationLedgerContractTest extends ActivationLedgerContract {
  @Override
  protected ActivationLedger newLedger() {
    return ActivationLedger.inMemory();
  }
}
