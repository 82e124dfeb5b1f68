package dev.mpc.bench.workflow;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The MPC side of {@code WorkflowBenchmark}: {@link ApprovalScenario} as a {@code def Workflow}
 * (required roles per transition, one named action per transition), compiled once; an engine with
 * a fixed clock and no ports; a transition is {@code engine.fire(artifact, instance, event, actor,
 * context)} returning the next immutable instance.
 */
public final class MpcApproval {
  private MpcApproval() {}

  /** The scenario as MPC DSL text. */
  public static String manifest() {
    StringBuilder b = new StringBuilder("@schema 1\n@namespace \"bench.workflow\"\n@name \"approval\"\n@version \"1.0.0\"\n\n");
    b.append("def Workflow approval \"Approval\" {\n    initial: \"draft\"\n    states: [");
    for (String s : ApprovalScenario.STATES) {
      b.append(s.equals("draft") ? "" : ", ").append(s.equals("approved") ? "{name: \"approved\", final: true}" : "\"" + s + "\"");
    }
    b.append("]\n    transitions: [\n");
    for (int i = 0; i < ApprovalScenario.TRANSITIONS.size(); i++) {
      ApprovalScenario.Transition t = ApprovalScenario.TRANSITIONS.get(i);
      b.append(i == 0 ? "" : ",\n").append("        {from: \"").append(t.from()).append("\", on: \"").append(t.event())
          .append("\", to: \"").append(t.to()).append("\", roles: [\"").append(t.role()).append("\"], actions: [\"")
          .append(t.action()).append("\"]}");
    }
    return b.append("\n    ]\n}\n").toString();
  }

  /** The compiled scenario. */
  public static Artifact artifact() {
    Result<Artifact> a = Manifests.parseText(manifest(), Syntax.DSL)
        .flatMap(RegistryCompiler.builder().meta(DomainMeta.builder().kind("Workflow").build()).build()::compile);
    return a.orElseThrow();
  }

  /** The engine: fixed clock, no ports. */
  public static WorkflowEngine engine(Artifact artifact) {
    return WorkflowEngine.builder().clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .check(artifact).build().orElseThrow();
  }

  /** The actor holding both roles. */
  public static Actor actor() {
    return Actor.user(ApprovalScenario.ACTOR, ApprovalScenario.ROLES.toArray(String[]::new));
  }

  /** A started instance (draft). */
  public static WorkflowInstance start(WorkflowEngine engine, Artifact artifact) {
    return engine.start(artifact, "approval", ApprovalScenario.INSTANCE_ID).orElseThrow();
  }

  /** One transition. */
  public static TransitionResult fire(WorkflowEngine engine, Artifact artifact, WorkflowInstance i, String event,
      Actor actor) {
    return engine.fire(artifact, i, event, actor, JsonObject.EMPTY);
  }
}
