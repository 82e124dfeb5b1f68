package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.AvailableTransition;
import dev.mpc.workflow.GuardCall;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link GuardPort}: extend it in a test of your adapter, return the adapter
 * from {@link #port()} and the questions it must answer from {@link #cases()} (at least one it
 * passes and one it fails); and the adapter with its backend unavailable from {@link #failingPort()}.
 *
 * <pre>{@code
 * class CreditGuardsContractTest extends GuardPortContract {
 *   protected GuardPort port() { return new CreditGuards(fakeCreditService()); }
 *   protected List<Case> cases() {
 *     return List.of(
 *         new Case("creditOk", Actor.user("alice"), JsonObject.builder().put("amount", 500).build(), JsonObject.EMPTY, true),
 *         new Case("creditOk", Actor.user("alice"), JsonObject.builder().put("amount", 5000).build(), JsonObject.EMPTY, false));
 *   }
 *   protected GuardPort failingPort() { return new CreditGuards(stoppedCreditService()); }
 * }
 * }</pre>
 *
 * <p>What it proves: {@link GuardPort#guards()} is a stable set of names that covers the cases;
 * through a real {@link WorkflowEngine}, each case's guarded transition is taken exactly when the
 * case expects it ({@code R_WF_GUARD_PASS}, or {@code E_WF_GUARD_FAIL} with nothing changed), the
 * port sees the case's actor and context, and {@link WorkflowEngine#availableTransitions} agrees;
 * the answers are deterministic (the same call, and an equal copy of it, get the same answer
 * {@value PortRuns#REPEATS} times) and thread-safe (the same from
 * {@value WorkflowStoreContract#THREADS} threads at once); when the port throws after answering,
 * or answers after its budget, the engine fails the fire closed ({@code E_WF_PORT_FAILED},
 * {@code E_WF_PORT_TIMEOUT}) even for cases the port passes; and the failing adapter, if given,
 * throws rather than answers, so no case passes and each fails with a port code.
 */
public abstract class GuardPortContract {

  /**
   * One question for the port and its expected answer: may guard {@code guard} pass for this
   * actor, context and instance variables?
   *
   * @param guard a name the port declares in {@link GuardPort#guards()}
   * @param actor who fires
   * @param context the fire's context
   * @param variables the instance variables
   * @param expected what the port must answer
   */
  public record Case(String guard, Actor actor, JsonObject context, JsonObject variables, boolean expected) {
    /**
     * Creates a case.
     *
     * @param guard the guard
     * @param actor the actor
     * @param context the context
     * @param variables the variables
     * @param expected the expected
     */
    public Case {
      Objects.requireNonNull(guard, "guard");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(variables, "variables");
    }
  }

  /**
   * The adapter under test. Called once before each test.
   *
   * @return the adapter under test
   */
  protected abstract GuardPort port();

  /**
   * The questions and their expected answers; at least one passes and one fails.
   *
   * @return the questions and their expected answers
   */
  protected abstract List<Case> cases();

  /**
   * The adapter with its backend unavailable (a stopped service, a closed connection): every
   * adapter talks to something that can fail, and the kit proves that the failure surfaces as an
   * exception the engine fails closed on, never as an answer.
   *
   * @return the adapter with its backend unavailable (a stopped service, a closed connection)
   */
  protected abstract GuardPort failingPort();

  private final Kit.Nanos nanos = new Kit.Nanos();
  private GuardPort port;
  private List<Case> cases;
  private Artifact artifact;

  /** Reads the port and cases and builds the kit's workflow: one guarded event per case. */
  @BeforeEach
  public void prepare() {
    port = port();
    assertNotNull(port, "port() returned null");
    cases = List.copyOf(cases());
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < cases.size(); i++) {
      t.append(i == 0 ? "" : ",\n").append("        {id: \"g").append(i).append("\", from: \"start\", on: \"check")
          .append(i).append("\", to: \"passed\", named_guard: ").append(PortRuns.quote(cases.get(i).guard()))
          .append(", actions: [\"guardPassed\"]}");
    }
    artifact = cases.isEmpty() ? null : Kit.artifact("def Workflow kit_guard \"Guard port contract kit\" {\n"
        + "    initial: \"start\"\n    states: [\"start\", \"passed\"]\n    transitions: [\n" + t + "\n    ]\n}\n");
  }

  private WorkflowEngine engine(GuardPort p) {
    return PortRuns.engine(artifact, nanos, p, null);
  }

  private WorkflowInstance start(WorkflowEngine e, int i) {
    return e.start(artifact, "kit_guard", "kit-guard-" + i, cases.get(i).variables()).orElseThrow();
  }

  private TransitionResult fire(WorkflowEngine e, WorkflowInstance instance, int i) {
    return e.fire(artifact, instance, "check" + i, cases.get(i).actor(), cases.get(i).context());
  }

  private PortRuns.Fired fired(WorkflowEngine e, int i) {
    WorkflowInstance before = start(e, i);
    return new PortRuns.Fired(before, fire(e, before, i));
  }

  private List<Boolean> expected() {
    return cases.stream().map(Case::expected).toList();
  }

  /** Each case's question as the engine asked it (recorded through the engine, so calls are real). */
  private List<GuardCall> calls() {
    List<GuardCall> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      AtomicReference<GuardCall> seen = new AtomicReference<>();
      WorkflowEngine e = engine(decorate(call -> {
        seen.set(call);
        return port.check(call);
      }));
      fire(e, start(e, i), i);
      assertNotNull(seen.get(), "case " + i + ": the engine did not ask the port");
      out.add(seen.get());
    }
    return out;
  }

  /** A port with the adapter's names and {@code check}. */
  private GuardPort decorate(Check check) {
    Set<String> names = port.guards();
    return new GuardPort() {
      @Override
      public Set<String> guards() {
        return names;
      }

      @Override
      public boolean check(GuardCall call) throws Exception {
        return check.check(call);
      }
    };
  }

  /** A guard check. */
  @FunctionalInterface
  private interface Check {
    boolean check(GuardCall call) throws Exception;
  }

  /** {@code guards()} is a stable, non-empty set of non-blank names that covers every case. */
  @Test
  public void guards_isAStableSetOfNames_coveringTheCases() {
    Set<String> names = port.guards();
    assertNotNull(names, "guards() returned null");
    assertFalse(names.isEmpty(), "guards() is empty");
    for (String n : names) {
      assertTrue(n != null && !n.isBlank(), "guards() holds a blank name");
    }
    assertEquals(names, port.guards(), "guards() answers the same set every time");
    PortRuns.assertBothOutcomes(expected(), "guard port");
    for (Case c : cases) {
      assertTrue(names.contains(c.guard()), "case guard '" + c.guard() + "' is not in guards() " + names);
    }
  }

  /**
   * Through the engine, each case's transition is taken exactly when the case expects it, the
   * port is asked with the case's guard, actor and context, and availableTransitions agrees.
   */
  @Test
  public void throughTheEngine_eachCaseIsTakenExactlyWhenThePortPasses() {
    PortRuns.assertBothOutcomes(expected(), "guard port");
    WorkflowEngine e = engine(port);
    List<GuardCall> calls = calls();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      String what = "case " + i + " (" + c.guard() + ", actor " + c.actor().id() + ")";
      WorkflowInstance before = start(e, i);
      TransitionResult r = fire(e, before, i);
      if (c.expected()) {
        PortRuns.assertTaken(r, "passed", Code.R_WF_GUARD_PASS, what);
      } else {
        PortRuns.assertClosed(r, Set.of(Code.E_WF_GUARD_FAIL), before, what);
        assertTrue(r.reasons().stream().anyMatch(x -> x.code() == Code.R_WF_GUARD_FAIL), what + ": R_WF_GUARD_FAIL");
      }
      GuardCall call = calls.get(i);
      assertEquals(c.guard(), call.guard(), what);
      assertEquals(c.actor(), call.actor(), what);
      assertEquals(c.context(), call.context(), what);
      assertEquals(c.variables(), call.variables(), what);
      List<AvailableTransition> available = e.availableTransitions(artifact, before, c.actor(), c.context());
      String id = "g" + i;
      AvailableTransition mine = available.stream().filter(a -> a.transition().id().equals(id)).findFirst()
          .orElseThrow(() -> new AssertionError(what + ": the transition is not listed as available"));
      assertEquals(c.expected(), mine.enabled(), what + ": availableTransitions agrees with fire");
    }
  }

  /**
   * The same call, and an equal copy of it, get the expected answer every time.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void answersAreDeterministic() throws Exception {
    List<GuardCall> calls = calls();
    for (int i = 0; i < cases.size(); i++) {
      GuardCall call = calls.get(i);
      GuardCall copy = new GuardCall(call.guard(), call.workflowId(), call.instanceId(), call.transition(),
          call.eventId(), call.actor(), call.context(), call.variables(), call.configuration());
      for (int n = 0; n < PortRuns.REPEATS; n++) {
        assertEquals(cases.get(i).expected(), port.check(call), "case " + i + ", asked again (" + n + ")");
        assertEquals(cases.get(i).expected(), port.check(copy), "case " + i + ", an equal call (" + n + ")");
      }
    }
  }

  /**
   * The answers are the same from several threads at once.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void answersAreThreadSafe() throws Exception {
    List<Callable<Boolean>> questions = new ArrayList<>();
    for (GuardCall call : calls()) {
      questions.add(() -> port.check(call));
    }
    PortRuns.assertStableUnderThreads(questions, expected());
  }

  /** A port that throws after answering fails every fire closed with E_WF_PORT_FAILED, even a passing one. */
  @Test
  public void portThatThrows_failsClosed() {
    WorkflowEngine e = engine(decorate(call -> {
      port.check(call);
      throw new IllegalStateException("kit: the guard backend failed after answering");
    }));
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_FAILED), "");
  }

  /** A port that answers after its budget fails every fire closed with E_WF_PORT_TIMEOUT, even a passing one. */
  @Test
  public void portOverItsBudget_failsClosed() {
    WorkflowEngine e = engine(decorate(call -> {
      boolean answer = port.check(call);
      nanos.advanceMillis(PortRuns.BUDGET.toMillis() + 1);
      return answer;
    }));
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_TIMEOUT), "");
  }

  /** The adapter with its backend unavailable throws instead of answering: no case passes, each has a port code. */
  @Test
  public void failingAdapter_throwsRatherThanAnswers_soEveryFireFailsClosed() {
    GuardPort failing = failingPort();
    WorkflowEngine e = PortRuns.engine(artifact, nanos, failing, null);
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_FAILED,
        Code.E_WF_PORT_TIMEOUT), " with the failing adapter (it must throw, not answer)");
  }
}
