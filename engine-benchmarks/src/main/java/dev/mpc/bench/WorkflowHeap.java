package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.workflow.ApprovalScenario;
import dev.mpc.bench.workflow.MpcApproval;
import dev.mpc.bench.workflow.SquirrelApproval;
import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.util.Set;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;

/**
 * Issue 11: the heap an idle workflow instance costs, measured on {@value #N} instances of the
 * approval workflow ({@link ApprovalScenario}, no variables) held in an array: used heap (total
 * minus free, after {@code System.gc()} until it settles) before and after creating them, divided
 * by {@value #N}. The instance ids are allocated before the first measurement (they are the host's
 * keys, as its variables are), so the figure is what the engine's value adds.
 *
 * <p>MPC instances are measured fresh (version 0: the start record), after one transition and after
 * four (the idempotency window full: the steady state of a long-lived instance), each with and
 * without a host event id per fire, with the default window
 * ({@value WorkflowEngine#DEFAULT_IDEMPOTENCY_WINDOW} records) and, after four transitions, with a
 * window of 4. Squirrel machines are measured started and after one transition, for comparison.
 * Approximate, as {@link CompiledFormHeap}.
 *
 * <p>Run: {@code java -cp engine-benchmarks/target/benchmarks.jar dev.mpc.bench.WorkflowHeap}.
 */
public final class WorkflowHeap {
  /** How many instances are measured at once. */
  static final int N = 100_000;

  private WorkflowHeap() {}

  /** Prints the measurements. */
  public static void main(String[] args) throws InterruptedException {
    Artifact artifact = MpcApproval.artifact();
    WorkflowEngine engine = MpcApproval.engine(artifact);
    Actor actor = MpcApproval.actor();
    String[] ids = new String[N];
    FireOptions[] eventIds = new FireOptions[N * 4];
    for (int i = 0; i < N; i++) {
      ids[i] = String.format("order-%06d", i);
    }
    for (int i = 0; i < eventIds.length; i++) {
      eventIds[i] = FireOptions.eventId(String.format("evt-%07d", i));
    }
    String[] events = {"submit", "reject", "revise", "submit"};
    mpc(engine, artifact, actor, ids, events, 0, null); // warm classes and the compiled model
    for (int fires : new int[] {0, 1, 4}) {
      for (boolean withIds : new boolean[] {false, true}) {
        if (fires == 0 && withIds) {
          continue;
        }
        long before = CompiledFormHeap.used();
        WorkflowInstance[] held = mpc(engine, artifact, actor, ids, events, fires, withIds ? eventIds : null);
        long after = CompiledFormHeap.used();
        System.out.printf("MPC instance, %d transition(s)%s: %,d bytes per instance (version %d, %d record(s) in the"
            + " window)%n", fires, withIds ? ", event ids" : "", (after - before) / N, held[0].version(),
            held[0].recent().size());
        java.lang.ref.Reference.reachabilityFence(held);
      }
    }
    WorkflowEngine window4 = WorkflowEngine.builder().clock(java.time.Clock.fixed(java.time.Instant.parse(
        "2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)).idempotencyWindow(4).build().orElseThrow();
    mpc(window4, artifact, actor, ids, events, 4, null);
    long before4 = CompiledFormHeap.used();
    WorkflowInstance[] held4 = mpc(window4, artifact, actor, ids, events, 4, eventIds);
    long after4 = CompiledFormHeap.used();
    System.out.printf("MPC instance, 4 transitions, event ids, window 4: %,d bytes per instance (%d records in the"
        + " window)%n", (after4 - before4) / N, held4[0].recent().size());
    java.lang.ref.Reference.reachabilityFence(held4);
    StateMachineBuilder<SquirrelApproval.ApprovalMachine, SquirrelApproval.S, SquirrelApproval.E, SquirrelApproval.Ctx>
        builder = SquirrelApproval.builder();
    Set<String> roles = Set.copyOf(ApprovalScenario.ROLES);
    squirrel(builder, roles, 0, 1000);
    for (int fires : new int[] {0, 1}) {
      long before = CompiledFormHeap.used();
      SquirrelApproval.ApprovalMachine[] held = squirrel(builder, roles, fires, N);
      long after = CompiledFormHeap.used();
      System.out.printf("Squirrel machine, %d transition(s): %,d bytes per machine (state %s)%n", fires,
          (after - before) / N, held[0].getCurrentState());
      java.lang.ref.Reference.reachabilityFence(held);
    }
    java.lang.ref.Reference.reachabilityFence(ids);
    java.lang.ref.Reference.reachabilityFence(eventIds);
  }

  private static WorkflowInstance[] mpc(WorkflowEngine engine, Artifact artifact, Actor actor, String[] ids,
      String[] events, int fires, FireOptions[] eventIds) {
    WorkflowInstance[] out = new WorkflowInstance[ids.length];
    for (int i = 0; i < ids.length; i++) {
      WorkflowInstance w = engine.start(artifact, "approval", ids[i]).orElseThrow();
      for (int f = 0; f < fires; f++) {
        FireOptions o = eventIds == null ? FireOptions.defaults() : eventIds[i * 4 + f];
        w = engine.fire(artifact, w, events[f], actor, JsonObject.EMPTY, o).instance();
      }
      out[i] = w;
    }
    return out;
  }

  private static SquirrelApproval.ApprovalMachine[] squirrel(StateMachineBuilder<SquirrelApproval.ApprovalMachine,
      SquirrelApproval.S, SquirrelApproval.E, SquirrelApproval.Ctx> builder, Set<String> roles, int fires, int n) {
    SquirrelApproval.ApprovalMachine[] out = new SquirrelApproval.ApprovalMachine[n];
    for (int i = 0; i < n; i++) {
      out[i] = SquirrelApproval.start(builder);
      if (fires > 0) {
        out[i].fire(SquirrelApproval.E.SUBMIT, new SquirrelApproval.Ctx(roles));
      }
    }
    return out;
  }
}
