/**
 * Contract kits for host adapters of the workflow engine's ports: abstract JUnit 5 classes a host
 * extends in its own tests, supplying its adapter through an abstract factory method, to prove it
 * honours the contract the port's javadoc states.
 *
 * <ul>
 *   <li>{@link dev.mpc.conformance.kit.WorkflowStoreContract}: a {@link dev.mpc.workflow.WorkflowStore}
 *       (create/load/save, optimistic concurrency under 8 racing threads, append-only history that
 *       replays);
 *   <li>{@link dev.mpc.conformance.kit.GuardPortContract}: a {@link dev.mpc.workflow.GuardPort};
 *   <li>{@link dev.mpc.conformance.kit.AuthPortContract}: an {@link dev.mpc.workflow.AuthPort}.
 * </ul>
 *
 * <p>Usage, with a worked example: docs/contract-kits.md. The kits need {@code junit-jupiter-api}
 * (a compile dependency of this module) and run with the host's JUnit 5 engine.
 */
package dev.mpc.conformance.kit;
