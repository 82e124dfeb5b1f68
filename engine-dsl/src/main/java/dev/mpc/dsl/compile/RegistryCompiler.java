package dev.mpc.dsl.compile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mpc.MpcVersion;
import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.ManifestIdentity;
import dev.mpc.artifact.MetaIdentity;
import dev.mpc.artifact.Provenance;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiles manifests into {@link Artifact}s: checks the preset's node quota, validates the AST
 * against the DomainMeta (structural and semantic; any error fails the compilation with every
 * diagnostic, warnings ride along on success), then builds the indexed, hash-identified artifact.
 * The same manifest, meta and engine version always give the same artifact bytes and hash.
 *
 * <p>Results are cached in two tiers: by AST object identity (the AST weakly held; bounded by the
 * definitions retained), and by content: the artifact hash (astHash + metaHash + engine version) of
 * compilations without diagnostics, bounded by weight (canonical JSON size). An equal manifest
 * parsed again therefore skips validation and indexing; it still pays for hashing its AST.
 * {@link #cacheStats()} exposes the counters.
 *
 * <p>Immutable configuration, thread-safe: share one compiler per (meta, preset, engine version).
 */
public final class RegistryCompiler {
  /**
   * Default bound of the identity tier, in definitions (all remembered manifests' definitions
   * together). Small on purpose: it serves recompiling the very same parsed manifest, and every
   * entry keeps an artifact reachable, which young garbage collections then copy again and again.
   */
  public static final long DEFAULT_IDENTITY_DEFINITIONS = 2_000;

  /** Default weight bound of the content tier: 64 Mi chars of canonical artifact JSON. */
  public static final long DEFAULT_CACHE_WEIGHT = 64L * 1024 * 1024;

  private final DomainMeta meta;
  private final Preset preset;
  private final String engineVersion;
  private final MetaIdentity metaIdentity;
  private final Validator validator;
  private final Cache<IdentityKey, Result<Artifact>> byIdentity;
  private final Cache<String, Artifact> byContent;
  private final LongAdder identityHits = new LongAdder();
  private final LongAdder contentHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final boolean contentTier;

  private RegistryCompiler(Builder b) {
    this.meta = b.meta;
    this.preset = b.preset;
    this.engineVersion = b.engineVersion;
    this.metaIdentity = MetaIdentity.of(b.meta);
    this.contentTier = b.cacheWeight > 0;
    this.validator = Validator.builder().meta(b.meta).preset(b.preset).typeEnv(b.typeEnv).build();
    // Maintenance runs on the calling thread: an embedded engine schedules nothing on shared pools,
    // and the counters are exact when read.
    // A tier bounded to zero is not built at all: a one-shot compiler (a CLI run, a test) skips
    // Caffeine's start-up (its System.Logger and generated cache classes, ~10 ms on first use).
    this.byIdentity = b.identityDefinitions == 0 ? null : Caffeine.newBuilder().executor(Runnable::run)
        .maximumWeight(b.identityDefinitions).weigher((IdentityKey k, Result<Artifact> v) -> k.weight).build();
    this.byContent = !contentTier ? null : Caffeine.newBuilder().executor(Runnable::run).maximumWeight(b.cacheWeight)
        .weigher((String k, Artifact a) -> Math.max(1, a.toCanonicalJson().length())).recordStats().build();
  }

  /**
   * A builder. Not thread-safe; confine to one thread, then call {@code build()}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The DomainMeta manifests are compiled against.
   *
   * @return the DomainMeta manifests are compiled against
   */
  public DomainMeta meta() {
    return meta;
  }

  /**
   * The engine version recorded in every artifact.
   *
   * @return the engine version recorded in every artifact
   */
  public String engineVersion() {
    return engineVersion;
  }

  /**
   * Compiles {@code ast}. Failure diagnostics: {@code E_QUOTA_EXCEEDED} (more definitions than the
   * preset's {@code maxManifestNodes}) or the validator's errors, each with its source position.
   *
   * @param ast the ast
   * @return the result
   */
  public Result<Artifact> compile(ManifestAst ast) {
    Objects.requireNonNull(ast, "ast");
    if (byIdentity == null) {
      return compileUncached(ast, ast.nodeCount());
    }
    Result<Artifact> same = byIdentity.getIfPresent(IdentityKey.probe(ast));
    if (same != null) {
      identityHits.increment();
      return same;
    }
    int nodes = ast.nodeCount();
    Result<Artifact> result = compileUncached(ast, nodes);
    if (result.isOk()) {
      byIdentity.put(IdentityKey.of(ast, nodes), result);
    }
    return result;
  }

  private Result<Artifact> compileUncached(ManifestAst ast, int nodes) {
    if (nodes > preset.limits().maxManifestNodes()) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "manifest has " + nodes + " definitions, more than "
          + preset.limits().maxManifestNodes() + " (raise maxManifestNodes of preset '" + preset.name() + "')"));
    }
    ManifestIdentity identity = ManifestIdentity.of(ast);
    String key = contentTier ? Provenance.artifactHash(identity.astHash(), metaIdentity.hash(), engineVersion) : null;
    Artifact cached = key != null ? byContent.getIfPresent(key) : null;
    if (cached != null) {
      contentHits.increment();
      return Result.ok(cached);
    }
    misses.increment();
    // the validator parses every expression site to type-check it: its IR is kept (by the site's
    // value, which the identity manifest shares) so lowering parses nothing again
    Map<JsonValue, Expr> parsed = new java.util.IdentityHashMap<>();
    Result<ManifestAst> checked = validator.check(ast, (site, ir) -> {
      if (site instanceof JsonString) {
        parsed.put(site, ir);
      }
    });
    if (!checked.isOk()) {
      return Result.failed(checked.diagnostics());
    }
    Result<Map<String, Map<String, Expr>>> lowered = lower(identity.manifest(), parsed);
    if (!lowered.isOk()) {
      return Result.failed(lowered.diagnostics());
    }
    Artifact artifact = Artifact.of(identity, metaIdentity, engineVersion, lowered.orElseThrow());
    if (key != null && checked.diagnostics().isEmpty()) {
      byContent.put(key, artifact);
    }
    return Result.ok(artifact, checked.diagnostics());
  }

  /**
   * Lowers every expression site of the top-level definitions (the validator's enumeration: Policy
   * {@code match/expr} and {@code condition}, ACL {@code condition/expr}, Workflow guards and
   * dynamic targets) to expression IR: text is parsed, a map is JSON IR, any other value a literal.
   * The runtime evaluates the IR without a parser. Validation has already checked every site, so a
   * failure here is reported as the parser reports it.
   */
  private Result<Map<String, Map<String, Expr>>> lower(ManifestAst ast, Map<JsonValue, Expr> parsed) {
    Map<String, Map<String, Expr>> out = new LinkedHashMap<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (AstNode d : ast.defs()) {
      lower(d, d.kind() + ":" + d.id(), "/defs/" + d.kind() + ":" + d.id(), out, errors, parsed);
    }
    return errors.isEmpty() ? Result.ok(out) : Result.failed(errors);
  }

  /** The sites of {@code d} under {@code ref}, then those of its nested FieldDefs (a form's fields) under child refs. */
  private void lower(AstNode d, String ref, String path, Map<String, Map<String, Expr>> out, List<Diagnostic> errors,
      Map<JsonValue, Expr> parsed) {
    Map<String, Expr> sites = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> site : Validator.expressionSitesOf(d).entrySet()) {
      JsonValue v = site.getValue();
      Expr known = parsed.get(v);
      Result<Expr> ir = known != null ? Result.ok(known)
          : v instanceof JsonString s ? Expressions.parse(s.value(), preset.exprLimits()).map(ParsedExpr::ir)
          : ExprJson.decode(v);
      if (ir instanceof Result.Ok<Expr> ok) {
        sites.put(site.getKey(), ok.get());
      } else {
        ir.diagnostics().forEach(x -> errors.add(x.withPath(path + "/properties/" + site.getKey())));
      }
    }
    if (!sites.isEmpty()) {
      out.putIfAbsent(ref, sites);
    }
    for (int i = 0; i < d.children().size(); i++) {
      AstNode c = d.children().get(i);
      if (c.kind().equals("FieldDef")) {
        lower(c, Artifact.childRef(ref, c.kind(), c.id()), path + "/children/" + i, out, errors, parsed);
      }
    }
  }

  /**
   * The identity tier's key: the AST by identity, held weakly (an unreachable AST never matches
   * again and its entry is evicted by the weight bound). Identity hashing matters: Caffeine's
   * frequency sketch hashes keys on every insertion and eviction, and a record's own hash code
   * would walk the whole manifest. Lookup probes hold the AST strongly, so they allocate no
   * reference.
   */
  private static final class IdentityKey {
    private final java.lang.ref.WeakReference<ManifestAst> weak;
    private final ManifestAst strong;
    private final int hash;
    final int weight;

    private IdentityKey(ManifestAst ast, boolean probe, int weight) {
      this.weak = probe ? null : new java.lang.ref.WeakReference<>(ast);
      this.strong = probe ? ast : null;
      this.hash = System.identityHashCode(ast);
      this.weight = weight;
    }

    /** The stored key of {@code ast}, weighing its {@code nodes} definitions. */
    static IdentityKey of(ManifestAst ast, int nodes) {
      return new IdentityKey(ast, false, Math.max(1, nodes));
    }

    static IdentityKey probe(ManifestAst ast) {
      return new IdentityKey(ast, true, 0);
    }

    private ManifestAst get() {
      return strong != null ? strong : weak.get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof IdentityKey k) || k.hash != hash) {
        return false;
      }
      ManifestAst mine = get();
      return mine != null && mine == k.get();
    }
  }

  /**
   * The cache counters.
   *
   * @return the cache counters
   */
  public CompileCacheStats cacheStats() {
    if (byContent == null) {
      return new CompileCacheStats(identityHits.sum(), contentHits.sum(), misses.sum(), 0, 0, 0);
    }
    byContent.cleanUp();
    return new CompileCacheStats(identityHits.sum(), contentHits.sum(), misses.sum(),
        byContent.stats().evictionCount(), byContent.estimatedSize(),
        byContent.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L));
  }

  /** Builds a {@link RegistryCompiler}. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private DomainMeta meta;
    private Preset preset = Preset.standard("preset-generic-full");
    private String engineVersion = MpcVersion.compatibility();
    private TypeEnv typeEnv = TypeEnv.empty();
    private long cacheWeight = DEFAULT_CACHE_WEIGHT;
    private long identityDefinitions = DEFAULT_IDENTITY_DEFINITIONS;
    private boolean warmUp = true;

    private Builder() {}

    /**
     * The DomainMeta (required).
     *
     * @param meta the meta
     * @return the DomainMeta (required)
     * @throws IllegalArgumentException listing every problem if it is inconsistent
     */
    public Builder meta(DomainMeta meta) {
      this.meta = meta.requireConsistent();
      return this;
    }

    /**
     * The preset (default {@code preset-generic-full}): node quota, expression limits and flags.
     *
     * @param preset the preset
     * @return the preset (default {@code preset-generic-full})
     */
    public Builder preset(Preset preset) {
      this.preset = Objects.requireNonNull(preset, "preset");
      return this;
    }

    /**
     * The engine version recorded in artifacts and covered by their hash (default
     * {@link MpcVersion#compatibility()}, the declared compatibility version, never the Maven
     * build version). Set another only to reproduce artifacts of another engine version.
     *
     * @param engineVersion the engine version
     * @return the engine version recorded in artifacts and covered by their hash (default {@link
     *     MpcVersion#compatibility()}, the declared compatibility version, never the Maven build version)
     */
    public Builder engineVersion(String engineVersion) {
      if (engineVersion == null || engineVersion.isBlank()) {
        throw new IllegalArgumentException("engineVersion must not be blank");
      }
      this.engineVersion = engineVersion;
      return this;
    }

    /**
     * Variable types for expression checks (default: none declared, all {@code any}).
     *
     * @param env the env
     * @return the builder
     */
    public Builder typeEnv(TypeEnv env) {
      this.typeEnv = Objects.requireNonNull(env, "typeEnv");
      return this;
    }

    /**
     * The weight bound of the content tier, in chars of canonical artifact JSON (0 disables it).
     *
     * @param weight the weight
     * @return the weight bound of the content tier, in chars of canonical artifact JSON (0 disables it)
     * @throws IllegalArgumentException if negative
     */
    public Builder cacheMaximumWeight(long weight) {
      if (weight < 0) {
        throw new IllegalArgumentException("cacheMaximumWeight must be >= 0, got " + weight);
      }
      this.cacheWeight = weight;
      return this;
    }

    /**
     * The bound of the identity tier, in definitions of all remembered manifests together (default
     * {@value RegistryCompiler#DEFAULT_IDENTITY_DEFINITIONS}; 0 disables it).
     *
     * @param definitions the definitions
     * @return the bound of the identity tier, in definitions of all remembered manifests together (default {@value
     *     RegistryCompiler#DEFAULT_IDENTITY_DEFINITIONS}
     * @throws IllegalArgumentException if negative
     */
    public Builder identityCacheDefinitions(long definitions) {
      if (definitions < 0) {
        throw new IllegalArgumentException("identityCacheDefinitions must be >= 0, got " + definitions);
      }
      this.identityDefinitions = definitions;
      return this;
    }

    /**
     * Whether building this compiler first warms the compile pipeline up, once per JVM (default
     * true): a built-in sample manifest is parsed (DSL, YAML, JSON) and compiled, so the class
     * loading, static initialisation and grammar caches of a fresh JVM are paid here, at start-up,
     * and not by the first manifest a host compiles (BENCHMARKS.md "First compile": the first
     * compile falls from about 90 ms to a few ms). It costs about that much once, on the first
     * build; later builds skip it. Turn it off for a one-shot process that compiles once anyway
     * (a command line run), where it would only add its own sample's time.
     *
     * @param warmUp whether to warm up
     * @return the builder
     */
    public Builder warmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /**
     * The compiler.
     *
     * @return the compiler
     * @throws IllegalStateException if no meta was given
     * @throws IllegalArgumentException if the preset's expression limits are beyond the expression
     *     language's caps (they are never silently clamped; see {@code Validator.Builder#preset})
     */
    public RegistryCompiler build() {
      if (meta == null) {
        throw new IllegalStateException("RegistryCompiler needs a DomainMeta: call meta(...) before build()");
      }
      RegistryCompiler compiler = new RegistryCompiler(this);
      if (warmUp) {
        WarmUp.once();
      }
      return compiler;
    }
  }
}
