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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code mpc demo}: walks the pipeline this build implements on the example manifest shipped in the
 * jar (the worked example of the pipeline spec): parse, convert, validate, compile, evaluate an
 * expression; then it compiles a second example (policies, ACL rules, roles) and evaluates example
 * events with {@link MpcEngine}: allow and deny with their reasons and intents, permissions, and one
 * explain. Every Decision it shows comes from a real evaluation. It grows with the engine.
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
    out.println("6. Conformance: this build implements fixture categories "
        + String.join(", ", ConformanceRunner.builder().build().categories()) + ".");
    out.println("   Try: ./mpc conformance run engine-conformance/src/test/resources/fixtures");
    out.println();
    out.println("Commands available: run ./mpc help.");
    return 0;
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
