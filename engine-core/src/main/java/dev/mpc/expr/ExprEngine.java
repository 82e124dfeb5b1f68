package dev.mpc.expr;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.internal.Builtins;
import dev.mpc.expr.internal.Compiler;
import dev.mpc.expr.internal.Regexes;
import dev.mpc.json.JsonValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The expression engine: DomainMeta function declarations, host function implementations, feature
 * flags and the clock, checked against each other once when the engine is built. It compiles IR
 * trees into {@link CompiledExpression}s. The textual syntax is compiled by
 * {@code dev.mpc.dsl.expr.Expressions} in {@code engine-dsl}; this class needs only the IR.
 *
 * <pre>{@code
 * ExprEngine engine = ExprEngine.builder()
 *     .declarations(domainMetaFunctions)
 *     .functions(hostFunctions)
 *     .clock(clock)
 *     .build().orElseThrow();
 * CompiledExpression e = engine.compile(ir, typeEnv, limits).orElseThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class ExprEngine {
  private static final ExprEngine STANDARD = builder().build().orElseThrow();

  private final Map<String, FunctionDecl> declared;
  private final FunctionRegistry registry;
  private final Features features;
  private final Clock clock;
  private final Regexes regexes = new Regexes();
  private final Compiler.Config config;

  private ExprEngine(Map<String, FunctionDecl> declared, FunctionRegistry registry, Features features, Clock clock) {
    this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    this.registry = registry;
    this.features = features;
    this.clock = clock;
    this.config = new Compiler.Config(this.declared, registry, features, regexes);
  }

  /** Built-ins only, default features, the system UTC clock for {@code now()}. */
  public static ExprEngine standard() {
    return STANDARD;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Compiles a tree without source positions. */
  public Result<CompiledExpression> compile(Expr ir, TypeEnv env, Limits limits) {
    return compile(ParsedExpr.of(ir), env, limits);
  }

  /** Checks and compiles a tree; errors carry the tree's source positions. */
  public Result<CompiledExpression> compile(ParsedExpr source, TypeEnv env, Limits limits) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(limits, "limits");
    Result<Compiler.Output> out = Compiler.compile(source, env, limits, config, false);
    if (!(out instanceof Result.Ok<Compiler.Output> ok)) {
      return Result.failed(out.diagnostics());
    }
    return Result.ok(new CompiledExpression(this, source, env, limits, ok.get().root(), ok.get().type()));
  }

  /** Decodes JSON IR (see {@link ExprJson}) and compiles it. */
  public Result<CompiledExpression> compileJson(JsonValue ir, TypeEnv env, Limits limits) {
    return ExprJson.decode(ir, limits.parseNestingCap()).flatMap(e -> compile(e, env, limits));
  }

  /** The declared functions, by name. */
  public Map<String, FunctionDecl> declarations() {
    return declared;
  }

  /** The host functions. */
  public FunctionRegistry functions() {
    return registry;
  }

  /** The feature flags. */
  public Features features() {
    return features;
  }

  /** The clock {@code now()} reads. */
  public Clock clock() {
    return clock;
  }

  /** The names of the built-in functions, in documentation order. */
  public static List<String> builtinNames() {
    return List.copyOf(Builtins.all().keySet());
  }

  Regexes regexes() {
    return regexes;
  }

  Compiler.Config config() {
    return config;
  }

  /** Builds an {@link ExprEngine}. Not thread-safe. */
  public static final class Builder {
    private final List<FunctionDecl> declarations = new ArrayList<>();
    private FunctionRegistry registry = FunctionRegistry.empty();
    private Features features = Features.defaults();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds DomainMeta function declarations (the first declaration of a name wins). */
    public Builder declarations(List<FunctionDecl> decls) {
      declarations.addAll(decls);
      return this;
    }

    /** Sets the host function implementations. */
    public Builder functions(FunctionRegistry functions) {
      this.registry = Objects.requireNonNull(functions, "functions");
      return this;
    }

    /** Sets the feature flags. */
    public Builder features(Features features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /** Sets the clock {@code now()} reads (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the engine, matching declarations to implementations: a declared function that is
     * neither built in nor registered fails with {@code E_EXPR_UNKNOWN_FUNCTION}; a registered
     * implementation whose parameter or return types differ from the declaration fails with
     * {@code E_EXPR_TYPE_MISMATCH}.
     */
    public Result<ExprEngine> build() {
      Map<String, FunctionDecl> byName = new LinkedHashMap<>();
      List<Diagnostic> errors = new ArrayList<>();
      for (FunctionDecl d : declarations) {
        if (byName.putIfAbsent(d.name(), d) != null) {
          continue;
        }
        FunctionRegistry.Entry impl = registry.get(d.name()).orElse(null);
        if (impl != null) {
          FunctionDecl sig = impl.signature();
          if (!sig.params().equals(d.params()) || !sig.returns().equals(d.returns())) {
            errors.add(Diagnostic.of(Code.E_EXPR_TYPE_MISMATCH, "Function '" + d.name() + "' is declared as "
                + d + " but its implementation is " + sig));
          }
        } else if (Builtins.get(d.name()) == null) {
          errors.add(Diagnostic.of(Code.E_EXPR_UNKNOWN_FUNCTION, "Function '" + d.name()
              + "' is declared in DomainMeta but has no implementation"));
        }
      }
      if (!errors.isEmpty()) {
        return Result.failed(errors);
      }
      return Result.ok(new ExprEngine(byName, registry, features, clock));
    }
  }
}
