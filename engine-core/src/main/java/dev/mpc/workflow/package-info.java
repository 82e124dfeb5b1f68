/**
 * The workflow engine: statecharts declared in manifests (kind {@code Workflow}), run over
 * immutable {@link dev.mpc.workflow.WorkflowInstance} snapshots by a stateless
 * {@link dev.mpc.workflow.WorkflowEngine}.
 *
 * <p>The host brings three things: a {@link dev.mpc.workflow.GuardPort} for named guards, an
 * {@link dev.mpc.workflow.AuthPort} for per-object authorization, and a
 * {@link dev.mpc.workflow.WorkflowStore} for persistence (a thread-safe
 * {@link dev.mpc.workflow.InMemoryWorkflowStore} ships here). The engine never does I/O, never
 * starts threads, never sleeps and reads time only from its injected clock: timers are data in the
 * instance ({@link dev.mpc.workflow.WorkflowTimer}) that the host's scheduler drives through
 * {@link dev.mpc.workflow.WorkflowEngine#dueTimeouts} and
 * {@link dev.mpc.workflow.WorkflowEngine#fireDue}.
 *
 * <p>{@link dev.mpc.workflow.WorkflowModel} is the read-only view of a compiled workflow (states
 * tree and transitions) for renderers and tools. Semantics, ports and every deliberate difference
 * from upstream MPC: docs/workflow.md.
 */
package dev.mpc.workflow;
