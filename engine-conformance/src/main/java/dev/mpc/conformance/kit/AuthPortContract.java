package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.AuthCall;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.AvailableTransition;
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
 * The contract kit of {@link AuthPort}: extend it in a test of your adapter, return the adapter
 * from {@link #port()} and the questions it must answer from {@link #cases()} (at least one it
 * authorizes and one it denies); and the adapter with its backend unavailable from {@link #failingPort()}.
 *
 * <pre>{@code
 * class OwnershipAuthContractTest extends AuthPortContract {
 *   protected AuthPort port() { return new OwnershipAuth(fakeDirectory()); }
 *   protected List<Case> cases() {
 *     return List.of(new Case(Actor.user("alice"), "order-1", JsonObject.EMPTY, true),   // alice owns order-1
 *         new Case(Actor.user("bob"), "order-1", JsonObject.EMPTY, false));
 *   }
 *   protected AuthPort failingPort() { return new OwnershipAuth(unreachableDirectory()); }
 * }
 * }</pre>
 *
 * <p>The kit's workflow has one transition with {@code auth: true} (no roles), fired on an
 * instance with the case's id. What it proves: through a real {@link WorkflowEngine}, the
 * transition is taken exactly when the case expects it, else denied with {@code R_WF_AUTH_DENIED}
 * and {@code E_WF_AUTH_DENIED} and nothing changed; the port sees the case's actor, instance id
 * and context; {@link WorkflowEngine#availableTransitions} agrees; the answers are deterministic
 * ({@value PortRuns#REPEATS} times, for the call and an equal copy) and thread-safe
 * ({@value WorkflowStoreContract#THREADS} threads at once); a port that throws after answering, or
 * answers after its budget, fails the fire closed ({@code E_WF_PORT_FAILED},
 * {@code E_WF_PORT_TIMEOUT}) even for an authorized case; and the failing adapter, if given,
 * throws rather than answers, so nothing is authorized.
 */
public abstract class AuthPortContract {

  /**
   * One question for the port and its expected answer: may {@code actor} fire the transition on
   * instance {@code instanceId} with this context?
   *
   * @param actor who fires
   * @param instanceId the instance (the object the transition acts on)
   * @param context the fire's context
   * @param expected what the port must answer
   */
  public record Case(Actor actor, String instanceId, JsonObject context, boolean expected) {
    /**
     * Creates a case.
     *
     * @param actor the actor
     * @param instanceId the instance id
     * @param context the context
     * @param expected the expected
     */
    public Case {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(context, "context");
    }
  }

  /** The kit's workflow: one authorized transition with an action. */
  static final String WORKFLOW = """
      def Workflow kit_auth "Auth port contract kit" {
          initial: "start"
          states: ["start", "done"]
          transitions: [{id: "act", from: "start", on: "act", to: "done", auth: true, actions: ["acted"]}]
      }
      """;

  /**
   * The adapter under test. Called once before each test.
   *
   * @return the adapter under test
   */
  protected abstract AuthPort port();

  /**
   * The questions and their expected answers; at least one authorizes and one denies.
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
  protected abstract AuthPort failingPort();

  private final Kit.Nanos nanos = new Kit.Nanos();
  private final Artifact artifact = Kit.artifact(WORKFLOW);
  private AuthPort port;
  private List<Case> cases;

  /** Reads the port and the cases. */
  @BeforeEach
  public void prepare() {
    port = port();
    assertNotNull(port, "port() returned null");
    cases = List.copyOf(cases());
  }

  private WorkflowEngine engine(AuthPort p) {
    return PortRuns.engine(artifact, nanos, null, p);
  }

  private WorkflowInstance start(WorkflowEngine e, int i) {
    return e.start(artifact, "kit_auth", cases.get(i).instanceId()).orElseThrow();
  }

  private TransitionResult fire(WorkflowEngine e, WorkflowInstance instance, int i) {
    return e.fire(artifact, instance, "act", cases.get(i).actor(), cases.get(i).context());
  }

  private PortRuns.Fired fired(WorkflowEngine e, int i) {
    WorkflowInstance before = start(e, i);
    return new PortRuns.Fired(before, fire(e, before, i));
  }

  private List<Boolean> expected() {
    return cases.stream().map(Case::expected).toList();
  }

  /** Each case's question as the engine asked it. */
  private List<AuthCall> calls() {
    List<AuthCall> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      AtomicReference<AuthCall> seen = new AtomicReference<>();
      WorkflowEngine e = engine(call -> {
        seen.set(call);
        return port.authorize(call);
      });
      fire(e, start(e, i), i);
      assertNotNull(seen.get(), "case " + i + ": the engine did not ask the port");
      out.add(seen.get());
    }
    return out;
  }

  /**
   * Through the engine, the transition is taken exactly when the case expects it (else
   * R_WF_AUTH_DENIED / E_WF_AUTH_DENIED, nothing changed), the port is asked with the case's
   * actor, instance and context, and availableTransitions agrees.
   */
  @Test
  public void throughTheEngine_eachCaseIsTakenExactlyWhenThePortAuthorizes() {
    PortRuns.assertBothOutcomes(expected(), "auth port");
    WorkflowEngine e = engine(port);
    List<AuthCall> calls = calls();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      String what = "case " + i + " (actor " + c.actor().id() + " on " + c.instanceId() + ")";
      WorkflowInstance before = start(e, i);
      TransitionResult r = fire(e, before, i);
      if (c.expected()) {
        PortRuns.assertTaken(r, "done", null, what);
      } else {
        PortRuns.assertClosed(r, Set.of(Code.E_WF_AUTH_DENIED), before, what);
        assertTrue(r.reasons().stream().anyMatch(x -> x.code() == Code.R_WF_AUTH_DENIED), what + ": R_WF_AUTH_DENIED");
      }
      AuthCall call = calls.get(i);
      assertEquals(c.actor(), call.actor(), what);
      assertEquals(c.instanceId(), call.instanceId(), what);
      assertEquals(c.context(), call.context(), what);
      assertEquals("act", call.transition().id(), what);
      List<AvailableTransition> available = e.availableTransitions(artifact, before, c.actor(), c.context());
      assertEquals(1, available.size(), what + ": the one transition is listed");
      assertEquals(c.expected(), available.get(0).enabled(), what + ": availableTransitions agrees with fire");
    }
  }

  /**
   * The same call, and an equal copy of it, get the expected answer every time.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void answersAreDeterministic() throws Exception {
    PortRuns.assertBothOutcomes(expected(), "auth port");
    List<AuthCall> calls = calls();
    for (int i = 0; i < cases.size(); i++) {
      AuthCall call = calls.get(i);
      AuthCall copy = new AuthCall(call.workflowId(), call.instanceId(), call.transition(), call.eventId(),
          call.actor(), call.context(), call.configuration());
      for (int n = 0; n < PortRuns.REPEATS; n++) {
        assertEquals(cases.get(i).expected(), port.authorize(call), "case " + i + ", asked again (" + n + ")");
        assertEquals(cases.get(i).expected(), port.authorize(copy), "case " + i + ", an equal call (" + n + ")");
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
    for (AuthCall call : calls()) {
      questions.add(() -> port.authorize(call));
    }
    PortRuns.assertStableUnderThreads(questions, expected());
  }

  /** A port that throws after answering fails every fire closed with E_WF_PORT_FAILED, even an authorized one. */
  @Test
  public void portThatThrows_failsClosed() {
    WorkflowEngine e = engine(call -> {
      port.authorize(call);
      throw new IllegalStateException("kit: the directory failed after answering");
    });
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_FAILED), "");
  }

  /** A port that answers after its budget fails every fire closed with E_WF_PORT_TIMEOUT, even an authorized one. */
  @Test
  public void portOverItsBudget_failsClosed() {
    WorkflowEngine e = engine(call -> {
      boolean answer = port.authorize(call);
      nanos.advanceMillis(PortRuns.BUDGET.toMillis() + 1);
      return answer;
    });
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_TIMEOUT), "");
  }

  /** The adapter with its backend unavailable throws instead of answering: nothing is authorized. */
  @Test
  public void failingAdapter_throwsRatherThanAnswers_soEveryFireFailsClosed() {
    AuthPort failing = failingPort();
    WorkflowEngine e = engine(failing);
    PortRuns.assertEveryCaseFailsClosed(e, cases.size(), this::fired, Set.of(Code.E_WF_PORT_FAILED,
        Code.E_WF_PORT_TIMEOUT), " with the failing adapter (it must throw, not answer)");
  }
}
