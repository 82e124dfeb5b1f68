package dev.mpc.cli;

import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.Permissions;
import dev.mpc.engine.TraceLevel;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.meta.DomainMeta;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.InMemoryWorkflowStore;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code mpc demo}: walks the pipeline this build implements on the example manifest shipped in the
 * jar (the worked example of the pipeline spec): parse, convert, validate, compile, evaluate an
 * expression; then it compiles a second example (policies, ACL rules, roles) and evaluates example
 * events with {@link MpcEngine}: allow and deny with their reasons and intents, permissions, and one
 * explain; then it runs a workflow (order-approval.mpc) through the in-memory store: allowed and
 * denied steps with reasons and intents, history, an idempotent refire and a replay. Every Decision it shows comes from a real evaluation. It grows with the engine.
 */
final class DemoCommand implements Command {
  /** The example events evaluated in step 5, in order (resources {@code demo/events/}). */
  static final List<String> EVENTS = List.of("editor-update.json", "viewer-read.json", "viewer-update.json",
      "owner-update.json", "suspended-admin-delete.json");
  /** The event step 5 explains. */
  static final String EXPLAINED = "viewer-update.json";

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return "mpc demo";
  }

  @Override
  public String summary() {
    return "show what this build can do: compile, evaluate real events, explain a decision";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("takes no arguments");
    }
    PrintStream out = io.out();
    String manifestText = resource("order-rules.mpc");
    out.println("MPC for the JVM " + MpcVersion.build() + " - demo");
    out.println();
    out.println("1. Parse a manifest (DSL; YAML and JSON work the same) into the canonical AST:");
    ManifestAst ast = Manifests.parseText(manifestText).orElseThrow();
    out.println("   " + ast.defs().size() + " definitions, astHash " + ast.astHash());
    String yaml = Manifests.format(ast, Syntax.YAML);
    ManifestAst again = Manifests.parseText(yaml).orElseThrow();
    out.println("   as YAML (" + yaml.lines().count() + " lines) it has the same hash: " + again.astHash().equals(ast.astHash()));
    out.println();

    out.println("2. Validate it against the host's DomainMeta:");
    DomainMeta meta = DomainMetaLoader.fromText(resource("order-meta.yaml"), "order-meta.yaml").orElseThrow();
    List<Diagnostic> none = Validator.builder().meta(meta).build().validate(ast);
    out.println("   " + meta.kinds().size() + " kinds declared; problems: " + none.size());
    ManifestAst broken = Manifests.parseText(manifestText.replace("effect: \"allow\"", "effect: 1")
        .replace("def Entity", "def Gadget"), Syntax.DSL).orElseThrow();
    for (Diagnostic d : Validator.builder().meta(meta).build().validate(broken)) {
      out.println("   a broken copy: " + d);
    }
    out.println();

    out.println("3. Compile it into an immutable, hash-identified artifact:");
    Artifact artifact = RegistryCompiler.builder().meta(meta).build().compile(ast).orElseThrow();
    out.println("   artifactHash " + artifact.hash());
    out.println("   (engine version " + artifact.provenance().engineVersion()
        + ", the artifact-compatibility version: the same hash upstream MPC and ./mpc compile give)");
    out.println("   it reloads and verifies: " + Artifact.fromJson(artifact.toCanonicalJson()).isOk());
    out.println();

    out.println("4. Evaluate an expression, typed and budgeted:");
    String expr = "len(actor.id) > 3 and actor.role in ['editor', 'admin']";
    Bindings vars = Bindings.of((dev.mpc.json.JsonObject) Json.parse("{\"actor\":{\"id\":\"u-1234\",\"role\":\"editor\"}}").orElseThrow());
    out.println("   " + expr + "  =>  "
        + Expressions.compile(expr, TypeEnv.empty(), Limits.defaults()).orElseThrow().evaluate(vars).orElseThrow());
    out.println();

    out.println("5. Evaluate events: compile once, evaluate per request (a second example, order-access.mpc:");
    out.println("   roles viewer < editor < admin, two policies with audit intents, four ACL rules, one with masks):");
    DomainMeta accessMeta = DomainMetaLoader.fromText(resource("order-access-meta.yaml"), "order-access-meta.yaml")
        .orElseThrow();
    Artifact access = Manifests.parseText(resource("order-access.mpc"))
        .flatMap(RegistryCompiler.builder().meta(accessMeta).build()::compile).orElseThrow();
    MpcEngine engine = MpcEngine.builder().build().orElseThrow();
    out.println("   artifactHash " + access.hash());
    EventEnvelope explained = null;
    for (String name : EVENTS) {
      EventEnvelope e = ContractJson.readEvent(resource("events/" + name), ContractJson.Strictness.STRICT).orElseThrow();
      Decision d = engine.evaluate(access, e);
      out.println("   " + name + ": " + e.actor().id() + " " + e.actor().roles() + " " + e.name() + " => "
          + (d.allow() ? "ALLOW" : "DENY") + "  " + d.reasons().stream().map(r -> r.code().code()).toList()
          + (d.intents().isEmpty() ? "" : "  intents " + d.intents().stream()
              .map(i -> i.kind().wireName() + ":" + i.target().orElse("")).toList()));
      if (name.equals(EXPLAINED)) {
        explained = e;
      }
    }
    EventEnvelope first = ContractJson.readEvent(resource("events/" + EVENTS.get(0)), ContractJson.Strictness.STRICT)
        .orElseThrow();
    out.println("   the Decision of " + EVENTS.get(0) + " as JSON (what ./mpc eval prints):");
    out.println("   " + Canonical.json(ContractJson.toJson(engine.evaluate(access, first))));
    Permissions viewer = engine.permissions(access, Actor.user("u-vi", "viewer"), "order");
    out.println("   permissions(viewer, order): " + viewer.allowed() + ", masks on read " + viewer.masks("read"));
    EventEnvelope suspended = ContractJson.readEvent(resource("events/suspended-admin-delete.json"),
        ContractJson.Strictness.STRICT).orElseThrow();
    String secret = ((dev.mpc.json.JsonString) suspended.context().getOrNull("sessionToken")).value();
    String full = Canonical.json(ContractJson.toJson(engine.evaluate(access, suspended, EvaluationOptions.of(TraceLevel.FULL))));
    out.println("   the session token in suspended-admin-delete.json appears in its FULL-trace Decision: "
        + full.contains(secret) + " (redaction is automatic)");
    out.println();
    out.println("   Why was " + EXPLAINED + " denied? (./mpc eval ... --explain)");
    Decision why = engine.evaluate(access, explained, EvaluationOptions.of(TraceLevel.FULL));
    ExplainText.render(why, explained, access).lines().forEach(l -> out.println("   | " + l));
    out.println();
    out.println("6. Run a workflow (order-approval.mpc: a compound state with history, a parent transition, a timer,");
    out.println("   roles and a named guard the host answers; ./mpc workflow run does the same from the command line):");
    workflow(out);
    out.println();

    out.println("7. Conformance: this build implements fixture categories "
        + String.join(", ", ConformanceRunner.builder().build().categories()) + ".");
    out.println("   Try: ./mpc conformance run engine-conformance/src/test/resources/fixtures");
    out.println();
    out.println("8. Test the rules: order-access.mpctest.yaml's cases, with coverage (./mpc test examples --coverage):");
    testSuite(out);
    out.println();
    out.println("Commands available: run ./mpc help.");
    return 0;
  }

  /** The workflow steps of step 6: event and actor, in order. */
  static final List<List<String>> WORKFLOW_STEPS = List.of(List.of("submit", "u-clerk"), List.of("assign", "u-clerk"),
      List.of("assign", "u-boss"), List.of("hold", "u-boss"), List.of("resume", "u-boss"), List.of("approve", "u-boss"));

  /** Step 6: load → fire → save through the in-memory store, an idempotent refire, and a replay of the history. */
  private static void workflow(PrintStream out) {
    Artifact artifact = Manifests.parseText(resource("order-approval.mpc"))
        .flatMap(RegistryCompiler.builder().meta(DomainMeta.builder().kind("Workflow").build()).build()::compile)
        .orElseThrow();
    WorkflowEngine engine = WorkflowEngine.builder().clock(Clock.fixed(Instant.parse("2026-01-01T09:00:00Z"),
        ZoneOffset.UTC)).guardPort(GuardPort.of(Map.of("budgetOk", c -> true))).check(artifact).build().orElseThrow();
    Map<String, Actor> actors = Map.of("u-clerk", Actor.user("u-clerk", "clerk"), "u-boss", Actor.user("u-boss", "manager"));
    WorkflowStore store = new InMemoryWorkflowStore();
    WorkflowInstance started = engine.start(artifact, "approval", "order-42").orElseThrow();
    store.create(started).orElseThrow();
    out.println("   start order-42: " + started.configuration());
    for (int n = 0; n < WORKFLOW_STEPS.size(); n++) {
      String event = WORKFLOW_STEPS.get(n).get(0);
      String actor = WORKFLOW_STEPS.get(n).get(1);
      WorkflowInstance current = store.load("order-42").orElseThrow();
      TransitionResult r = engine.fire(artifact, current, event, actors.get(actor), JsonObject.EMPTY,
          FireOptions.eventId("evt-" + (n + 1)));
      store.save(r.instance(), current.version()).orElseThrow();
      ByteArrayOutputStream step = new ByteArrayOutputStream();
      WorkflowRunCommand.printStep(n + 1, event + " by " + actor, r, new PrintStream(step, true, StandardCharsets.UTF_8));
      step.toString(StandardCharsets.UTF_8).lines().forEach(l -> out.println("   " + l));
    }
    WorkflowInstance done = store.load("order-42").orElseThrow();
    String lastId = "evt-" + WORKFLOW_STEPS.size();
    TransitionResult again = engine.fire(artifact, done, "approve", actors.get("u-boss"), JsonObject.EMPTY,
        FireOptions.eventId(lastId));
    out.println("   " + lastId + " fired again: a recorded no-op (replayed " + again.replayed() + ", version stays "
        + again.instance().version() + ")");
    List<TransitionRecord> history = store.history("order-42");
    out.println("   replaying the store's " + history.size() + " history records rebuilds the instance: "
        + engine.replay(artifact, "approval", "order-42", history).orElseThrow().equals(done));
  }

  /** Runs the shipped test file of order-access.mpc from a temporary copy and prints its report. */
  private static void testSuite(PrintStream out) {
    java.nio.file.Path dir = null;
    try {
      dir = java.nio.file.Files.createTempDirectory("mpc-demo");
      for (String f : List.of("order-access.mpc", "order-access-meta.yaml", "order-access.mpctest.yaml")) {
        java.nio.file.Files.writeString(dir.resolve(f), resource(f));
      }
      dev.mpc.conformance.manifest.ManifestTestRunner.SuiteResult r =
          new dev.mpc.conformance.manifest.ManifestTestRunner().run(dir.resolve("order-access.mpctest.yaml"));
      String prefix = dir.toString() + java.io.File.separator;
      dev.mpc.conformance.manifest.TestReports.text(List.of(r), true).lines()
          .map(l -> l.replace(prefix, ""))
          .forEach(l -> out.println("   " + l));
    } catch (IOException e) {
      out.println("   (skipped: no temporary folder: " + e.getMessage() + ")");
    } finally {
      if (dir != null) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
          for (java.nio.file.Path f : files.toList()) {
            java.nio.file.Files.deleteIfExists(f);
          }
          java.nio.file.Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
