package dev.mpc.dsl.imports;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upstream MPC's import resolution, reproduced exactly (pipeline spec §12.3): cycle check first
 * with one {@code visited} set shared by the whole walk (so a diamond is reported as a cycle), the
 * base named by its namespace; then the base's direct imports only (no transitive merging; the
 * imported manifests' own Import definitions are copied unresolved); registered versions default to
 * {@code 0.0.0}; upstream's {@code check_semver}. Confined to one resolution.
 */
final class UpstreamResolution {
  private final Loader loader;
  private final int maxDepth;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  UpstreamResolution(Loader loader, int maxDepth) {
    this.loader = loader;
    this.maxDepth = maxDepth;
  }

  ImportResult resolve(ManifestAst base) {
    Diagnostic cycle = findCycle(specs(base), new HashSet<>(Set.of(base.namespace())),
        new ArrayList<>(List.of(base.namespace())));
    if (cycle != null) {
      return new ImportResult(Optional.of(base), List.of(), List.of(cycle));
    }
    List<AstNode> merged = new ArrayList<>(base.defs());
    Set<String> keys = new HashSet<>();
    for (AstNode d : base.defs()) {
      keys.add(key(d.kind(), d.id()));
    }
    List<String> resolved = new ArrayList<>();
    for (ImportSpec spec : specs(base)) {
      Loader.Loaded loaded = loader.load(spec.source());
      if (loaded instanceof Loader.Broken broken) {
        diagnostics.add(broken.diagnostic(spec.source(), null));
        continue;
      }
      if (!(loaded instanceof Loader.Found found)) {
        diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import source '" + spec.source() + "' not found"));
        continue;
      }
      String version = found.version().orElse(ManifestAst.DEFAULT_MANIFEST_VERSION);
      if (spec.constraint().isPresent() && !Semver.upstreamSatisfies(version, spec.constraint().get())) {
        diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + spec.source() + "' version "
            + version + " does not satisfy constraint '" + spec.constraint().get() + "'"));
        continue;
      }
      for (AstNode d : found.ast().defs()) {
        String newId = spec.alias().map(a -> a + "." + d.id()).orElse(d.id());
        if (!keys.add(key(d.kind(), newId))) {
          diagnostics.add(Diagnostic.of(Code.E_VALID_NAMESPACE_CONFLICT, "Import collision: '" + d.kind() + ":"
              + newId + "' from '" + spec.source() + "' conflicts with existing definition"));
          continue;
        }
        merged.add(newId.equals(d.id()) ? d
            : new AstNode(d.kind(), newId, d.name(), d.properties(), d.propertySources(), d.children(), d.source()));
      }
      resolved.add(spec.source());
    }
    ManifestAst ast = new ManifestAst(base.schemaVersion(), base.namespace(), base.name(), base.manifestVersion(), merged);
    return new ImportResult(Optional.of(ast), resolved, diagnostics);
  }

  /** Upstream's cycle walk; the first cycle found, or null. */
  private Diagnostic findCycle(List<ImportSpec> specs, Set<String> visited, List<String> path) {
    if (path.size() > maxDepth) {
      return Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Import chain deeper than " + maxDepth
          + " manifests (ImportResolver maxDepth): " + String.join(" -> ", path));
    }
    for (ImportSpec spec : specs) {
      if (visited.contains(spec.source())) {
        return Diagnostic.of(Code.E_VALID_CYCLE_DETECTED,
            "Import cycle detected: " + String.join(" -> ", path) + " -> " + spec.source());
      }
      if (loader.load(spec.source()) instanceof Loader.Found found) {
        visited.add(spec.source());
        path.add(spec.source());
        Diagnostic d = findCycle(specs(found.ast()), visited, path);
        path.remove(path.size() - 1);
        if (d != null) {
          return d;
        }
      }
    }
    return null;
  }

  private static String key(String kind, String id) {
    return kind + "\u0000" + id;
  }

  /** Upstream spec extraction: values converted with Python {@code str}, falsy version/alias ignored. */
  static List<ImportSpec> specs(ManifestAst ast) {
    List<ImportSpec> out = new ArrayList<>();
    for (AstNode d : ast.defs()) {
      if (!d.kind().equals(ImportSpec.KIND)) {
        continue;
      }
      JsonObject p = d.properties();
      String source = p.has("source") ? PythonText.str(p.getOrNull("source")) : d.id();
      out.add(new ImportSpec(source, truthyString(p.getOrNull("version")), truthyString(p.getOrNull("alias")), d));
    }
    return out;
  }

  private static Optional<String> truthyString(JsonValue v) {
    return v != null && truthy(v) ? Optional.of(PythonText.str(v)) : Optional.empty();
  }

  /** Python truthiness of a JSON value. */
  static boolean truthy(JsonValue v) {
    return PythonText.truthy(v);
  }
}
