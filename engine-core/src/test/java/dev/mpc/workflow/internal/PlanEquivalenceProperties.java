package dev.mpc.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.engine.TraceLevel;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.Wf;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A fire that replays a cached {@link Compiled.Plan} gives exactly what the general step gives:
 * the same result (record, reasons, intents in order, errors, next instance) and, at trace FULL,
 * the same trace, on random workflows (compound, parallel, history, timers, internal and root
 * transitions) under random events. Two runtimes see the same calls; one has plans switched off.
 */
class PlanEquivalenceProperties {
  private static final Actor ACTOR = Actor.user("u", "r0");

  private static Runtime runtime(boolean plans, Clock clock) {
    Runtime r = new Runtime(new Runtime.Config(Preset.standard("preset-generic-full"), FunctionRegistry.empty(),
        clock, () -> 0L, null, null, 250_000_000L, Redactor.standard(), 4, 8, () -> "i"));
    r.plans = plans;
    return r;
  }

  @Property(tries = 400)
  void planAndGeneralStep_giveTheSameResults(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
    Random r = new Random(seed);
    String def = WorkflowProperties.randomWorkflow(r);
    Artifact a = Wf.artifact(def);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Runtime planned = runtime(true, clock);
    Runtime general = runtime(false, clock);
    var started = planned.start(a, "w", "i", JsonObject.EMPTY, null);
    assertTrue(started.isOk(), () -> def + " " + started.diagnostics());
    WorkflowInstance p = started.orElseThrow();
    WorkflowInstance g = general.start(a, "w", "i", JsonObject.EMPTY, null).orElseThrow();
    assertEquals(g, p, def);
    Instant now = clock.instant();
    for (int s = 0; s < steps; s++) {
      TransitionResult rp;
      TransitionResult rg;
      if (r.nextInt(8) == 0) {
        now = now.plusMillis(r.nextInt(120));
        Optional<TransitionResult> dp = planned.fireDue(a, p, now, FireOptions.defaults());
        Optional<TransitionResult> dg = general.fireDue(a, g, now, FireOptions.defaults());
        assertEquals(dg, dp, def);
        if (dp.isEmpty()) {
          continue;
        }
        rp = dp.get();
        rg = dg.get();
      } else {
        JsonObject ctx = JsonObject.builder().put("g0", r.nextBoolean()).put("g1", r.nextBoolean())
            .put("g2", r.nextBoolean()).build();
        FireOptions o = r.nextInt(3) == 0 ? FireOptions.defaults().withTrace(TraceLevel.FULL) : FireOptions.defaults();
        Actor actor = r.nextBoolean() ? ACTOR : Actor.user("v", "r1");
        String event = "e" + r.nextInt(5);
        rp = planned.fire(a, p, event, actor, ctx, o);
        rg = general.fire(a, g, event, actor, ctx, o);
      }
      assertEquals(rg, rp, def);
      p = rp.instance();
      g = rg.instance();
    }
  }
}
