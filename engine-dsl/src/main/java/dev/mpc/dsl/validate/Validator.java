package dev.mpc.dsl.validate;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.Severity;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.dsl.schema.DefinitionSchema;
import dev.mpc.dsl.schema.EngineSchemas;
import dev.mpc.dsl.schema.SchemaProblem;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Expr;
import dev.mpc.expr.EnvelopeTypes;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.Features;
import dev.mpc.expr.FunctionDecl;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.HostFunctionException;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.FunctionDef;
import dev.mpc.meta.KindDef;
import dev.mpc.meta.TypeNames;
import dev.mpc.preset.Preset;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a manifest against a {@link DomainMeta} (structural checks) and on its own (semantic
 * checks), reporting every problem in one pass as diagnostics sorted by source position (stable:
 * problems at the same position keep the order below). Each diagnostic has its code, the message
 * template of pipeline.md §10–11, an index path ({@code /defs/1/children/0/properties/expr}, with
 * the definition's kind and id in {@code details}) and the offending node's source map.
 *
 * <p><b>Structural</b> (only with a DomainMeta), every definition at any depth, parents before
 * children: unknown kind ({@code E_META_UNKNOWN_KIND}; its children are not checked), missing
 * required property ({@code E_META_MISSING_REQUIRED_FIELD}), value type not allowed for the kind or
 * by the global {@code allowedTypes} ({@code E_META_TYPE_NOT_ALLOWED}), a policy matching an event
 * that {@code allowedEvents} does not list ({@code E_META_EVENT_NOT_ALLOWED}), and functions:
 * every expression site the validator knows (Policy {@code match.expr} and {@code condition}, ACL
 * {@code condition.expr}, a Condition's {@code expr} at any depth, Workflow transition
 * {@code guard} and the {@code to} of a {@code dynamic} transition) is parsed and type-checked with
 * the expression checker against the built-ins and DomainMeta's functions under the preset's
 * feature flags ({@code E_EXPR_*}, {@code E_META_FUNCTION_NOT_ALLOWED}), whether or not the meta
 * declares functions; when it declares some, every other string property gets upstream's textual
 * check for {@code name(} calls to undeclared functions ({@code E_META_FUNCTION_NOT_ALLOWED}).
 *
 * <p><b>Semantic</b>, top-level definitions: duplicates ({@code E_VALID_DUPLICATE_DEF}), one id
 * used by several kinds ({@code E_VALID_NAMESPACE_CONFLICT}), transitions naming unknown states
 * ({@code E_VALID_UNRESOLVED_REF}), workflow structure ({@code E_VALID_INVALID_WORKFLOW},
 * {@code E_WF_NO_INITIAL}, {@code E_WF_UNKNOWN_STATE}; unreachable states, dead ends and states
 * that cannot reach a final state are warnings), cycles over {@code extends} and {@code imports}
 * ({@code E_VALID_CYCLE_DETECTED}), and references to definitions that do not exist
 * ({@code E_VALID_UNRESOLVED_REF}); and the type of every property these checks, the compiler or
 * the engines interpret ({@code E_META_TYPE_NOT_ALLOWED}, see {@code shapes}): a value of the
 * wrong type is reported, never silently skipped.
 *
 * <p><b>Engine schemas</b> (with or without a DomainMeta, every definition at any depth): Policy,
 * ACL, Workflow and Condition definitions are checked against their engine's built-in schema
 * ({@link EngineSchemas}: property names, types and allowed values, the intent taxonomy; an
 * unknown property is a warning, a near miss of an absent one an error), and every expression
 * site is compiled against the EventEnvelope's closed shape for that site ({@link EnvelopeTypes}
 * plus the host's {@code TypeEnv}): a path that cannot exist is an error, and a matcher, condition
 * or guard must be boolean-typed.
 *
 * <p>Every check is linear in the manifest and in the meta: kinds, events and functions are looked
 * up through indexes, and allowed-type lists are sets built once per validator.
 *
 * <p>Where upstream MPC is weak this validator does better (each listed in docs/validation.md):
 * severity {@code warn} instead of the schema-invalid {@code warning}; unreachable states by a real
 * search from the initial state instead of "not mentioned in any transition"; {@code finals}
 * accepted besides {@code final_states}; legal self-loops are not reported as cycles; unresolved
 * {@code extends}/{@code imports} targets are reported; types {@code number}, {@code date},
 * {@code any} and unions work; the global type list and allowed events are enforced.
 *
 * <p>Immutable and thread-safe.
 */
public final class Validator {

  private final Optional<DomainMeta> meta;
  private final ExprEngine exprEngine;
  private final Limits exprLimits;
  private final TypeEnv policyEnv;
  private final TypeEnv aclEnv;
  private final TypeEnv guardEnv;
  private final TypeEnv formEnv;
  /** Policy and ACL environments with the DomainMeta's attribute types, for sites about one object type. */
  private final AttributeEnvs attributeEnvs;
  private final boolean engineSchemas;
  private final boolean lint;
  /** DomainMeta's function names, computed once (not per validation). */
  private final Set<String> fnNames;
  /** The union members of the global allowed types and of each kind's, computed once. */
  private final TypeSet globalTypes;
  private final Map<String, TypeSet> kindTypes;

  private Validator(Builder b) {
    this.meta = Optional.ofNullable(b.meta);
    this.exprLimits = b.exprLimits;
    this.policyEnv = EnvelopeTypes.policy().with(b.typeEnv);
    this.aclEnv = EnvelopeTypes.acl().with(b.typeEnv);
    this.guardEnv = EnvelopeTypes.guard().with(b.typeEnv);
    this.formEnv = EnvelopeTypes.form().with(b.typeEnv);
    this.attributeEnvs = new AttributeEnvs(b.meta, b.typeEnv, b.exprLimits);
    this.engineSchemas = b.engineSchemas;
    this.lint = b.lint;
    this.exprEngine = checkingEngine(b.meta, b.features);
    Set<String> fns = new HashSet<>();
    Map<String, TypeSet> kt = new HashMap<>();
    TypeSet global = TypeSet.of(List.of());
    if (b.meta != null) {
      b.meta.allowedFunctions().forEach(f -> fns.add(f.name()));
      for (KindDef k : b.meta.kinds()) {
        kt.putIfAbsent(k.name(), TypeSet.of(k.allowedTypes()));
      }
      global = TypeSet.of(b.meta.allowedTypes());
    }
    this.fnNames = fns;
    this.kindTypes = kt;
    this.globalTypes = global;
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
   * A validator that runs only the semantic checks (no DomainMeta).
   *
   * @return a validator that runs only the semantic checks (no DomainMeta)
   */
  public static Validator semanticOnly() {
    return new Builder().build();
  }

  /**
   * The DomainMeta structural checks run against, if any.
   *
   * @return the DomainMeta structural checks run against, if any
   */
  public Optional<DomainMeta> meta() {
    return meta;
  }

  /**
   * Every problem, warnings included, sorted by position.
   *
   * @param ast the ast
   * @return every problem, warnings included, sorted by position
   */
  public List<Diagnostic> validate(ManifestAst ast) {
    return validate(ast, null);
  }

  private List<Diagnostic> validate(ManifestAst ast, java.util.function.BiConsumer<JsonValue, Expr> compiled) {
    List<Diagnostic> out = new ArrayList<>();
    meta.ifPresent(m -> structural(ast, m, out));
    semantic(ast, out, compiled);
    if (lint && out.stream().noneMatch(Diagnostic::isFailure)) {
      out.addAll(dev.mpc.dsl.lint.Linter.lint(ast, meta.orElse(DomainMeta.EMPTY)));
    }
    out.sort(BY_POSITION);
    return List.copyOf(out);
  }

  /**
   * The AST if nothing fails ({@code warn} diagnostics ride along), else the failing result with
   * every diagnostic.
   *
   * @param ast the ast
   * @return the AST if nothing fails ({@code warn} diagnostics ride along), else the failing result with every
   *     diagnostic
   */
  public Result<ManifestAst> check(ManifestAst ast) {
    return check(ast, null);
  }

  /**
   * As {@link #check(ManifestAst)}, telling {@code compiled} the expression IR of every expression
   * site that parsed and type-checked, with the site's value (the very {@code JsonValue} object of
   * the definition's properties): so a caller that lowers the same sites (the compiler) need not
   * parse them again.
   *
   * @param ast the ast
   * @param compiled told (site value, IR) for each site that compiled; may be null
   * @return as {@link #check(ManifestAst)}
   */
  public Result<ManifestAst> check(ManifestAst ast, java.util.function.BiConsumer<JsonValue, Expr> compiled) {
    List<Diagnostic> all = validate(ast, compiled);
    return all.stream().anyMatch(Diagnostic::isFailure) ? Result.failed(all) : Result.ok(ast, all);
  }

  private static final Comparator<Diagnostic> BY_POSITION = Diagnostic.byPosition(false);

  // ============================================================== structural

  private void structural(ManifestAst ast, DomainMeta m, List<Diagnostic> out) {
    for (int i = 0; i < ast.defs().size(); i++) {
      node(ast.defs().get(i), "/defs/" + i, m, out);
    }
  }

  private void node(AstNode n, String path, DomainMeta m, List<Diagnostic> out) {
    Optional<KindDef> kind = m.kind(n.kind());
    if (kind.isEmpty()) {
      // the message is upstream's, byte for byte; the suggestion rides in the details
      out.add(suggest(diag(Code.E_META_UNKNOWN_KIND, "Unknown kind '" + n.kind() + "' on def '" + n.id() + "'", n, path,
          null), n.kind(), m.kinds().stream().map(KindDef::name).toList()));
      return;
    }
    KindDef k = kind.get();
    for (String prop : k.requiredProps()) {
      if (!n.properties().has(prop)) {
        out.add(diag(Code.E_META_MISSING_REQUIRED_FIELD,
            "Kind '" + n.kind() + "' requires property '" + prop + "' on def '" + n.id() + "'", n, path + "/properties/" + prop, null));
      }
    }
    TypeSet kt = kindTypes.get(k.name());
    for (Map.Entry<String, JsonValue> e : n.properties().members().entrySet()) {
      String prop = e.getKey();
      JsonValue v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!kt.isEmpty() && !kt.allows(v)) {
        out.add(diag(Code.E_META_TYPE_NOT_ALLOWED, "Type '" + classify(v) + "' not allowed for kind '" + n.kind()
            + "' (allowed: " + PythonText.listRepr(sorted(k.allowedTypes())) + ")", n, path + "/properties/" + prop,
            prop));
      } else if (!globalTypes.isEmpty() && !globalTypes.allows(v)) {
        out.add(diag(Code.E_META_TYPE_NOT_ALLOWED, "Type '" + classify(v) + "' not allowed by DomainMeta (allowed: "
            + PythonText.listRepr(sorted(m.allowedTypes())) + ") for property '" + prop + "' on def '" + n.id() + "'",
            n, path + "/properties/" + prop, prop));
      }
    }
    events(n, path, m, out);
    expressions(n, path, m, out);
    for (int i = 0; i < n.children().size(); i++) {
      node(n.children().get(i), path + "/children/" + i, m, out);
    }
  }

  /** Policy {@code match.event} (a string or list of strings) must be an allowed event. */
  private static void events(AstNode n, String path, DomainMeta m, List<Diagnostic> out) {
    if (m.allowedEvents().isEmpty() || !n.kind().equals("Policy")
        || !(n.properties().getOrNull("match") instanceof JsonObject match)) {
      return;
    }
    JsonValue ev = match.getOrNull("event");
    List<JsonValue> events = ev instanceof JsonArray a ? a.items() : ev == null ? List.of() : List.of(ev);
    for (JsonValue e : events) {
      if (e instanceof JsonString s && !m.allowsEvent(s.value())) {
        out.add(suggest(diag(Code.E_META_EVENT_NOT_ALLOWED, "Event '" + s.value() + "' is not allowed (referenced in def '"
            + n.id() + "', property 'match'; allowed: " + PythonText.listRepr(m.allowedEvents()) + ")",
            n, path + "/properties/match/event", "match"), s.value(), m.allowedEvents()));
      }
    }
  }

  /** Upstream's textual check for calls to undeclared functions, outside the typed expression sites. */
  private void expressions(AstNode n, String path, DomainMeta m, List<Diagnostic> out) {
    Map<String, JsonValue> sites = expressionSites(n);
    if (m.allowedFunctions().isEmpty()) {
      return;
    }
    List<String> found = new ArrayList<>();
    Set<String> routes = routes(sites.keySet());
    for (Map.Entry<String, JsonValue> e : n.properties().members().entrySet()) {
      String prop = e.getKey();
      found.clear();
      scanCalls(e.getValue(), prop, sites.keySet(), routes, found);
      for (String fn : found) {
        if (!fnNames.contains(fn)) {
          out.add(suggest(diag(Code.E_META_FUNCTION_NOT_ALLOWED, "Function '" + fn + "' is not allowed (referenced in"
              + " def '" + n.id() + "', property '" + prop + "')", n, path + "/properties/" + prop, prop), fn, fnNames));
        }
      }
    }
  }

  /**
   * Compiles every expression site of {@code n} (any depth, with or without a DomainMeta) against
   * the built-ins, DomainMeta's functions, the preset's flags and limits, and the site's type
   * environment ({@link EnvelopeTypes}: a path that cannot exist is an error; a Policy or ACL site
   * about one object type sees the DomainMeta's attribute types for it, see {@link AttributeEnvs}),
   * and requires the site's result type: boolean (or {@code any}) for matchers, conditions and
   * guards (G-X7), string (or {@code any}) for a dynamic transition's {@code to}.
   */
  private void compileSites(AstNode n, String path, List<Diagnostic> out,
      java.util.function.BiConsumer<JsonValue, Expr> compiled) {
    Map<String, JsonValue> sites = expressionSites(n);
    if (sites.isEmpty()) {
      return;
    }
    TypeEnv env = switch (n.kind()) {
      case "Policy" -> policyEnv;
      case "ACL" -> aclEnv;
      case "FieldDef", "FormDef" -> formEnv;
      default -> guardEnv;
    };
    for (Map.Entry<String, JsonValue> site : sites.entrySet()) {
      String prop = site.getKey().contains("/") ? site.getKey().substring(0, site.getKey().indexOf('/')) : site.getKey();
      SourceMap origin = n.propertySource(site.getKey()).or(() -> n.propertySource(prop)).or(() -> n.source())
          .orElse(null);
      // The front ends know where a property starts, not where its string value starts, so an
      // expression problem is reported at the property, with its place inside the expression in details.
      TypeEnv siteEnv = attributeEnvs.forSite(n, env, site.getValue());
      Result<CompiledExpression> r = site.getValue() instanceof JsonString s
          ? Expressions.compile(exprEngine, s.value(), siteEnv, exprLimits, null)
          : Expressions.compileJson(exprEngine, site.getValue(), siteEnv, exprLimits);
      String exprName = site.getKey().replace('/', '.');
      for (Diagnostic d : r.diagnostics()) {
        JsonObject.Builder details = details(n, prop).put("expression", exprName);
        d.source().ifPresent(at -> details.put("exprLine", at.line()).put("exprCol", at.col()));
        d.details().members().forEach((k, v) -> {
          if (!details.has(k)) {
            details.put(k, v); // the expression compiler's own details (didYouMean)
          }
        });
        out.add(d.withPath(path + "/properties/" + site.getKey()).withDetails(details.build()).withSource(origin));
      }
      if (r instanceof Result.Ok<CompiledExpression> ok) {
        if (compiled != null) {
          compiled.accept(site.getValue(), ok.get().ir());
        }
        boolean target = site.getKey().endsWith("/to");
        ExprType t = ok.get().type();
        if (!t.isAny() && !t.has(target ? ExprType.K_STRING : ExprType.K_BOOL)) {
          out.add(Diagnostic.of(Code.E_EXPR_TYPE_MISMATCH, "Expression '" + exprName + "' of " + n.kind() + " '"
              + n.id() + "' must be " + (target ? "a string (a state name)" : "boolean") + ", found '" + t + "'")
              .withPath(path + "/properties/" + site.getKey())
              .withDetails(details(n, prop).put("expression", exprName).build()).withSource(origin));
        }
      }
    }
  }

  /**
   * Every expression the validator knows, by property path, each compiled with the preset's
   * feature flags and DomainMeta's functions: Policy {@code match/expr} and {@code condition} (a
   * string, or a map's {@code expr}), ACL {@code condition/expr}, a Condition's {@code expr} (at
   * any depth), Workflow transition {@code guard} (a string) and the {@code to} of a dynamic
   * transition. As expressions.md defines, a string is expression text, a map JSON IR and any
   * other value a literal.
   */
  private static Map<String, JsonValue> expressionSites(AstNode n) {
    JsonObject p = n.properties();
    Map<String, JsonValue> sites = new LinkedHashMap<>();
    switch (n.kind()) {
      case "Policy" -> {
        exprMember(p, "match", sites);
        if (p.getOrNull("condition") instanceof JsonObject) {
          exprMember(p, "condition", sites);
        } else {
          site(p.getOrNull("condition"), "condition", sites);
        }
      }
      case "ACL" -> exprMember(p, "condition", sites);
      case "Condition" -> site(p.getOrNull("expr"), "expr", sites);
      case "Workflow" -> guards(p, sites);
      case "FieldDef" -> fieldSites(p, "", sites);
      case "FormDef" -> {
        if (p.getOrNull("fields") instanceof JsonArray fs) {
          for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i) instanceof JsonObject f) {
              fieldSites(f, "fields/" + i + "/", sites);
            }
          }
        }
      }
      default -> { }
    }
    return sites;
  }

  /**
   * The expression sites of definition {@code n} exactly as the validator checks them, by property
   * path ({@code /}-separated, array items by index), in order: the compiler lowers these.
   *
   * @param n the n
   * @return the expression sites of definition {@code n} exactly as the validator checks them, by property path ({@code
   *     /}-separated, array items by index), in order
   */
  public static Map<String, JsonValue> expressionSitesOf(AstNode n) {
    return expressionSites(n);
  }

  /** A site at {@code path} unless {@code v} is absent or null (a non-string, non-map value is a literal expression). */
  private static void site(JsonValue v, String path, Map<String, JsonValue> sites) {
    if (v != null && !v.isNull()) {
      sites.put(path, v);
    }
  }

  /** {@code owner/expr} when property {@code owner} is an object with a non-null {@code expr}. */
  private static void exprMember(JsonObject p, String owner, Map<String, JsonValue> sites) {
    if (p.getOrNull(owner) instanceof JsonObject o) {
      site(o.getOrNull("expr"), owner + "/expr", sites);
    }
  }

  /** The form field expression properties, each a site when present. */
  public static final List<String> FIELD_EXPRESSIONS = List.of("visibilityExpr", "readonlyExpr", "validationExpr");

  private static void fieldSites(JsonObject f, String prefix, Map<String, JsonValue> sites) {
    for (String e : FIELD_EXPRESSIONS) {
      site(f.getOrNull(e), prefix + e, sites);
    }
  }

  /** {@code transitions/i/guard} of every string guard and {@code transitions/i/to} of dynamic ones, in order. */
  private static void guards(JsonObject p, Map<String, JsonValue> sites) {
    if (!(p.getOrNull("transitions") instanceof JsonArray ts)) {
      return;
    }
    for (int i = 0; i < ts.size(); i++) {
      if (ts.get(i) instanceof JsonObject t) {
        if (t.getOrNull("guard") instanceof JsonString g) {
          sites.put("transitions/" + i + "/guard", g);
        }
        if (dynamic(t) && t.getOrNull("to") instanceof JsonString to) {
          sites.put("transitions/" + i + "/to", to);
        }
      }
    }
  }

  /** Whether a transition's {@code rule_type} (or {@code ruleType}) is {@code dynamic}: its {@code to} is an expression. */
  private static boolean dynamic(JsonObject t) {
    JsonValue rt = t.getOrNull("rule_type") != null ? t.getOrNull("rule_type") : t.getOrNull("ruleType");
    return rt instanceof JsonString s && s.value().equals("dynamic");
  }

  /**
   * Upstream's textual call scan over string values (array items and object values, not keys),
   * skipping the typed expression sites (compiled instead). {@code path} is the value's path while
   * it may still lead to a skipped site, and null below that (no paths are built there).
   */
  /** Every proper prefix of the paths in {@code skip} ({@code transitions/0/guard} gives {@code transitions}, {@code transitions/0}). */
  private static Set<String> routes(Set<String> skip) {
    Set<String> routes = new HashSet<>();
    for (String site : skip) {
      for (int cut = site.indexOf('/'); cut > 0; cut = site.indexOf('/', cut + 1)) {
        routes.add(site.substring(0, cut));
      }
    }
    return routes;
  }

  /** {@code routes}: every proper prefix of a skipped path (so a path's test costs one lookup). */
  private static void scanCalls(JsonValue v, String path, Set<String> skip, Set<String> routes, List<String> found) {
    if (path != null && skip.contains(path)) {
      return;
    }
    String route = path != null && routes.contains(path) ? path : null;
    if (v instanceof JsonString s) {
      CallScan.calls(s.value(), found);
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        scanCalls(a.get(i), route == null ? null : route + "/" + i, skip, routes, found);
      }
    } else if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        scanCalls(e.getValue(), route == null ? null : route + "/" + e.getKey(), skip, routes, found);
      }
    }
  }

  /** The value classes of pipeline.md §10.3: bool, int, float, string, array, object (null is never classified). */
  static String classify(JsonValue v) {
    return v.type().typeName();
  }


  /**
   * An allowed-types list as the set of its union members, built once per meta: whether a value
   * has one of the types costs a few set lookups however long the list is. Exact classes, plus
   * {@code number} (int or float), {@code date} (an ISO date string), {@code any} and unions.
   */
  private record TypeSet(Set<String> members) {
    static TypeSet of(List<String> allowed) {
      Set<String> m = new HashSet<>();
      for (String t : allowed) {
        m.addAll(TypeNames.members(t));
      }
      return new TypeSet(m);
    }

    boolean isEmpty() {
      return members.isEmpty();
    }

    boolean allows(JsonValue v) {
      String c = classify(v);
      return members.contains(c) || members.contains("any")
          || (members.contains("number") && (c.equals("int") || c.equals("float")))
          || (members.contains("date") && v instanceof JsonString s && isDate(s.value()));
    }
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  // ============================================================== semantic

  /**
   * The definitions sharing one id: the first index, and the first index of each kind (in order of
   * appearance). Most ids have one definition, so the per-kind map exists only for shared ids.
   */
  private static final class IdUse {
    final int first;
    final String firstKind;
    LinkedHashMap<String, Integer> kinds;

    IdUse(int first, String firstKind) {
      this.first = first;
      this.firstKind = firstKind;
    }

    /** The first index of a definition of {@code kind} with this id, or null. */
    Integer indexOf(String kind) {
      if (kinds == null) {
        return firstKind.equals(kind) ? first : null;
      }
      return kinds.get(kind);
    }
  }

  /**
   * One pass over the top-level definitions (each is touched once while it is in cache), then the
   * global checks over the index it built. Diagnostics are collected per check and appended in a
   * fixed check order (duplicates, namespace conflicts, workflows, extends, imports); the caller's
   * stable sort by position keeps that order among equal positions.
   */
  private void semantic(ManifestAst ast, List<Diagnostic> out, java.util.function.BiConsumer<JsonValue, Expr> compiled) {
    List<AstNode> defs = ast.defs();
    Map<String, IdUse> ids = new HashMap<>(Math.max(16, defs.size() * 2));
    List<IdUse> shared = new ArrayList<>();
    List<Diagnostic> duplicates = new ArrayList<>();
    List<Diagnostic> workflows = new ArrayList<>();
    List<Integer> extending = new ArrayList<>();
    List<Integer> importing = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      AstNode n = defs.get(i);
      IdUse use = ids.get(n.id());
      if (use == null) {
        ids.put(n.id(), new IdUse(i, n.kind()));
      } else if (use.indexOf(n.kind()) != null) {
        duplicates.add(diag(Code.E_VALID_DUPLICATE_DEF, "Duplicate definition: kind='" + n.kind() + "', id='"
            + n.id() + "'", n, "/defs/" + i, null));
      } else {
        if (use.kinds == null) {
          use.kinds = new LinkedHashMap<>();
          use.kinds.put(use.firstKind, use.first);
          shared.add(use);
        }
        use.kinds.put(n.kind(), i);
      }
      String path = null;
      if (n.properties().getOrNull("states") != null) {
        path = "/defs/" + i;
        workflow(n, path, workflows);
      }
      if (n.properties().getOrNull("extends") instanceof JsonString) {
        extending.add(i);
      }
      if (n.properties().getOrNull("imports") instanceof JsonArray) {
        importing.add(i);
      }
    }
    out.addAll(duplicates);
    shared.sort((a, b) -> Integer.compare(a.first, b.first)); // not comparingInt: its JDK lambda is spun per process
    for (IdUse use : shared) {
      TreeSet<String> kinds = new TreeSet<>(Canonical.CODE_POINT_ORDER);
      kinds.addAll(use.kinds.keySet());
      AstNode first = defs.get(use.first);
      out.add(diag(Code.E_VALID_NAMESPACE_CONFLICT, "Namespace conflict: id '" + first.id()
          + "' used by multiple kinds (" + String.join(", ", kinds) + ") in namespace '" + ast.namespace() + "'",
          first, "/defs/" + use.first, null));
    }
    out.addAll(workflows);
    extendsCycles(defs, ids, extending, out);
    importCycles(defs, ids, importing, out);
    for (int i = 0; i < defs.size(); i++) {
      shapes(defs.get(i), "/defs/" + i, true, out, compiled);
    }
    if (engineSchemas) {
      formBindings(defs, out);
    }
  }

  /**
   * A form's {@code workflowState} and {@code workflowTrigger} that no workflow of the manifest
   * declares are warnings (the workflow may live in another artifact, but usually it is a typo that
   * leaves a submission unable to move its instance).
   */
  private static void formBindings(List<AstNode> defs, List<Diagnostic> out) {
    Set<String> states = new HashSet<>();
    Set<String> events = new HashSet<>();
    for (AstNode n : defs) {
      if (n.properties().getOrNull("states") instanceof JsonArray st) {
        states.addAll(stateNames(st));
      }
      if (n.properties().getOrNull("transitions") instanceof JsonArray ts) {
        for (JsonValue tv : ts.items()) {
          if (tv instanceof JsonObject t) {
            JsonValue on = t.getOrNull("on") != null ? t.getOrNull("on") : t.getOrNull("to");
            if (on instanceof JsonString e) {
              events.add(e.value());
            }
          }
        }
      }
    }
    for (int i = 0; i < defs.size(); i++) {
      AstNode n = defs.get(i);
      if (!n.kind().equals("FormDef")) {
        continue;
      }
      if (n.properties().getOrNull("workflowState") instanceof JsonString s && !states.contains(s.value())) {
        out.add(diag(Code.E_VALID_UNRESOLVED_REF, "FormDef '" + n.id() + "': workflowState '" + s.value()
            + "' is not a state of any workflow in this manifest", n, "/defs/" + i + "/properties/workflowState",
            "workflowState").withSeverity(Severity.WARN));
      }
      if (n.properties().getOrNull("workflowTrigger") instanceof JsonString t && !events.contains(t.value())) {
        out.add(diag(Code.E_VALID_UNRESOLVED_REF, "FormDef '" + n.id() + "': workflowTrigger '" + t.value()
            + "' is not an event of any workflow transition in this manifest", n,
            "/defs/" + i + "/properties/workflowTrigger", "workflowTrigger").withSeverity(Severity.WARN));
      }
    }
  }

  // ------------------------------------------------------------ shapes

  private static final String STRING = "a string";
  private static final String STRINGS = "a list of strings";
  private static final String STRING_OR_STRINGS = "a string or a list of strings";
  private static final String MAP = "a map";
  private static final String NUMBER = "a number";
  private static final List<String> FINALS_AND_INITIALS = List.of("finals", "final_states", "initials");

  /**
   * The type of every property the validator, the compiler or the engines' readers interpret
   * ({@code E_META_TYPE_NOT_ALLOWED} at the property, null counting as absent): top-level
   * {@code extends} (string) and {@code imports} (strings); at any depth, Policy {@code match}
   * (map; its {@code event} a string or strings) and {@code priority} (number); ACL
   * {@code condition} (map) and {@code priority}; Workflow {@code initial} (string), {@code states}
   * (list of names or maps with a string {@code name}), {@code transitions} (list of maps:
   * {@code from}, {@code to}, {@code on}, {@code rule_type} strings, {@code guard} a string or
   * map), {@code finals}, {@code final_states}, {@code initials} (strings). Expressions
   * ({@code match.expr}, {@code condition}, a Condition's {@code expr}) need no type check: any
   * value is one (a non-string, non-map value is a literal) and is compiled. A value of the
   * wrong type is reported, never silently skipped by the checks that read it.
   */
  private void shapes(AstNode n, String path, boolean top, List<Diagnostic> out,
      java.util.function.BiConsumer<JsonValue, Expr> compiled) {
    JsonObject p = n.properties();
    if (top) {
      expect(n, path, "extends", p.getOrNull("extends"), STRING, v -> v instanceof JsonString, out);
      expect(n, path, "imports", p.getOrNull("imports"), STRINGS, Validator::isStrings, out);
    }
    if (engineSchemas) {
      EngineSchemas.forKind(n.kind()).ifPresent(schema -> schemaProblems(n, path, schema, out));
    } else {
      upstreamShapes(n, path, out);
    }
    if (n.kind().equals("Workflow")) {
      workflowShapes(n, path, out);
    }
    compileSites(n, path, out, compiled);
    if (n.kind().equals("FormDef")) {
      for (Diagnostic d : dev.mpc.form.FormModel.problems(n)) {
        out.add(d.withPath(path).withSource(n.source().orElse(null)));
      }
    }
    for (int i = 0; i < n.children().size(); i++) {
      shapes(n.children().get(i), path + "/children/" + i, false, out, compiled);
    }
  }

  /**
   * The engine schema's problems of {@code n}, each at its property (or the definition). An absent
   * property the DomainMeta requires for the kind is reported once, by the structural check.
   */
  private void schemaProblems(AstNode n, String path, DefinitionSchema schema, List<Diagnostic> out) {
    Set<String> metaRequired = meta.flatMap(m -> m.kind(n.kind())).map(k -> Set.copyOf(k.requiredProps()))
        .orElse(Set.of());
    for (SchemaProblem sp : schema.check(n.id(), n.properties())) {
      boolean present = n.properties().getOrNull(sp.property()) != null;
      if (!present && metaRequired.contains(sp.property())) {
        continue;
      }
      Diagnostic d = diag(sp.code(), sp.message(), n, path + "/properties/" + sp.member(),
          present ? sp.property() : null);
      if (!present) {
        d = d.withDetails(details(n, sp.property()).build());
      }
      out.add(d.severity() == sp.severity() ? d : d.withSeverity(sp.severity()));
    }
  }

  /**
   * Without engine schemas (the upstream-compatible checks): only the types the previous
   * validator checked for Policy ({@code match}, {@code match.event}, {@code priority}) and ACL
   * ({@code condition}, {@code priority}).
   */
  private static void upstreamShapes(AstNode n, String path, List<Diagnostic> out) {
    JsonObject p = n.properties();
    switch (n.kind()) {
      case "Policy" -> {
        if (expect(n, path, "match", p.getOrNull("match"), MAP, v -> v instanceof JsonObject, out)
            && p.getOrNull("match") instanceof JsonObject match) {
          expect(n, path, "match/event", match.getOrNull("event"), STRING_OR_STRINGS,
              v -> v instanceof JsonString || isStrings(v), out);
        }
        expect(n, path, "priority", p.getOrNull("priority"), NUMBER, Validator::isNumber, out);
      }
      case "ACL" -> {
        expect(n, path, "condition", p.getOrNull("condition"), MAP, v -> v instanceof JsonObject, out);
        expect(n, path, "priority", p.getOrNull("priority"), NUMBER, Validator::isNumber, out);
      }
      default -> { }
    }
  }

  private static void workflowShapes(AstNode n, String path, List<Diagnostic> out) {
    JsonObject p = n.properties();
    expect(n, path, "initial", p.getOrNull("initial"), STRING, v -> v instanceof JsonString, out);
    for (String key : FINALS_AND_INITIALS) {
      expect(n, path, key, p.getOrNull(key), STRINGS, Validator::isStrings, out);
    }
    JsonValue states = p.getOrNull("states");
    if (expect(n, path, "states", states, "a list of state names or maps", v -> v instanceof JsonArray, out)
        && states instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        JsonValue st = a.get(i);
        if (st instanceof JsonObject o) {
          if (o.getOrNull("name") == null || o.getOrNull("name").isNull()) {
            out.add(diag(Code.E_META_MISSING_REQUIRED_FIELD, "State " + i + " of Workflow '" + n.id()
                + "' has no name", n, path + "/properties/states/" + i + "/name", "states"));
          } else {
            expect(n, path, "states/" + i + "/name", o.getOrNull("name"), "a non-empty string",
                v -> v instanceof JsonString x && !x.value().isEmpty(), out);
          }
          expect(n, path, "states/" + i + "/parent", o.getOrNull("parent"), STRING, v -> v instanceof JsonString, out);
        } else {
          expect(n, path, "states/" + i, st, "a state name (string) or a map", v -> v instanceof JsonString, out);
        }
      }
    }
    JsonValue transitions = p.getOrNull("transitions");
    if (expect(n, path, "transitions", transitions, "a list of maps", v -> v instanceof JsonArray, out)
        && transitions instanceof JsonArray ts) {
      for (int i = 0; i < ts.size(); i++) {
        String at = "transitions/" + i;
        if (!expect(n, path, at, ts.get(i), MAP, v -> v instanceof JsonObject, out)
            || !(ts.get(i) instanceof JsonObject t)) {
          continue;
        }
        for (String end : List.of("from", "to", "on", "rule_type", "ruleType")) {
          expect(n, path, at + "/" + end, t.getOrNull(end), STRING, v -> v instanceof JsonString, out);
        }
        expect(n, path, at + "/guard", t.getOrNull("guard"), "a string (an expression) or a map",
            v -> v instanceof JsonString || v instanceof JsonObject, out);
      }
    }
  }

  /**
   * Reports {@code v} (at member path {@code member} of {@code n}'s properties) unless it is null,
   * absent or {@code ok}; returns whether it was acceptable.
   */
  private static boolean expect(AstNode n, String path, String member, JsonValue v, String expected,
      java.util.function.Predicate<JsonValue> ok, List<Diagnostic> out) {
    if (v == null || v.isNull() || ok.test(v)) {
      return true;
    }
    String prop = member.contains("/") ? member.substring(0, member.indexOf('/')) : member;
    String found = v instanceof JsonArray a && firstNonString(a) != null ? "a list with "
        + classify(firstNonString(a)) + " items" : v instanceof JsonString x && x.value().isEmpty()
        ? "an empty string" : classify(v);
    out.add(diag(Code.E_META_TYPE_NOT_ALLOWED, "Property '" + member.replace('/', '.') + "' of " + n.kind() + " '"
        + n.id() + "' must be " + expected + ", found " + found, n, path + "/properties/" + member, prop));
    return false;
  }

  private static JsonValue firstNonString(JsonArray a) {
    for (JsonValue v : a.items()) {
      if (!(v instanceof JsonString)) {
        return v;
      }
    }
    return null;
  }

  private static boolean isStrings(JsonValue v) {
    return v instanceof JsonArray a && firstNonString(a) == null;
  }

  private static boolean isNumber(JsonValue v) {
    String c = classify(v);
    return c.equals("int") || c.equals("float");
  }

  private static List<String> stateNames(JsonArray states) {
    List<String> names = new ArrayList<>();
    for (JsonValue s : states.items()) {
      if (s instanceof JsonString str) {
        names.add(str.value());
      } else if (s instanceof JsonObject o && o.getOrNull("name") instanceof JsonString name) {
        names.add(name.value());
      }
    }
    return names;
  }

  private static final List<String> TRANSITION_ENDS = List.of("from", "to");

  private static void workflow(AstNode n, String path, List<Diagnostic> out) {
    if (!(n.properties().getOrNull("states") instanceof JsonArray statesArr)
        || !(n.properties().getOrNull("transitions") instanceof JsonArray transitions)) {
      return;
    }
    List<String> states = stateNames(statesArr);
    Set<String> stateSet = new HashSet<>(states);
    for (int ti = 0; ti < transitions.size(); ti++) {
      if (transitions.get(ti) instanceof JsonObject t) {
        for (String end : TRANSITION_ENDS) {
          if (end.equals("to") && dynamic(t)) {
            continue; // an expression choosing the state at run time (an expression site)
          }
          if (t.getOrNull(end) instanceof JsonString s && !stateSet.contains(s.value()) && !s.value().equals("*")) {
            Diagnostic d = suggest(diag(Code.E_VALID_UNRESOLVED_REF, "Transition references unknown state '" + s.value()
                + "' in def '" + n.id() + "'", n, path + "/properties/transitions", "transitions"), s.value(), states);
            // at the transition's own '<end>:' when the front end recorded where it is
            String at = "transitions/" + ti;
            Optional<SourceMap> own = n.propertySource(at + "/" + end).or(() -> n.propertySource(at));
            out.add(own.isPresent() ? d.withSource(own.get()) : d);
          }
        }
      }
    }
    if (!n.kind().equals("Workflow")) {
      return;
    }
    if (states.isEmpty()) {
      out.add(diag(Code.E_VALID_INVALID_WORKFLOW, "Workflow '" + n.id() + "' has no states", n,
          path + "/properties/states", "states"));
      return;
    }
    JsonValue initial = n.properties().getOrNull("initial");
    if (initial == null || initial.isNull()) {
      out.add(diag(Code.E_WF_NO_INITIAL, "Workflow '" + n.id() + "' has no initial state", n,
          path + "/properties/initial", null));
    } else if (initial instanceof JsonString s && !stateSet.contains(s.value())) {
      out.add(suggest(diag(Code.E_WF_UNKNOWN_STATE, "Workflow '" + n.id() + "' initial state '" + s.value()
          + "' is not in states list", n, path + "/properties/initial", "initial"), s.value(), states));
    }
    statechart(n, path, statesArr, transitions, states, out);
    Map<String, List<String>> edges = new HashMap<>();
    List<String> sortedStates = sorted(states);
    for (JsonValue tv : transitions.items()) {
      if (tv instanceof JsonObject t && !dynamic(t) && t.getOrNull("to") instanceof JsonString to
          && stateSet.contains(to.value())) {
        JsonValue from = t.getOrNull("from");
        List<String> sources = from instanceof JsonString f && f.value().equals("*") ? states
            : from instanceof JsonString f && stateSet.contains(f.value()) ? List.of(f.value()) : List.of();
        for (String s : sources) {
          edges.computeIfAbsent(s, k -> new ArrayList<>()).add(to.value());
        }
      }
    }
    if (initial instanceof JsonString s && stateSet.contains(s.value())) {
      Set<String> reached = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(s.value()));
      reached.add(s.value());
      if (n.properties().getOrNull("initials") instanceof JsonArray more) {
        for (JsonValue v : more.items()) {
          if (v instanceof JsonString x && stateSet.contains(x.value()) && reached.add(x.value())) {
            todo.add(x.value());
          }
        }
      }
      // hierarchy-aware: a reached composite state's children can be active (entered by default,
      // history or a transition inside), so their transitions count too
      Map<String, List<String>> childrenOf = new HashMap<>();
      parents(statesArr).forEach((child, parent) -> childrenOf.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
      while (!todo.isEmpty()) {
        String at = todo.poll();
        for (String next : edges.getOrDefault(at, List.of())) {
          if (reached.add(next)) {
            todo.add(next);
          }
        }
        for (String child : childrenOf.getOrDefault(at, List.of())) {
          if (stateSet.contains(child) && reached.add(child)) {
            todo.add(child);
          }
        }
      }
      Map<String, String> parents = null;
      for (String st : sortedStates) {
        if (reached.contains(st)) {
          continue;
        }
        if (parents == null) {
          parents = parents(statesArr);
        }
        String parent = parents.get(st);
        if (parent == null || !reached.contains(parent)) {
          out.add(diag(Code.E_VALID_INVALID_WORKFLOW, "State '" + st + "' in workflow '" + n.id() + "' is unreachable",
              n, path + "/properties/states", "states").withSeverity(Severity.WARN));
        }
      }
    }
    List<String> finals = finals(n);
    if (finals.isEmpty()) {
      return;
    }
    Set<String> finalSet = new HashSet<>(finals);
    for (String st : states) {
      if (!finalSet.contains(st) && edges.getOrDefault(st, List.of()).isEmpty()) {
        out.add(diag(Code.E_WF_DEAD_END, "State '" + st + "' in workflow '" + n.id()
            + "' is a dead-end (no exit and not final)", n, path + "/properties/states", "states"));
      }
    }
    // The states that can reach a final state: a search from the finals over reversed edges
    // (linear in states and transitions, however long the workflow).
    Map<String, List<String>> reversed = new HashMap<>();
    edges.forEach((from, tos) -> {
      for (String to : tos) {
        reversed.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
      }
    });
    Set<String> canFinish = new HashSet<>();
    Deque<String> back = new ArrayDeque<>();
    for (String f : finals) {
      if (stateSet.contains(f) && canFinish.add(f)) {
        back.add(f);
      }
    }
    while (!back.isEmpty()) {
      for (String prev : reversed.getOrDefault(back.poll(), List.of())) {
        if (canFinish.add(prev)) {
          back.add(prev);
        }
      }
    }
    for (String st : sortedStates) {
      if (!canFinish.contains(st)) {
        out.add(diag(Code.E_WF_ORPHANED_STATE, "State '" + st + "' in workflow '" + n.id()
            + "' cannot reach any final state", n, path + "/properties/states", "states"));
      }
    }
  }

  /**
   * The statechart structure of a Workflow (docs/workflow.md "Compile-time checks"), each problem
   * an error at its state or transition: a parent that is not a state
   * ({@code E_VALID_UNRESOLVED_REF}), a state that is its own ancestor
   * ({@code E_VALID_CYCLE_DETECTED}), a parallel state without regions, a final state with
   * children, history on a state without children, a compound state with several initial children
   * ({@code E_VALID_INVALID_WORKFLOW}), a transition id used twice ({@code E_VALID_DUPLICATE_DEF}),
   * a timed transition from {@code *}, and a transition that can never fire because an earlier one
   * has the same source and event and nothing distinguishes them: the earlier one is unconditional
   * or has the same guard, named guard, roles and auth ({@code E_VALID_INVALID_WORKFLOW}).
   */
  private static void statechart(AstNode n, String path, JsonArray statesArr, JsonArray transitions,
      List<String> states, List<Diagnostic> out) {
    Set<String> declared = new HashSet<>(states);
    Map<String, String> parents = parents(statesArr);
    Map<String, JsonObject> maps = new HashMap<>();
    for (int i = 0; i < statesArr.size(); i++) {
      if (statesArr.get(i) instanceof JsonObject o && o.getOrNull("name") instanceof JsonString name) {
        maps.putIfAbsent(name.value(), o);
        if (o.getOrNull("parent") instanceof JsonString p && !declared.contains(p.value())) {
          out.add(diag(Code.E_VALID_UNRESOLVED_REF, "Parent '" + p.value() + "' of state '" + name.value()
              + "' in workflow '" + n.id() + "' is not a state", n, path + "/properties/states/" + i + "/parent", "states"));
        }
      }
    }
    Set<String> cyclic = new java.util.TreeSet<>(Canonical.CODE_POINT_ORDER);
    for (String st : states) {
      Set<String> seen = new HashSet<>();
      for (String at = parents.get(st); at != null && declared.contains(at); at = parents.get(at)) {
        if (at.equals(st)) {
          cyclic.add(st);
          break;
        }
        if (!seen.add(at)) {
          break;
        }
      }
    }
    for (String st : cyclic) {
      out.add(diag(Code.E_VALID_CYCLE_DETECTED, "State '" + st + "' in workflow '" + n.id() + "' is its own ancestor",
          n, path + "/properties/states", "states"));
    }
    Map<String, List<String>> children = new LinkedHashMap<>();
    for (String st : states) {
      String p = parents.get(st);
      if (p != null && declared.contains(p) && !cyclic.contains(st)) {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(st);
      }
    }
    Set<String> finals = new HashSet<>(finals(n));
    Set<String> initials = new HashSet<>();
    if (n.properties().getOrNull("initials") instanceof JsonArray a) {
      a.items().forEach(v -> {
        if (v instanceof JsonString x) {
          initials.add(x.value());
        }
      });
    }
    for (String st : states) {
      JsonObject m = maps.getOrDefault(st, JsonObject.EMPTY);
      List<String> kids = children.getOrDefault(st, List.of());
      boolean parallel = flag(m, "parallel") || flag(m, "is_parallel") || flag(m, "isParallel");
      String where = "State '" + st + "' of workflow '" + n.id() + "'";
      if (parallel && kids.isEmpty()) {
        out.add(diag(Code.E_VALID_INVALID_WORKFLOW, where + " is parallel but has no regions (children)", n,
            path + "/properties/states", "states"));
      }
      if ((finals.contains(st) || flag(m, "final")) && !kids.isEmpty()) {
        out.add(diag(Code.E_VALID_INVALID_WORKFLOW, where + " is final but has children", n, path + "/properties/states",
            "states"));
      }
      JsonValue h = m.getOrNull("history") != null ? m.getOrNull("history") : m.getOrNull("history_mode") != null
          ? m.getOrNull("history_mode") : m.getOrNull("historyMode");
      if (h instanceof JsonString hs && !hs.value().equals("none") && kids.isEmpty()) {
        out.add(diag(Code.E_VALID_INVALID_WORKFLOW, where + " has " + hs.value() + " history but no children", n,
            path + "/properties/states", "states"));
      }
      if (!parallel && kids.size() > 1) {
        List<String> flagged = new ArrayList<>();
        for (String k : kids) {
          if (initials.contains(k) || flag(maps.getOrDefault(k, JsonObject.EMPTY), "initial")) {
            flagged.add(k);
          }
        }
        if (flagged.size() > 1) {
          out.add(diag(Code.E_VALID_INVALID_WORKFLOW, where + " has several initial children ("
              + String.join(", ", flagged) + ")", n, path + "/properties/states", "states"));
        }
      }
    }
    Set<String> ids = new HashSet<>();
    Map<String, List<Integer>> bySourceAndEvent = new HashMap<>();
    for (int j = 0; j < transitions.size(); j++) {
      if (!(transitions.get(j) instanceof JsonObject t)) {
        continue;
      }
      String at = path + "/properties/transitions/" + j;
      String id = t.getOrNull("id") instanceof JsonString s ? s.value() : "t" + j;
      if (!ids.add(id)) {
        out.add(diag(Code.E_VALID_DUPLICATE_DEF, "Transition id '" + id + "' is used twice in workflow '" + n.id() + "'",
            n, at, "transitions"));
      }
      String from = t.getOrNull("from") instanceof JsonString s ? s.value() : null;
      boolean timed = timed(t);
      if (timed && "*".equals(from)) {
        out.add(diag(Code.E_VALID_INVALID_WORKFLOW, "Timed transition " + j + " of workflow '" + n.id()
            + "' needs a source state, not '*'", n, at, "transitions"));
      }
      JsonValue on = t.getOrNull("on") != null ? t.getOrNull("on") : t.getOrNull("to");
      if (from == null || !(on instanceof JsonString event) || timed) {
        continue; // timed transitions fire by their own timer, never by event
      }
      List<Integer> earlier = bySourceAndEvent.computeIfAbsent(from + "\u0000" + event.value(), k -> new ArrayList<>());
      for (int i : earlier) {
        JsonObject e = (JsonObject) transitions.get(i);
        List<JsonValue> first = condition(e);
        if (first.stream().allMatch(x -> x == null) || first.equals(condition(t))) {
          out.add(diag(Code.E_VALID_INVALID_WORKFLOW, "Transition " + j + " ('" + event.value() + "' from '" + from
              + "') of workflow '" + n.id() + "' can never fire: transition " + i + " has the same source and event"
              + " and nothing distinguishes them (guard, named_guard, roles, auth)", n, at, "transitions"));
          break;
        }
      }
      earlier.add(j);
    }
  }

  private static boolean flag(JsonObject m, String key) {
    return m.getOrNull(key) instanceof dev.mpc.json.JsonBool b && b.value();
  }

  private static boolean timed(JsonObject t) {
    for (String key : List.of("timeout_ms", "timeoutMs", "timeout")) {
      JsonValue v = t.getOrNull(key);
      if (v != null && !v.isNull()) {
        return true;
      }
    }
    return false;
  }

  /** What makes a transition conditional: guard, named guard, roles (as a set), auth; null where absent. */
  private static List<JsonValue> condition(JsonObject t) {
    JsonValue roles = t.getOrNull("auth_roles") != null ? t.getOrNull("auth_roles") : t.getOrNull("authRoles") != null
        ? t.getOrNull("authRoles") : t.getOrNull("roles");
    JsonValue roleSet = null;
    if (roles instanceof JsonArray a && !a.isEmpty()) {
      Set<String> names = new java.util.TreeSet<>();
      a.items().forEach(v -> names.add(v instanceof JsonString s ? s.value() : Canonical.json(v)));
      roleSet = JsonArray.of(names.stream().map(x -> (JsonValue) JsonString.of(x)).toList());
    }
    JsonValue guard = t.getOrNull("guard");
    JsonValue named = t.getOrNull("named_guard") != null ? t.getOrNull("named_guard") : t.getOrNull("namedGuard");
    JsonValue auth = t.getOrNull("auth") instanceof dev.mpc.json.JsonBool b && b.value() ? t.getOrNull("auth") : null;
    return java.util.Arrays.asList(guard == null || guard.isNull() ? null : guard,
        named == null || named.isNull() ? null : named, roleSet, auth);
  }

  /**
   * The parent of each hierarchical state (a child is entered through its parent: reached if its
   * parent is). The first state object of a name that names a parent decides.
   */
  private static Map<String, String> parents(JsonArray states) {
    Map<String, String> parents = new HashMap<>();
    for (JsonValue s : states.items()) {
      if (s instanceof JsonObject o && o.getOrNull("name") instanceof JsonString name
          && o.getOrNull("parent") instanceof JsonString parent) {
        parents.putIfAbsent(name.value(), parent.value());
      }
    }
    return parents;
  }

  private static final List<String> FINALS_KEYS = List.of("finals", "final_states");

  private static List<String> finals(AstNode n) {
    Set<String> out = new LinkedHashSet<>();
    for (String key : FINALS_KEYS) {
      if (n.properties().getOrNull(key) instanceof JsonArray a) {
        for (JsonValue v : a.items()) {
          if (v instanceof JsonString s) {
            out.add(s.value());
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Extends cycles (pipeline.md §11.6), unresolved parents, and chains deeper than
   * {@link Artifact#MAX_EXTENDS_DEPTH}. Each definition is walked once: a walk that reaches a
   * definition whose chain is already known to end (or to run into a reported cycle) stops there,
   * which gives the same reports as walking every chain to its end, in linear time.
   */
  private static void extendsCycles(List<AstNode> defs, Map<String, IdUse> ids, List<Integer> extending,
      List<Diagnostic> out) {
    Set<Integer> reported = new HashSet<>();
    int[] depth = new int[defs.size()]; // ancestors of a definition whose chain ends; -1 unknown
    java.util.Arrays.fill(depth, -1);
    List<Integer> tooDeep = new ArrayList<>();
    for (int i : extending) {
      AstNode n = defs.get(i);
      JsonString parent = (JsonString) n.properties().getOrNull("extends");
      if (indexOf(ids, n.kind(), parent.value()) == null) {
        out.add(diag(Code.E_VALID_UNRESOLVED_REF, "Definition '" + n.id() + "' extends unknown definition '"
            + parent.value() + "' of kind '" + n.kind() + "'", n, "/defs/" + i + "/properties/extends", "extends"));
        continue;
      }
      if (reported.contains(i) || depth[i] >= 0) {
        continue;
      }
      List<Integer> walk = new ArrayList<>();
      Set<Integer> visited = new HashSet<>();
      Integer at = i;
      boolean cycle = false;
      while (at != null) {
        if (depth[at] >= 0) {
          break; // this chain is known to end
        }
        if (reported.contains(at) || !visited.add(at)) {
          cycle = true; // back on this walk, or into a chain already reported as running into a cycle
          break;
        }
        walk.add(at);
        AstNode cur = defs.get(at);
        at = cur.properties().getOrNull("extends") instanceof JsonString p ? indexOf(ids, cur.kind(), p.value()) : null;
      }
      if (cycle) {
        out.add(diag(Code.E_VALID_CYCLE_DETECTED, "Cycle detected in extends chain starting at '" + n.id() + "'",
            n, "/defs/" + i + "/properties/extends", "extends"));
        reported.addAll(walk);
        continue;
      }
      int d = at == null ? -1 : depth[at];
      for (int w = walk.size() - 1; w >= 0; w--) {
        d++;
        int node = walk.get(w);
        depth[node] = d;
        if (d == Artifact.MAX_EXTENDS_DEPTH + 1) {
          tooDeep.add(node);
        }
      }
    }
    tooDeep.sort(null);
    for (int i : tooDeep) {
      AstNode n = defs.get(i);
      out.add(diag(Code.E_QUOTA_EXCEEDED, "Extends chain of '" + n.id() + "' is longer than "
          + Artifact.MAX_EXTENDS_DEPTH + " definitions", n, "/defs/" + i + "/properties/extends", "extends"));
    }
  }

  /** The first index of a definition of {@code kind} and {@code id}, or null. */
  private static Integer indexOf(Map<String, IdUse> ids, String kind, String id) {
    IdUse use = ids.get(id);
    return use == null ? null : use.indexOf(kind);
  }

  private static void importCycles(List<AstNode> defs, Map<String, IdUse> ids, List<Integer> importing,
      List<Diagnostic> out) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (int i : importing) {
      AstNode n = defs.get(i);
      if (n.properties().getOrNull("imports") instanceof JsonArray a) {
        List<String> deps = new ArrayList<>();
        for (JsonValue v : a.items()) {
          if (v instanceof JsonString s) {
            deps.add(s.value());
            if (!ids.containsKey(s.value())) {
              out.add(diag(Code.E_VALID_UNRESOLVED_REF, "Definition '" + n.id() + "' imports unknown definition '"
                  + s.value() + "'", n, "/defs/" + i + "/properties/imports", "imports"));
            }
          }
        }
        graph.putIfAbsent(n.id(), deps);
      }
    }
    Map<String, Integer> color = new HashMap<>(); // 0 white, 1 grey, 2 black
    Set<String> reported = new HashSet<>();
    for (String start : graph.keySet()) {
      if (color.getOrDefault(start, 0) != 0) {
        continue;
      }
      // iterative DFS: frames of (node, next dependency index)
      Deque<Object[]> stack = new ArrayDeque<>();
      stack.push(new Object[] {start, 0});
      color.put(start, 1);
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        String node = (String) top[0];
        List<String> deps = graph.getOrDefault(node, List.of());
        int next = (Integer) top[1];
        if (next >= deps.size()) {
          color.put(node, 2);
          stack.pop();
          continue;
        }
        top[1] = next + 1;
        String dep = deps.get(next);
        if (!graph.containsKey(dep)) {
          continue;
        }
        int c = color.getOrDefault(dep, 0);
        if (c == 1 && reported.add(dep)) {
          int at = ids.get(dep).first;
          out.add(diag(Code.E_VALID_CYCLE_DETECTED, "Cycle detected in import chain involving '" + dep + "'",
              defs.get(at), "/defs/" + at + "/properties/imports", "imports"));
        } else if (c == 0) {
          color.put(dep, 1);
          stack.push(new Object[] {dep, 0});
        }
      }
    }
  }

  // ============================================================== helpers

  private static JsonObject.Builder details(AstNode n, String prop) {
    JsonObject.Builder b = JsonObject.builder().put("kind", n.kind()).put("id", n.id());
    if (prop != null) {
      b.put("property", prop);
    }
    return b;
  }

  /** A diagnostic at the node (or at property {@code prop} when its position is known). */
  /** {@code d} with {@code details.didYouMean}, the candidate nearest to {@code name}, when one is near. */
  private static Diagnostic suggest(Diagnostic d, String name, Iterable<String> candidates) {
    Optional<String> near = dev.mpc.diag.Spelling.nearest(name, candidates);
    if (near.isEmpty() || near.get().equals(name)) {
      return d;
    }
    JsonObject.Builder b = JsonObject.builder();
    d.details().members().forEach(b::put);
    return d.withDetails(b.put("didYouMean", near.get()).build());
  }

  private static Diagnostic diag(Code code, String message, AstNode n, String path, String prop) {
    Optional<SourceMap> at = prop == null ? n.source() : n.propertySource(prop).or(n::source);
    return Diagnostic.of(code, message).withPath(path).withSource(at.orElse(null)).withDetails(details(n, prop).build());
  }

  private static List<String> sorted(List<String> items) {
    TreeSet<String> s = new TreeSet<>(Canonical.CODE_POINT_ORDER);
    s.addAll(items);
    return List.copyOf(s);
  }

  /**
   * An expression engine for checking only: it knows the built-ins and DomainMeta's functions.
   * Host implementations live in the host's runtime engine, not at compile time, so a declared
   * non-built-in function is bound here to a body that fails (coded) if it were ever called;
   * validation never evaluates anything.
   */
  private static ExprEngine checkingEngine(DomainMeta meta, Features features) {
    List<FunctionDecl> decls = new ArrayList<>();
    FunctionRegistry.Builder registry = FunctionRegistry.builder();
    if (meta != null) {
      for (FunctionDef f : meta.allowedFunctions()) {
        FunctionDecl d = new FunctionDecl(f.name(), f.args().stream().map(Validator::exprType).toList(),
            exprType(f.returns()), f.cost());
        decls.add(d);
        if (!ExprEngine.builtinNames().contains(f.name())) {
          registry.function(d, args -> {
            throw new HostFunctionException("function '" + f.name() + "' has no implementation at compile time");
          });
        }
      }
    }
    return ExprEngine.builder().declarations(decls).functions(registry.build()).features(features).build().orElseThrow();
  }

  private static ExprType exprType(String name) {
    return ExprType.parse(name).orElse(ExprType.ANY);
  }

  /** Builds a {@link Validator}. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private DomainMeta meta;
    private Features features = Features.defaults();
    private Limits exprLimits = Limits.defaults();
    private TypeEnv typeEnv = TypeEnv.empty();
    private boolean engineSchemas = true;
    private boolean lint;

    private Builder() {}

    /**
     * Whether Policy, ACL, Workflow and Condition definitions are checked against their engine's
     * built-in schema ({@link EngineSchemas}; default on). Off gives only the property type checks
     * upstream-compatible conformance adapters need; expression sites are compiled either way.
     *
     * @param on the on
     * @return whether Policy, ACL, Workflow and Condition definitions are checked against their engine's built-in
     *     schema ({@link EngineSchemas}
     */
    public Builder engineSchemas(boolean on) {
      this.engineSchemas = on;
      return this;
    }

    /**
     * Checks structure against {@code meta}.
     *
     * @param meta the meta
     * @return the builder
     * @throws IllegalArgumentException listing every problem if the meta is inconsistent
     */
    public Builder meta(DomainMeta meta) {
      this.meta = meta.requireConsistent();
      return this;
    }

    /**
     * Applies the preset's feature flags and expression limits to expression checks. A limit is
     * used as given, never clamped.
     *
     * @param preset the preset
     * @return the builder
     * @throws IllegalArgumentException if {@code maxExprSteps} or {@code maxExprDepth} is beyond
     *     the expression language's caps ({@link Limits#MAX_DEPTH_CAP} for depth)
     */
    public Builder preset(Preset preset) {
      this.features = preset.exprFeatures();
      this.exprLimits = preset.exprLimits();
      return this;
    }

    /**
     * The host's declarations of the variables expressions may read, added to each site's
     * environment ({@link EnvelopeTypes}; e.g. {@code object.attributes.status: string}). Below an
     * open map, undeclared variables are {@code any}.
     *
     * @param env the env
     * @return the host's declarations of the variables expressions may read, added to each site's environment ({@link
     *     EnvelopeTypes}
     */
    public Builder typeEnv(TypeEnv env) {
      this.typeEnv = env;
      return this;
    }

    /**
     * Whether {@link Validator#validate} also reports the {@link dev.mpc.dsl.lint.Linter}'s findings (as
     * warnings, when the manifest has no error), so editors and CI see them (default off).
     *
     * @param on whether to lint
     * @return this builder
     */
    public Builder lint(boolean on) {
      this.lint = on;
      return this;
    }

    /**
     * The validator.
     *
     * @return the validator
     */
    public Validator build() {
      return new Validator(this);
    }
  }
}
