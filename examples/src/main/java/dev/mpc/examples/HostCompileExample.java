package dev.mpc.examples;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.io.PrintStream;

/**
 * A host application's compile step, using only public API: it declares its DomainMeta, accepts a
 * manifest a user wrote, reports the user's mistakes with their positions, and otherwise compiles
 * an artifact that its runtime loads (and verifies) from canonical JSON.
 */
public final class HostCompileExample {
  static final String META = """
      schema_version: 1
      kinds:
        - { name: Defect, required_props: [title, severity], allowed_types: [string, int] }
        - { name: Workflow, required_props: [initial, states, transitions] }
      allowed_functions:
        - { name: len, args: ["string|array"], returns: int, cost: 2 }
      """;

  private HostCompileExample() {}

  /**
   * Compiles {@code manifestText}; prints problems or the artifact hash; returns the artifact or null.
   *
   * @param manifestText the manifest text
   * @param out the out
   * @return the artifact
   */
  public static Artifact run(String manifestText, PrintStream out) {
    DomainMeta meta = DomainMetaLoader.fromText(META).orElseThrow();          // the host's declaration
    RegistryCompiler compiler = RegistryCompiler.builder()
        .meta(meta).preset(Preset.standard("preset-security-hardened")).build();

    Result<ManifestAst> parsed = Manifests.parseText(manifestText);            // DSL, YAML or JSON
    Result<Artifact> compiled = parsed.flatMap(compiler::compile);
    if (!(compiled instanceof Result.Ok<Artifact> ok)) {
      for (Diagnostic d : compiled.diagnostics()) {
        out.println("manifest problem: " + d);                             // line:col: [CODE] message
      }
      return null;
    }
    String stored = ok.get().toCanonicalJson();                            // persist it anywhere
    Artifact loaded = Artifact.fromJson(stored).orElseThrow();             // the runtime side, verified
    out.println("compiled " + loaded.manifest().defs().size() + " definitions, artifact " + loaded.hash());
    return loaded;
  }

  /**
   * Entry point.
   *
   * @param args the args
   */
  public static void main(String[] args) {
    run("""
        def Defect d1 { title: "Crash on save", severity: 2 }
        def Workflow triage { initial: "new", states: ["new", "done"],
          transitions: [{ from: "new", to: "done", guard: "len(actor.id) > 0" }] }
        """, System.out);
  }
}
