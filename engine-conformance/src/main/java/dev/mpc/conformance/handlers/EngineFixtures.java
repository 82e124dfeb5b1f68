package dev.mpc.conformance.handlers;

import dev.mpc.artifact.Artifact;
import dev.mpc.artifact.ManifestIdentity;
import dev.mpc.artifact.MetaIdentity;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.engine.TraceLevel;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.HostFunctionException;
import dev.mpc.expr.Limits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared by the {@code policy}, {@code acl} and {@code evaluate_integration} handlers: artifacts
 * from fixture definitions, and the strict (own-fixture) evaluation through {@link MpcEngine}.
 */
final class EngineFixtures {
  private EngineFixtures() {}

  /** The engine version fixture artifacts are built with. */
  static final String ENGINE_VERSION = dev.mpc.MpcVersion.compatibility();

  /**
   * An artifact of {@code defs}, with every expression site lowered exactly as the compiler lowers
   * it (the validator's site enumeration; text parsed, maps JSON IR) but not validated, so
   * definitions the validator would reject reach the engine and exercise its fail-closed paths.
   */
  static Artifact artifact(List<AstNode> defs, DomainMeta meta, Limits limits) {
    Map<String, Map<String, Expr>> lowered = new LinkedHashMap<>();
    for (AstNode d : defs) {
      Map<String, Expr> sites = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> site : Validator.expressionSitesOf(d).entrySet()) {
        JsonValue v = site.getValue();
        Result<Expr> ir = v instanceof JsonString s ? Expressions.parse(s.value(), limits).map(p -> p.ir())
            : ExprJson.decode(v);
        if (ir.isOk()) {
          sites.put(site.getKey(), ir.orElseThrow());
        }
      }
      if (!sites.isEmpty()) {
        lowered.putIfAbsent(d.kind() + ":" + d.id(), sites);
      }
    }
    return Artifact.of(ManifestIdentity.of(ManifestAst.of(defs)), MetaIdentity.of(meta), ENGINE_VERSION, lowered);
  }

  /** A definition node from a fixture object ({@code kind}, {@code id}, optional {@code name}, the rest properties). */
  static AstNode node(JsonObject o) {
    String kind = o.getOrNull("kind") instanceof JsonString k ? k.value() : "";
    String id = o.getOrNull("id") instanceof JsonString i ? i.value() : "";
    String name = o.getOrNull("name") instanceof JsonString n ? n.value() : null;
    JsonObject.Builder props = JsonObject.builder();
    o.members().forEach((k, v) -> {
      if (!AstNode.RESERVED_KEYS.contains(k)) {
        props.put(k, v);
      }
    });
    return AstNode.of(kind, id, name, props.build(), List.of());
  }

  /**
   * The strict run (MPC for the JVM's own fixtures): {@code definitions} (definition objects,
   * expressions as text or JSON IR), optional {@code meta} (DomainMeta), {@code event} (an
   * EventEnvelope, read strictly), optional {@code strategy}, {@code trace}
   * ({@code NONE|DECISION|FULL}), {@code correlationId}, {@code roleHierarchy},
   * {@code limits} (preset limit overrides) and {@code hostFunctions} (each a declaration plus
   * {@code value} to return or {@code fail} to throw {@link HostFunctionException}, or
   * {@code crash} to throw an unexpected exception). Output: the Decision's JSON form, or
   * {@code {"errors": [...]}} when the engine cannot be built.
   */
  static JsonValue strict(FixtureContext context, JsonObject input) {
    Result<Preset> preset = Preset.fromJson(withLimits(context.preset(), input.getOrNull("limits")));
    if (!preset.isOk()) {
      return Outputs.errors(preset.diagnostics());
    }
    Result<DomainMeta> meta = input.has("meta") ? DomainMeta.fromJson(input.getOrNull("meta")) : Result.ok(DomainMeta.EMPTY);
    if (!meta.isOk()) {
      return Outputs.errors(meta.diagnostics());
    }
    List<AstNode> defs = new ArrayList<>();
    if (input.getOrNull("definitions") instanceof JsonArray arr) {
      for (JsonValue v : arr.items()) {
        if (v instanceof JsonObject o) {
          defs.add(node(o));
        }
      }
    }
    Artifact artifact = artifact(defs, meta.orElseThrow(), preset.orElseThrow().exprLimits());
    MpcEngine.Builder b = MpcEngine.builder().preset(preset.orElseThrow()).clock(context.clock());
    if (input.getOrNull("strategy") instanceof JsonString s) {
      b.strategy(s.value());
    }
    if (input.getOrNull("roleHierarchy") instanceof JsonObject h) {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      h.members().forEach((k, v) -> m.put(k, strings(v)));
      b.roleHierarchy(m);
    }
    if (input.getOrNull("hostFunctions") instanceof JsonArray fs) {
      FunctionRegistry.Builder registry = FunctionRegistry.builder();
      for (JsonValue f : fs.items()) {
        Result<FunctionDecl> decl = FunctionDecl.fromJson(f);
        if (!decl.isOk()) {
          return Outputs.errors(decl.diagnostics());
        }
        JsonObject o = (JsonObject) f;
        registry.function(decl.orElseThrow(), args -> {
          if (o.getOrNull("fail") instanceof JsonString m) {
            throw new HostFunctionException(m.value());
          }
          if (o.getOrNull("crash") instanceof JsonString m) {
            throw new IllegalStateException(m.value());
          }
          return o.getOrNull("value");
        });
      }
      b.functions(registry.build());
    }
    Result<MpcEngine> engine = b.build();
    if (!engine.isOk()) {
      return Outputs.errors(engine.diagnostics());
    }
    Result<EventEnvelope> event = ContractJson.readEvent(input.get("event").orElse(JsonObject.EMPTY),
        ContractJson.Strictness.STRICT);
    if (!event.isOk()) {
      return Outputs.errors(event.diagnostics());
    }
    TraceLevel level = TraceLevel.NONE;
    if (input.getOrNull("trace") instanceof JsonString t) {
      try {
        level = TraceLevel.valueOf(t.value());
      } catch (IllegalArgumentException e) {
        return Outputs.errors(List.of(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "trace must be NONE, DECISION or FULL")));
      }
    }
    EvaluationOptions options = EvaluationOptions.of(level);
    if (input.getOrNull("correlationId") instanceof JsonString c) {
      options = options.withCorrelationId(c.value());
    }
    Decision d = engine.orElseThrow().evaluate(artifact, event.orElseThrow(), options);
    return ContractJson.toJson(d);
  }

  static JsonObject withLimits(JsonObject preset, JsonValue limits) {
    if (!(limits instanceof JsonObject l)) {
      return preset;
    }
    Map<String, JsonValue> merged = new LinkedHashMap<>();
    if (preset.getOrNull("defaultLimits") instanceof JsonObject d) {
      merged.putAll(d.members());
    }
    merged.putAll(l.members());
    Map<String, JsonValue> p = new LinkedHashMap<>(preset.members());
    p.put("defaultLimits", JsonObject.of(merged));
    return JsonObject.of(p);
  }

  /** The strings of a JSON array (other items and non-arrays ignored). */
  static Set<String> strings(JsonValue v) {
    Set<String> out = new LinkedHashSet<>();
    if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        if (x instanceof JsonString s) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  /** {@code {"code": c}} items of {@code reasons}, with upstream's codes for the engine's own. */
  static JsonArray upstreamCodes(List<dev.mpc.contract.Reason> reasons) {
    List<JsonValue> out = new ArrayList<>();
    for (dev.mpc.contract.Reason r : reasons) {
      String code = switch (r.code()) {
        case R_ACL_NO_MATCH -> "R_ACL_DENY_ROLE";
        case R_COMPOSE_CONFLICT -> "E_COMPOSE_CONFLICT";
        default -> r.code().code();
      };
      out.add(JsonObject.builder().put("code", code).build());
    }
    return JsonArray.of(out);
  }

  /** The {@code {"kind","target"}} form of intents. */
  static JsonArray upstreamIntents(List<dev.mpc.contract.Intent> intents) {
    return JsonArray.of(intents.stream().map(i -> (JsonValue) JsonObject.builder().put("kind", i.kind().wireName())
        .put("target", i.target().orElse("")).build()).toList());
  }

  /** The error output for a missing event. */
  static JsonObject missingEvent() {
    return Outputs.error("E_PARSE_SYNTAX", "Missing 'event' in input", "error");
  }
}
