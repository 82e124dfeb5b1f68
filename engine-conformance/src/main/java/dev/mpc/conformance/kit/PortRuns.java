package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonString;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.artifact.Artifact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** What the two port kits share: the engine around the host's port, and the checks of a fire. */
final class PortRuns {
  private PortRuns() {}

  /** The port budget of the kits' engines. */
  static final Duration BUDGET = Duration.ofMillis(100);
  /** How often a kit asks a port the same question. */
  static final int REPEATS = 20;

  /** A DSL string literal. */
  static String quote(String s) {
    return Canonical.json(JsonString.of(s));
  }

  /** An engine with the kit's clock, nanosecond source and budget, and the given ports (either may be null). */
  static WorkflowEngine engine(Artifact artifact, Kit.Nanos nanos, GuardPort guards, AuthPort auth) {
    WorkflowEngine.Builder b = WorkflowEngine.builder().clock(Kit.CLOCK).nanoTime(nanos::get).portTimeout(BUDGET);
    if (guards != null) {
      b.guardPort(guards);
    }
    if (auth != null) {
      b.authPort(auth);
    }
    return b.check(artifact).build().orElseThrow();
  }

  /** The fire took the kit's transition: allowed, into {@code target}, with the pass reason and the action's intent. */
  static void assertTaken(TransitionResult r, String target, Code passReason, String what) {
    assertTrue(r.allowed(), what + ": expected the transition to be taken, " + Kit.describe(r));
    assertEquals(List.of(target), r.to(), what);
    if (passReason != null) {
      assertTrue(r.reasons().stream().anyMatch(x -> x.code() == passReason), what + ": no " + passReason + ", "
          + Kit.describe(r));
    }
    assertEquals(1, r.intents().size(), what + ": the transition's action");
  }

  /**
   * The fire was not allowed with one of {@code codes} first: configuration unchanged, no intent,
   * no step.
   */
  static void assertClosed(TransitionResult r, Set<Code> codes, WorkflowInstance before, String what) {
    assertFalse(r.allowed(), what + ": expected the fire to fail closed, " + Kit.describe(r));
    assertFalse(r.errors().isEmpty(), what + ": a not-allowed fire carries a coded error");
    assertTrue(codes.contains(r.errors().get(0).code()), what + ": expected " + codes + ", " + Kit.describe(r));
    assertEquals(before.configuration(), r.to(), what + ": the configuration is unchanged");
    assertTrue(r.intents().isEmpty(), what + ": no intent runs");
    assertTrue(r.steps().isEmpty(), what + ": no transition is taken");
  }

  /**
   * Asks every question {@link #REPEATS} times on {@link WorkflowStoreContract#THREADS} threads at
   * once; each answer must be the expected one.
   */
  static void assertStableUnderThreads(List<Callable<Boolean>> questions, List<Boolean> expected) throws Exception {
    List<Callable<List<Boolean>>> tasks = new ArrayList<>();
    for (int t = 0; t < WorkflowStoreContract.THREADS; t++) {
      tasks.add(() -> {
        List<Boolean> answers = new ArrayList<>();
        for (int n = 0; n < REPEATS; n++) {
          for (Callable<Boolean> q : questions) {
            answers.add(q.call());
          }
        }
        return answers;
      });
    }
    List<Boolean> once = new ArrayList<>();
    for (int n = 0; n < REPEATS; n++) {
      once.addAll(expected);
    }
    for (List<Boolean> answers : Kit.concurrently(tasks)) {
      assertEquals(once, answers, "the same questions asked on several threads at once get the same answers");
    }
  }

  /** A case fired: the instance before and the result. */
  record Fired(WorkflowInstance before, TransitionResult result) {}

  /** Starts and fires case {@code i} with an engine. */
  @FunctionalInterface
  interface CaseFire {
    Fired fire(WorkflowEngine engine, int i);
  }

  /** Every one of {@code cases} cases, fired with {@code engine}, fails closed with one of {@code codes}. */
  static void assertEveryCaseFailsClosed(WorkflowEngine engine, int cases, CaseFire fire, Set<Code> codes, String how) {
    for (int i = 0; i < cases; i++) {
      Fired f = fire.fire(engine, i);
      assertClosed(f.result(), codes, f.before(), "case " + i + how);
    }
  }

  /** The cases must include a pass and a fail, or the kit proves little. */
  static void assertBothOutcomes(List<Boolean> expected, String port) {
    assertFalse(expected.isEmpty(), "cases() is empty: give at least one case the " + port + " passes and one it fails");
    assertTrue(expected.contains(true), "cases() has no case the " + port + " passes");
    assertTrue(expected.contains(false), "cases() has no case the " + port + " fails");
  }
}
