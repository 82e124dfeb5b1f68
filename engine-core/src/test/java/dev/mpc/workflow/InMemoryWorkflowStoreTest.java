package dev.mpc.workflow;

import static dev.mpc.workflow.Wf.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory store's compare-and-set and history, alone and under 8 concurrent writers. */
class InMemoryWorkflowStoreTest {
  private static final Artifact LOOP = Wf.artifact("{'initial':'a','states':['a','b'],'transitions':["
      + "{'from':'a','on':'go','to':'b'},{'from':'b','on':'go','to':'a'}]}");
  private final WorkflowEngine engine = WorkflowEngine.builder().clock(new Wf.MutableClock()).build().orElseThrow();

  @Test
  void createSaveLoadHistory() {
    InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    WorkflowInstance i = engine.start(LOOP, "w", "i1").orElseThrow();
    assertTrue(store.create(i).isOk());
    assertEquals(Code.E_WF_CONCURRENT_MODIFICATION, store.create(i).diagnostics().get(0).code());
    TransitionResult r = engine.fire(LOOP, i, "go", ALICE, JsonObject.EMPTY);
    assertTrue(store.save(r.instance(), 0).isOk());
    assertEquals(r.instance(), store.load("i1").orElseThrow());
    Result<WorkflowInstance> stale = store.save(engine.fire(LOOP, i, "go", ALICE, JsonObject.EMPTY).instance(), 0);
    assertEquals(Code.E_WF_CONCURRENT_MODIFICATION, stale.diagnostics().get(0).code());
    assertEquals(r.instance(), store.load("i1").orElseThrow(), "nothing overwritten");
    assertEquals(List.of(0L, 1L), store.history("i1").stream().map(TransitionRecord::version).toList());
    assertEquals(Code.E_PARSE_INVALID_TOKEN, store.save(r.instance(), 5).diagnostics().get(0).code());
    assertEquals(Code.E_VALID_UNRESOLVED_REF, store.save(engine.fire(LOOP, engine.start(LOOP, "w", "zz")
        .orElseThrow(), "go", ALICE, JsonObject.EMPTY).instance(), 0).diagnostics().get(0).code());
    assertTrue(store.history("nope").isEmpty());
    assertFalse(store.load("nope").isPresent());
  }

  @Test
  void eightThreadsSameExpectedVersion_exactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      InMemoryWorkflowStore store = new InMemoryWorkflowStore();
      WorkflowInstance i = engine.start(LOOP, "w", "i").orElseThrow();
      store.create(i);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Result<WorkflowInstance>>> saves = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String eventId = "e" + t;
        saves.add(pool.submit(() -> {
          WorkflowInstance loaded = i; // every writer read version 0
          go.await();
          TransitionResult r = engine.fire(LOOP, loaded, "go", ALICE, JsonObject.EMPTY, FireOptions.eventId(eventId));
          return store.save(r.instance(), loaded.version());
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Result<WorkflowInstance>> f : saves) {
        Result<WorkflowInstance> r = f.get(10, TimeUnit.SECONDS);
        if (r.isOk()) {
          won++;
        } else {
          assertEquals(Code.E_WF_CONCURRENT_MODIFICATION, r.diagnostics().get(0).code());
        }
      }
      pool.shutdown();
      assertEquals(1, won);
      assertEquals(List.of(0L, 1L), store.history("i").stream().map(TransitionRecord::version).toList());
    }
  }

  @Test
  void eightThreadsRetrying_neverLoseNorDuplicateATransition() throws Exception {
    InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    store.create(engine.start(LOOP, "w", "i").orElseThrow());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        int done = 0;
        for (int n = 0; n < 25; n++) {
          String eventId = thread + "-" + n;
          while (true) {
            WorkflowInstance loaded = store.load("i").orElseThrow();
            TransitionResult r = engine.fire(LOOP, loaded, "go", ALICE, JsonObject.EMPTY, FireOptions.eventId(eventId));
            if (r.replayed()) {
              break;
            }
            if (store.save(r.instance(), loaded.version()).isOk()) {
              done++;
              break;
            }
          }
        }
        return done;
      }));
    }
    int total = 0;
    for (Future<Integer> f : workers) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(200, total);
    List<TransitionRecord> history = store.history("i");
    assertEquals(201, history.size());
    for (int v = 0; v < history.size(); v++) {
      assertEquals(v, history.get(v).version(), "no gap, no duplicate");
    }
    assertEquals(200, history.stream().skip(1).map(r -> r.eventId().orElseThrow()).distinct().count());
    assertEquals(store.load("i").orElseThrow(), engine.replay(LOOP, "w", "i", history).orElseThrow());
  }
}
