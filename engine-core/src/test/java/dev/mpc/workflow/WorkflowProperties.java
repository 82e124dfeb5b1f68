package dev.mpc.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random valid statecharts (nesting, parallel regions, history, finals, guards, timed, internal
 * and root transitions) under random event sequences: the engine never throws, every
 * configuration is a legal one of declared states, a not-allowed fire changes nothing, and
 * replaying the history rebuilds the instance; concurrent fires through the store never lose or
 * duplicate a transition.
 */
public class WorkflowProperties {
  private static final Actor ACTOR = Actor.user("u", "r0");

  /** A random workflow definition (JSON text) drawn from {@code seed}. */
  public static String randomWorkflow(Random r) {
    int n = 2 + r.nextInt(9);
    int[] parent = new int[n];
    boolean[] composite = new boolean[n];
    parent[0] = -1;
    for (int i = 1; i < n; i++) {
      parent[i] = r.nextBoolean() ? -1 : r.nextInt(i);
      if (parent[i] >= 0) {
        composite[parent[i]] = true;
      }
    }
    StringBuilder sb = new StringBuilder("{\"initial\":\"s").append(r.nextInt(n)).append("\",\"states\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i).append('"');
      if (parent[i] >= 0) {
        sb.append(",\"parent\":\"s").append(parent[i]).append('"');
      }
      if (composite[i]) {
        if (r.nextInt(3) == 0) {
          sb.append(",\"parallel\":true");
        }
        String[] modes = {"none", "shallow", "deep"};
        sb.append(",\"history\":\"").append(modes[r.nextInt(3)]).append('"');
      } else if (r.nextInt(8) == 0) {
        sb.append(",\"final\":true");
      }
      if (r.nextInt(3) == 0) {
        sb.append(",\"on_enter\":[\"in").append(i).append("\"],\"on_leave\":[\"out").append(i).append("\"]");
      }
      sb.append('}');
    }
    sb.append("],\"transitions\":[");
    int m = r.nextInt(14);
    for (int k = 0; k < m; k++) {
      int from = r.nextInt(n);
      boolean root = r.nextInt(20) == 0;
      boolean timed = !root && r.nextInt(6) == 0;
      boolean internal = !timed && r.nextInt(10) == 0;
      sb.append(k == 0 ? "" : ",").append("{\"from\":\"").append(root ? "*" : "s" + from).append('"');
      sb.append(",\"on\":\"e").append(r.nextInt(4)).append('"');
      if (internal && !root) {
        sb.append(",\"rule_type\":\"internal\"");
      } else {
        sb.append(",\"to\":\"s").append(r.nextInt(n)).append('"');
      }
      if (r.nextInt(3) == 0) {
        sb.append(",\"guard\":{\"ref\":\"g").append(r.nextInt(3)).append("\"}");
      }
      if (r.nextInt(6) == 0) {
        sb.append(",\"roles\":[\"r").append(r.nextInt(2)).append("\"]");
      }
      if (timed) {
        sb.append(",\"timeout_ms\":").append(r.nextInt(100));
      }
      if (r.nextBoolean()) {
        sb.append(",\"actions\":[\"t").append(k).append('"');
        if (r.nextInt(3) == 0) { // a kind that needs an idempotency key: <instance>:<version>:<n>
          sb.append(",{\"kind\":\"notify\",\"params\":{\"template\":\"n").append(k).append("\"}}");
        }
        sb.append(']');
      }
      sb.append('}');
    }
    return sb.append("],\"ignored_triggers\":[\"e3\"]}").toString();
  }

  /** Whether {@code cfg} is a legal configuration of {@code m}. */
  static void assertLegal(WorkflowModel m, List<String> cfg) {
    Set<String> active = new HashSet<>(cfg);
    assertEquals(cfg.size(), active.size(), "no state twice: " + cfg);
    int top = 0;
    for (StateView s : m.states()) {
      boolean on = active.contains(s.name());
      if (on && s.parent().isEmpty()) {
        top++;
      }
      if (!on) {
        continue;
      }
      s.parent().ifPresent(p -> assertTrue(active.contains(p), s.name() + " active without its parent: " + cfg));
      long kids = s.children().stream().filter(active::contains).count();
      switch (s.kind()) {
        case COMPOUND -> assertEquals(1, kids, s.name() + " must have one active child: " + cfg);
        case PARALLEL -> assertEquals(s.children().size(), kids, s.name() + " must have every region: " + cfg);
        default -> assertEquals(0, kids);
      }
    }
    for (String s : cfg) {
      assertTrue(m.state(s).isPresent(), "undeclared state " + s);
    }
    assertEquals(1, top, "exactly one active top-level state: " + cfg);
  }

