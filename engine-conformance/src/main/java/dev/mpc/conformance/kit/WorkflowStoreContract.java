package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link WorkflowStore}: extend it in a test of your adapter and return the
 * adapter from {@link #newStore()}; every test here then runs against it.
 *
 * <pre>{@code
 * class JdbcWorkflowStoreContractTest extends WorkflowStoreContract {
 *   protected WorkflowStore newStore() { return new JdbcWorkflowStore(testDataSource()); }
 * }
 * }</pre>
 *
 * <p>What it proves (the contract of {@link WorkflowStore}'s javadoc): create then load returns
 * the instance, equal in every component (a serializing adapter must keep configuration, history
 * memory, timers, variables, version and the idempotency window); a second create of an id is a
 * conflict that overwrites nothing; save is a compare-and-set (a stale expected version is
 * {@code E_WF_CONCURRENT_MODIFICATION} and changes nothing, a version that is not expected + 1 is
 * rejected, an unknown id is not created by save); the history is append-only, in version order
 * with no gap or duplicate, each record equal to the saved instance's last record, and replaying
 * it through {@link WorkflowEngine#replay} rebuilds the stored instance; {@value #THREADS} threads
 * saving with the same expected version: exactly one wins and the others get the coded conflict,
 * for {@value #ROUNDS} rounds; {@value #THREADS} threads each firing {@value #FIRES_PER_THREAD}
 * events through load → fire → save (retrying on conflict) lose and duplicate none.
 *
 * <p>Every test uses fresh instance ids ({@code kit-<uuid>-...}), so {@link #newStore()} may
 * return a store over a shared database. Fixed iteration counts, no sleeping; a test whose threads
 * have not finished after a minute fails.
 */
public abstract class WorkflowStoreContract {
  /** How many threads race in the concurrency tests. */
  public static final int THREADS = 8;
  /** How many rounds of the same-expected-version race. */
  public static final int ROUNDS = 20;
  /** How many events each thread fires in the load → fire → save race. */
  public static final int FIRES_PER_THREAD = 25;

  /** The kit's workflow: a compound state with deep history, a timer, actions and a self-loop. */
  static final String WORKFLOW = """
      def Workflow kit_store "Store contract kit" {
          initial: "draft"
          states: [
              "draft",
              {name: "review", history: "deep", on_enter: ["notifyReviewers"], on_leave: ["closeReview"]},
              {name: "legal", parent: "review", initial: true},
              {name: "finance", parent: "review"},
              "parked",
              {name: "approved", final: true}
          ]
          transitions: [
              {from: "draft", on: "note", to: "draft", actions: ["noted"]},
              {from: "draft", on: "submit", to: "review", actions: ["lock"]},
              {from: "legal", on: "clear", to: "finance"},
              {from: "review", on: "park", to: "parked"},
              {from: "parked", on: "resume", to: "review"},
              {from: "finance", on: "approve", to: "approved"},
              {from: "review", on: "expire", to: "parked", timeout_ms: 3600000}
          ]
      }
      """;

  private static final Actor CLERK = Actor.user("kit-clerk", "clerk");

  /** The artifact the kit's instances run on. */
  protected final Artifact artifact = Kit.artifact(WORKFLOW);

  /** The engine the kit makes instances with (fixed clock, so records are reproducible). */
  protected final WorkflowEngine engine = WorkflowEngine.builder().clock(Kit.CLOCK).check(artifact).build()
      .orElseThrow();

  private WorkflowStore store;
  private String prefix;

  /**
   * The store under test: a new one, or one whose data the kit's fresh ids cannot collide with.
   * Called once before each test.
   *
   * @return the store under test
   */
  protected abstract WorkflowStore newStore();

  /** Creates the store for one test. */
  @BeforeEach
  public void createStore() {
    store = newStore();
    assertNotNull(store, "newStore() returned null");
    prefix = "kit-" + UUID.randomUUID() + "-";
  }

  /** A fresh instance id. */
  private String id(String name) {
    return prefix + name;
  }

  /**
   * A started instance (version 0, not stored).
   *
   * @param instanceId the instance id
   * @return a started instance (version 0, not stored)
   */
  protected final WorkflowInstance started(String instanceId) {
    return engine.start(artifact, "kit_store", instanceId).orElseThrow();
  }

  private TransitionResult fire(WorkflowInstance i, String event, String eventId) {
    return engine.fire(artifact, i, event, CLERK, JsonObject.EMPTY, FireOptions.eventId(eventId));
  }

  private WorkflowInstance fired(WorkflowInstance i, String event) {
    return Kit.next(fire(i, event, "e" + (i.version() + 1) + "-" + event), i);
  }

  private static void assertConflict(Result<WorkflowInstance> r, String what) {
    assertFalse(r.isOk(), what + ": expected E_WF_CONCURRENT_MODIFICATION, the store accepted it");
    assertTrue(Kit.codes(r.diagnostics()).contains(Code.E_WF_CONCURRENT_MODIFICATION),
        what + ": expected E_WF_CONCURRENT_MODIFICATION, got " + r.diagnostics());
  }

  private static void assertOk(Result<WorkflowInstance> r, String what) {
    assertTrue(r.isOk(), what + " failed: " + r.diagnostics());
  }

  private void assertHistory(String instanceId, List<WorkflowInstance> versions) {
    List<TransitionRecord> h = store.history(instanceId);
    assertNotNull(h, "history returned null");
    List<Long> expected = versions.stream().map(WorkflowInstance::version).toList();
    assertEquals(expected, h.stream().map(TransitionRecord::version).toList(), "history versions of " + instanceId);
    for (int v = 0; v < versions.size(); v++) {
      assertEquals(versions.get(v).lastRecord(), h.get(v), "history record " + v + " is the saved instance's last record");
    }
  }

  // ---- create and load

  /** Create then load returns an equal instance; the history is its start record. */
  @Test
  public void create_thenLoad_returnsTheInstance_historyIsTheStartRecord() {
    WorkflowInstance i = started(id("a"));
    assertOk(store.create(i), "create");
    assertEquals(Optional.of(i), store.load(i.instanceId()));
    assertHistory(i.instanceId(), List.of(i));
  }

  /** A second create of an existing id is the coded conflict; the first instance and its history stay. */
  @Test
  public void createTwice_isAConflict_nothingOverwritten() {
    WorkflowInstance first = started(id("a"));
    assertOk(store.create(first), "create");
    WorkflowInstance other = engine.start(artifact, "kit_store", first.instanceId(),
        JsonObject.builder().put("owner", "mallory").build()).orElseThrow();
    assertConflict(store.create(other), "a second create of '" + first.instanceId() + "'");
    assertEquals(Optional.of(first), store.load(first.instanceId()), "the first instance is not overwritten");
    assertHistory(first.instanceId(), List.of(first));
  }

  /** Load and history of an id never created: empty, not an exception. */
  @Test
  public void unknownId_loadIsEmpty_historyIsEmpty() {
    assertEquals(Optional.empty(), store.load(id("never")));
    assertEquals(List.of(), store.history(id("never")));
  }

  // ---- save

  /**
   * A chain of saves through every kind of record (start, events that enter, leave with deep
   * history and set timers, a variables update, a not-allowed fire): after each, load returns the
   * saved instance, the history is every version's record in order, and replaying it rebuilds the
   * stored instance.
   */
  @Test
  public void saveChain_loadReturnsEachSavedInstance_historyAppendsAndReplays() {
    WorkflowInstance i = started(id("chain"));
    assertOk(store.create(i), "create");
    List<WorkflowInstance> versions = new ArrayList<>(List.of(i));
    List<WorkflowInstance> chain = new ArrayList<>();
    WorkflowInstance c = i;
    for (String event : List.of("submit", "clear", "park")) {
      c = fired(c, event);
      chain.add(c);
    }
    c = engine.withVariables(c, JsonObject.builder().put("amount", 1200).put("owner", "kit-clerk").build());
    chain.add(c);
    c = fired(c, "resume");
    chain.add(c);
    TransitionResult denied = fire(c, "approve-without-clearing", "e-denied");
    assertFalse(denied.allowed(), "the kit expects an unknown event to be recorded as not allowed");
    c = Kit.next(denied, c);
    chain.add(c);
    List<TransitionRecord> before = List.of();
    for (WorkflowInstance next : chain) {
      assertOk(store.save(next, next.version() - 1), "save of version " + next.version());
      versions.add(next);
      assertEquals(Optional.of(next), store.load(next.instanceId()), "load after saving version " + next.version());
      assertHistory(next.instanceId(), versions);
      List<TransitionRecord> h = store.history(next.instanceId());
      assertEquals(before, h.subList(0, before.size()), "the history is append-only: earlier records unchanged");
      before = h;
    }
    assertTrue(c.history().containsKey("review"), "the chain recorded deep history (kit check)");
    WorkflowInstance replayed = engine.replay(artifact, "kit_store", c.instanceId(), store.history(c.instanceId()))
        .orElseThrow();
    assertEquals(store.load(c.instanceId()).orElseThrow(), replayed, "replaying the stored history rebuilds the instance");
  }

  /** A stale expected version is the coded conflict: the stored instance and history are unchanged. */
  @Test
  public void save_staleExpectedVersion_isAConflict_nothingOverwritten() {
    WorkflowInstance v0 = started(id("stale"));
    assertOk(store.create(v0), "create");
    WorkflowInstance a = fired(v0, "submit");
    WorkflowInstance b = fired(v0, "note");
    assertOk(store.save(a, 0), "first save over version 0");
    assertConflict(store.save(b, 0), "a second save over version 0");
    assertEquals(Optional.of(a), store.load(v0.instanceId()), "the winner stays");
    assertHistory(v0.instanceId(), List.of(v0, a));
    WorkflowInstance a2 = fired(a, "clear");
    assertOk(store.save(a2, 1), "a save expecting the stored version");
    assertHistory(v0.instanceId(), List.of(v0, a, a2));
  }

  /** A save whose instance is not exactly one version after the expected one is rejected and changes nothing. */
  @Test
  public void save_versionNotExpectedPlusOne_isRejected() {
    WorkflowInstance v0 = started(id("jump"));
    assertOk(store.create(v0), "create");
    WorkflowInstance v1 = fired(v0, "submit");
    WorkflowInstance v2 = fired(v1, "clear");
    assertFalse(store.save(v2, 0).isOk(), "saving version 2 over version 0 skips a record");
    assertFalse(store.save(v0, 0).isOk(), "saving version 0 over version 0 adds nothing");
    assertEquals(Optional.of(v0), store.load(v0.instanceId()));
    assertHistory(v0.instanceId(), List.of(v0));
  }

  /** Save of an id that was never created fails and does not create it. */
  @Test
  public void save_unknownId_failsAndCreatesNothing() {
    WorkflowInstance v0 = started(id("ghost"));
    WorkflowInstance v1 = fired(v0, "submit");
    Result<WorkflowInstance> r = store.save(v1, 0);
    assertFalse(r.isOk(), "saving an instance that was never created must fail");
    assertFalse(r.diagnostics().isEmpty(), "the failure carries a coded diagnostic");
    assertEquals(Optional.empty(), store.load(v0.instanceId()));
    assertEquals(List.of(), store.history(v0.instanceId()));
  }

  /** Instances are independent: saving one changes neither another's snapshot nor its history. */
  @Test
  public void instancesAreIndependent() {
    WorkflowInstance a = started(id("a"));
    WorkflowInstance b = started(id("b"));
    assertOk(store.create(a), "create a");
    assertOk(store.create(b), "create b");
    WorkflowInstance a1 = fired(a, "submit");
    assertOk(store.save(a1, 0), "save a");
    assertEquals(Optional.of(b), store.load(b.instanceId()));
    assertHistory(b.instanceId(), List.of(b));
    assertHistory(a.instanceId(), List.of(a, a1));
  }

  // ---- concurrency

  /**
   * {@value #THREADS} threads save different successors of the same version with the same
   * expected version, {@value #ROUNDS} rounds: each round exactly one wins, the others get
   * {@code E_WF_CONCURRENT_MODIFICATION}, the store holds the winner, and the history has one
   * record per version, no gap, no duplicate, each the winner's.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void concurrentSaves_sameExpectedVersion_exactlyOneWins() throws Exception {
    WorkflowInstance base = started(id("race"));
    assertOk(store.create(base), "create");
    List<WorkflowInstance> versions = new ArrayList<>(List.of(base));
    for (int round = 0; round < ROUNDS; round++) {
      WorkflowInstance current = base;
      List<Callable<Result<WorkflowInstance>>> tasks = new ArrayList<>();
      List<WorkflowInstance> candidates = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        WorkflowInstance candidate = Kit.next(fire(current, "note", "r" + round + "-t" + t), current);
        candidates.add(candidate);
        tasks.add(() -> store.save(candidate, current.version()));
      }
      List<Result<WorkflowInstance>> results = Kit.concurrently(tasks);
      int winner = -1;
      for (int t = 0; t < THREADS; t++) {
        Result<WorkflowInstance> r = results.get(t);
        if (r.isOk()) {
          assertEquals(-1, winner, "round " + round + ": two saves with expected version " + current.version() + " won");
          winner = t;
        } else {
          assertConflict(r, "round " + round + ", losing thread " + t);
        }
      }
      assertTrue(winner >= 0, "round " + round + ": no save won");
      base = candidates.get(winner);
      versions.add(base);
      assertEquals(Optional.of(base), store.load(base.instanceId()), "round " + round + ": the store holds the winner");
    }
    assertHistory(base.instanceId(), versions);
  }

  /**
   * {@value #THREADS} threads each fire {@value #FIRES_PER_THREAD} events with distinct event ids
   * on one instance through load → fire → save, reloading on conflict: the history has every
   * event exactly once, versions 0..n with no gap, and it replays to the stored instance.
   *
   * @throws Exception when the operation fails
   */
  @Test
  public void concurrentFires_throughTheStore_loseAndDuplicateNothing() throws Exception {
    WorkflowInstance base = started(id("fires"));
    assertOk(store.create(base), "create");
    String iid = base.instanceId();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(() -> {
        int conflicts = 0;
        for (int n = 0; n < FIRES_PER_THREAD; n++) {
          String eventId = "t" + thread + "-n" + n;
          for (int attempt = 0; ; attempt++) {
            if (attempt > THREADS * FIRES_PER_THREAD * 4) {
              throw new AssertionError("event " + eventId + " never saved after " + attempt + " attempts");
            }
            WorkflowInstance current = store.load(iid).orElseThrow();
            TransitionResult r = fire(current, "note", eventId);
            if (r.replayed()) {
              throw new AssertionError("event " + eventId + " was already recorded: a save was duplicated");
            }
            Result<WorkflowInstance> saved = store.save(r.instance(), current.version());
            if (saved.isOk()) {
              break;
            }
            assertConflict(saved, "save of " + eventId);
            conflicts++;
          }
        }
        return conflicts;
      });
    }
    Kit.concurrently(tasks);
    List<TransitionRecord> h = store.history(iid);
    int n = THREADS * FIRES_PER_THREAD;
    assertEquals(n + 1, h.size(), "one record per fired event plus the start record");
    Set<String> seen = new HashSet<>();
    for (int v = 0; v < h.size(); v++) {
      assertEquals(v, h.get(v).version(), "history version at position " + v);
      if (v > 0) {
        String e = h.get(v).eventId().orElseThrow();
        assertTrue(seen.add(e), "event " + e + " recorded twice");
        assertTrue(h.get(v).allowed(), "record " + v + " " + h.get(v).errors());
      }
    }
    assertEquals(n, seen.size());
    WorkflowInstance stored = store.load(iid).orElseThrow();
    assertEquals(n, stored.version());
    assertEquals(stored, engine.replay(artifact, "kit_store", iid, h).orElseThrow(), "the history replays to the store");
  }
}
