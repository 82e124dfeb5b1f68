package dev.mpc.workflow;

import static dev.mpc.workflow.Wf.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every failure of a port, an expression or the engine fails the fire closed with a coded error. */
class WorkflowFailClosedTest {
  private static final String NAMED = "{'initial':'a','states':['a','b','c'],'transitions':["
      + "{'from':'a','on':'go','to':'b','named_guard':'check'},{'from':'a','on':'go','to':'c'}]}";
  private final AtomicLong nanos = new AtomicLong();

  private WorkflowEngine engine(GuardPort guards, AuthPort auth) {
    WorkflowEngine.Builder b = WorkflowEngine.builder().clock(new Wf.MutableClock()).nanoTime(nanos::get)
        .portTimeout(Duration.ofMillis(100));
    if (guards != null) {
      b.guardPort(guards);
    }
    if (auth != null) {
      b.authPort(auth);
    }
    return b.build().orElseThrow();
  }

  private static GuardPort guard(java.util.function.Predicate<GuardCall> p) {
    return GuardPort.of(Map.of("check", p));
  }

  private static void assertClosed(TransitionResult r, Code code, WorkflowInstance before) {
    assertFalse(r.allowed());
    assertEquals(code, r.errors().get(0).code());
    assertEquals(before.configuration(), r.to());
    assertTrue(r.intents().isEmpty());
    assertTrue(r.steps().isEmpty());
  }

  @Test
  void guardPortThrows_failsClosed_noAlternativeTaken() {
    Artifact a = Wf.artifact(NAMED);
    WorkflowEngine e = engine(guard(c -> {
      throw new IllegalStateException("credit service down");
    }), null);
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    TransitionResult r = e.fire(a, i, "go", ALICE, JsonObject.EMPTY);
    assertClosed(r, Code.E_WF_PORT_FAILED, i);
    assertTrue(r.errors().get(0).message().contains("credit service down"));
  }

  @Test
  void guardPortOverBudget_answerDiscarded() {
    Artifact a = Wf.artifact(NAMED);
    WorkflowEngine e = engine(guard(c -> {
      nanos.addAndGet(Duration.ofMillis(101).toNanos());
      return true;
    }), null);
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    assertClosed(e.fire(a, i, "go", ALICE, JsonObject.EMPTY), Code.E_WF_PORT_TIMEOUT, i);
  }

  @Test
  void guardPortWithinBudget_counts() {
    Artifact a = Wf.artifact(NAMED);
    WorkflowEngine e = engine(guard(c -> {
      nanos.addAndGet(Duration.ofMillis(99).toNanos());
      return c.actor().id().equals("alice") && c.transition().to().equals("b");
    }), null);
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    assertEquals(List.of("b"), e.fire(a, i, "go", ALICE, JsonObject.EMPTY).to());
    assertEquals(List.of("c"), e.fire(a, i, "go", dev.mpc.contract.Actor.user("bob"), JsonObject.EMPTY).to(),
        "a false named guard is an ordinary failure: the next alternative is taken");
  }

