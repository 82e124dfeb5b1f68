package dev.mpc.workflow;

import static dev.mpc.workflow.Wf.ALICE;
import static dev.mpc.workflow.Wf.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.IntentKind;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per semantic rule of docs/workflow.md. */
class WorkflowSemanticsTest {
  private final Wf.MutableClock clock = new Wf.MutableClock();
  private final WorkflowEngine engine = WorkflowEngine.builder().clock(clock).build().orElseThrow();

  private static final String NESTED = "{'initial':'a','states':[{'name':'a','on_leave':['leaveA']},"
      + "{'name':'a1','parent':'a','on_leave':['leaveA1']},{'name':'a2','parent':'a'},{'name':'b','on_enter':['enterB']},"
      + "{'name':'b1','parent':'b','on_enter':['enterB1']},{'name':'b2','parent':'b','initial':true,'on_enter':['enterB2']}],"
      + "'transitions':[{'from':'a1','on':'go','to':'b','on_leave':['tLeave'],'on_enter':['tEnter']},"
      + "{'from':'a','on':'reset','to':'a','actions':['tReset']},{'from':'a1','on':'next','to':'a2'},"
      + "{'from':'a','on':'poke','rule_type':'internal','actions':['tPoke']}]}";

  private WorkflowInstance start(Artifact a) {
    return engine.start(a, "w", "i1").orElseThrow();
  }

  private TransitionResult fire(Artifact a, WorkflowInstance i, String event) {
    return engine.fire(a, i, event, ALICE, JsonObject.EMPTY);
  }

  @Test
  void start_entersInitialAndItsDefaultChild_withEntryActions() {
    Artifact a = Wf.artifact(NESTED);
    WorkflowInstance i = start(a);
    assertEquals(List.of("a", "a1"), i.configuration());
    assertEquals(0, i.version());
    assertEquals(TransitionRecord.Kind.START, i.lastRecord().kind());
    WorkflowInstance atB = engine.startAt(a, "w", "i2", List.of("b")).orElseThrow();
    assertEquals(List.of("b", "b2"), atB.configuration(), "the flagged initial child, not the first");
    assertTrue(atB.lastRecord().intents().isEmpty(), "startAt runs no actions");
  }

  @Test
  void actionOrder_exitsInnermostFirst_thenTransition_thenEntriesOutermostFirst() {
    Artifact a = Wf.artifact(NESTED);
    TransitionResult r = fire(a, start(a), "go");
    assertTrue(r.allowed());
    assertEquals(List.of("b", "b2"), r.to());
    assertEquals(List.of("leaveA1", "leaveA", "tLeave", "tEnter", "enterB", "enterB2"), ops(r.intents()));
    assertEquals(IntentKind.TRANSFORM, r.intents().get(0).kind());
    assertEquals("i1", r.intents().get(0).target().orElseThrow());
  }

  @Test
  void selfTransition_exitsAndReentersOnlyTheStateItself() {
    Artifact a = Wf.artifact(NESTED);
    WorkflowInstance i = fire(a, start(a), "next").instance();
    assertEquals(List.of("a", "a2"), i.configuration());
    TransitionResult r = fire(a, i, "reset");
    assertEquals(List.of("leaveA", "tReset"), ops(r.intents()), "a is exited (with a2), its parent (root) is not");
    assertEquals(List.of("a", "a1"), r.to(), "re-entered through its initial child");
  }

  @Test
  void internalTransition_runsOnlyItsActions() {
    Artifact a = Wf.artifact(NESTED);
    WorkflowInstance i = start(a);
    TransitionResult r = fire(a, i, "poke");
    assertEquals(List.of("tPoke"), ops(r.intents()));
    assertEquals(i.configuration(), r.to());
    assertEquals(1, r.steps().size());
  }

