package dev.mpc.dsl.imports;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the {@link ManifestSource} for each registry name at most once per resolution, parses text
 * entries, and turns every port failure into a diagnostic. Confined to one resolution (one thread).
 */
final class Loader {
  /** What a name resolved to. */
  sealed interface Loaded permits Found, Missing, Broken {}

  /** A manifest and its registered version (if the source stated one). */
  record Found(ManifestAst ast, Optional<String> version) implements Loaded {}

  /** The source does not know the name. */
  record Missing() implements Loaded {}

  /**
   * The source failed or the text does not parse.
   *
   * @param reason why, appended to the message
   * @param causes parse diagnostics, if any
   * @param details structured details
   */
  record Broken(String reason, List<Diagnostic> causes, JsonObject details) implements Loaded {
    Diagnostic diagnostic(String name, dev.mpc.diag.SourceMap at) {
      return Diagnostic.of(Code.E_VALID_UNRESOLVED_REF, "Import source '" + name + "' " + reason)
          .withSource(at).withCauses(causes).withDetails(details);
    }
  }

  private final ManifestSource source;
  private final ManifestParser parser;
  private final int maxManifests;
  private final Map<String, Loaded> cache = new HashMap<>();

  Loader(ManifestSource source, ManifestParser parser, int maxManifests) {
    this.source = source;
    this.parser = parser;
    this.maxManifests = maxManifests;
  }

  /** Thrown when more distinct manifests are loaded than allowed. */
  static final class TooManyManifests extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyManifests() {
      super(null, null, false, false);
    }
  }

  Loaded load(String name) {
    Loaded known = cache.get(name);
    if (known != null) {
      return known;
    }
    if (cache.size() >= maxManifests) {
      throw new TooManyManifests();
    }
    Loaded loaded = fetch(name);
    cache.put(name, loaded);
    return loaded;
  }

  private Loaded fetch(String name) {
    Optional<ManifestEntry> entry;
    try {
      entry = source.find(name);
    } catch (RuntimeException e) {
      return new Broken("could not be loaded: " + describe(e), List.of(),
          JsonObject.builder().put("exception", e.getClass().getName()).build());
    }
    if (entry == null) {
      return new Broken("could not be loaded: the ManifestSource returned null", List.of(), JsonObject.EMPTY);
    }
    if (entry.isEmpty()) {
      return new Missing();
    }
    ManifestEntry e = entry.get();
    if (e instanceof ManifestEntry.Parsed p) {
      return new Found(p.ast(), p.version());
    }
    ManifestEntry.Text t = (ManifestEntry.Text) e;
    Syntax syntax = t.syntax().orElseGet(() -> Syntax.detect(t.text()));
    Result<ManifestAst> parsed = parser.parseText(t.text(), syntax, t.origin().orElse(null));
    if (parsed instanceof Result.Ok<ManifestAst> ok) {
      return new Found(ok.get(), t.version());
    }
    return new Broken("does not parse (" + parsed.diagnostics().size() + " error(s))", parsed.diagnostics(),
        JsonObject.EMPTY);
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
