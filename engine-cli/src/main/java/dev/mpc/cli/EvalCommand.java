package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mpc eval ARTIFACT --event E.json [--actor A.json] [--explain] [--trace none|decision|full]
 * [--preset P] [--correlation-id ID] [--exit-code]}: loads and verifies a compiled artifact, reads
 * one event envelope (strictly: an unknown or mistyped member is a coded error naming its path),
 * optionally replaces its actor with the one in {@code A.json}, evaluates it with
 * {@link MpcEngine} under the preset (default {@code preset-generic-full}) and prints the Decision
 * as canonical JSON, or with {@code --explain} the full trace as text ({@link ExplainText}).
 *
 * <p>Exit codes: 0 when the evaluation ran, whether it allowed or denied (the decision is the
 * output); with {@code --exit-code}, 0 allow and 1 deny. 1 with {@code {"errors":[...]}} when the
 * artifact (e.g. tampered), the event, the actor or the preset is invalid; 2 usage error or an
 * unreadable file. Stateless.
 */
final class EvalCommand implements Command {
  private static final Set<String> OPTIONS = Set.of("--event", "--actor", "--trace", "--preset", "--correlation-id");
  private static final Set<String> FLAGS = Set.of("--explain", "--exit-code");

  @Override
  public String name() {
    return "eval";
  }

  @Override
  public String usage() {
    return "mpc eval ARTIFACT --event E.json [--actor A.json] [--explain] [--trace none|decision|full]"
        + " [--preset P] [--correlation-id ID] [--exit-code]";
  }

  @Override
  public String summary() {
    return "evaluate an event against a compiled artifact: the Decision JSON, or --explain for why";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, OPTIONS, FLAGS, 1, 1);
    if (o.value("--event") == null) {
      throw new UsageException("--event E.json is required");
    }
    boolean explain = o.flag("--explain");
    TraceLevel level = traceLevel(o.value("--trace"), explain);
    String correlationId = o.value("--correlation-id");
    if (correlationId != null && correlationId.isBlank()) {
      throw new UsageException("--correlation-id must not be blank");
    }
    int[] exit = {0};
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    String artifactFile = o.positional().get(0);
    Result<Artifact> artifact = InputFiles.text(artifactFile, io).flatMap(Artifact::fromJson);
    if (!(artifact instanceof Result.Ok<Artifact> a)) {
      return fail(io, artifact.diagnostics());
    }
    Result<JsonObject> eventJson = object(o.value("--event"), io, "an event envelope");
    if (!(eventJson instanceof Result.Ok<JsonObject> ej)) {
      return fail(io, eventJson.diagnostics());
    }
    JsonObject json = ej.get();
    if (o.value("--actor") != null) {
      Result<JsonObject> actor = object(o.value("--actor"), io, "an actor");
      if (!(actor instanceof Result.Ok<JsonObject> ac)) {
        return fail(io, actor.diagnostics());
      }
      json = with(json, "actor", ac.get());
    }
    Result<EventEnvelope> event = ContractJson.readEvent(json, ContractJson.Strictness.STRICT);
    if (!(event instanceof Result.Ok<EventEnvelope> ev)) {
      return fail(io, event.diagnostics().stream()
          .map(d -> d.withPath(where(d, o.value("--event"), o.value("--actor")))).toList());
    }
    Result<MpcEngine> engine = MpcEngine.builder().preset(preset).build();
    if (!(engine instanceof Result.Ok<MpcEngine> en)) {
      return fail(io, engine.diagnostics());
    }
    EvaluationOptions options = new EvaluationOptions(level, Optional.ofNullable(correlationId));
    Decision d = en.get().evaluate(a.get(), ev.get(), options);
    if (explain) {
      io.out().print(ExplainText.render(d, ev.get(), a.get()));
    } else {
      io.out().println(Canonical.json(ContractJson.toJson(d)));
    }
    return o.flag("--exit-code") && !d.allow() ? 1 : 0;
  }

  static TraceLevel traceLevel(String value, boolean explain) throws UsageException {
    if (value == null) {
      return explain ? TraceLevel.FULL : TraceLevel.NONE;
    }
    TraceLevel level;
    switch (value) {
      case "none" -> level = TraceLevel.NONE;
      case "decision" -> level = TraceLevel.DECISION;
      case "full" -> level = TraceLevel.FULL;
      default -> throw new UsageException("--trace must be none, decision or full, got '" + value + "'");
    }
    if (explain && level != TraceLevel.FULL) {
      throw new UsageException("--explain renders the full trace; it cannot be combined with --trace "
          + value.toLowerCase(Locale.ROOT));
    }
    return level;
  }

  /** The JSON object in {@code file}; text that is not JSON, or not an object, is a coded error. */
  static Result<JsonObject> object(String file, CliIo io, String what) throws UsageException {
    Result<JsonValue> v = InputFiles.text(file, io).flatMap(Json::parse);
    if (!(v instanceof Result.Ok<JsonValue> ok)) {
      return Result.failed(v.diagnostics().stream().map(d -> d.withPath(file)).toList());
    }
    if (!(ok.get() instanceof JsonObject obj)) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_SYNTAX, file + " must hold " + what + " (a JSON object), got "
          + ok.get().type().typeName()).withPath(file));
    }
    return Result.ok(obj);
  }

  /**
   * Where a problem of the event envelope is: {@code FILE:$.path}, in the actor file for a problem
   * under {@code $.actor} when {@code --actor} replaced it.
   */
  static String where(Diagnostic d, String eventFile, String actorFile) {
    String path = d.path().orElse("$");
    if (actorFile != null && (path.equals("$.actor") || path.startsWith("$.actor.") || path.startsWith("$.actor["))) {
      return actorFile + ":$" + path.substring("$.actor".length());
    }
    return eventFile + ":" + path;
  }

  static JsonObject with(JsonObject o, String key, JsonValue value) {
    JsonObject.Builder b = JsonObject.builder();
    o.members().forEach(b::put);
    b.put(key, value);
    return b.build();
  }

  static int fail(CliIo io, List<Diagnostic> diagnostics) {
    ManifestCli.printErrors(diagnostics, io);
    return 1;
  }
}