  private static final String PARALLEL = "{'initial':'work','states':[{'name':'work','parallel':true,"
      + "'on_leave':['leaveWork']},{'name':'docs','parent':'work'},{'name':'d1','parent':'docs','on_leave':['leaveD1']},"
      + "{'name':'d2','parent':'docs'},{'name':'checks','parent':'work'},{'name':'c1','parent':'checks','on_leave':['leaveC1']},"
      + "{'name':'c2','parent':'checks'},'done'],"
      + "'transitions':[{'from':'work','on':'cancel','to':'done','actions':['tCancel']},"
      + "{'from':'d1','on':'abort','to':'done'},{'from':'d1','on':'step','to':'d2'},{'from':'c1','on':'step','to':'c2'},"
      + "{'from':'done','on':'reopen','to':'work'},{'from':'work','on':'both','to':'done'},{'from':'c1','on':'both','to':'c2'}]}";

  @Test
  void parallel_entersEveryRegion() {
    Artifact a = Wf.artifact(PARALLEL);
    assertEquals(List.of("work", "docs", "d1", "checks", "c1"), start(a).configuration());
  }

  @Test
  void parentTransition_firesOnceForSeveralActiveLeaves() {
    Artifact a = Wf.artifact(PARALLEL);
    TransitionResult r = fire(a, start(a), "cancel");
    assertEquals(1, r.steps().size());
    assertEquals(1, r.reasons().size());
    assertEquals(List.of("leaveD1", "leaveC1", "leaveWork", "tCancel"), ops(r.intents()));
    assertEquals(List.of("done"), r.to());
  }

  @Test
  void leavingOneRegion_exitsEveryRegion_andReentryEntersAllByDefault() {
    Artifact a = Wf.artifact(PARALLEL);
    TransitionResult r = fire(a, start(a), "abort");
    assertEquals(List.of("done"), r.to(), "no orphaned region (G-W2)");
    assertEquals(List.of("leaveD1", "leaveC1", "leaveWork"), ops(r.intents()));
    assertEquals(List.of("work", "docs", "d1", "checks", "c1"), fire(a, r.instance(), "reopen").to());
  }

  @Test
  void parallelRegions_eachTakeTheirTransitionForOneEvent() {
    Artifact a = Wf.artifact(PARALLEL);
    TransitionResult r = fire(a, start(a), "step");
    assertEquals(List.of("work", "docs", "d2", "checks", "c2"), r.to());
    assertEquals(2, r.steps().size());
  }

  @Test
  void conflictingSelections_theEarlierLeafWins() {
    Artifact a = Wf.artifact(PARALLEL);
    // d1 selects work--both-->done (its ancestor's); c1 then selects its own, which exits states already exited
    TransitionResult r = fire(a, start(a), "both");
    assertEquals(List.of("done"), r.to());
    assertEquals(List.of(new TransitionRecord.Step("t5", "done")), r.steps());
  }

  private static final String HISTORY = "{'initial':'edit','states':[{'name':'edit','history':'%s'},"
      + "{'name':'draft','parent':'edit'},{'name':'d1','parent':'draft'},{'name':'d2','parent':'draft'},"
      + "{'name':'polish','parent':'edit'},'paused'],"
      + "'transitions':[{'from':'d1','on':'next','to':'d2'},{'from':'edit','on':'pause','to':'paused'},"
      + "{'from':'paused','on':'resume','to':'edit'},{'from':'paused','on':'polish','to':'polish'}]}";

  @Test
  void deepHistory_restoresExactlyWhatItRecorded() {
    Artifact a = Wf.artifact(HISTORY.formatted("deep"));
    WorkflowInstance i = fire(a, start(a), "next").instance();
    i = fire(a, i, "pause").instance();
    assertEquals(Map.of("edit", List.of("draft", "d2")), i.history());
    assertEquals(List.of("edit", "draft", "d2"), fire(a, i, "resume").to());
  }

  @Test
  void shallowHistory_restoresTheChildAndEntersItsDefaultBelow() {
    Artifact a = Wf.artifact(HISTORY.formatted("shallow"));
    WorkflowInstance i = fire(a, start(a), "next").instance();
    i = fire(a, i, "pause").instance();
    assertEquals(Map.of("edit", List.of("draft")), i.history());
    assertEquals(List.of("edit", "draft", "d1"), fire(a, i, "resume").to(), "d1 is draft's default (G-W4)");
  }

