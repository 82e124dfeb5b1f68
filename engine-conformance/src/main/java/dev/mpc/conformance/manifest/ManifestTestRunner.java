package dev.mpc.conformance.manifest;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import dev.mpc.workflow.StateView;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.TransitionView;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs manifest test suites ({@link ManifestTestSuite}): compiles the manifest (or loads the
 * artifact), evaluates each event case with a full trace and checks the expectations, fires each
 * workflow case's events from the initial state, and records coverage. Never throws for bad
 * content: a manifest that does not compile, a workflow that does not exist, an event that is not
 * a valid envelope is a coded problem or a failed case.
 */
public final class ManifestTestRunner {
  /**
   * The outcome of one case.
   *
   * @param name the case
   * @param source where it is
   * @param passed whether every expectation held
   * @param detail for a failure: what was expected, what came, and the explain trace
   */
  public record CaseResult(String name, SourceMap source, boolean passed, String detail) {}

  /**
   * The outcome of one suite.
   *
   * @param file the test file
   * @param problems why the suite could not run (empty when it ran)
   * @param cases the case outcomes (of the cases selected)
   * @param coverage what the cases exercised
   */
  public record SuiteResult(Path file, List<Diagnostic> problems, List<CaseResult> cases, Coverage coverage) {
    /** @return cases passed */
    public int passed() {
      return (int) cases.stream().filter(CaseResult::passed).count();
    }

    /** @return cases failed, a suite that could not run counting as one */
    public int failed() {
      return (int) cases.stream().filter(c -> !c.passed()).count() + (problems.isEmpty() ? 0 : 1);
    }
  }

  private final Optional<Pattern> filter;

