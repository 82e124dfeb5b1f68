package dev.mpc.dsl.schema;

import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.schema.DefinitionSchema.Misspelling;
import dev.mpc.expr.EnvelopeTypes;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The table of built-in engine definition schemas, by kind: {@code Policy} (engines.md §3.2),
 * {@code ACL} (§4.2), {@code Workflow} (§7.2; its property types are checked by the validator's
 * workflow checks, the schema names its properties) and {@code Condition} (a definition holding
 * one expression, e.g. nested in a Policy). Adding a kind (the forms issue's {@code FormDef}) is
 * one entry in {@link #BUILT_IN}.
 *
 * <p>What each schema enforces (and why: each of these silently changed who gets in upstream) is
 * documented in docs/validation.md ("Engine definition schemas"). Immutable and thread-safe.
 */
public final class EngineSchemas {
  private static final String STRING = "a string";
  private static final String NON_EMPTY_STRING = "a non-empty string";
  private static final String STRINGS = "a list of strings";
  private static final String MAP = "a map";
  private static final String NUMBER = "a number";
  private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");
  private static final Pattern TEMPLATE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern LITERAL_SEGMENT = Pattern.compile("[^/*{}\\s]+");
  private static final Pattern PARAM_SEGMENT = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
  private static final Pattern ACTION = Pattern.compile("\\*|[^*{}/\\s]+");

  private static final Map<String, DefinitionSchema> BUILT_IN = Map.of(
      "Policy", policy(),
      "ACL", acl(),
      "Workflow", workflow(),
      "Condition", condition());

  private EngineSchemas() {}

  /**
   * The built-in schemas by kind.
   *
   * @return the built-in schemas by kind
   */
  public static Map<String, DefinitionSchema> builtIn() {
    return BUILT_IN;
  }

  /**
   * The built-in schema of {@code kind}, if it is an engine kind.
   *
   * @param kind the kind
   * @return the built-in schema of {@code kind}, if it is an engine kind
   */
  public static Optional<DefinitionSchema> forKind(String kind) {
    return Optional.ofNullable(BUILT_IN.get(kind));
  }

  // ------------------------------------------------------------ Policy

  private static DefinitionSchema policy() {
    Map<String, PropertyRule> p = new LinkedHashMap<>();
    p.put("effect", effect(Code.E_POLICY_INVALID_TEMPLATE));
    p.put("priority", EngineSchemas::number);
    p.put("match", EngineSchemas::match);
    p.put("condition", EngineSchemas::policyCondition); // an expression: compiled and type-checked by the validator
    p.put("intents", EngineSchemas::intents);
    p.put("reason", EngineSchemas::template);
    p.put("summary", EngineSchemas::template);
    return DefinitionSchema.of("Policy", p, Map.of(), Map.of()).warnWhenAbsent("effect", Code.E_POLICY_INVALID_TEMPLATE,
        "it votes allow (write effect: \"allow\" or \"deny\")");
  }

  /** {@code effect}: exactly {@code "allow"} or {@code "deny"} (G-P2: anything else was an allow vote upstream). */
  private static PropertyRule effect(Code code) {
    return (ctx, member, v) -> {
      if (v instanceof JsonString s && (s.value().equals("allow") || s.value().equals("deny"))) {
        return;
      }
      String found = v instanceof JsonString s ? "\"" + s.value() + "\"" : SchemaContext.describe(v);
      String lower = v instanceof JsonString s ? s.value().trim().toLowerCase(Locale.ROOT) : "";
      String hint = lower.equals("allow") || lower.equals("deny") ? "; did you mean \"" + lower + "\"?" : "";
      ctx.error(code, member, "Property 'effect' of " + ctx.kind() + " '" + ctx.id()
          + "' must be \"allow\" or \"deny\", found " + found + hint);
    };
  }

  private static void number(SchemaContext ctx, String member, JsonValue v) {
    String t = v.type().typeName();
    if (!t.equals("int") && !t.equals("float")) {
      ctx.typeError(member, NUMBER, v);
    }
  }

  /**
   * {@code match}: a map; either {@code {expr}} alone (an expression, compiled by the validator) or
   * static fields (dotted paths; {@code event} a string or strings). Mixing is an error (G-P4).
   */
  private static void match(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonObject m)) {
      ctx.typeError(member, MAP, v);
      return;
    }
    List<String> statics = new ArrayList<>();
    for (String key : m.members().keySet()) {
      if (!key.equals("expr")) {
        statics.add(key);
      }
    }
    if (m.has("expr") && !statics.isEmpty()) {
      ctx.error(Code.E_POLICY_INVALID_MATCHER, member, "Matcher of Policy '" + ctx.id()
          + "' mixes 'expr' with static fields (" + String.join(", ", statics)
          + "); write the whole test as the expression, or drop 'expr'");
    }
    for (String key : statics) {
      if (!PATH.matcher(key).matches()) {
        ctx.error(Code.E_POLICY_INVALID_MATCHER, member, "Matcher field '" + key + "' of Policy '" + ctx.id()
            + "' is not a dotted path");
      }
    }
    JsonValue ev = m.getOrNull("event");
    if (ev != null && !ev.isNull() && !(ev instanceof JsonString) && !isStrings(ev)) {
      ctx.typeError(member + "/event", "a string or a list of strings", ev);
    }
  }

  /**
   * Policy {@code condition}: expression text (or a literal), or a map {@code {expr}} holding one;
   * a map without {@code expr}, or with other keys, would not be read.
   */
  private static void policyCondition(SchemaContext ctx, String member, JsonValue v) {
    if (v instanceof JsonObject c && (!c.has("expr") || c.size() > 1)) {
      ctx.error(Code.E_POLICY_INVALID_MATCHER, member, "Condition of Policy '" + ctx.id()
          + "' must be an expression or a map {expr: ...} alone, found a map with "
          + (c.isEmpty() ? "no members" : "members " + String.join(", ", c.members().keySet())));
    }
  }

  /** {@code intents}: a list of {@code {kind, target, params, idempotencyKey}} checked against the taxonomy (§2.5). */
  private static void intents(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonArray a)) {
      ctx.typeError(member, "a list of intent maps", v);
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      intent(ctx, member + "/" + i, i, a.get(i));
    }
  }

  private static final List<String> INTENT_KEYS = List.of("kind", "target", "params", "idempotencyKey");

  private static void intent(SchemaContext ctx, String at, int i, JsonValue v) {
    if (!(v instanceof JsonObject o)) {
      ctx.typeError(at, "an intent map {kind, target, params, idempotencyKey}", v);
      return;
    }
    String label = "Intent " + i + " of " + ctx.kind() + " '" + ctx.id() + "'";
    List<String> kinds = new ArrayList<>();
    for (IntentKind k : IntentKind.values()) {
      kinds.add(k.wireName());
    }
    boolean ok = true;
    IntentKind kind = null;
    JsonValue kv = o.getOrNull("kind");
    if (kv == null || kv.isNull()) {
      ctx.error(Code.E_POLICY_INVALID_TEMPLATE, at + "/kind", label + " has no kind (kinds: "
          + String.join(", ", kinds) + ")");
      ok = false;
    } else if (!(kv instanceof JsonString ks)) {
      ctx.typeError(at + "/kind", STRING, kv);
      ok = false;
    } else {
      kind = IntentKind.fromWireName(ks.value()).orElse(null);
      if (kind == null) {
        String hint = "";
        for (String k : kinds) {
          if (k.equalsIgnoreCase(ks.value())) {
            hint = "; did you mean '" + k + "'?";
          }
        }
        ctx.error(Code.E_POLICY_INVALID_TEMPLATE, at + "/kind", label + " has unknown kind '" + ks.value()
            + "' (kinds: " + String.join(", ", kinds) + ")" + hint);
        ok = false;
      }
    }
    Optional<String> target = Optional.empty();
    JsonValue tv = o.getOrNull("target");
    if (tv != null && !tv.isNull()) {
      if (tv instanceof JsonString ts && !ts.value().isEmpty()) {
        target = Optional.of(ts.value());
        template(ctx, at + "/target", ts);
      } else {
        ctx.typeError(at + "/target", NON_EMPTY_STRING, tv);
        ok = false;
      }
    }
    JsonObject params = JsonObject.EMPTY;
    JsonValue pv = o.getOrNull("params");
    if (pv != null && !pv.isNull()) {
      if (pv instanceof JsonObject po) {
        params = po;
        paramTemplates(ctx, at + "/params", po);
      } else {
        ctx.typeError(at + "/params", MAP, pv);
        ok = false;
      }
    }
    Optional<String> key = Optional.empty();
    JsonValue keyv = o.getOrNull("idempotencyKey");
    if (keyv != null && !keyv.isNull()) {
      if (keyv instanceof JsonString ks && !ks.value().isEmpty()) {
        key = Optional.of(ks.value());
        template(ctx, at + "/idempotencyKey", ks);
      } else {
        ctx.typeError(at + "/idempotencyKey", NON_EMPTY_STRING, keyv);
        ok = false;
      }
    }
    for (String k : o.members().keySet()) {
      if (!INTENT_KEYS.contains(k)) {
        ctx.warn(Code.E_PARSE_INVALID_TOKEN, at + "/" + k, "Unknown key '" + k + "' in " + label + " (known: "
            + String.join(", ", INTENT_KEYS) + ")");
      }
    }
    if (ok) {
      for (Diagnostic d : new Intent(kind, target, params, key).problems()) {
        ctx.error(d.code(), at, label + ": " + d.message());
      }
    }
  }

  /** Every string in an intent's {@code params}, at any depth, is a template (decisions.md "Intent templates"). */
  private static void paramTemplates(SchemaContext ctx, String member, JsonValue v) {
    if (v instanceof JsonString s) {
      if (s.value().contains("${")) {
        template(ctx, member, s);
      }
    } else if (v instanceof JsonObject o) {
      o.members().forEach((k, x) -> paramTemplates(ctx, member + "/" + k, x));
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        paramTemplates(ctx, member + "/" + i, a.get(i));
      }
    }
  }

  /**
   * A template string ({@code reason}, {@code summary}, an intent's target or key): each
   * {@code ${path}} placeholder must be closed and name a path the policy's event can have
   * ({@code E_POLICY_INVALID_TEMPLATE}).
   */
  private static void template(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonString s)) {
      ctx.typeError(member, STRING, v);
      return;
    }
    String text = s.value();
    TypeEnv env = EnvelopeTypes.policy();
    for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
      int end = text.indexOf('}', at + 2);
      String where = "Template '" + member.replace('/', '.') + "' of " + ctx.kind() + " '" + ctx.id() + "'";
      if (end < 0) {
        ctx.error(Code.E_POLICY_INVALID_TEMPLATE, member, where + " has an unclosed '${' at offset " + at);
        return;
      }
      String path = text.substring(at + 2, end).trim();
      if (!TEMPLATE_PATH.matcher(path).matches()) {
        ctx.error(Code.E_POLICY_INVALID_TEMPLATE, member, where + " has a placeholder '${"
            + text.substring(at + 2, end) + "}' that is not a dotted path");
      } else {
        Optional<String> why = env.impossible(path);
        why.ifPresent(w -> ctx.error(Code.E_POLICY_INVALID_TEMPLATE, member, where + ": " + w));
      }
    }
  }

  // ------------------------------------------------------------ ACL

  private static DefinitionSchema acl() {
    Map<String, PropertyRule> p = new LinkedHashMap<>();
    p.put("action", EngineSchemas::action);
    p.put("resource", EngineSchemas::resource);
    p.put("roles", EngineSchemas::roles);
    p.put("condition", EngineSchemas::aclCondition);
    p.put("effect", effect(Code.E_ACL_INVALID_RULE));
    p.put("priority", EngineSchemas::number);
    p.put("maskFields", (ctx, member, v) -> {
      if (!nonEmptyStrings(v)) {
        ctx.typeError(member, "a list of non-empty strings (field paths)", v);
      }
    });
    Map<String, Misspelling> wrong = new LinkedHashMap<>();
    wrong.put("actions", new Misspelling(Code.E_ACL_INVALID_RULE, "action",
        "an ACL rule names one action, or \"*\"; write one rule per action"));
    wrong.put("role", new Misspelling(Code.E_ACL_INVALID_RULE, "roles", "a list of role names"));
    wrong.put("maskField", new Misspelling(Code.E_ACL_INVALID_RULE, "maskFields",
        "an unread mask leaves the field visible"));
    return DefinitionSchema.of("ACL", p, Map.of(), wrong);
  }

  /** {@code action}: {@code "*"} or one action name (no whitespace, {@code /}, braces or partial wildcards). */
  private static void action(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonString s)) {
      ctx.typeError(member, STRING, v);
    } else if (!ACTION.matcher(s.value()).matches()) {
      ctx.error(Code.E_ACL_UNKNOWN_ACTION, member, "Action '" + s.value() + "' of ACL '" + ctx.id()
          + "' is neither an action name nor '*'");
    }
  }

  /**
   * {@code resource}: {@code "*"}, or {@code /}-separated segments each a literal, {@code *} (one
   * segment) or a {@code {name}} parameter: {@code orders}, {@code orders/*}, {@code orders/{id}}.
   */
  private static void resource(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonString s)) {
      ctx.typeError(member, STRING, v);
      return;
    }
    String why = resourcePatternProblem(s.value());
    if (why != null) {
      ctx.error(Code.E_ACL_INVALID_RULE, member, "Resource pattern '" + s.value() + "' of ACL '" + ctx.id()
          + "' is invalid: " + why);
    }
  }

  /**
   * Why {@code pattern} is not a resource pattern, or null if it is one.
   *
   * @param pattern the pattern
   * @return the string
   */
  public static String resourcePatternProblem(String pattern) {
    if (pattern.isEmpty()) {
      return "it is empty";
    }
    String[] segs = pattern.split("/", -1);
    for (int i = 0; i < segs.length; i++) {
      String seg = segs[i];
      if (seg.isEmpty()) {
        return "segment " + (i + 1) + " is empty";
      }
      if (!seg.equals("*") && !LITERAL_SEGMENT.matcher(seg).matches() && !PARAM_SEGMENT.matcher(seg).matches()) {
        return "segment '" + seg + "' must be a name, '*' or '{param}'";
      }
    }
    return null;
  }

  /** {@code roles}: a list of non-empty role names (a bare string is an error, not a one-role list). */
  private static void roles(SchemaContext ctx, String member, JsonValue v) {
    if (v instanceof JsonString s) {
      ctx.typeError(Code.E_META_TYPE_NOT_ALLOWED, member, "a list of role names", v,
          "write roles: [\"" + s.value() + "\"]");
    } else if (!nonEmptyStrings(v)) {
      ctx.typeError(member, "a list of role names (non-empty strings)", v);
    }
  }

  /** {@code condition}: {@code {expr}} alone, or a non-empty equality map over dotted paths (G-A3). */
  private static void aclCondition(SchemaContext ctx, String member, JsonValue v) {
    if (!(v instanceof JsonObject c)) {
      ctx.typeError(member, MAP + " ({expr: ...} or attribute equalities)", v);
      return;
    }
    if (c.isEmpty()) {
      ctx.error(Code.E_ACL_INVALID_RULE, member, "Condition of ACL '" + ctx.id()
          + "' is empty; an empty condition would hold for anyone (write the attributes it requires, or drop it)");
      return;
    }
    if (c.has("expr") && c.size() > 1) {
      ctx.error(Code.E_ACL_INVALID_RULE, member, "Condition of ACL '" + ctx.id()
          + "' mixes 'expr' with attribute equalities; write the whole test as the expression");
    }
    for (String key : c.members().keySet()) {
      if (!key.equals("expr") && !PATH.matcher(key).matches()) {
        ctx.error(Code.E_ACL_INVALID_RULE, member, "Condition attribute '" + key + "' of ACL '" + ctx.id()
            + "' is not a dotted path");
      }
    }
  }

  // ------------------------------------------------------------ Workflow, Condition

  /**
   * Workflow (docs/workflow.md "Manifest shape"): {@code initial}, {@code initials},
   * {@code finals}/{@code final_states} are typed by the validator's workflow checks; this schema
   * types the members of state maps and transition maps and the actions (named actions or intent
   * templates of the taxonomy with the workflow placeholders). Cross-references (parents, cycles,
   * regions, duplicate transitions) are the validator's workflow structure checks.
   */
  private static DefinitionSchema workflow() {
    Map<String, PropertyRule> p = new LinkedHashMap<>();
    p.put("states", EngineSchemas::states);
    for (String name : List.of("initial", "initials", "finals", "final_states")) {
      p.put(name, PropertyRule.known()); // types: the validator's workflow checks
    }
    p.put("transitions", EngineSchemas::transitions);
    p.put("ignored_triggers", (ctx, member, v) -> {
      if (!isStrings(v)) {
        ctx.typeError(member, STRINGS + " (event names)", v);
      }
    });
    Map<String, Misspelling> wrong = new LinkedHashMap<>();
    wrong.put("final", new Misspelling(Code.E_VALID_INVALID_WORKFLOW, "finals",
        "final states are listed in 'finals' (or flagged final: true in a state map)"));
    wrong.put("ignored", new Misspelling(Code.E_VALID_INVALID_WORKFLOW, "ignored_triggers",
        "an unread list lets the events fail as unknown transitions"));
    return DefinitionSchema.of("Workflow", p, Map.of(), wrong);
  }

  private static final List<String> STATE_KEYS = List.of("name", "parent", "initial", "parallel", "is_parallel",
      "isParallel", "history", "history_mode", "historyMode", "final", "on_enter", "onEnter", "on_leave", "onLeave",
      "on_activate", "on_deactivate", "description");
  private static final List<String> TRANSITION_KEYS = List.of("id", "from", "to", "on", "event", "guard",
      "named_guard", "namedGuard", "auth_roles", "authRoles", "roles", "auth", "on_enter", "onEnter", "on_leave",
      "onLeave", "actions", "rule_type", "ruleType", "timeout_ms", "timeoutMs", "timeout", "description");
  private static final List<String> RULE_TYPES = List.of("fixed", "external", "internal", "dynamic");
  private static final List<String> HISTORY_MODES = List.of("none", "shallow", "deep");

  /** A member check of one map item of a workflow list ({@code at}: its member path; {@code label}: its name in messages). */
  @FunctionalInterface
  private interface ItemRule {
    void check(String at, JsonObject item, String label);
  }

  /**
   * Checks each map item of the list {@code v} (states or transitions) with {@code rule}, after
   * warning about keys not in {@code known}; other items and a non-list are the validator's.
   */
  private static void eachMap(SchemaContext ctx, String member, JsonValue v, String what, List<String> known,
      ItemRule rule) {
    if (!(v instanceof JsonArray a)) {
      return; // the validator's workflow checks report the type
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof JsonObject o) {
        String at = member + "/" + i;
        String label = what + " " + i + " of Workflow '" + ctx.id() + "'";
        unknownKeys(ctx, at, o, known, label);
        rule.check(at, o, label);
      }
    }
  }

  private static void states(SchemaContext ctx, String member, JsonValue v) {
    eachMap(ctx, member, v, "State", STATE_KEYS, (at, o, label) -> {
      for (String flag : List.of("initial", "parallel", "is_parallel", "isParallel", "final")) {
        bool(ctx, at + "/" + flag, o.getOrNull(flag));
      }
      for (String h : List.of("history", "history_mode", "historyMode")) {
        JsonValue hv = o.getOrNull(h);
        if (hv != null && !hv.isNull() && !(hv instanceof JsonString hs && HISTORY_MODES.contains(hs.value()))) {
          ctx.error(Code.E_VALID_INVALID_WORKFLOW, at + "/" + h, label + ": history must be \"shallow\", \"deep\" or"
              + " \"none\", found " + describeValue(hv));
        }
      }
      for (String act : List.of("on_enter", "onEnter", "on_leave", "onLeave")) {
        actions(ctx, at + "/" + act, o.getOrNull(act), label);
      }
    });
  }

  private static void transitions(SchemaContext ctx, String member, JsonValue v) {
    eachMap(ctx, member, v, "Transition", TRANSITION_KEYS, (at, o, label) -> {
      for (String key : List.of("rule_type", "ruleType")) {
        if (o.getOrNull(key) instanceof JsonString rt && !RULE_TYPES.contains(rt.value())) {
          ctx.error(Code.E_VALID_INVALID_WORKFLOW, at + "/" + key, label + " has rule type '" + rt.value()
              + "' (one of " + String.join(", ", RULE_TYPES) + ")");
        }
      }
      for (String key : List.of("timeout_ms", "timeoutMs", "timeout")) {
        JsonValue t = o.getOrNull(key);
        if (t != null && !t.isNull() && !(t instanceof dev.mpc.json.JsonInt n && n.value().signum() >= 0
            && n.value().bitLength() < 63)) {
          ctx.error(Code.E_META_TYPE_NOT_ALLOWED, at + "/" + key, label + ": " + key
              + " must be a whole number of milliseconds >= 0, found " + describeValue(t));
        }
      }
      for (String key : List.of("id", "named_guard", "namedGuard")) {
        JsonValue s = o.getOrNull(key);
        if (s != null && !s.isNull() && !(s instanceof JsonString str && !str.value().isEmpty())) {
          ctx.typeError(at + "/" + key, NON_EMPTY_STRING, s);
        }
      }
      for (String key : List.of("auth_roles", "authRoles", "roles")) {
        JsonValue r = o.getOrNull(key);
        if (r != null && !r.isNull() && !nonEmptyStrings(r)) {
          ctx.typeError(at + "/" + key, "a list of role names (non-empty strings)", r);
        }
      }
      bool(ctx, at + "/auth", o.getOrNull("auth"));
      for (String act : List.of("on_enter", "onEnter", "on_leave", "onLeave", "actions")) {
        actions(ctx, at + "/" + act, o.getOrNull(act), label);
      }
    });
  }

  private static void unknownKeys(SchemaContext ctx, String at, JsonObject o, List<String> known, String label) {
    for (String k : o.members().keySet()) {
      if (!known.contains(k)) {
        String near = "";
        int best = 3;
        for (String candidate : known) {
          int d = dev.mpc.diag.Spelling.distance(k.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
          if (d < best) {
            best = d;
            near = "; did you mean '" + candidate + "'?";
          }
        }
        ctx.warn(Code.E_PARSE_INVALID_TOKEN, at + "/" + k, "Unknown key '" + k + "' in " + label + near);
      }
    }
  }

  private static void bool(SchemaContext ctx, String member, JsonValue v) {
    if (v != null && !v.isNull() && !(v instanceof dev.mpc.json.JsonBool)) {
      ctx.typeError(member, "true or false", v);
    }
  }

  private static String describeValue(JsonValue v) {
    return v instanceof JsonString s ? "\"" + s.value() + "\"" : SchemaContext.describe(v);
  }

  /**
   * Workflow actions: one action or a list; each a non-empty action name (the intent
   * {@code transform} with {@code params.operation}) or an intent template {@code {kind, target,
   * params, idempotencyKey}} of the taxonomy whose placeholders are the workflow's
   * ({@link dev.mpc.workflow.ActionView#PLACEHOLDERS}).
   */
  private static void actions(SchemaContext ctx, String member, JsonValue v, String label) {
    if (v == null || v.isNull()) {
      return;
    }
    List<JsonValue> items = v instanceof JsonArray a ? a.items() : List.of(v);
    for (int i = 0; i < items.size(); i++) {
      JsonValue item = items.get(i);
      String at = v instanceof JsonArray ? member + "/" + i : member;
      if (item instanceof JsonString s && !s.value().isEmpty()) {
        continue;
      }
      if (!(item instanceof JsonObject o)) {
        ctx.typeError(at, "an action name or an intent map {kind, target, params, idempotencyKey}", item);
        continue;
      }
      String what = "Action " + i + " of " + label;
      JsonValue kv = o.getOrNull("kind");
      IntentKind kind = kv instanceof JsonString ks ? IntentKind.fromWireName(ks.value()).orElse(null) : null;
      if (kind == null) {
        List<String> kinds = new ArrayList<>();
        for (IntentKind k : IntentKind.values()) {
          kinds.add(k.wireName());
        }
        ctx.error(Code.E_POLICY_INVALID_TEMPLATE, at + "/kind", what + " has " + (kv == null ? "no kind"
            : "kind " + describeValue(kv)) + " (kinds: " + String.join(", ", kinds) + ")");
        continue;
      }
      boolean ok = true;
      for (String key : List.of("target", "idempotencyKey")) {
        JsonValue t = o.getOrNull(key);
        if (t != null && !t.isNull() && !(t instanceof JsonString ts && !ts.value().isEmpty())) {
          ctx.typeError(at + "/" + key, NON_EMPTY_STRING, t);
          ok = false;
        }
      }
      JsonValue pv = o.getOrNull("params");
      if (pv != null && !pv.isNull() && !(pv instanceof JsonObject)) {
        ctx.typeError(at + "/params", MAP, pv);
        ok = false;
      }
      for (String k : o.members().keySet()) {
        if (!INTENT_KEYS.contains(k)) {
          ctx.warn(Code.E_PARSE_INVALID_TOKEN, at + "/" + k, "Unknown key '" + k + "' in " + what + " (known: "
              + String.join(", ", INTENT_KEYS) + ")");
        }
      }
      ok &= placeholders(ctx, at, o, what);
      if (ok) {
        JsonObject params = pv instanceof JsonObject po ? po : JsonObject.EMPTY;
        // a missing target is the instance, a missing key is generated: only the params are the author's
        Intent sample = new Intent(kind, Optional.of("x"), params, Optional.of("x"));
        for (Diagnostic d : sample.problems()) {
          ctx.error(d.code(), at, what + ": " + d.message());
        }
      }
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}?");

  private static boolean placeholders(SchemaContext ctx, String at, JsonValue v, String what) {
    boolean ok = true;
    if (v instanceof JsonString s) {
      java.util.regex.Matcher m = PLACEHOLDER.matcher(s.value());
      while (m.find()) {
        String name = m.group(1).trim();
        if (!m.group().endsWith("}")) {
          ctx.error(Code.E_POLICY_INVALID_TEMPLATE, at, what + " has an unclosed '${'");
          ok = false;
        } else if (!dev.mpc.workflow.ActionView.PLACEHOLDERS.contains(name)) {
          ctx.error(Code.E_POLICY_INVALID_TEMPLATE, at, what + " uses placeholder '${" + name + "}' (placeholders: "
              + String.join(", ", new java.util.TreeSet<>(dev.mpc.workflow.ActionView.PLACEHOLDERS)) + ")");
          ok = false;
        }
      }
    } else if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!e.getKey().equals("kind")) {
          ok &= placeholders(ctx, at, e.getValue(), what);
        }
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        ok &= placeholders(ctx, at, x, what);
      }
    }
    return ok;
  }

  private static DefinitionSchema condition() {
    return DefinitionSchema.of("Condition", Map.of("expr", PropertyRule.known()),
        Map.of("expr", Code.E_META_MISSING_REQUIRED_FIELD), Map.of());
  }

  // ------------------------------------------------------------ helpers

  private static boolean isStrings(JsonValue v) {
    if (!(v instanceof JsonArray a)) {
      return false;
    }
    for (JsonValue item : a.items()) {
      if (!(item instanceof JsonString)) {
        return false;
      }
    }
    return true;
  }

  private static boolean nonEmptyStrings(JsonValue v) {
    if (!isStrings(v)) {
      return false;
    }
    for (JsonValue item : ((JsonArray) v).items()) {
      if (((JsonString) item).value().isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
