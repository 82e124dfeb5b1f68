package dev.mpc.bench.rbac;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import dev.mpc.preset.PresetLimits;
import java.time.Instant;
import java.util.List;

/**
 * The MPC side of the RBAC decision benchmarks: {@link RbacScenario} rendered into an MPC manifest
 * (one {@code def Role} per declared role with its {@code inherits}, one {@code def ACL} per allow
 * rule), compiled once with {@link RegistryCompiler} into an {@link Artifact}, evaluated by an
 * {@link MpcEngine} with the hierarchy taken from the manifest. A request is the event
 * {@code <resource>.<action>} (kind {@code custom}) by a user holding the actor's direct roles, on
 * an object of type {@code resource}.
 */
public final class MpcPeer {
  /** Trace level NONE, no correlation id: the fastest evaluation. */
  public static final EvaluationOptions NONE = EvaluationOptions.of(TraceLevel.NONE);

  private MpcPeer() {}

  /** The scenario as MPC DSL text. */
  public static String manifest(RbacScenario s) {
    StringBuilder b = new StringBuilder(64 * (s.rules().size() + s.roles().size()) + 128);
    b.append("@schema 1\n@namespace \"bench.rbac\"\n@name \"").append(s.name()).append("\"\n@version \"1.0.0\"\n\n");
    for (String role : s.roles()) {
      b.append("def Role ").append(role).append(" { inherits: [");
      List<String> parents = s.inherits().getOrDefault(role, List.of());
      for (int i = 0; i < parents.size(); i++) {
        b.append(i == 0 ? "" : ", ").append('"').append(parents.get(i)).append('"');
      }
      b.append("] }\n");
    }
    int n = 0;
    for (RbacScenario.Rule r : s.rules()) {
      b.append("def ACL r").append(n++).append(" { action: \"").append(r.action()).append("\", resource: \"")
          .append(r.resource()).append("\", roles: [\"").append(r.role()).append("\"], effect: \"allow\" }\n");
    }
    return b.toString();
  }

  /** The DomainMeta of the benchmark manifests: Policy, ACL and Role kinds, and {@code len}. */
  public static final String META = """
      schema_version: 1
      kinds:
        - { name: Policy, required_props: [effect] }
        - { name: ACL, required_props: [action, resource] }
        - { name: Role }
      allowed_functions:
        - { name: len, args: ["string|array"], returns: int, cost: 2 }
      """;

  private static final DomainMeta DOMAIN = DomainMetaLoader.fromText(META).orElseThrow();

  /**
   * Parses and compiles {@code manifest} (compiler caches off, so every call does the full work).
   * The node limits of parser and preset are raised to 40,000 definitions (the default is 10,000;
   * the scenarios have up to 21,000).
   */
  public static Artifact compile(String manifest) {
    Result<Artifact> r = PARSER.parseText(manifest).flatMap(compiler()::compile);
    if (!(r instanceof Result.Ok<Artifact> ok)) {
      throw new IllegalStateException("the manifest does not compile: " + r.diagnostics());
    }
    return ok.get();
  }

  /** Up to this many definitions per manifest. */
  static final int MAX_DEFINITIONS = 40_000;

  private static final ManifestParser PARSER =
      ManifestParser.withLimits(ParseLimits.defaults().withMaxManifestNodes(MAX_DEFINITIONS));

  private static final Preset PRESET = roomyPreset();

  /** The standard preset with room for {@link #MAX_DEFINITIONS} definitions. */
  public static Preset preset() {
    return PRESET;
  }

  private static Preset roomyPreset() {
    Preset p = Preset.standard("preset-generic-full");
    PresetLimits l = p.limits();
    return new Preset(p.name(), p.presetVersion(), p.metaSchemaVersion(), new PresetLimits(
        Math.max(MAX_DEFINITIONS, l.maxManifestNodes()), l.maxExprSteps(), l.maxExprDepth(), l.maxEvalTimeMs(),
        l.maxRegexOps()), p.defaultFunctions(), p.featureFlags(), p.composeStrategy());
  }

  private static RegistryCompiler compiler() {
    return RegistryCompiler.builder().meta(DOMAIN).preset(preset()).cacheMaximumWeight(0)
        .identityCacheDefinitions(0).build();
  }

  /** A fresh engine with the defaults (its compiled-form cache empty). */
  public static MpcEngine engine() {
    return MpcEngine.builder().preset(preset()).build().orElseThrow();
  }

  /** The event of {@code request} in {@code s} (an unknown actor has no roles). */
  public static EventEnvelope event(RbacScenario s, RbacScenario.Request request) {
    RbacScenario.Actor a = s.actors().get(request.actorId());
    List<String> roles = a == null ? List.of() : a.roles();
    return EventEnvelope.of(request.resource() + "." + request.action(), EventKind.CUSTOM, Instant.EPOCH,
        Actor.user(request.actorId(), roles.toArray(String[]::new)), ObjectRef.of(request.resource(), "x"));
  }

  /** Whether the engine allows {@code event} (trace NONE). */
  public static boolean decide(MpcEngine engine, Artifact artifact, EventEnvelope event) {
    Decision d = engine.evaluate(artifact, event, NONE);
    return d.allow();
  }
}
