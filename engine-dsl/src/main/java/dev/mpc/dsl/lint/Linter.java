package dev.mpc.dsl.lint;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.Expr;
import dev.mpc.expr.Limits;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static findings on a manifest that compiles but probably does not do what its author meant, each
 * a registered warning code ({@code W_LINT_*}) at the definition's source position with a one-line
 * fix hint ({@code details.hint}):
 *
 * <ul>
 *   <li>{@code W_LINT_SHADOWED_RULE}: an ACL rule that never decides, because a rule of higher
 *       priority without a condition, for the same (or a wildcard) action and resource and for
 *       every role it names, always decides first;
 *   <li>{@code W_LINT_UNREACHABLE_RULE}: a policy whose static match tests an envelope field that
 *       does not exist (for a non-null value): it matches no event (ACL actions and resources are
 *       not checked: they come from the host's events, which no declaration lists);
 *   <li>{@code W_LINT_AMBIGUOUS_PRIORITY}: an allow and a deny policy of equal priority whose static
 *       matches can hold at once (their order then decides), or two such ACL rules;
 *   <li>{@code W_LINT_UNUSED_ROLE} / {@code W_LINT_UNDECLARED_ROLE}: a Role definition that
 *       nothing references and that inherits nothing (granted nothing); a role a rule or
 *       transition requires that no Role definition declares (only when the manifest declares
 *       roles);
 *   <li>{@code W_LINT_CONSTANT_CONDITION}: a policy condition, ACL condition or workflow guard that
 *       reads nothing of the event;
 *   <li>{@code W_LINT_UNFIRABLE_TRANSITION}: a transition that an earlier one from the same state
 *       on the same event, without guard or roles, always takes first.
 * </ul>
 *
 * <p>Conservative by design: a finding is reported only when the analysis is sure. Thread-safe
 * (stateless).
 */
public final class Linter {
  /** The envelope's top-level fields a static match may test. */
  static final Set<String> ENVELOPE_FIELDS = Set.of("id", "name", "kind", "timestamp", "actor", "object", "context",
      "payload", "previous", "action");

  private Linter() {}

  /**
   * The findings of {@code manifest} against {@code meta}, in source order.
   *
   * @param manifest the parsed manifest
   * @param meta its DomainMeta (events and kinds make more findings possible)
   * @return the findings (warnings)
   */
  public static List<Diagnostic> lint(ManifestAst manifest, DomainMeta meta) {
    List<Diagnostic> out = new ArrayList<>();
    List<AstNode> defs = flatten(manifest.defs());
    Map<String, AstNode> roles = new LinkedHashMap<>();
    for (AstNode d : defs) {
      if (d.kind().equals("Role")) {
        roles.put(d.id(), d);
      }
    }
    Map<String, Set<String>> closure = closure(roles);
    Set<String> referenced = new HashSet<>();
    List<AstNode> policies = new ArrayList<>();
    List<AstNode> acls = new ArrayList<>();
    for (AstNode d : defs) {
      switch (d.kind()) {
        case "Policy":
          policies.add(d);
          policy(d, out);
          break;
        case "ACL":
          acls.add(d);
          acl(d, roles, referenced, out);
          break;
        case "Workflow":
          workflow(d, roles, referenced, out);
          break;
        case "Role":
          strings(d.properties().getOrNull("inherits")).forEach(referenced::add);
          break;
        default:
          break;
      }
    }
    shadowed(acls, closure, out);
    ambiguousPolicies(policies, out);
    ambiguousAcls(acls, closure, out);
    for (AstNode r : roles.values()) {
      // a role that inherits others is a composite a host grants; only an empty one is dead weight
      if (!referenced.contains(r.id()) && strings(r.properties().getOrNull("inherits")).isEmpty()) {
        out.add(finding(Code.W_LINT_UNUSED_ROLE, r, null, "Role '" + r.id() + "' is referenced by no rule, transition or"
            + " other role", "grant it in an ACL rule or transition, inherit it, or remove it"));
      }
    }
    out.sort(Diagnostic.byPosition(true));
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------------------ rules

  private static void policy(AstNode p, List<Diagnostic> out) {
    if (p.properties().getOrNull("match") instanceof JsonObject m && !m.has("expr")) {
      for (Map.Entry<String, JsonValue> e : m.members().entrySet()) {
        String first = e.getKey().split("\\.", 2)[0];
        if (!ENVELOPE_FIELDS.contains(first) && !(e.getValue() instanceof JsonNull)) {
          out.add(finding(Code.W_LINT_UNREACHABLE_RULE, p, "match", "Policy '" + p.id() + "' matches field '" + e.getKey()
              + "', which no event envelope has, so it matches no event", "test an envelope path: name, kind, "
              + "actor.roles, object.type, payload.<field> (e.g. 'name' instead of 'event')"));
          break;
        }
      }
    }
    constant(p, "condition", condition(p.properties().getOrNull("condition")), "condition of Policy '" + p.id() + "'",
        out);
    if (p.properties().getOrNull("match") instanceof JsonObject m && m.getOrNull("expr") instanceof JsonString x) {
      constant(p, "match", Optional.of(x.value()), "match.expr of Policy '" + p.id() + "'", out);
    }
  }

  private static void acl(AstNode a, Map<String, AstNode> roles, Set<String> referenced,
      List<Diagnostic> out) {
    for (String r : strings(a.properties().getOrNull("roles"))) {
      referenced.add(r);
      if (!roles.isEmpty() && !roles.containsKey(r)) {
        out.add(finding(Code.W_LINT_UNDECLARED_ROLE, a, "roles", "ACL rule '" + a.id() + "' grants role '" + r
            + "', which no Role definition declares", dev.mpc.diag.Spelling.nearest(r, roles.keySet())
            .map(n -> "did you mean '" + n + "'?").orElse("declare 'def Role " + r + "' or fix the name (roles: "
            + roles.keySet() + ")")));
      }
    }
    if (a.properties().getOrNull("condition") instanceof JsonObject c && c.getOrNull("expr") instanceof JsonString x) {
      constant(a, "condition", Optional.of(x.value()), "condition of ACL rule '" + a.id() + "'", out);
    }
  }

  private static void workflow(AstNode w, Map<String, AstNode> roles, Set<String> referenced, List<Diagnostic> out) {
    if (!(w.properties().getOrNull("transitions") instanceof JsonArray ts)) {
      return;
    }
    Map<String, Integer> takesAll = new HashMap<>();
    for (int i = 0; i < ts.size(); i++) {
      if (!(ts.get(i) instanceof JsonObject t)) {
        continue;
      }
      String from = text(t.getOrNull("from"));
      String on = text(t.getOrNull("on"));
      List<String> rs = strings(t.getOrNull("roles"));
      for (String r : rs) {
        referenced.add(r);
        if (!roles.isEmpty() && !roles.containsKey(r)) {
          out.add(finding(Code.W_LINT_UNDECLARED_ROLE, w, "transitions", "Transition " + (i + 1) + " (" + from + " on "
              + on + ") of Workflow '" + w.id() + "' requires role '" + r + "', which no Role definition declares",
              "declare 'def Role " + r + "' or fix the name"));
        }
      }
      String guard = text(t.getOrNull("guard"));
      if (guard != null) {
        constant(w, "transitions", Optional.of(guard), "guard of transition " + (i + 1) + " (" + from + " on " + on
            + ") of Workflow '" + w.id() + "'", out);
      }
      if (from == null || on == null || t.has("timeout_ms") || t.has("timeoutMs")) {
        continue;
      }
      String key = from + "\u0000" + on;
      Integer earlier = takesAll.get(key);
      if (earlier != null) {
        out.add(finding(Code.W_LINT_UNFIRABLE_TRANSITION, w, "transitions", "Transition " + (i + 1) + " (" + from
            + " on " + on + ") of Workflow '" + w.id() + "' can never fire: transition " + earlier
            + " from the same state on the same event has no guard or roles and always fires first",
            "give the earlier transition a guard or roles, or remove this one"));
      } else if (guard == null && !t.has("named_guard") && !t.has("namedGuard") && rs.isEmpty()
          && !Boolean.TRUE.equals(t.getOrNull("auth") instanceof dev.mpc.json.JsonBool b ? b.value() : null)) {
        takesAll.put(key, i + 1);
      }
    }
  }

  /** ACL rule B is shadowed by A when A decides first on every event B matches. */
  private static void shadowed(List<AstNode> acls, Map<String, Set<String>> closure, List<Diagnostic> out) {
    for (AstNode b : acls) {
      for (AstNode a : acls) {
        if (a == b || priority(a) <= priority(b) || a.properties().has("condition")) {
          continue;
        }
        if (covers(text(a.properties().getOrNull("action")), text(b.properties().getOrNull("action")))
            && covers(text(a.properties().getOrNull("resource")), text(b.properties().getOrNull("resource")))
            && rolesCover(strings(a.properties().getOrNull("roles")), strings(b.properties().getOrNull("roles")), closure)) {
          out.add(finding(Code.W_LINT_SHADOWED_RULE, b, null, "ACL rule '" + b.id() + "' never decides: '" + a.id()
              + "' (priority " + priority(a) + ") decides first on every event it matches",
              "raise its priority above " + priority(a) + ", narrow '" + a.id() + "', or remove it"));
          break;
        }
      }
    }
  }

  private static void ambiguousPolicies(List<AstNode> ps, List<Diagnostic> out) {
    Set<AstNode> reported = new HashSet<>();
    for (int i = 0; i < ps.size(); i++) {
      for (int j = i + 1; j < ps.size(); j++) {
        AstNode p = ps.get(i);
        AstNode q = ps.get(j);
        if (priority(p) != priority(q) || effect(p).equals(effect(q)) || reported.contains(q)) {
          continue;
        }
        Optional<JsonObject> mp = staticMatch(p);
        Optional<JsonObject> mq = staticMatch(q);
        if (mp.isEmpty() || mq.isEmpty()) {
          continue; // an expression match: cannot tell, stay quiet
        }
        boolean overlap = true;
        for (Map.Entry<String, JsonValue> e : mp.get().members().entrySet()) {
          JsonValue other = mq.get().getOrNull(e.getKey());
          if (other != null && !other.equals(e.getValue())) {
            overlap = false;
          }
        }
        if (overlap) {
          reported.add(q);
          out.add(finding(Code.W_LINT_AMBIGUOUS_PRIORITY, q, "priority", "Policies '" + p.id() + "' (" + effect(p)
              + ") and '" + q.id() + "' (" + effect(q) + ") have priority " + priority(p) + " and can match the same"
              + " event", "give the one that should win the higher priority"));
        }
      }
    }
  }

  private static void ambiguousAcls(List<AstNode> acls, Map<String, Set<String>> closure, List<Diagnostic> out) {
    for (int i = 0; i < acls.size(); i++) {
      for (int j = i + 1; j < acls.size(); j++) {
        AstNode a = acls.get(i);
        AstNode b = acls.get(j);
        if (priority(a) != priority(b) || effect(a).equals(effect(b))) {
          continue;
        }
        String aa = text(a.properties().getOrNull("action"));
        String ba = text(b.properties().getOrNull("action"));
        String ar = text(a.properties().getOrNull("resource"));
        String br = text(b.properties().getOrNull("resource"));
        if ((covers(aa, ba) || covers(ba, aa)) && (covers(ar, br) || covers(br, ar))
            && rolesOverlap(strings(a.properties().getOrNull("roles")), strings(b.properties().getOrNull("roles")), closure)) {
          out.add(finding(Code.W_LINT_AMBIGUOUS_PRIORITY, b, "priority", "ACL rules '" + a.id() + "' (" + effect(a)
              + ") and '" + b.id() + "' (" + effect(b) + ") have priority " + priority(a) + " and can match the same"
              + " event: declaration order decides", "give the one that should win the higher priority"));
        }
      }
    }
  }

  private static void constant(AstNode owner, String property, Optional<String> text, String what,
      List<Diagnostic> out) {
    if (text.isEmpty()) {
      return;
    }
    var parsed = Expressions.parse(text.get(), Limits.defaults());
    if (parsed.isOk() && !readsAnything(parsed.orElseThrow().ir())) {
      out.add(finding(Code.W_LINT_CONSTANT_CONDITION, owner, property, "The " + what + " (" + text.get()
          + ") reads nothing of the event: it is always the same", "refer to the event (actor, object, payload, ...)"
          + " or remove it"));
    }
  }

  /** Whether {@code e} reads a binding, calls a function (host functions, now()) or could differ per event. */
  static boolean readsAnything(Expr e) {
    if (e instanceof Expr.Lit) {
      return false;
    }
    if (e instanceof Expr.Ref || e instanceof Expr.Call) {
      return true;
    }
    if (e instanceof Expr.Binary b) {
      return readsAnything(b.left()) || readsAnything(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return readsAnything(u.operand());
    }
    if (e instanceof Expr.Cond c) {
      return readsAnything(c.test()) || readsAnything(c.then()) || readsAnything(c.otherwise());
    }
    if (e instanceof Expr.ListOf l) {
      return l.items().stream().anyMatch(Linter::readsAnything);
    }
    if (e instanceof Expr.Index i) {
      return readsAnything(i.target()) || readsAnything(i.key());
    }
    return true;
  }

  // ------------------------------------------------------------------------------ helpers

  private static Optional<String> condition(JsonValue v) {
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    if (v instanceof JsonObject o && o.getOrNull("expr") instanceof JsonString s) {
      return Optional.of(s.value());
    }
    return Optional.empty();
  }

  private static Optional<JsonObject> staticMatch(AstNode p) {
    JsonValue m = p.properties().getOrNull("match");
    if (m == null) {
      return Optional.of(JsonObject.EMPTY);
    }
    return m instanceof JsonObject o && !o.has("expr") ? Optional.of(o) : Optional.empty();
  }

  private static boolean covers(String wide, String narrow) {
    return wide == null || wide.equals("*") || wide.equals(narrow);
  }

  /** Every actor holding one of {@code narrow} holds one of {@code wide} (no roles: everyone). */
  private static boolean rolesCover(List<String> wide, List<String> narrow, Map<String, Set<String>> closure) {
    if (wide.isEmpty()) {
      return true;
    }
    if (narrow.isEmpty()) {
      return false;
    }
    for (String n : narrow) {
      Set<String> held = closure.getOrDefault(n, Set.of(n));
      if (wide.stream().noneMatch(held::contains)) {
        return false;
      }
    }
    return true;
  }

  private static boolean rolesOverlap(List<String> a, List<String> b, Map<String, Set<String>> closure) {
    if (a.isEmpty() || b.isEmpty()) {
      return true;
    }
    for (String x : a) {
      for (String y : b) {
        if (closure.getOrDefault(x, Set.of(x)).contains(y) || closure.getOrDefault(y, Set.of(y)).contains(x)) {
          return true;
        }
      }
    }
    return false;
  }

  /** role -> every role a holder of it holds (itself and what it inherits, transitively). */
  private static Map<String, Set<String>> closure(Map<String, AstNode> roles) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String r : roles.keySet()) {
      Set<String> seen = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>(List.of(r));
      while (!todo.isEmpty()) {
        String x = todo.remove(todo.size() - 1);
        if (seen.add(x) && roles.containsKey(x)) {
          todo.addAll(strings(roles.get(x).properties().getOrNull("inherits")));
        }
      }
      out.put(r, seen);
    }
    return out;
  }

  private static long priority(AstNode d) {
    return d.properties().getOrNull("priority") instanceof JsonInt i && i.fitsLong() ? i.longValueExact() : 0;
  }

  private static String effect(AstNode d) {
    String e = text(d.properties().getOrNull("effect"));
    return e == null ? "allow" : e;
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.value() : null;
  }

  private static List<String> strings(JsonValue v) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (JsonValue x : a.items()) {
        if (x instanceof JsonString s) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  private static List<AstNode> flatten(List<AstNode> defs) {
    List<AstNode> out = new ArrayList<>();
    for (AstNode d : defs) {
      out.add(d);
      out.addAll(flatten(d.children()));
    }
    return out;
  }

  private static Diagnostic finding(Code code, AstNode at, String property, String message, String hint) {
    SourceMap where = property != null && at.propertySources().containsKey(property)
        ? at.propertySources().get(property) : at.source().orElse(SourceMap.at(1, 1));
    return new Diagnostic(code, message + " (fix: " + hint + ")", Severity.WARN, Optional.empty(), Optional.of(where),
        JsonObject.builder().put("id", at.id()).put("kind", at.kind()).put("hint", hint).build(), List.of());
  }
}
