package dev.mpc.dsl.imports;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default import resolution: every manifest is identified by its registry name; a depth-first
 * walk with an on-stack set finds real cycles only (a diamond is fine) and memoises finished
 * manifests; imports resolve transitively, aliases compose ({@code x.y.id}); a manifest reached
 * twice under the same prefix is merged once; registered versions default to the manifest's
 * {@code manifestVersion}; constraints follow SemVer 2.0 / npm ranges; every problem is reported.
 * Confined to one resolution.
 */
final class StrictResolution {
  private enum State { ON_STACK, DONE }

  /** One manifest merged under an id prefix, and the Import definition that first brought it in. */
  private record Inclusion(String name, String prefix, ImportSpec via) {}

  private final Loader loader;
  private final int maxDepth;
  private final int maxDefinitions;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, State> state = new HashMap<>();
  private final Set<String> reportedCycles = new HashSet<>();
  /** Per manifest: its resolvable import edges (after load, version and cycle checks). */
  private final Map<String, List<ImportSpec>> edges = new HashMap<>();
  private final Map<String, ManifestAst> manifests = new HashMap<>();

  StrictResolution(Loader loader, int maxDepth, int maxDefinitions) {
    this.loader = loader;
    this.maxDepth = maxDepth;
    this.maxDefinitions = maxDefinitions;
  }

