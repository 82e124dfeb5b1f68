package dev.mpc.cli;

import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
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
import dev.mpc.json.JsonString;
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
 * expression, and the decision contract an engine returns. It grows with the engine.
 */
final class DemoCommand implements Command {
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
    return "show what this build can do, with a worked example";
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

    out.println("5. A decision, as engines return it (intents are for the host to execute):");
    Decision decision = Decision.deny(List.of(Reason.of(Code.R_ACL_DENY_ROLE, "viewer may not delete orders")))
        .withIntents(List.of(
            Intent.builder(IntentKind.AUDIT).target("order-42")
                .param("action", JsonString.of("delete")).param("actor", JsonString.of("u-7"))
                .idempotencyKey("evt-1001").build(),
            Intent.of(IntentKind.MASK_FIELD, "customer.ssn")));
    out.println("   " + Canonical.json(ContractJson.toJson(decision)));
    out.println("   sha256 " + Canonical.stableHash(ContractJson.toJson(decision)));
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
