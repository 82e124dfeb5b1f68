package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.Preset;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc workflow graph FILE [--format mermaid|dot] [--workflow ID] [--meta META] [--preset P]
 * [--syntax dsl|yaml|json]}: draws each {@code Workflow} of a manifest (any syntax; compiled
 * without {@code --meta} against a meta declaring just the kinds it uses) or of a compiled
 * artifact as a state diagram ({@link WorkflowDiagram}), exactly as the engine compiled it.
 *
 * <p>Output: one diagram per workflow in artifact order (with several workflows, Mermaid diagrams
 * are separated by a blank line: pick one with {@code --workflow} to feed a renderer); exit 0. A
 * manifest or artifact that does not compile, a workflow that does not, an unknown
 * {@code --workflow} or a file without workflows: {@code {"errors":[...]}}, exit 1.
 */
final class WorkflowGraphCommand implements Command {
  private static final Set<String> OPTIONS = Set.of("--format", "--workflow", "--meta", "--preset", "--syntax");

  @Override
  public String name() {
    return "workflow graph";
  }

  @Override
  public String usage() {
    return "mpc workflow graph FILE [--format mermaid|dot] [--workflow ID] [--meta META] [--preset P]"
        + " [--syntax dsl|yaml|json]";
  }

  @Override
  public String summary() {
    return "draw each workflow of a manifest or artifact as a state diagram (Mermaid or Graphviz DOT)";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, OPTIONS, 1, 1);
    String format = o.value("--format") == null ? "mermaid" : o.value("--format");
    if (!format.equals("mermaid") && !format.equals("dot")) {
      throw new UsageException("--format must be mermaid or dot, got '" + format + "'");
    }
    int[] exit = {0};
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    Artifact artifact = artifact(o, preset, io, exit);
    if (artifact == null) {
      return exit[0];
    }
    WorkflowEngine engine = engine(artifact, preset, null);
    List<String> ids = engine.workflows(artifact);
    if (o.value("--workflow") != null) {
      ids = List.of(o.value("--workflow"));
    } else if (ids.isEmpty()) {
      return EvalCommand.fail(io, List.of(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, o.positional().get(0)
          + " declares no Workflow").withPath(o.positional().get(0))));
    }
    List<String> diagrams = new ArrayList<>();
    for (String id : ids) {
      Result<WorkflowModel> m = engine.model(artifact, id);
      if (!(m instanceof Result.Ok<WorkflowModel> ok)) {
        return EvalCommand.fail(io, m.diagnostics());
      }
      diagrams.add(format.equals("dot") ? WorkflowDiagram.dot(ok.get()) : WorkflowDiagram.mermaid(ok.get()));
    }
    io.out().print(String.join("\n", diagrams));
    return 0;
  }

  /**
   * The artifact in {@code FILE}: a compiled artifact (JSON with {@code "format": "mpc-artifact/..."}),
   * verified; otherwise a manifest, compiled. Null with the exit code in {@code exit[0]} after
   * printing the problems.
   */
  private static Artifact artifact(ManifestCli.Options o, Preset preset, CliIo io, int[] exit) throws UsageException {
    String file = o.positional().get(0);
    Result<String> text = InputFiles.text(file, io);
    if (text.isOk() && looksLikeArtifact(text.orElseThrow())) {
      Result<Artifact> a = Artifact.fromJson(text.orElseThrow());
      if (a instanceof Result.Ok<Artifact> ok) {
        return ok.get();
      }
      exit[0] = EvalCommand.fail(io, a.diagnostics());
      return null;
    }
    CompileInputs in = CompileInputs.load(o, io, exit, true);
    if (in == null) {
      return null;
    }
    Result<Artifact> r = in.compile();
    if (r instanceof Result.Ok<Artifact> ok) {
      return ok.get();
    }
    exit[0] = EvalCommand.fail(io, r.diagnostics());
    return null;
  }

  private static boolean looksLikeArtifact(String text) {
    if (!text.stripLeading().startsWith("{")) {
      return false;
    }
    Result<JsonValue> v = Json.parse(text);
    return v.isOk() && v.orElseThrow() instanceof JsonObject obj && obj.getOrNull("format") instanceof JsonString s
        && s.value().startsWith("mpc-artifact/");
  }

  /**
   * An engine that can compile every workflow of {@code artifact}: a GuardPort declaring each
   * guard the workflows name, answered by {@code answers} (null: a guard that is asked fails the
   * fire closed, which drawing never does), and an AuthPort that denies {@code auth: true}
   * transitions (and passes the others).
   */
  static WorkflowEngine engine(Artifact artifact, Preset preset, GuardPort answers) {
    return engine(artifact, preset, answers, false, java.time.Clock.systemUTC());
  }

  /**
   * As {@link #engine(Artifact, Preset, GuardPort)}, with the AuthPort's answer for
   * {@code auth: true} transitions ({@code authorize}; others always pass) and the clock.
   */
  static WorkflowEngine engine(Artifact artifact, Preset preset, GuardPort answers, boolean authorize,
      java.time.Clock clock) {
    Set<String> names = namedGuards(artifact);
    GuardPort guards = answers != null ? answers : GuardPort.of(names.stream().collect(java.util.stream.Collectors
        .toMap(n -> n, n -> c -> {
          throw new IllegalStateException("guard '" + n + "' has no answer");
        })));
    return WorkflowEngine.builder().preset(preset).clock(clock).guardPort(guards)
        .authPort(call -> !call.transition().auth() || authorize).build().orElseThrow();
  }

  /** The guard names the artifact's workflows name ({@code named_guard}, {@code namedGuard}), in order. */
  static Set<String> namedGuards(Artifact artifact) {
    Set<String> out = new LinkedHashSet<>();
    for (AstNode d : artifact.definitions("Workflow")) {
      if (d.properties().getOrNull("transitions") instanceof JsonArray ts) {
        for (JsonValue t : ts.items()) {
          if (t instanceof JsonObject m) {
            for (String k : List.of("named_guard", "namedGuard")) {
              if (m.getOrNull(k) instanceof JsonString s && !s.value().isEmpty()) {
                out.add(s.value());
              }
            }
          }
        }
      }
    }
    return out;
  }
}