  /** Thrown when a limit is reached; the diagnostic has been recorded. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  ImportResult resolve(String baseName, ManifestAst base) {
    manifests.put(baseName, base);
    try {
      walk(baseName, base, new ArrayList<>(List.of(baseName)));
      List<Inclusion> inclusions = new ArrayList<>();
      collect(baseName, "", null, new LinkedHashSet<>(), inclusions);
      ManifestAst merged = merge(base, inclusions);
      boolean failed = diagnostics.stream().anyMatch(Diagnostic::isFailure);
      List<String> resolved = new ArrayList<>();
      for (Inclusion inc : inclusions.subList(1, inclusions.size())) {
        if (!resolved.contains(inc.name())) {
          resolved.add(inc.name());
        }
      }
      return new ImportResult(failed ? Optional.empty() : Optional.of(merged), resolved, diagnostics);
    } catch (Stop stop) {
      return new ImportResult(Optional.empty(), List.of(), diagnostics);
    } catch (Loader.TooManyManifests e) {
      diagnostics.add(Diagnostic.of(Code.E_QUOTA_EXCEEDED,
          "More distinct imported manifests than allowed (ImportResolver maxManifests)"));
      return new ImportResult(Optional.empty(), List.of(), diagnostics);
    }
  }

  /** Depth-first walk: loads, checks versions and finds cycles; records resolvable edges. */
  private void walk(String name, ManifestAst ast, List<String> path) {
    state.put(name, State.ON_STACK);
    List<ImportSpec> ok = new ArrayList<>();
    for (Object item : specs(ast)) {
      if (item instanceof Diagnostic problem) {
        diagnostics.add(problem);
        continue;
      }
      ImportSpec spec = (ImportSpec) item;
      String target = spec.source();
      if (state.get(target) == State.ON_STACK) {
        int from = path.indexOf(target);
        String cycle = String.join(" -> ", path) + " -> " + target;
        if (reportedCycles.add(String.join(" -> ", path.subList(from, path.size())) + " -> " + target)) {
          diagnostics.add(Diagnostic.of(Code.E_VALID_CYCLE_DETECTED, "Import cycle detected: " + cycle, spec.sourceMap())
              .withDetails(JsonObject.builder().put("manifest", name).put("import", spec.def().id()).build()));
        }
        continue;
      }
      Loader.Loaded loaded = loader.load(target); // asks the source at most once per name
      if (loaded instanceof Loader.Broken broken) {
        diagnostics.add(broken.diagnostic(target, spec.sourceMap()));
        continue;
      }
      if (!(loaded instanceof Loader.Found)) {
        diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import source '" + target + "' not found",
            spec.sourceMap()));
        continue;
      }
      Loader.Found found = (Loader.Found) loaded;
      if (!versionOk(spec, found)) {
        continue;
      }
      ok.add(spec);
      if (state.get(target) == null) {
        if (path.size() >= maxDepth) {
          diagnostics.add(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Import chain deeper than " + maxDepth
              + " manifests (ImportResolver maxDepth): " + String.join(" -> ", path) + " -> " + target, spec.sourceMap()));
          throw new Stop();
        }
        manifests.put(target, found.ast());
        path.add(target);
        walk(target, found.ast(), path);
        path.remove(path.size() - 1);
      }
    }
    edges.put(name, ok);
    state.put(name, State.DONE);
  }

  private boolean versionOk(ImportSpec spec, Loader.Found found) {
    if (spec.constraint().isEmpty()) {
      return true;
    }
    String constraint = spec.constraint().get();
    Optional<Semver.Constraint> c = Semver.parseConstraint(constraint);
    if (c.isEmpty()) {
      diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + spec.source()
          + "' has an invalid version constraint '" + constraint + "'", spec.sourceMap()));
      return false;
    }
    String version = found.version().orElse(found.ast().manifestVersion());
    Optional<Semver.Version> v = Semver.parse(version);
    if (v.isEmpty()) {
      diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + spec.source() + "' version "
          + version + " is not a semantic version, so it cannot satisfy constraint '" + constraint + "'",
          spec.sourceMap()));
      return false;
    }
    if (!c.get().test(v.get())) {
      diagnostics.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + spec.source() + "' version "
          + version + " does not satisfy constraint '" + constraint + "'", spec.sourceMap()));
      return false;
    }
    return true;
  }

  /** Pre-order list of (manifest, prefix) inclusions, each once; the base comes first. */
  private void collect(String name, String prefix, ImportSpec via, Set<String> seen, List<Inclusion> out) {
    if (!seen.add(prefix + "\u0000" + name)) {
      return;
    }
    if (out.size() >= maxDefinitions) {
      diagnostics.add(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Imports expand to more than " + maxDefinitions
          + " manifest inclusions (ImportResolver maxDefinitions)"));
      throw new Stop();
    }
    out.add(new Inclusion(name, prefix, via));
    for (ImportSpec spec : edges.getOrDefault(name, List.of())) {
      String p = spec.alias().map(a -> prefix + a + ".").orElse(prefix);
      collect(spec.source(), p, spec, seen, out);
    }
  }

  private ManifestAst merge(ManifestAst base, List<Inclusion> inclusions) {
    List<AstNode> merged = new ArrayList<>(base.defs());
    Set<String> keys = new HashSet<>();
    for (AstNode d : base.defs()) {
      keys.add(d.kind() + "\u0000" + d.id());
    }
    for (Inclusion inc : inclusions.subList(1, inclusions.size())) {
      for (AstNode d : manifests.get(inc.name()).defs()) {
        if (d.kind().equals(ImportSpec.KIND)) {
          continue; // resolved: its definitions are merged in their own right
        }
        String newId = inc.prefix() + d.id();
        if (!keys.add(d.kind() + "\u0000" + newId)) {
          diagnostics.add(Diagnostic.of(Code.E_VALID_NAMESPACE_CONFLICT, "Import collision: '" + d.kind() + ":" + newId
              + "' from '" + inc.name() + "' conflicts with existing definition", inc.via().sourceMap())
              .withDetails(JsonObject.builder().put("kind", d.kind()).put("id", newId).put("source", inc.name()).build()));
          continue;
        }
        if (merged.size() >= maxDefinitions) {
          diagnostics.add(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Imports expand to more than " + maxDefinitions
              + " definitions (ImportResolver maxDefinitions)"));
          throw new Stop();
        }
        merged.add(newId.equals(d.id()) ? d
            : new AstNode(d.kind(), newId, d.name(), d.properties(), d.propertySources(), d.children(), d.source()));
      }
    }
    return new ManifestAst(base.schemaVersion(), base.namespace(), base.name(), base.manifestVersion(), merged);
  }

  /**
   * Reads the Import definitions of {@code ast} in order: an {@link ImportSpec} for each
   * well-formed one, a {@link Diagnostic} for each malformed one (so problems keep source order).
   */
  private List<Object> specs(ManifestAst ast) {
    List<Object> out = new ArrayList<>();
    for (AstNode d : ast.defs()) {
      if (!d.kind().equals(ImportSpec.KIND)) {
        continue;
      }
      SourceMap at = d.source().orElse(null);
      JsonObject p = d.properties();
      String source = d.id();
      boolean bad = false;
      JsonValue s = p.getOrNull("source");
      JsonValue f = p.getOrNull("from");
      if (s != null && f != null && !s.equals(f)) {
        out.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + d.id()
            + "' names two sources: source " + PythonText.repr(s) + " and from " + PythonText.repr(f), at));
        continue;
      }
      JsonValue named = s != null ? s : f;
      if (named != null) {
        if (named instanceof JsonString str && !str.value().isEmpty()) {
          source = str.value();
        } else {
          bad = report(out, d, s != null ? "source" : "from", named);
        }
      }
      Optional<String> constraint = optionalString(out, d, "version", p.getOrNull("version"));
      Optional<String> alias = optionalString(out, d, "alias", p.getOrNull("alias"));
      if (bad || constraint == null || alias == null) {
        continue;
      }
      out.add(new ImportSpec(source, constraint, alias, d));
    }
    return out;
  }

  /** Empty when absent or null, the string when a non-empty string, else reported (returns null). */
  private static Optional<String> optionalString(List<Object> out, AstNode d, String key, JsonValue v) {
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v instanceof JsonString s && !s.value().isBlank()) {
      return Optional.of(s.value().strip());
    }
    report(out, d, key, v);
    return null;
  }

  private static boolean report(List<Object> out, AstNode d, String key, JsonValue v) {
    out.add(Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import '" + d.id() + "': property '" + key
        + "' must be a non-empty string, found " + PythonText.repr(v), d.propertySource(key).or(d::source).orElse(null)));
    return true;
  }
}