  @Test
  void explicitTargetInside_overridesHistory() {
    Artifact a = Wf.artifact(HISTORY.formatted("deep"));
    WorkflowInstance i = fire(a, fire(a, start(a), "next").instance(), "pause").instance();
    assertEquals(List.of("edit", "polish"), fire(a, i, "polish").to());
  }

  private static final String GUARDS = "{'initial':'review','states':[{'name':'review'},{'name':'r1','parent':'review'},"
      + "'approved','escalated','parent'],"
      + "'transitions':[{'from':'r1','on':'decide','to':'approved','guard':{'op':'<=','left':{'ref':'amount'},"
      + "'right':{'ref':'vars.limit'}}},{'from':'r1','on':'decide','to':'escalated','guard':{'op':'>','left':{'ref':'amount'},"
      + "'right':{'lit':100000}}},{'from':'review','on':'decide','to':'parent'}]}";

  @Test
  void guardedAlternatives_firstEnabledInDeclarationOrder_thenTheParentLevel() {
    Artifact a = Wf.artifact(GUARDS);
    WorkflowInstance i = engine.start(a, "w", "i1", Wf.json("{'limit':1000}")).orElseThrow();
    assertEquals(List.of("approved"), fire(a, i, "decide", "{'amount':10}").to());
    assertEquals(List.of("escalated"), fire(a, i, "decide", "{'amount':200000}").to());
    TransitionResult r = fire(a, i, "decide", "{'amount':5000}");
    assertEquals(List.of("parent"), r.to(), "no enabled transition on r1: its parent's is taken");
    assertEquals(List.of(Code.R_WF_GUARD_FAIL, Code.R_WF_GUARD_FAIL, Code.R_WF_GUARD_PASS),
        r.reasons().stream().map(x -> x.code()).toList());
    assertTrue(r.errors().isEmpty(), "a failing alternative is a reason, not an error, when another fires");
  }

  private TransitionResult fire(Artifact a, WorkflowInstance i, String event, String context) {
    return engine.fire(a, i, event, ALICE, Wf.json(context));
  }

