package dev.mpc.jdbc;

import dev.mpc.artifact.Artifact;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.meta.DomainMeta;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;

/** A small compiled workflow and its engine, for the adapter tests and benchmarks. */
final class Instances {
  private Instances() {}

  /** Two states and an event that goes back and forth. */
  static final Artifact LOOP = Manifests.parseText("@schema 1\n@namespace \"mpc.jdbc.test\"\n"
      + "def Workflow loop \"Loop\" {\n initial: \"a\"\n states: [\"a\", \"b\"]\n"
      + " transitions: [{from: \"a\", on: \"go\", to: \"b\"}, {from: \"b\", on: \"go\", to: \"a\"}]\n}\n", Syntax.DSL)
      .flatMap(RegistryCompiler.builder().meta(DomainMeta.builder().kind("Workflow").build()).build()::compile)
      .orElseThrow();

  static final WorkflowEngine ENGINE = WorkflowEngine.builder().build().orElseThrow();

  /** A new instance of {@link #LOOP} at version 0. */
  static WorkflowInstance started(String instanceId) {
    return ENGINE.start(LOOP, "loop", instanceId).orElseThrow();
  }
}
