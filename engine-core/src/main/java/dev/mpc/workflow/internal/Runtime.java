package dev.mpc.workflow.internal;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Result;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.AvailableTransition;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowModel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The engine behind {@link dev.mpc.workflow.WorkflowEngine}. Immutable and thread-safe. */
public final class Runtime {
  /** The engine's configuration, as its builder collected it. */
  public record Config(Preset preset, FunctionRegistry functions, Clock clock, LongSupplier nanoTime,
      GuardPort guardPort, AuthPort authPort, long portTimeoutNanos, Redactor redactor, int window, long cacheSize,
      Supplier<String> instanceIds) {}

  private final Config config;

  /** A runtime with {@code config}. */
  public Runtime(Config config) {
    this.config = config;
  }

  /** A fresh instance id. */
  public String newInstanceId() {
    return config.instanceIds().get();
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#model}. */
  public Result<WorkflowModel> model(Artifact artifact, String workflowId) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#start}; {@code states} null for the initial configuration. */
  public Result<WorkflowInstance> start(Artifact artifact, String workflowId, String instanceId, JsonObject variables,
      List<String> states) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#fire}. */
  public TransitionResult fire(Artifact artifact, WorkflowInstance instance, String event, Actor actor,
      JsonObject context, FireOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#availableTransitions}. */
  public List<AvailableTransition> available(Artifact artifact, WorkflowInstance instance, Actor actor,
      JsonObject context) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#fireDue}. */
  public Optional<TransitionResult> fireDue(Artifact artifact, WorkflowInstance instance, Instant now,
      FireOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#withVariables}. */
  public WorkflowInstance withVariables(WorkflowInstance instance, JsonObject variables) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** See {@link dev.mpc.workflow.WorkflowEngine#replay}. */
  public Result<WorkflowInstance> replay(Artifact artifact, String workflowId, List<TransitionRecord> history) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