  @Test
  void authPortThrowsOrTimesOut_failsClosed_falseDenies() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b'}]}");
    WorkflowEngine throwing = engine(null, c -> {
      throw new java.io.IOException("directory unreachable");
    });
    WorkflowInstance i = throwing.start(a, "w", "i").orElseThrow();
    assertClosed(throwing.fire(a, i, "go", ALICE, JsonObject.EMPTY), Code.E_WF_PORT_FAILED, i);
    WorkflowEngine slow = engine(null, c -> {
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      return true;
    });
    assertClosed(slow.fire(a, i, "go", ALICE, JsonObject.EMPTY), Code.E_WF_PORT_TIMEOUT, i);
    WorkflowEngine denying = engine(null, c -> false);
    TransitionResult r = denying.fire(a, i, "go", ALICE, JsonObject.EMPTY);
    assertClosed(r, Code.E_WF_AUTH_DENIED, i);
    assertEquals("Auth denied for 'go'", r.errors().get(0).message());
  }

  @Test
  void portStackOverflow_failsClosed() {
    Artifact a = Wf.artifact(NAMED);
    WorkflowEngine e = engine(guard(c -> {
      throw new StackOverflowError();
    }), null);
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    assertClosed(e.fire(a, i, "go", ALICE, JsonObject.EMPTY), Code.E_WF_PORT_FAILED, i);
  }

  @Test
  void guardExpressionError_failsClosed_withTheExpressionCode() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b','c'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'guard':{'op':'>','left':{'op':'/','left':{'ref':'x'},'right':{'ref':'y'}},'right':{'lit':1}}},"
        + "{'from':'a','on':'go','to':'c'}]}");
    WorkflowEngine e = engine(null, null);
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    assertClosed(e.fire(a, i, "go", ALICE, Wf.json("{'x':1,'y':0}")), Code.E_EXPR_DIV_BY_ZERO, i);
    assertClosed(e.fire(a, i, "go", ALICE, Wf.json("{'x':1,'y':'s'}")), Code.E_EXPR_TYPE_MISMATCH, i);
  }

  @Test
  void guardBudget_fromThePreset() {
    String sum = "{'ref':'n'}";
    for (int k = 0; k < 20; k++) {
      sum = "{'op':'+','left':" + sum + ",'right':{'ref':'n'}}";
    }
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'guard':{'op':'>','left':" + sum + ",'right':{'lit':0}}}]}");
    Preset tight = Preset.fromJson(Wf.json("{'name':'tight','presetVersion':'1','defaultLimits':{'maxExprSteps':5}}")).orElseThrow();
    WorkflowEngine e = WorkflowEngine.builder().preset(tight).build().orElseThrow();
    WorkflowInstance i = e.start(a, "w", "i").orElseThrow();
    assertClosed(e.fire(a, i, "go", ALICE, Wf.json("{'n':1}")), Code.E_BUDGET_EXCEEDED, i);
    assertTrue(WorkflowEngine.builder().build().orElseThrow().fire(a, i, "go", ALICE, Wf.json("{'n':1}")).allowed());
  }

  @Test
  void nonBooleanGuard_isACompileError() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'guard':{'op':'+','left':{'lit':1},'right':{'lit':2}}}]}");
    WorkflowEngine e = engine(null, null);
    assertEquals(Code.E_EXPR_TYPE_MISMATCH, e.model(a, "w").diagnostics().get(0).code());
    assertFalse(e.start(a, "w", "i").isOk());
  }

  @Test
  void namedGuardWithoutPort_andAuthWithoutPort_areBuildErrors_listingEvery() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'named_guard':'creditOk'},{'from':'b','on':'back','to':'a','auth':true}]}");
    Result<WorkflowEngine> built = WorkflowEngine.builder().check(a).build();
    assertEquals(List.of(Code.E_VALID_UNRESOLVED_REF, Code.E_VALID_UNRESOLVED_REF),
        built.diagnostics().stream().map(Diagnostic::code).toList());
    Result<WorkflowEngine> wrongNames = WorkflowEngine.builder().guardPort(GuardPort.of(Map.of("other", c -> true)))
        .authPort(c -> true).check(a).build();
    assertEquals(1, wrongNames.diagnostics().size());
    assertTrue(wrongNames.diagnostics().get(0).message().contains("creditOk"));
    assertTrue(WorkflowEngine.builder().guardPort(GuardPort.of(Map.of("creditOk", c -> true))).authPort(c -> true)
        .check(a).build().isOk());
  }

  @Test
  void builder_listsEveryProblem() {
    Result<WorkflowEngine> r = WorkflowEngine.builder().clock(null).portTimeout(Duration.ZERO).idempotencyWindow(0)
        .cacheSize(0).build();
    assertEquals(4, r.diagnostics().size());
  }

  @Test
  void brokenWorkflow_firesFailClosed_withItsCompileError() {
    Artifact ok = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b'}]}");
    WorkflowEngine e = engine(null, null);
    WorkflowInstance i = e.start(ok, "w", "i").orElseThrow();
    WorkflowInstance foreign = new WorkflowInstance("missing", "i", ok.hash(), i.configuration(), Map.of(), List.of(),
        JsonObject.EMPTY, 0, i.recent());
    TransitionResult r = e.fire(ok, foreign, "go", ALICE, JsonObject.EMPTY);
    assertFalse(r.allowed());
    assertEquals(Code.E_VALID_UNRESOLVED_REF, r.errors().get(0).code());
    WorkflowInstance strange = new WorkflowInstance("w", "i", ok.hash(), List.of("zz"), Map.of(), List.of(),
        JsonObject.EMPTY, 0, i.recent());
    assertEquals(Code.E_WF_UNKNOWN_STATE, e.fire(ok, strange, "go", ALICE, JsonObject.EMPTY).errors().get(0).code());
  }

  @Test
  void structuralProblems_areCoded() {
    WorkflowEngine e = engine(null, null);
    assertEquals(Code.E_WF_NO_INITIAL, e.model(Wf.artifact("{'states':['a']}"), "w").diagnostics().get(0).code());
    assertEquals(Code.E_VALID_INVALID_WORKFLOW, e.model(Wf.artifact("{'initial':'a','states':[]}"), "w")
        .diagnostics().get(0).code());
    List<Code> codes = e.model(Wf.artifact("{'initial':'a','states':['a',{'name':'b','parent':'a','final':true},"
        + "{'name':'c','parent':'b'},{'name':'p','parallel':true},'a'],'transitions':[{'from':'a','on':'x','to':'q'},"
        + "{'from':'a','to':'b','timeout_ms':-1}]}"), "w").diagnostics().stream().map(Diagnostic::code).toList();
    assertEquals(List.of(Code.E_VALID_DUPLICATE_DEF, Code.E_VALID_INVALID_WORKFLOW, Code.E_VALID_INVALID_WORKFLOW,
        Code.E_WF_UNKNOWN_STATE, Code.E_META_TYPE_NOT_ALLOWED), codes);
  }
}