  @Property(tries = 300)
  void randomEvents_onRandomWorkflows_stayLegal_andReplay(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int steps) {
    Random r = new Random(seed);
    String def = randomWorkflow(r);
    Artifact a = Wf.artifact(def);
    Wf.MutableClock clock = new Wf.MutableClock();
    WorkflowEngine engine = WorkflowEngine.builder().clock(clock).idempotencyWindow(1 + r.nextInt(4)).build()
        .orElseThrow();
    Result<WorkflowModel> model = engine.model(a, "w");
    assertTrue(model.isOk(), () -> def + " " + model.diagnostics());
    WorkflowModel m = model.orElseThrow();
    WorkflowInstance i = engine.start(a, "w", "i").orElseThrow();
    assertLegal(m, i.configuration());
    List<TransitionRecord> history = new ArrayList<>(List.of(i.lastRecord()));
    for (int s = 0; s < steps; s++) {
      TransitionResult res;
      int kind = r.nextInt(10);
      if (kind == 0) {
        clock.advanceMs(r.nextInt(120));
        var due = engine.fireDue(a, i, clock.instant());
        if (due.isEmpty()) {
          continue;
        }
        res = due.get();
      } else {
        JsonObject ctx = JsonObject.builder().put("g0", r.nextBoolean()).put("g1", r.nextBoolean())
            .put("g2", r.nextBoolean()).build();
        FireOptions o = r.nextInt(4) == 0 ? FireOptions.eventId("id" + r.nextInt(6)) : FireOptions.defaults();
        Actor actor = r.nextBoolean() ? ACTOR : Actor.user("v", "r1");
        res = engine.fire(a, i, "e" + r.nextInt(5), actor, ctx, o);
      }
      if (res.replayed()) {
        assertEquals(i, res.instance());
        continue;
      }
      if (!res.allowed()) {
        assertEquals(i.configuration(), res.instance().configuration(), "not allowed changes nothing");
        assertTrue(res.intents().isEmpty());
        assertTrue(!res.errors().isEmpty());
      } else {
        assertTrue(res.errors().isEmpty());
      }
      assertTrue(res.errors().stream().noneMatch(d -> d.code() == Code.E_INTERNAL), () -> def + " " + res.errors());
      assertEquals(i.version() + 1, res.instance().version());
      i = res.instance();
      assertLegal(m, i.configuration());
      for (WorkflowTimer t : i.timers()) {
        assertTrue(i.isActive(t.state()), "a timer of an inactive state: " + t);
      }
      history.add(i.lastRecord());
      WorkflowInstance stored = i;
      Result<WorkflowInstance> reread = WorkflowJson.readInstance(dev.mpc.json.Json.write(WorkflowJson.toJson(stored)));
      assertEquals(stored, reread.orElseThrow(), "the JSON form reads back equal");
    }
    WorkflowInstance last = i;
    Result<WorkflowInstance> replayed = engine.replay(a, "w", "i", history);
    assertTrue(replayed.isOk(), () -> def + " " + replayed.diagnostics());
    assertEquals(last, replayed.orElseThrow(), def);
  }

  @Property(tries = 25)
  void concurrentFires_sameExpectedVersion_oneWins_historyHasNoGapOrDuplicate(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Artifact a = Wf.artifact(randomWorkflow(r));
    WorkflowEngine engine = WorkflowEngine.builder().clock(new Wf.MutableClock()).build().orElseThrow();
    InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    WorkflowInstance i = engine.start(a, "w", "i").orElseThrow();
    assertTrue(store.create(i).isOk());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> saves = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String event = "e" + r.nextInt(4);
        String id = "t" + t;
        saves.add(pool.submit(() -> {
          go.await();
          TransitionResult res = engine.fire(a, i, event, ACTOR, JsonObject.EMPTY, FireOptions.eventId(id));
          Result<WorkflowInstance> saved = store.save(res.instance(), i.version());
          if (!saved.isOk()) {
            assertEquals(Code.E_WF_CONCURRENT_MODIFICATION, saved.diagnostics().get(0).code());
          }
          return saved.isOk();
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : saves) {
        won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, won);
    } finally {
      pool.shutdownNow();
    }
    List<TransitionRecord> history = store.history("i");
    assertEquals(List.of(0L, 1L), history.stream().map(TransitionRecord::version).toList());
    assertEquals(store.load("i").orElseThrow(), engine.replay(a, "w", "i", history).orElseThrow());
  }
}
