/** The workflow engine's compiled model and runtime; not API (use {@link dev.mpc.workflow.WorkflowEngine}). */
package dev.mpc.workflow.internal;
