package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.Preset;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowModel;
import dev.mpc.workflow.WorkflowTimer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mpc workflow run ARTIFACT WORKFLOW_ID --events e1,e2,... [--actor A.json]
 * [--context C.json] [--guards NAME=true|false,...] [--auth allow|deny] [--trace none|decision|full]
 * [--now INSTANT] [--instance ID] [--preset P] [--exit-code]}: starts an instance of the workflow
 * of a compiled artifact and fires each event in turn (event ids {@code evt-1}, {@code evt-2}, ...)
 * by the actor of {@code A.json} (read strictly, as {@code mpc eval --actor} does; default a user
 * {@code cli} without roles) with the context of {@code C.json}, printing each step: allowed or
 * denied, from → to configuration, reasons, errors, intents, pending timers and, with
 * {@code --trace}, the trace events.
 *
 * <p>The host's ports are simulated: named guards answer as {@code --guards} says (a guard without
 * an answer fails the fire closed, {@code E_WF_PORT_FAILED}, as a broken port would), and
 * {@code auth: true} transitions are authorized only with {@code --auth allow} (default deny). The
 * clock is fixed at {@code --now} (default the current time), so a run with {@code --now} is
 * reproducible byte for byte.
 *
 * <p>Exit codes: 0 when the run ran, whatever was denied (the steps are the output); with
 * {@code --exit-code}, 1 when any step was denied. 1 with {@code {"errors":[...]}} when the
 * artifact, workflow, actor, context or preset is invalid; 2 usage error or an unreadable file.
 */
final class WorkflowRunCommand implements Command {
  private static final Set<String> OPTIONS = Set.of("--events", "--actor", "--context", "--guards", "--auth", "--trace",
      "--now", "--instance", "--preset");
  private static final Set<String> FLAGS = Set.of("--exit-code");
  /** The actor when no {@code --actor} is given. */
  static final Actor DEFAULT_ACTOR = Actor.user("cli");

  @Override
  public String name() {
    return "workflow run";
  }

  @Override
  public String usage() {
    return "mpc workflow run ARTIFACT WORKFLOW_ID --events e1,e2,... [--actor A.json] [--context C.json]"
        + " [--guards NAME=true|false,...] [--auth allow|deny] [--trace none|decision|full] [--now INSTANT]"
        + " [--instance ID] [--preset P] [--exit-code]";
  }