  @Test
  void guardFailure_withoutAlternative_isNotAllowed() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'guard':{'ref':'ok'}}]}");
    WorkflowInstance i = start(a);
    TransitionResult r = fire(a, i, "go", "{'ok':false}");
    assertFalse(r.allowed());
    assertEquals(Code.E_WF_GUARD_FAIL, r.errors().get(0).code());
    assertEquals("Guard failed for 'go'", r.errors().get(0).message());
    assertEquals(i.configuration(), r.to());
    assertEquals(1, r.instance().version(), "the attempt is recorded");
    assertTrue(fire(a, i, "go", "{'ok':true}").allowed());
  }

  @Test
  void roles_atLeastOneRequired() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'roles':['manager','admin']}]}");
    TransitionResult denied = fire(a, start(a), "go");
    assertEquals(Code.E_WF_AUTH_DENIED, denied.errors().get(0).code());
    assertEquals(Code.R_WF_AUTH_DENIED, denied.reasons().get(0).code());
    assertTrue(engine.fire(a, start(a), "go", dev.mpc.contract.Actor.user("bob", "clerk", "admin"), JsonObject.EMPTY)
        .allowed());
  }

  @Test
  void unknownEvent_isCodedWithActiveStates_ignoredTriggerIsAllowed() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'ignored_triggers':['ping'],"
        + "'transitions':[{'from':'a','on':'go','to':'b'}]}");
    TransitionResult r = fire(a, start(a), "publish");
    assertFalse(r.allowed());
    assertEquals(Code.E_WF_UNKNOWN_TRANSITION, r.errors().get(0).code());
    assertEquals("No transition 'publish' defined from state 'a'", r.errors().get(0).message());
    assertEquals(Code.R_WF_UNKNOWN_TRANSITION, r.reasons().get(0).code());
    TransitionResult ping = fire(a, start(a), "ping");
    assertTrue(ping.allowed());
    assertEquals(Code.R_WF_IGNORED, ping.reasons().get(0).code());
    assertEquals(1, ping.instance().version(), "ignored triggers are recorded (G-W25)");
  }

  @Test
  void timers_areData_setOnEntry_droppedOnExit_firedWhenDue() {
    Artifact a = Wf.artifact("{'initial':'pending','states':['pending','late','done'],'transitions':["
        + "{'from':'pending','on':'escalate','to':'late','timeout_ms':1000,'roles':['manager']},"
        + "{'from':'pending','on':'finish','to':'done'},{'from':'late','on':'finish','to':'done'}]}");
    WorkflowInstance i = start(a);
    assertEquals(Wf.T0.plusMillis(1000), engine.nextDue(i).orElseThrow());
    assertTrue(engine.dueTimeouts(i, Wf.T0.plusMillis(999)).isEmpty());
    assertTrue(engine.fireDue(a, i, Wf.T0.plusMillis(999)).isEmpty());
    assertEquals(1, engine.dueTimeouts(i, Wf.T0.plusMillis(1000)).size());
    TransitionResult r = engine.fireDue(a, i, Wf.T0.plusMillis(1000)).orElseThrow();
    assertTrue(r.allowed(), "a timer is not subject to the transition's roles (G-W14)");
    assertEquals(List.of("late"), r.to());
    assertEquals(TransitionRecord.Kind.TIMEOUT, r.record().kind());
    assertEquals(WorkflowEngine.TIMER_ACTOR.id(), r.record().actorId().orElseThrow());
    assertTrue(r.instance().timers().isEmpty());
    assertTrue(fire(a, i, "finish").instance().timers().isEmpty(), "leaving the state drops its timer");
    assertEquals(Code.E_WF_UNKNOWN_TRANSITION, fire(a, i, "escalate").errors().get(0).code(),
        "a timed transition is fired only by its timer");
  }

  @Test
  void timerWhoseGuardFails_isDroppedAndRecorded() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':["
        + "{'from':'a','on':'t','to':'b','timeout_ms':0,'guard':{'ref':'vars.go'}}]}");
    WorkflowInstance i = start(a);
    TransitionResult r = engine.fireDue(a, i, Wf.T0).orElseThrow();
    assertFalse(r.allowed());
    assertTrue(r.instance().timers().isEmpty());
    assertTrue(engine.fireDue(a, r.instance(), Wf.T0).isEmpty());
  }

  @Test
  void timerOfAnEnteredState_startsAtTheFireTime() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b','c'],'transitions':[{'from':'a','on':'go','to':'b'},"
        + "{'from':'b','on':'t','to':'c','timeout_ms':500}]}");
    clock.advanceMs(250);
    WorkflowInstance i = fire(a, start(a), "go").instance();
    assertEquals(List.of(new WorkflowTimer("b", "t1", "t", Wf.T0.plusMillis(750))), i.timers());
  }

  @Test
  void sameEventId_isARecordedNoOp_withinTheWindow() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b','c'],'transitions':[{'from':'a','on':'go','to':'b'},"
        + "{'from':'b','on':'go','to':'c'},{'from':'c','on':'go','to':'a'}]}");
    WorkflowEngine e = WorkflowEngine.builder().clock(clock).idempotencyWindow(2).build().orElseThrow();
    WorkflowInstance i = e.start(a, "w", "i1").orElseThrow();
    TransitionResult first = e.fire(a, i, "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("e1"));
    TransitionResult again = e.fire(a, first.instance(), "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("e1"));
    assertTrue(again.replayed());
    assertSame(first.instance(), again.instance());
    assertEquals(first.record(), again.record());
    WorkflowInstance j = e.fire(a, first.instance(), "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("e2")).instance();
    j = e.fire(a, j, "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("e3")).instance();
    assertEquals(2, j.recent().size(), "the window is bounded");
    TransitionResult late = e.fire(a, j, "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("e1"));
    assertFalse(late.replayed(), "beyond the window an event id fires anew");
    assertEquals(4, late.instance().version());
  }

  @Test
  void dynamicTarget_mustNameADeclaredState() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b','c'],'transitions':[{'from':'a','on':'route',"
        + "'rule_type':'dynamic','to':{'ref':'dest'}}]}");
    assertEquals(List.of("c"), fire(a, start(a), "route", "{'dest':'c'}").to());
    TransitionResult bad = fire(a, start(a), "route", "{'dest':'nowhere'}");
    assertFalse(bad.allowed());
    assertEquals(Code.E_WF_DYN_FAIL, bad.errors().get(0).code(), "a failed dynamic target is never allow (G-W11)");
  }

  @Test
  void rootTransition_fromStar_leavesAnyConfiguration() {
    Artifact a = Wf.artifact(PARALLEL.replace("'transitions':[", "'transitions':[{'from':'*','on':'kill','to':'done'},"));
    assertEquals(List.of("done"), fire(a, start(a), "kill").to());
  }

  @Test
  void intentTemplates_renderPlaceholders_andDefaultKeys() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b','actions':["
        + "{'kind':'notify','target':'${actor.id}','params':{'template':'moved ${transition.from} to ${transition.to}'}},"
        + "{'kind':'audit','target':'${workflow.id}/${instance.id}','params':{'action':'${event.name}','actor':'${actor.id}'},"
        + "'idempotencyKey':'${event.id}'}]}]}");
    TransitionResult r = engine.fire(a, start(a), "go", ALICE, JsonObject.EMPTY, FireOptions.eventId("ev-7"));
    assertEquals("alice", r.intents().get(0).target().orElseThrow());
    assertEquals("moved a to b", ((dev.mpc.json.JsonString) r.intents().get(0).params().getOrNull("template")).value());
    assertEquals("i1:1:0", r.intents().get(0).idempotencyKey().orElseThrow(), "notify requires a key: a default one");
    assertEquals("w/i1", r.intents().get(1).target().orElseThrow());
    assertEquals("ev-7", r.intents().get(1).idempotencyKey().orElseThrow());
    for (var intent : r.intents()) {
      assertTrue(intent.problems().isEmpty(), intent.toString());
    }
  }

  @Test
  void model_isTheReadOnlyView() {
    Artifact a = Wf.artifact(PARALLEL.replace("{'from':'done','on':'reopen','to':'work'}",
        "{'from':'done','on':'reopen','to':'work','timeout_ms':5000,'id':'auto'}"));
    WorkflowModel m = engine.model(a, "w").orElseThrow();
    assertEquals("work", m.initial());
    assertEquals(StateKind.PARALLEL, m.state("work").orElseThrow().kind());
    assertEquals(List.of("docs", "checks"), m.state("work").orElseThrow().children());
    assertEquals(StateKind.COMPOUND, m.state("docs").orElseThrow().kind());
    assertEquals("d1", m.state("docs").orElseThrow().initialChild().orElseThrow());
    assertEquals(2, m.state("d1").orElseThrow().depth());
    assertEquals(List.of("work", "done"), m.topLevel().stream().map(StateView::name).toList());
    TransitionView auto = m.transition("auto").orElseThrow();
    assertEquals(Duration.ofMillis(5000), auto.timeout().orElseThrow());
    assertEquals("t0", m.transitions().get(0).id());
    assertEquals(List.of("tCancel"), m.transitionsFrom("work").get(0).actions().stream().map(ActionView::label).toList());
    assertEquals(List.of("w"), engine.workflows(a));
  }

  @Test
  void artifactMismatch_failsClosed_instanceUnchanged() {
    Artifact a = Wf.artifact(NESTED);
    Artifact other = Wf.artifact(NESTED.replace("tReset", "tOther"));
    WorkflowInstance i = start(a);
    TransitionResult r = fire(other, i, "go");
    assertFalse(r.allowed());
    assertEquals(Code.E_WF_ARTIFACT_MISMATCH, r.errors().get(0).code());
    assertSame(i, r.instance());
  }

  @Test
  void startAt_completesConfigurations_andRejectsImpossibleOnes() {
    Artifact a = Wf.artifact(PARALLEL);
    assertEquals(List.of("work", "docs", "d2", "checks", "c1"),
        engine.startAt(a, "w", "i", List.of("d2")).orElseThrow().configuration());
    Result<WorkflowInstance> bad = engine.startAt(a, "w", "i", List.of("d1", "d2"));
    assertEquals(Code.E_WF_UNKNOWN_STATE, bad.diagnostics().get(0).code());
    assertEquals(Code.E_WF_UNKNOWN_STATE, engine.startAt(a, "w", "i", List.of("zz")).diagnostics().get(0).code());
  }

  @Test
  void variables_areReadByGuards_andRecorded() {
    Artifact a = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':[{'from':'a','on':'go','to':'b',"
        + "'guard':{'ref':'vars.ready'}}]}");
    WorkflowInstance i = start(a);
    assertFalse(fire(a, i, "go").allowed());
    WorkflowInstance ready = engine.withVariables(i, Wf.json("{'ready':true}"));
    assertEquals(1, ready.version());
    assertEquals(TransitionRecord.Kind.VARIABLES, ready.lastRecord().kind());
    assertTrue(fire(a, ready, "go").allowed());
  }

  @Test
  void replay_rebuildsTheSameInstance() {
    Artifact a = Wf.artifact(HISTORY.formatted("deep").replace("{'from':'paused','on':'polish','to':'polish'}",
        "{'from':'paused','on':'polish','to':'polish'},{'from':'polish','on':'t','to':'paused','timeout_ms':10}"));
    WorkflowInstance i = start(a);
    List<TransitionRecord> history = new java.util.ArrayList<>(List.of(i.lastRecord()));
    for (String ev : List.of("next", "pause", "bogus", "resume", "pause", "polish")) {
      i = fire(a, i, ev).instance();
      history.add(i.lastRecord());
    }
    i = engine.withVariables(i, Wf.json("{'x':1}"));
    history.add(i.lastRecord());
    i = engine.fireDue(a, i, Wf.T0.plusMillis(10)).orElseThrow().instance();
    history.add(i.lastRecord());
    assertEquals(i, engine.replay(a, "w", "i1", history).orElseThrow());
    List<TransitionRecord> gap = new java.util.ArrayList<>(history);
    gap.remove(2);
    assertFalse(engine.replay(a, "w", "i1", gap).isOk());
  }

  @Test
  void traceLevels() {
    Artifact a = Wf.artifact(NESTED);
    TransitionResult none = fire(a, start(a), "go");
    assertTrue(none.trace().isEmpty());
    TransitionResult decision = engine.fire(a, start(a), "go", ALICE, JsonObject.EMPTY,
        FireOptions.defaults().withTrace(TraceLevel.DECISION));
    assertEquals(List.of("transition.select"), decision.trace().orElseThrow().events().stream().map(e -> e.t()).toList());
    TransitionResult full = engine.fire(a, start(a), "go", ALICE, JsonObject.EMPTY,
        FireOptions.defaults().withTrace(TraceLevel.FULL).withCorrelationId("corr-1"));
    List<String> kinds = full.trace().orElseThrow().events().stream().map(e -> e.t()).distinct().toList();
    assertTrue(kinds.containsAll(List.of("transition.select", "state.exit", "state.enter", "action")), kinds.toString());
    assertEquals("corr-1", full.trace().orElseThrow().spanId());
    assertEquals("corr-1", full.meta().traceSpanId().orElseThrow());
    assertEquals(WorkflowEngine.ENGINE_NAME, full.decision().meta().engine().orElseThrow());
    assertEquals(a.hash(), full.decision().meta().artifactHash().orElseThrow());
  }

  @Test
  void configurationLists_areSharedBetweenInstances() {
    Artifact a = Wf.artifact(NESTED);
    assertSame(start(a).configuration(), engine.start(a, "w", "other").orElseThrow().configuration());
  }

  @Test
  void availableTransitions_evaluatesChecks_withoutSideEffects() {
    Artifact a = Wf.artifact(GUARDS);
    WorkflowInstance i = engine.start(a, "w", "i1", Wf.json("{'limit':1000}")).orElseThrow();
    List<AvailableTransition> av = engine.availableTransitions(a, i, ALICE, Wf.json("{'amount':5}"));
    assertEquals(List.of("t0", "t1", "t2"), av.stream().map(x -> x.transition().id()).toList());
    assertEquals(List.of(true, false, false), av.stream().map(AvailableTransition::enabled).toList(),
        "t2 passes but t0 is taken first for the same event");
    assertEquals(Set.of(), Set.copyOf(av.get(0).errors()));
  }
}
