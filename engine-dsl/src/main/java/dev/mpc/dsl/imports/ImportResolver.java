package dev.mpc.dsl.imports;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.ManifestParser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the {@code def Import} definitions of a manifest against a {@link ManifestSource} and
 * merges the imported definitions into a new {@link ManifestAst}.
 *
 * <pre>{@code
 * ImportResolver resolver = ImportResolver.builder()
 *     .source(ManifestSource.directory(Path.of("manifests")))
 *     .build();
 * ImportResult r = resolver.resolve(base);
 * Result<ManifestAst> merged = r.toResult();   // every problem listed when it failed
 * }</pre>
 *
 * <p>An import is a top-level definition of kind {@code Import}:
 * {@code def Import lib { source: "lib", version: "^1.2.0", alias: "ext" }}. {@code source} (or its
 * synonym {@code from}) is the registry name (default: the definition's id), {@code version} a
 * constraint, {@code alias} a prefix that turns imported id {@code p1} into {@code ext.p1}.
 *
 * <p>Two {@linkplain Mode modes}: {@link Mode#STRICT} (the default) and
 * {@link Mode#UPSTREAM_COMPAT}, which reproduces upstream MPC's resolver including its defects
 * (see {@code docs/imports-and-overlays.md}). Neither mode throws for bad input: every problem is a
 * coded {@link Diagnostic} carrying the Import definition's source map; a failing
 * {@link ManifestSource} is reported, never propagated; an internal failure is {@code E_INTERNAL}
 * with no AST (fail closed). Limits bound the work: chain depth, distinct manifests, and the size
 * of the merged manifest ({@code E_QUOTA_EXCEEDED}).
 *
 * <p>The resolver never modifies its input; it returns new ASTs that share unchanged nodes.
 *
 * <p>Immutable and thread-safe: build once, share freely (the source must be thread-safe too).
 */
public final class ImportResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ImportResolver.class);

  /** How imports are resolved. */
  public enum Mode {
    /**
     * The default: real cycles only (on-stack DFS; diamonds are fine), transitive resolution with
     * composed aliases, each (manifest, prefix) merged once, registered version defaulting to the
     * manifest's {@code manifestVersion}, SemVer 2.0 / npm constraints, all errors reported, no AST
     * unless everything resolved.
     */
    STRICT,
    /**
     * Upstream MPC's behaviour byte for byte (pipeline spec §12): a shared visited set (diamonds
     * are reported as cycles), base named by its namespace, direct imports only, registered
     * version {@code 0.0.0} unless the source states one, upstream's {@code check_semver}; a
     * partially merged AST even when some imports failed. For conformance and migration only.
     */
    UPSTREAM_COMPAT
  }

  private final ManifestSource source;
  private final Mode mode;
  private final ManifestParser parser;
  private final int maxDepth;
  private final int maxManifests;
  private final int maxDefinitions;

  private ImportResolver(Builder b) {
    this.source = b.source;
    this.mode = b.mode;
    this.parser = b.parser;
    this.maxDepth = b.maxDepth;
    this.maxManifests = b.maxManifests;
    this.maxDefinitions = b.maxDefinitions;
  }

  /**
   * A new builder: strict mode, standard parser, default limits, no source yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A strict resolver with default limits reading from {@code source}.
   *
   * @param source the source
   * @return a strict resolver with default limits reading from {@code source}
   */
  public static ImportResolver of(ManifestSource source) {
    return builder().source(source).build();
  }

  /**
   * The mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The source importable manifests come from.
   *
   * @return the source importable manifests come from
   */
  public ManifestSource source() {
    return source;
  }

  /**
   * Resolves the imports of {@code base}. The base's registry name (used to detect an import
   * chain leading back to it, and as the first element of cycle paths) is its namespace, or
   * {@code <base>} when the namespace is empty; see {@link #resolve(String, ManifestAst)}.
   *
   * @param base the base
   * @return the import result
   */
  public ImportResult resolve(ManifestAst base) {
    Objects.requireNonNull(base, "base");
    return resolve(base.namespace().isEmpty() ? "<base>" : base.namespace(), base);
  }

  /**
   * Resolves the imports of {@code base}, registered as {@code baseName}. In
   * {@link Mode#UPSTREAM_COMPAT} mode the name is ignored and the base is named by its namespace,
   * as upstream does.
   *
   * @param baseName the base name
   * @param base the base
   * @return the import result
   */
  public ImportResult resolve(String baseName, ManifestAst base) {
    Objects.requireNonNull(baseName, "baseName");
    Objects.requireNonNull(base, "base");
    Loader loader = new Loader(source, parser, maxManifests);
    try {
      return switch (mode) {
        case STRICT -> new StrictResolution(loader, maxDepth, maxDefinitions).resolve(baseName, base);
        case UPSTREAM_COMPAT -> new UpstreamResolution(loader, maxDepth).resolve(base);
      };
    } catch (Loader.TooManyManifests e) {
      return new ImportResult(Optional.empty(), List.of(), List.of(Diagnostic.of(Code.E_QUOTA_EXCEEDED,
          "More than " + maxManifests + " distinct imported manifests (ImportResolver maxManifests)")));
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("internal error while resolving imports", e);
      return new ImportResult(Optional.empty(), List.of(), List.of(Diagnostic.of(Code.E_INTERNAL,
          "Internal error while resolving imports: " + e.getClass().getSimpleName())));
    }
  }

  @Override
  public String toString() {
    return "ImportResolver[mode=" + mode + ", source=" + source + ", maxDepth=" + maxDepth
        + ", maxManifests=" + maxManifests + ", maxDefinitions=" + maxDefinitions + "]";
  }

  /**
   * Builds an {@link ImportResolver}. Each setter validates its argument at once. Not thread-safe;
   * confine to one thread, then call {@link #build()}.
   */
  public static final class Builder {
    /** Default {@link #maxDepth}. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Default {@link #maxManifests}. */
    public static final int DEFAULT_MAX_MANIFESTS = 1_000;
    /** Default {@link #maxDefinitions}. */
    public static final int DEFAULT_MAX_DEFINITIONS = 100_000;

    private ManifestSource source;
    private Mode mode = Mode.STRICT;
    private ManifestParser parser = ManifestParser.standard();
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxManifests = DEFAULT_MAX_MANIFESTS;
    private int maxDefinitions = DEFAULT_MAX_DEFINITIONS;

    private Builder() {}

    /**
     * Where importable manifests come from (required).
     *
     * @param source the source
     * @return where importable manifests come from (required)
     */
    public Builder source(ManifestSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The resolution mode (default {@link Mode#STRICT}).
     *
     * @param mode the mode
     * @return the resolution mode (default {@link Mode#STRICT})
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The parser for text entries and its limits (default {@link ManifestParser#standard()}).
     *
     * @param parser the parser
     * @return the parser for text entries and its limits (default {@link ManifestParser#standard()})
     */
    public Builder parser(ManifestParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /**
     * The longest import chain, base included (default 64).
     *
     * @param maxDepth the max depth
     * @return the longest import chain, base included (default 64)
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDepth(int maxDepth) {
      this.maxDepth = positive("maxDepth", maxDepth);
      return this;
    }

    /**
     * The most distinct manifests one resolution may load (default 1,000).
     *
     * @param maxManifests the max manifests
     * @return the most distinct manifests one resolution may load (default 1,000)
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxManifests(int maxManifests) {
      this.maxManifests = positive("maxManifests", maxManifests);
      return this;
    }

    /**
     * The most definitions the merged manifest may hold, and the most (manifest, alias prefix)
     * inclusions (default 100,000); aliases can otherwise make the result grow exponentially.
     *
     * @param maxDefinitions the max definitions
     * @return the most definitions the merged manifest may hold, and the most (manifest, alias prefix) inclusions
     *     (default 100,000)
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDefinitions(int maxDefinitions) {
      this.maxDefinitions = positive("maxDefinitions", maxDefinitions);
      return this;
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    /**
     * The resolver.
     *
     * @return the resolver
     * @throws IllegalStateException if no {@link #source} was set
     */
    public ImportResolver build() {
      if (source == null) {
        throw new IllegalStateException("ImportResolver needs a ManifestSource: call source(...) "
            + "(ManifestSource.empty() if the manifests have no imports)");
      }
      return new ImportResolver(this);
    }
  }
}