  @Override
  public String summary() {
    return "simulate a workflow run: start an instance, fire events, print each step's reasons and intents";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, OPTIONS, FLAGS, 2, 2);
    List<String> events = events(o.value("--events"));
    TraceLevel level = EvalCommand.traceLevel(o.value("--trace"), false);
    boolean authorize = auth(o.value("--auth"));
    Clock clock = Clock.fixed(now(o.value("--now")), ZoneOffset.UTC);
    String instanceId = o.value("--instance") == null ? "cli-1" : o.value("--instance");
    if (instanceId.isBlank()) {
      throw new UsageException("--instance must not be blank");
    }
    Map<String, Boolean> answers = guards(o.value("--guards"));
    int[] exit = {0};
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    Result<Artifact> artifact = InputFiles.text(o.positional().get(0), io).flatMap(Artifact::fromJson);
    if (!(artifact instanceof Result.Ok<Artifact> a)) {
      return EvalCommand.fail(io, artifact.diagnostics());
    }
    Actor actor = DEFAULT_ACTOR;
    if (o.value("--actor") != null) {
      Result<Actor> r = actor(o.value("--actor"), io);
      if (!(r instanceof Result.Ok<Actor> ok)) {
        return EvalCommand.fail(io, r.diagnostics());
      }
      actor = ok.get();
    }
    JsonObject context = JsonObject.EMPTY;
    if (o.value("--context") != null) {
      Result<JsonObject> r = EvalCommand.object(o.value("--context"), io, "a context");
      if (!(r instanceof Result.Ok<JsonObject> ok)) {
        return EvalCommand.fail(io, r.diagnostics());
      }
      context = ok.get();
    }
    Set<String> named = WorkflowGraphCommand.namedGuards(a.get());
    for (String g : answers.keySet()) {
      if (!named.contains(g)) {
        throw new UsageException("--guards names '" + g + "', which no workflow of the artifact names (they name: "
            + named + ")");
      }
    }
    GuardPort guards = GuardPort.of(named.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> c -> {
      Boolean answer = answers.get(n);
      if (answer == null) {
        throw new IllegalStateException("guard '" + n + "' has no answer: give it with --guards " + n + "=true|false");
      }
      return answer;
    })));
    WorkflowEngine engine = WorkflowGraphCommand.engine(a.get(), preset, guards, authorize, clock);
    String workflowId = o.positional().get(1);
    Result<WorkflowModel> model = engine.model(a.get(), workflowId);
    if (!model.isOk()) {
      return EvalCommand.fail(io, model.diagnostics());
    }
    Result<WorkflowInstance> started = engine.start(a.get(), workflowId, instanceId);
    if (!(started instanceof Result.Ok<WorkflowInstance> s)) {
      return EvalCommand.fail(io, started.diagnostics());
    }
    PrintStream out = io.out();
    WorkflowInstance instance = s.get();
    out.println("workflow " + workflowId + " on artifact " + a.get().hash());
    out.println("instance " + instanceId + ", actor " + actor.id() + " " + actor.roles() + ", at " + clock.instant());
    out.println("start: " + instance.configuration());
    printIntents(instance.lastRecord().intents(), "  ", out);
    printTimers(instance, "  ", out);
    boolean denied = false;
    for (int n = 0; n < events.size(); n++) {
      FireOptions options = FireOptions.eventId("evt-" + (n + 1)).withTrace(level);
      TransitionResult r = engine.fire(a.get(), instance, events.get(n), actor, context, options);
      printStep(n + 1, events.get(n), r, out);
      denied |= !r.allowed();
      instance = r.instance();
    }
    out.println("end: " + instance.configuration() + " (version " + instance.version() + ")");
    return o.flag("--exit-code") && denied ? 1 : 0;
  }

  /** Prints one fire: the headline, reasons, errors, intents, timers and trace. */
  static void printStep(int n, String event, TransitionResult r, PrintStream out) {
    String outcome = r.allowed() ? "ALLOWED" : "DENIED";
    String move = r.to().equals(r.from()) ? r.from() + " (unchanged)" : r.from() + " -> " + r.to();
    out.println(n + ". " + event + ": " + outcome + "  " + move);
    for (Reason x : r.reasons()) {
      out.println("   reason " + x.code().code() + x.summary().map(m -> ": " + m).orElse(""));
    }
    for (Diagnostic d : r.errors()) {
      out.println("   error  " + d.code().code() + ": " + d.message());
    }
    printIntents(r.intents(), "   ", out);
    printTimers(r.instance(), "   ", out);
    r.trace().ifPresent(t -> {
      for (TraceEvent e : t.events()) {
        out.println("   trace  " + Canonical.json(ContractJson.toJson(e)));
      }
    });
  }

  private static void printIntents(List<Intent> intents, String indent, PrintStream out) {
    for (Intent i : intents) {
      out.println(indent + "intent " + i.kind().wireName() + i.target().map(t -> " " + t).orElse("")
          + (i.params().members().isEmpty() ? "" : " " + Canonical.json(i.params()))
          + i.idempotencyKey().map(k -> " key " + k).orElse(""));
    }
  }

  private static void printTimers(WorkflowInstance instance, String indent, PrintStream out) {
    for (WorkflowTimer t : instance.timers()) {
      out.println(indent + "timer  " + t.event() + " (" + t.transition() + ", from " + t.state() + ") due " + t.dueAt());
    }
  }

  private static List<String> events(String value) throws UsageException {
    if (value == null) {
      throw new UsageException("--events e1,e2,... is required");
    }
    List<String> out = new ArrayList<>();
    for (String e : value.split(",", -1)) {
      if (e.isBlank()) {
        throw new UsageException("--events has an empty event name: '" + value + "'");
      }
      out.add(e.strip());
    }
    return out;
  }

  private static boolean auth(String value) throws UsageException {
    if (value == null || value.equals("deny")) {
      return false;
    }
    if (value.equals("allow")) {
      return true;
    }
    throw new UsageException("--auth must be allow or deny, got '" + value + "'");
  }

  private static Instant now(String value) throws UsageException {
    if (value == null) {
      return Clock.systemUTC().instant();
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("--now must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + value + "'");
    }
  }

  private static Map<String, Boolean> guards(String value) throws UsageException {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).strip();
      String answer = eq < 0 ? "" : pair.substring(eq + 1).strip();
      if (name.isEmpty() || !(answer.equals("true") || answer.equals("false"))) {
        throw new UsageException("--guards takes NAME=true|false pairs separated by commas, got '" + pair + "'");
      }
      if (out.put(name, Boolean.parseBoolean(answer)) != null) {
        throw new UsageException("--guards gives guard '" + name + "' twice");
      }
    }
    return out;
  }

  /**
   * The actor in {@code file}, read strictly as the actor of an event envelope (an unknown or
   * mistyped member is a coded error at {@code FILE:$.path}).
   */
  static Result<Actor> actor(String file, CliIo io) throws UsageException {
    Result<JsonObject> json = EvalCommand.object(file, io, "an actor");
    if (!(json instanceof Result.Ok<JsonObject> ok)) {
      return Result.failed(json.diagnostics());
    }
    JsonObject envelope = EvalCommand.with(JsonObject.builder().put("id", "cli").put("name", "workflow.fire")
        .put("kind", "custom").put("timestamp", "2026-01-01T00:00:00Z").put("object", JsonObject.builder()
            .put("type", "workflow").put("id", "cli").build()).build(), "actor", ok.get());
    Result<EventEnvelope> e = ContractJson.readEvent(envelope, ContractJson.Strictness.STRICT);
    if (!(e instanceof Result.Ok<EventEnvelope> ev)) {
      return Result.failed(e.diagnostics().stream().map(d -> d.withPath(EvalCommand.where(d, "(envelope)", file)))
          .toList());
    }
    return Result.ok(ev.get().actor());
  }
}
