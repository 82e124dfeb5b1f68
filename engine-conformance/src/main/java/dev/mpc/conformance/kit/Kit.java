package dev.mpc.conformance.kit;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.meta.DomainMeta;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** What the contract kits share: the kit's workflows compiled from DSL text, a fixed clock, bounded thread runs. */
final class Kit {
  private Kit() {}

  /** The instant the kits' engines read as now. */
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The kits' clock: fixed, so the same test gives the same records. */
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** How long a kit waits for its threads before it fails (a correct adapter needs milliseconds). */
  static final long THREAD_TIMEOUT_SECONDS = 60;

  private static final DomainMeta META = DomainMeta.builder().kind("Workflow").build();

  /** The artifact of one DSL manifest of Workflow definitions; a manifest that does not compile is a kit bug. */
  static Artifact artifact(String dsl) {
    Result<Artifact> a = Manifests.parseText("@schema 1\n@namespace \"mpc.kit\"\n" + dsl, Syntax.DSL)
        .flatMap(RegistryCompiler.builder().meta(META).build()::compile);
    if (!a.isOk()) {
      throw new IllegalStateException("kit manifest does not compile: " + a.diagnostics());
    }
    return a.orElseThrow();
  }

  /** The codes of {@code diagnostics}, in order. */
  static List<Code> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::code).toList();
  }

  /** A human-readable one-liner of a fire, for assertion messages. */
  static String describe(TransitionResult r) {
    return (r.allowed() ? "allowed " : "not allowed ") + r.from() + " -> " + r.to() + " errors " + r.errors()
        + " reasons " + r.reasons().stream().map(x -> x.code().code()).toList();
  }

  /** The instance after a result, checked to be one version on. */
  static WorkflowInstance next(TransitionResult r, WorkflowInstance before) {
    if (r.instance().version() != before.version() + 1) {
      throw new IllegalStateException("the engine did not advance the version: " + describe(r));
    }
    return r.instance();
  }

  /** A monotonic nanosecond source that moves only when a kit moves it (port budgets without sleeping). */
  static final class Nanos {
    private final AtomicLong now = new AtomicLong();

    long get() {
      return now.get();
    }

    void advanceMillis(long ms) {
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
  }

  /**
   * Runs {@code tasks} on one thread each, all released at once, and returns their results in
   * task order; a task that throws fails the run, and a run that does not finish within
   * {@link #THREAD_TIMEOUT_SECONDS} fails (the threads are interrupted and the pool shut down).
   */
  static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(tasks.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.call();
        }));
      }
      if (!ready.await(THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new TimeoutException("the kit's threads did not start within " + THREAD_TIMEOUT_SECONDS + " s");
      }
      go.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(THREAD_TIMEOUT_SECONDS);
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Error err) {
            throw err; // an assertion failed on a kit thread: report it as it is
          }
          throw e;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
