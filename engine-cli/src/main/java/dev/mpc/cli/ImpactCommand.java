package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.ImpactAnalysis;
import dev.mpc.engine.MpcEngine;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mpc impact OLD NEW --events LOG.jsonl [--format text|json] [--preset P]}: replays every
 * event of a decision log (or a file of event envelopes, one per line) against two compiled
 * artifacts and reports each decision that changes, grouped by the rule that caused it, ending with
 * {@code N events, N changed: N newly denied, N newly allowed}. Exit 1 when anything is newly
 * allowed (a CI gate on activations) or a line is not an event; 0 otherwise; 2 for usage errors.
 */
final class ImpactCommand implements Command {
  @Override
  public String name() {
    return "impact";
  }

  @Override
  public String usage() {
    return "mpc impact OLD_ARTIFACT NEW_ARTIFACT --events LOG.jsonl [--format text|json] [--preset P]";
  }

  @Override
  public String summary() {
    return "Replay logged events against two artifacts and report every decision that would change";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--events", "--format", "--preset"), 2, 2);
    if (o.value("--events") == null) {
      throw new UsageException("--events LOG.jsonl is required");
    }
    String format = o.value("--format") == null ? "text" : o.value("--format");
    if (!Set.of("text", "json").contains(format)) {
      throw new UsageException("--format must be text or json, not '" + format + "'");
    }
    Result<Artifact> before = InputFiles.text(o.positional().get(0), io).flatMap(Artifact::fromJson);
    Result<Artifact> after = InputFiles.text(o.positional().get(1), io).flatMap(Artifact::fromJson);
    if (!before.isOk() || !after.isOk()) {
      List<Diagnostic> all = new ArrayList<>(before.diagnostics());
      all.addAll(after.diagnostics());
      return EvalCommand.fail(io, all);
    }
    int[] exit = {0};
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    // streamed: a decision log may be far larger than memory; only the changes are kept
    java.nio.file.Path logFile = io.resolve(o.value("--events"));
    if (!java.nio.file.Files.isReadable(logFile) || java.nio.file.Files.isDirectory(logFile)) {
      throw UsageException.unreadable(o.value("--events"), "not a readable file");
    }
    MpcEngine engine = MpcEngine.builder().preset(preset).build().orElseThrow();
    ImpactAnalysis analysis = ImpactAnalysis.of(engine, before.orElseThrow(), after.orElseThrow());
    List<ImpactAnalysis.Change> changes = new ArrayList<>();
    List<Diagnostic> bad = new ArrayList<>();
    int events = 0;
    int lineNo = 0;
    try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(logFile,
        java.nio.charset.StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null && bad.size() < 20; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Result<EventEnvelope> e = Json.parse(line).flatMap(v -> ContractJson.readEvent(
            v instanceof JsonObject obj && obj.getOrNull("event") instanceof JsonObject inner ? inner : v,
            ContractJson.Strictness.LENIENT));
        if (!e.isOk()) {
          bad.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, o.value("--events") + ":" + lineNo + ": not an event: "
              + e.diagnostics().get(0).message()));
          continue;
        }
        events++;
        analysis.compare(e.orElseThrow()).ifPresent(changes::add);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      bad.add(Diagnostic.of(Code.E_INPUT_UNREADABLE, o.value("--events") + ":" + lineNo + ": " + e.getMessage()));
    }
    if (!bad.isEmpty()) {
      return EvalCommand.fail(io, bad);
    }
    ImpactAnalysis.Report report = new ImpactAnalysis.Report(events, List.copyOf(changes));
    if (format.equals("json")) {
      io.out().println(Json.pretty(json(report)));
    } else {
      text(report, io);
    }
    return report.newlyAllowed() > 0 ? 1 : 0;
  }

  private static String describe(EventEnvelope e) {
    return e.id().map(id -> id + " ").orElse("") + e.name() + " on " + e.object().type() + "/" + e.object().id()
        + " by " + e.actor().id();
  }

  private static void text(ImpactAnalysis.Report report, CliIo io) {
    for (ImpactAnalysis.Kind kind : ImpactAnalysis.Kind.values()) {
      List<ImpactAnalysis.Change> of = report.changes().stream().filter(c -> c.kind() == kind).toList();
      if (of.isEmpty()) {
        continue;
      }
      io.out().println(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + of.size());
      Map<String, List<ImpactAnalysis.Change>> groups = new ImpactAnalysis.Report(of.size(), of).byCause();
      for (Map.Entry<String, List<ImpactAnalysis.Change>> g : groups.entrySet()) {
        ImpactAnalysis.Change first = g.getValue().get(0);
        io.out().println("  " + g.getKey() + ": " + g.getValue().size() + (g.getValue().size() == 1 ? " event" : " events")
            + ", e.g. " + describe(first.event()) + (first.intentsAdded().isEmpty() ? "" : ", +" + first.intentsAdded())
            + (first.intentsRemoved().isEmpty() ? "" : ", -" + first.intentsRemoved()));
      }
    }
    io.out().println(report.summary());
  }

  private static JsonObject json(ImpactAnalysis.Report report) {
    List<JsonValue> changes = new ArrayList<>();
    for (ImpactAnalysis.Change c : report.changes()) {
      JsonObject.Builder b = JsonObject.builder();
      c.event().id().ifPresent(id -> b.put("eventId", id));
      b.put("event", c.event().name()).put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))
          .put("before", c.before().allow()).put("after", c.after().allow())
          .put("causes", strings(c.causes())).put("intentsAdded", strings(c.intentsAdded()))
          .put("intentsRemoved", strings(c.intentsRemoved()));
      changes.add(b.build());
    }
    return JsonObject.builder().put("events", report.events()).put("changed", report.changes().size())
        .put("newlyDenied", report.newlyDenied()).put("newlyAllowed", report.newlyAllowed())
        .put("changes", JsonArray.of(changes)).build();
  }

  private static JsonArray strings(List<String> s) {
    List<JsonValue> out = new ArrayList<>();
    s.forEach(x -> out.add(JsonString.of(x)));
    return JsonArray.of(out);
  }
}
