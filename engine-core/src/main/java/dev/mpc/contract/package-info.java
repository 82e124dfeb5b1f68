/**
 * The contracts MPC exchanges with host applications: {@link dev.mpc.contract.EventEnvelope} in,
 * {@link dev.mpc.contract.Decision} (with {@link dev.mpc.contract.Reason}s,
 * {@link dev.mpc.contract.Intent}s and a {@link dev.mpc.contract.Trace}) out, and
 * {@link dev.mpc.diag.Diagnostic} (the {@code Error} contract) for problems. Their JSON forms are
 * those of the contract schemas ({@code decision.schema.json}, ...), bundled under
 * {@code dev/mpc/contract/schemas/}; {@link dev.mpc.contract.ContractJson} reads and writes them.
 */
package dev.mpc.contract;
