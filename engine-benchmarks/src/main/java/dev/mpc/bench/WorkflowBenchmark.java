package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.workflow.ApprovalFloor;
import dev.mpc.bench.workflow.ApprovalScenario;
import dev.mpc.bench.workflow.MpcApproval;
import dev.mpc.bench.workflow.SquirrelApproval;
import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;

/**
 * Issue 11: one workflow transition in MPC, Squirrel FSM and a hand-written floor, side by side on
 * the same approval workflow ({@link ApprovalScenario}: a role check and one intent per
 * transition). Each op is one transition of the cycle submit → reject → revise on one instance,
 * carried from op to op: for MPC the instance is an immutable value, so a transition is
 * {@code fire} → the next instance (the engine is stateless and shared); for Squirrel it is
 * {@code machine.fire(event, context)} on the instance's mutable machine (a new context per fire,
 * which carries the actor's roles in and the intent out); for the floor, a table lookup and a new
 * immutable instance record.
 *
 * <ul>
 *   <li>{@code floor_transition}, {@code squirrel_transition}, {@code mpc_transition}: the cycle
 *       (MPC without event id, trace NONE);
 *   <li>{@code mpc_transitionWithEventId}: the same with a host event id per fire (idempotency
 *       window checked and recorded), the ids prebuilt;
 *   <li>{@code mpc_denied}, {@code squirrel_denied}: a clerk's approve on a submitted instance
 *       (the role check fails: for MPC a recorded not-allowed result with reason and error);
 *   <li>{@code mpc_start}, {@code squirrel_newMachine}: a new instance in {@code draft}.
 * </ul>
 *
 * <p>Each state checks at setup that its engine runs the cycle as {@link ApprovalScenario} says.
 * Heap per idle instance: {@link WorkflowHeap}. Run:
 * {@code java -jar engine-benchmarks/target/benchmarks.jar WorkflowBenchmark -f 1 -wi 4 -i 4 -w 2s -r 2s -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class WorkflowBenchmark {
  private static final String[] CYCLE = ApprovalScenario.CYCLE.toArray(String[]::new);

  /** MPC: the artifact, the engine, the actor and the instance carried from op to op. */
  @State(Scope.Thread)
  public static class Mpc {
    Artifact artifact;
    WorkflowEngine engine;
    Actor actor;
    Actor clerk;
    WorkflowInstance instance;
    WorkflowInstance submitted;
    FireOptions[] ids;
    int step;
    int id;

    /** Compiles the workflow, checks one cycle, prebuilds the event ids. */
    @Setup(Level.Trial)
    public void setup() {
      artifact = MpcApproval.artifact();
      engine = MpcApproval.engine(artifact);
      actor = MpcApproval.actor();
      clerk = Actor.user("u-2", "clerk");
      instance = MpcApproval.start(engine, artifact);
      for (int n = 0; n < CYCLE.length; n++) {
        TransitionResult r = MpcApproval.fire(engine, artifact, instance, CYCLE[n], actor);
        if (!r.allowed() || !r.to().equals(List.of(ApprovalScenario.CYCLE_STATES.get(n))) || r.intents().size() != 1) {
          throw new IllegalStateException("MPC runs the cycle wrong at " + CYCLE[n] + ": " + r.record());
        }
        instance = r.instance();
      }
      submitted = MpcApproval.fire(engine, artifact, instance, "submit", actor).instance();
      if (MpcApproval.fire(engine, artifact, submitted, "approve", clerk).allowed()) {
        throw new IllegalStateException("MPC lets a clerk approve");
      }
      ids = new FireOptions[1024];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = FireOptions.eventId("evt-" + i);
      }
    }
  }

  /** Squirrel: the builder (prepared), the instance's machine, the actor's roles. */
  @State(Scope.Thread)
  public static class Squirrel {
    StateMachineBuilder<SquirrelApproval.ApprovalMachine, SquirrelApproval.S, SquirrelApproval.E, SquirrelApproval.Ctx> builder;
    SquirrelApproval.ApprovalMachine machine;
    SquirrelApproval.ApprovalMachine submitted;
    SquirrelApproval.E[] cycle;
    Set<String> roles;
    Set<String> clerk;
    int step;

    /** Builds and prepares the machine type, checks one cycle. */
    @Setup(Level.Trial)
    public void setup() {
      builder = SquirrelApproval.builder();
      machine = SquirrelApproval.start(builder);
      roles = Set.copyOf(ApprovalScenario.ROLES);
      clerk = Set.of("clerk");
      cycle = new SquirrelApproval.E[CYCLE.length];
      for (int n = 0; n < CYCLE.length; n++) {
        cycle[n] = SquirrelApproval.event(CYCLE[n]);
        SquirrelApproval.Ctx c = new SquirrelApproval.Ctx(roles);
        machine.fire(cycle[n], c);
        if (!machine.getCurrentState().name().equalsIgnoreCase(ApprovalScenario.CYCLE_STATES.get(n)) || c.intents().size() != 1) {
          throw new IllegalStateException("Squirrel runs the cycle wrong at " + CYCLE[n]);
        }
      }
      submitted = SquirrelApproval.start(builder);
      submitted.fire(SquirrelApproval.E.SUBMIT, new SquirrelApproval.Ctx(roles));
      submitted.fire(SquirrelApproval.E.APPROVE, new SquirrelApproval.Ctx(clerk));
      if (submitted.getCurrentState() != SquirrelApproval.S.SUBMITTED) {
        throw new IllegalStateException("Squirrel lets a clerk approve");
      }
    }
  }

  /** The floor: the table, the actor's mask, the instance. */
  @State(Scope.Thread)
  public static class Floor {
    ApprovalFloor floor;
    long mask;
    ApprovalFloor.Instance instance;
    int step;

    /** Builds the table, checks one cycle. */
    @Setup(Level.Trial)
    public void setup() {
      floor = new ApprovalFloor();
      mask = floor.mask(ApprovalScenario.ROLES);
      instance = floor.start();
      for (int n = 0; n < CYCLE.length; n++) {
        instance = floor.fire(instance, CYCLE[n], mask);
        if (!ApprovalFloor.state(instance).equals(ApprovalScenario.CYCLE_STATES.get(n)) || instance.intents().size() != 1) {
          throw new IllegalStateException("the floor runs the cycle wrong at " + CYCLE[n]);
        }
      }
    }
  }

  /** One MPC transition of the cycle. */
  @Benchmark
  public WorkflowInstance mpc_transition(Mpc s) {
    String event = CYCLE[s.step];
    s.step = s.step == CYCLE.length - 1 ? 0 : s.step + 1;
    s.instance = s.engine.fire(s.artifact, s.instance, event, s.actor, JsonObject.EMPTY).instance();
    return s.instance;
  }

  /** One MPC transition of the cycle with a host event id (idempotency). */
  @Benchmark
  public WorkflowInstance mpc_transitionWithEventId(Mpc s) {
    String event = CYCLE[s.step];
    s.step = s.step == CYCLE.length - 1 ? 0 : s.step + 1;
    FireOptions o = s.ids[s.id];
    s.id = (s.id + 1) & (s.ids.length - 1);
    s.instance = s.engine.fire(s.artifact, s.instance, event, s.actor, JsonObject.EMPTY, o).instance();
    return s.instance;
  }

  /** A clerk's approve in MPC: denied by the role check. */
  @Benchmark
  public TransitionResult mpc_denied(Mpc s) {
    return s.engine.fire(s.artifact, s.submitted, "approve", s.clerk, JsonObject.EMPTY);
  }

  /** A new MPC instance. */
  @Benchmark
  public WorkflowInstance mpc_start(Mpc s) {
    return MpcApproval.start(s.engine, s.artifact);
  }

  /** One Squirrel transition of the cycle. */
  @Benchmark
  public SquirrelApproval.Ctx squirrel_transition(Squirrel s) {
    SquirrelApproval.E event = s.cycle[s.step];
    s.step = s.step == CYCLE.length - 1 ? 0 : s.step + 1;
    SquirrelApproval.Ctx c = new SquirrelApproval.Ctx(s.roles);
    s.machine.fire(event, c);
    return c;
  }

  /** A clerk's approve in Squirrel: declined by the condition. */
  @Benchmark
  public SquirrelApproval.Ctx squirrel_denied(Squirrel s) {
    SquirrelApproval.Ctx c = new SquirrelApproval.Ctx(s.clerk);
    s.submitted.fire(SquirrelApproval.E.APPROVE, c);
    return c;
  }

  /** A new Squirrel machine (started, in draft). */
  @Benchmark
  public SquirrelApproval.ApprovalMachine squirrel_newMachine(Squirrel s) {
    return SquirrelApproval.start(s.builder);
  }

  /** One floor transition of the cycle. */
  @Benchmark
  public ApprovalFloor.Instance floor_transition(Floor s) {
    String event = CYCLE[s.step];
    s.step = s.step == CYCLE.length - 1 ? 0 : s.step + 1;
    s.instance = s.floor.fire(s.instance, event, s.mask);
    return s.instance;
  }
}