  /**
   * The test files of {@code path}: the file itself, or every {@code *.mpctest.yaml},
   * {@code *.mpctest.yml} and {@code *.mpctest.json} below a folder, sorted.
   *
   * @param path a file or folder
   * @return the files
   */
  public static List<Path> testFiles(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (java.util.stream.Stream<Path> s = Files.walk(path)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".mpctest.yaml") || n.endsWith(".mpctest.yml") || n.endsWith(".mpctest.json");
      }).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A runner of every case. */
  public ManifestTestRunner() {
    this(Optional.empty());
  }

  /**
   * A runner of the cases whose name {@code filter} finds.
   *
   * @param filter the case filter (a regular expression searched in the name)
   */
  public ManifestTestRunner(Optional<Pattern> filter) {
    this.filter = filter;
  }

  /**
   * Reads and runs {@code file}.
   *
   * @param file a test file
   * @return the outcome
   */
  public SuiteResult run(Path file) {
    Result<ManifestTestSuite> s;
    try {
      s = ManifestTestSuite.read(file);
    } catch (IOException e) {
      return failed(file, Diagnostic.of(Code.E_INPUT_UNREADABLE, "cannot read " + file + ": " + e.getMessage()));
    }
    if (!s.isOk()) {
      return new SuiteResult(file, s.diagnostics(), List.of(), new Coverage());
    }
    return run(s.orElseThrow());
  }

  private static SuiteResult failed(Path file, Diagnostic d) {
    return new SuiteResult(file, List.of(d), List.of(), new Coverage());
  }

  /**
   * Runs a suite.
   *
   * @param suite the suite
   * @return the outcome
   */
  public SuiteResult run(ManifestTestSuite suite) {
    Path file = suite.file();
    Preset preset;
    try {
      preset = suite.preset().isEmpty() ? Preset.standard("preset-generic-full")
          : suite.preset().get().endsWith(".json")
              ? Preset.fromJson(Files.readString(Path.of(suite.preset().get()))).orElseThrow()
              : Preset.standard(suite.preset().get());
    } catch (IOException | RuntimeException e) {
      return failed(file, Diagnostic.of(Code.E_INPUT_UNREADABLE, "preset " + suite.preset().get() + ": " + e.getMessage()));
    }
    Artifact artifact;
    ManifestAst ast = null;
    String manifestName = null;
    DomainMeta domain = DomainMeta.EMPTY;
    try {
      if (suite.manifest().isPresent()) {
        Path m = suite.manifest().get();
        manifestName = m.toString();
        Result<DomainMeta> meta = DomainMetaLoader.load(suite.meta().orElseThrow());
        if (!meta.isOk()) {
          return new SuiteResult(file, meta.diagnostics(), List.of(), new Coverage());
        }
        domain = meta.orElseThrow();
        String text = Files.readString(m, StandardCharsets.UTF_8);
        Result<ManifestAst> parsed = Manifests.parseText(text, Syntax.fromFileName(m.getFileName().toString())
            .orElse(Syntax.detect(text)));
        Result<Artifact> compiled = parsed.flatMap(RegistryCompiler.builder().meta(meta.orElseThrow()).preset(preset)
            .warmUp(false).cacheMaximumWeight(0).identityCacheDefinitions(0).build()::compile); // one compile per suite:
        // neither a warm-up nor the caches would pay for themselves
        if (!compiled.isOk()) {
          return new SuiteResult(file, withFile(compiled.diagnostics(), manifestName), List.of(), new Coverage());
        }
        ast = parsed.orElseThrow();
        artifact = compiled.orElseThrow();
      } else {
        Result<Artifact> a = Artifact.fromJson(Files.readString(suite.artifact().orElseThrow()));
        if (!a.isOk()) {
          return new SuiteResult(file, a.diagnostics(), List.of(), new Coverage());
        }
        artifact = a.orElseThrow();
        ast = artifact.manifest();
        manifestName = suite.artifact().get().toString();
      }
    } catch (IOException e) {
      return failed(file, Diagnostic.of(Code.E_INPUT_UNREADABLE, "cannot read: " + e.getMessage()));
    }
    Clock clock = Clock.fixed(suite.clock(), ZoneOffset.UTC);
    List<Diagnostic> fnProblems = new ArrayList<>();
    checkFunctions(suite.functions(), domain, suite.file(), fnProblems, null);
    for (ManifestTestSuite.Case c : suite.cases()) {
      if (c instanceof ManifestTestSuite.EventCase e) {
        checkFunctions(e.functions(), domain, suite.file(), fnProblems, e);
      }
    }
    if (!fnProblems.isEmpty()) {
      return new SuiteResult(file, fnProblems, List.of(), new Coverage());
    }
    MpcEngine engine = engine(preset, clock, domain, suite.functions(), Map.of());
    WorkflowEngine workflows = WorkflowEngine.builder().preset(preset).clock(clock).build().orElseThrow();
    Coverage coverage = declare(ast, artifact, workflows, manifestName);
    List<Diagnostic> refs = new ArrayList<>();
    List<String> known = workflows.workflows(artifact);
    for (ManifestTestSuite.Case c : suite.cases()) {
      if (c instanceof ManifestTestSuite.WorkflowCase w && !known.contains(w.workflow())) {
        refs.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "case '" + w.name() + "' names workflow '" + w.workflow()
            + "', which the manifest does not define" + ManifestTestSuite.closest(w.workflow(), Set.copyOf(known))
            .map(k -> " (did you mean '" + k + "'?)").orElse("") + "; workflows: " + known, w.source()));
      }
    }
    if (!refs.isEmpty()) {
      return new SuiteResult(file, refs, List.of(), coverage);
    }
    List<CaseResult> results = new ArrayList<>();
    for (ManifestTestSuite.Case c : suite.cases()) {
      if (filter.isPresent() && !filter.get().matcher(c.name()).find()) {
        continue;
      }
      results.add(c instanceof ManifestTestSuite.EventCase e ? event(e, e.functions().isEmpty() ? engine
          : engine(preset, clock, domain, suite.functions(), e.functions()), artifact, suite, coverage)
          : workflow((ManifestTestSuite.WorkflowCase) c, workflows, artifact, suite, coverage));
    }
    return new SuiteResult(file, List.of(), List.copyOf(results), coverage);
  }

  /** Host functions must be ones the DomainMeta declares. */
  private static void checkFunctions(Map<String, JsonValue> fns, DomainMeta meta, Path file, List<Diagnostic> out,
      ManifestTestSuite.EventCase c) {
    Set<String> declared = new java.util.TreeSet<>();
    meta.allowedFunctions().forEach(f -> declared.add(f.name()));
    for (String name : fns.keySet()) {
      if (!declared.contains(name)) {
        out.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, (c == null ? "the test file" : "case '" + c.name() + "'")
            + " answers function '" + name + "', which the DomainMeta does not declare"
            + ManifestTestSuite.closest(name, declared).map(k -> " (did you mean '" + k + "'?)").orElse("")
            + "; declared: " + declared, c == null ? SourceMap.at(1, 1).withFile(file.toString()) : c.source()));
      }
    }
  }

  /** An engine whose host functions answer with the given constants (the case's over the suite's). */
  private static MpcEngine engine(Preset preset, Clock clock, DomainMeta meta, Map<String, JsonValue> suite,
      Map<String, JsonValue> overrides) {
    Map<String, JsonValue> answers = new java.util.HashMap<>(suite);
    answers.putAll(overrides);
    dev.mpc.expr.FunctionRegistry.Builder fr = dev.mpc.expr.FunctionRegistry.builder();
    for (dev.mpc.meta.FunctionDef f : meta.allowedFunctions()) {
      JsonValue answer = answers.get(f.name());
      if (answer == null) {
        continue;
      }
      List<dev.mpc.expr.ExprType> params = new ArrayList<>();
      for (String a : f.args()) {
        params.add(dev.mpc.expr.ExprType.parse(a).orElse(dev.mpc.expr.ExprType.parse("any").orElseThrow()));
      }
      fr.function(new dev.mpc.expr.FunctionDecl(f.name(), params, dev.mpc.expr.ExprType.parse(f.returns())
          .orElse(dev.mpc.expr.ExprType.parse("any").orElseThrow()), Math.max(1, f.cost())), args -> answer);
    }
    return MpcEngine.builder().preset(preset).clock(clock).functions(fr.build()).build().orElseThrow();
  }

  private static List<Diagnostic> withFile(List<Diagnostic> ds, String file) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      if (d.source().isPresent() && d.source().get().file().isEmpty()) {
        out.add(new Diagnostic(d.code(), d.message(), d.severity(), d.path(), Optional.of(d.source().get().withFile(file)),
            d.details(), d.causes()));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private static Coverage declare(ManifestAst ast, Artifact artifact, WorkflowEngine workflows, String file) {
    Coverage cov = new Coverage();
    Optional<String> f = Optional.ofNullable(file);
    if (ast != null) {
      for (AstNode d : ast.defs()) {
        int line = d.source().map(SourceMap::line).orElse(0);
        if (d.kind().equals("Policy")) {
          cov.declare("policy", d.id(), f, line);
        } else if (d.kind().equals("ACL")) {
          cov.declare("acl", d.id(), f, line);
        }
      }
    }
    for (String w : workflows.workflows(artifact)) {
      Result<WorkflowModel> m = workflows.model(artifact, w);
      if (!m.isOk()) {
        continue;
      }
      int line = 0;
      if (ast != null) {
        for (AstNode d : ast.defs()) {
          if (d.kind().equals("Workflow") && d.id().equals(w)) {
            line = d.source().map(SourceMap::line).orElse(0);
          }
        }
      }
      Set<String> seen = new HashSet<>();
      for (StateView s : states(m.orElseThrow())) {
        for (TransitionView t : m.orElseThrow().transitionsFrom(s.name())) {
          if (!seen.add(t.id()) || t.timeout().isPresent()) {
            continue;
          }
          cov.declare("transition", w + "/" + t.id(), f, line);
          if (t.guard().isPresent() || t.namedGuard().isPresent()) {
            cov.declare("guard:true", w + "/" + t.id(), f, line);
            cov.declare("guard:false", w + "/" + t.id(), f, line);
          }
        }
      }
    }
    return cov;
  }

  private static List<StateView> states(WorkflowModel m) {
    List<StateView> out = new ArrayList<>();
    List<StateView> todo = new ArrayList<>(m.topLevel());
    while (!todo.isEmpty()) {
      StateView s = todo.remove(0);
      out.add(s);
      for (String child : s.children()) {
        m.state(child).ifPresent(todo::add);
      }
    }
    return out;
  }

  private static CaseResult event(ManifestTestSuite.EventCase c, MpcEngine engine, Artifact artifact,
      ManifestTestSuite suite, Coverage coverage) {
    Decision d;
    if (c.eventMap()) {
      d = engine.evaluate(artifact, c.event(), EvaluationOptions.of(TraceLevel.FULL));
    } else {
      JsonObject.Builder b = JsonObject.builder();
      c.event().members().forEach(b::put);
      if (!c.event().has("timestamp")) {
        b.put("timestamp", suite.clock().toString());
      }
      Result<EventEnvelope> e = ContractJson.readEvent(b.build(), ContractJson.Strictness.STRICT);
      if (!e.isOk()) {
        return new CaseResult(c.name(), c.source(), false, "the event is not a valid envelope: "
            + describe(e.diagnostics()) + " (an event map that is not an envelope goes under 'event_map')");
      }
      d = engine.evaluate(artifact, e.orElseThrow(), EvaluationOptions.of(TraceLevel.FULL));
    }
    d.trace().ifPresent(t -> {
      for (TraceEvent te : t.events()) {
        if (te.t().equals("policy.match") && te.data().getOrNull("policy") instanceof JsonString p) {
          coverage.hit("policy", p.value());
        } else if (te.t().equals("acl.match") && te.data().getOrNull("rule") instanceof JsonString r) {
          coverage.hit("acl", r.value());
        }
      }
    });
    List<String> wrong = new ArrayList<>();
    if (c.allow().isPresent() && c.allow().get() != d.allow()) {
      wrong.add("expected allow: " + c.allow().get() + ", got " + d.allow());
    }
    Set<String> codes = new HashSet<>();
    for (Reason r : d.reasons()) {
      codes.add(r.code().code());
    }
    for (String r : c.reasons()) {
      if (!codes.contains(r)) {
        wrong.add("expected reason " + r + ", got " + codes);
      }
    }
    for (JsonObject want : c.intents()) {
      if (d.intents().stream().noneMatch(i -> matches(i, want))) {
        wrong.add("expected intent " + Json.write(want) + ", none of " + d.intents().size() + " matches");
      }
    }
    for (JsonObject unwanted : c.noIntents()) {
      if (d.intents().stream().anyMatch(i -> matches(i, unwanted))) {
        wrong.add("expected no intent " + Json.write(unwanted) + ", one matches");
      }
    }
    if (wrong.isEmpty()) {
      return new CaseResult(c.name(), c.source(), true, "");
    }
    return new CaseResult(c.name(), c.source(), false, String.join("\n", wrong) + "\nactual decision:\n"
        + Json.pretty(ContractJson.toJson(d)));
  }

  /** Whether every member of {@code want} equals the intent's. */
  static boolean matches(Intent i, JsonObject want) {
    JsonObject have = ContractJson.toJson(i);
    for (var m : want.members().entrySet()) {
      JsonValue h = have.getOrNull(m.getKey());
      if (h == null || !h.equals(m.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static CaseResult workflow(ManifestTestSuite.WorkflowCase c, WorkflowEngine engine, Artifact artifact,
      ManifestTestSuite suite, Coverage coverage) {
    JsonObject probe = JsonObject.builder().put("name", "test.actor").put("kind", "custom")
        .put("timestamp", suite.clock().toString()).put("actor", c.actor())
        .put("object", JsonObject.builder().put("type", "test").put("id", "test").build()).build();
    Result<EventEnvelope> actor = ContractJson.readEvent(probe, ContractJson.Strictness.STRICT);
    if (!actor.isOk()) {
      return new CaseResult(c.name(), c.source(), false, "the actor is not valid: " + describe(actor.diagnostics()));
    }
    Result<WorkflowInstance> started = engine.start(artifact, c.workflow(), "test:" + c.name());
    if (!started.isOk()) {
      return new CaseResult(c.name(), c.source(), false, "the workflow does not start: " + describe(started.diagnostics()));
    }
    WorkflowInstance i = started.orElseThrow();
    List<Boolean> allowed = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    for (String ev : c.fire()) {
      TransitionResult r = engine.fire(artifact, i, ev, actor.orElseThrow().actor(), JsonObject.EMPTY);
      allowed.add(r.allowed());
      for (var step : r.steps()) {
        coverage.hit("transition", c.workflow() + "/" + step.transition());
        coverage.hit("guard:true", c.workflow() + "/" + step.transition());
      }
      for (Reason reason : r.reasons()) {
        if (reason.code() == Code.R_WF_GUARD_FAIL && reason.path().isPresent()) {
          coverage.hit("guard:false", c.workflow() + "/" + reason.path().get());
        }
      }
      log.append("  ").append(ev).append(": ").append(r.allowed() ? "allowed" : "refused").append(" -> ")
          .append(r.instance().stateLabel());
      if (!r.errors().isEmpty()) {
        log.append(" ").append(describe(r.errors()));
      }
      log.append('\n');
      i = r.instance();
    }
    List<String> wrong = new ArrayList<>();
    if (c.state().isPresent() && !c.state().get().equals(i.stateLabel())) {
      wrong.add("expected state " + c.state().get() + ", got " + i.stateLabel());
    }
    if (c.allowed().isPresent() && !c.allowed().get().equals(allowed)) {
      wrong.add("expected allowed " + c.allowed().get() + ", got " + allowed);
    }
    return wrong.isEmpty() ? new CaseResult(c.name(), c.source(), true, "")
        : new CaseResult(c.name(), c.source(), false, String.join("\n", wrong) + "\nfired:\n" + log);
  }

  static String describe(List<Diagnostic> ds) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : ds) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(d.code().code()).append(' ').append(d.message());
    }
    return sb.toString();
  }
}
