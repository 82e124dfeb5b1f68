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

  /** The built-in schemas by kind. */
  public static Map<String, DefinitionSchema> builtIn() {
    return BUILT_IN;
  }

  /** The built-in schema of {@code kind}, if it is an engine kind. */
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

  /** Why {@code pattern} is not a resource pattern, or null if it is one. */
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

  private static DefinitionSchema workflow() {
    Map<String, PropertyRule> p = new LinkedHashMap<>();
    for (String name : List.of("states", "initial", "initials", "finals", "final_states", "transitions",
        "ignored_triggers")) {
      p.put(name, PropertyRule.known()); // types: the validator's workflow checks
    }
    return DefinitionSchema.of("Workflow", p, Map.of(), Map.of());
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
