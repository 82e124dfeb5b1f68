package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.TraceEvent;
import dev.mpc.expr.Expr;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a Decision with its FULL trace as text a person reads to learn why: the outcome and its
 * reasons, the event as the engine saw it, then every policy and ACL rule the engine considered,
 * in the order it considered them, matched or skipped and why, each condition with its value and
 * its expression's sub-results (post-order: operands before the operator), coded errors (a budget
 * error with its message and details), how the two engines' votes were composed, and the intents
 * the host is to execute. Everything shown comes from the (already redacted) decision and trace.
 * Stateless.
 */
final class ExplainText {
  private ExplainText() {}

  /**
   * The explain text of {@code d} for {@code event}, evaluated against {@code artifact} (whose
   * lowered expressions give each condition's text); ends with a newline.
   */
  static String render(Decision d, EventEnvelope event, Artifact artifact) {
    StringBuilder out = new StringBuilder();
    out.append("Decision: ").append(d.allow() ? "ALLOW" : "DENY").append('\n');
    for (Reason r : d.reasons()) {
      out.append("  ").append(r.code().code()).append("  ").append(r.summary().orElse("")).append('\n');
    }
    d.meta().artifactHash().ifPresent(h -> out.append("  artifact ").append(h).append('\n'));
    out.append("  engine ").append(d.meta().engine().orElse("?")).append(' ')
        .append(d.meta().engineVersion().orElse("?"));
    d.meta().traceSpanId().ifPresent(s -> out.append(", span ").append(s));
    out.append('\n').append('\n');

    out.append("Event: ").append(event.name()).append(" (").append(event.kind().wireName()).append(") by ")
        .append(event.actor().id()).append(" roles ").append(event.actor().roles()).append(" on ")
        .append(event.object().type()).append('/').append(event.object().id()).append('\n');

    if (d.trace().isEmpty()) {
      out.append('\n').append("(no trace: the decision was evaluated without one)\n");
    } else {
      List<TraceEvent> pendingExpr = new ArrayList<>();
      String section = "";
      int n = 0;
      for (TraceEvent t : d.trace().orElseThrow().events()) {
        String kind = t.t();
        String sec = kind.startsWith("policy.") ? "policy" : kind.startsWith("acl.") ? "acl" : kind;
        if (kind.equals("expr.eval")) {
          pendingExpr.add(t);
          continue;
        }
        if (!sec.equals(section) && (sec.equals("policy") || sec.equals("acl"))) {
          out.append('\n').append(sec.equals("policy")
              ? "Policies (priority descending, then id; every matching policy votes, any deny denies):"
              : "ACL rules for this resource and action (priority descending, then id; the first rule that"
                  + " decides wins, default deny; rules for other resources or actions are skipped by the index):")
              .append('\n');
          n = 0;
        }
        section = sec;
        switch (kind) {
          case "artifact.error" -> out.append('\n').append("Artifact error [").append(str(t.data(), "code"))
              .append("] ").append(str(t.result(), "message")).append(" (fails closed)\n");
          case "policy.none" -> out.append("  none in the artifact: the policy engine does not apply\n");
          case "acl.none" -> out.append("  none in the artifact: the ACL engine does not apply\n");
          case "policy.index" -> out.append("  index: ").append(num(t.result(), "considered")).append(" of ")
              .append(num(t.data(), "policies")).append(" policies considered, ")
              .append(num(t.result(), "skippedByIndex"))
              .append(" skipped by the index (they require another event name, kind or object type)\n");
          case "acl.nomatch" -> out.append("  no rule decided for action '").append(str(t.data(), "action"))
              .append("' on resource '").append(str(t.data(), "resource")).append("': default deny\n");
          case "compose" -> out.append('\n').append("Composition (").append(str(t.data(), "strategy"))
              .append("): policy ").append(vote(str(t.data(), "policy"))).append(", ACL ")
              .append(vote(str(t.data(), "acl"))).append(" => ")
              .append(t.result().getOrNull("allow") instanceof dev.mpc.json.JsonBool b && b.value() ? "allow" : "deny")
              .append(t.result().getOrNull("failedClosed") instanceof dev.mpc.json.JsonBool f && f.value()
                  ? " (failed closed: an error above denies whatever the votes)" : "")
              .append('\n');
          default -> {
            if (sec.equals("policy") || sec.equals("acl")) {
              rule(out, ++n, t, sec.equals("policy") ? "policy" : "rule", pendingExpr, artifact);
            } else {
              out.append("  ").append(kind).append(' ').append(Canonical.json(t.data())).append(" -> ")
                  .append(Canonical.json(t.result())).append('\n');
            }
          }
        }
        pendingExpr.clear();
      }
      for (TraceEvent e : pendingExpr) {
        expr(out, e, artifact);
      }
    }

    out.append('\n');
    if (d.intents().isEmpty()) {
      out.append("Intents: none\n");
    } else {
      out.append("Intents (for the host to execute, once each):\n");
      for (Intent i : d.intents()) {
        out.append("  ").append(i.kind().wireName());
        i.target().ifPresent(x -> out.append(" target=").append(x));
        i.idempotencyKey().ifPresent(x -> out.append(" idempotencyKey=").append(x));
        if (!i.params().isEmpty()) {
          out.append(" params=").append(Canonical.json(i.params()));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static void rule(StringBuilder out, int n, TraceEvent t, String noun, List<TraceEvent> exprs,
      Artifact artifact) {
    String id = str(t.data(), noun.equals("policy") ? "policy" : "rule");
    String outcome = t.t().substring(t.t().indexOf('.') + 1);
    out.append("  ").append(n).append(". ").append(id).append(" (").append(str(t.data(), "effect")).append(") ");
    JsonObject r = t.result();
    switch (outcome) {
      case "match" -> out.append("MATCHED").append(conditions(r)).append('\n');
      case "skip" -> out.append("skipped: ").append(why(t)).append('\n');
      case "error" -> out.append("ERROR, fails closed: ").append(error(r)).append('\n');
      default -> out.append(outcome).append(' ').append(Canonical.json(r)).append('\n');
    }
    if (t.data().getOrNull("needRoles") instanceof JsonArray roles) {
      out.append("       needs one of the roles ").append(Canonical.json(roles)).append('\n');
    }
    for (TraceEvent e : exprs) {
      expr(out, e, artifact);
    }
  }

  private static String why(TraceEvent t) {
    JsonObject r = t.result();
    if (r.has("field")) {
      return "'" + str(r, "field") + "' is " + Canonical.json(r.getOrNull("actual")) + ", the rule needs "
          + Canonical.json(r.getOrNull("expected"));
    }
    if (r.has("failed")) {
      return "'" + str(r, "failed") + "' is false";
    }
    StringBuilder s = new StringBuilder(str(r, "why"));
    if (r.has("failedAttribute")) {
      s.append(" ('").append(str(r, "failedAttribute")).append("' is ").append(Canonical.json(r.getOrNull("actual")))
          .append(", the rule needs ").append(Canonical.json(r.getOrNull("expected"))).append(')');
    }
    String conds = conditions(r);
    return s.append(conds).toString();
  }

  /** The condition values recorded in a rule's result: {@code roles}, {@code condition} and each site. */
  private static String conditions(JsonObject r) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonValue> e : r.members().entrySet()) {
      String k = e.getKey();
      if (List.of("why", "failed", "field", "actual", "expected", "failedAttribute").contains(k)) {
        continue;
      }
      JsonValue v = e.getValue();
      if (k.equals("roles")) {
        parts.add("roles " + (v instanceof dev.mpc.json.JsonBool b && b.value() ? "held" : "not held"));
      } else if (v instanceof JsonObject o && o.has("code")) {
        parts.add(k + " = error " + error(o));
      } else {
        parts.add(k + " = " + Canonical.json(v));
      }
    }
    return parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]";
  }

  private static void expr(StringBuilder out, TraceEvent e, Artifact artifact) {
    JsonObject r = e.result();
    String rule = str(e.data(), "rule");
    String site = str(e.data(), "site");
    Expr ir = artifact.expression(rule, site).orElse(null);
    out.append("       expression '").append(site).append("' of ").append(rule);
    if (ir != null) {
      out.append(": ").append(text(ir));
    }
    if (r.has("code")) {
      out.append('\n').append("         error ").append(error(r)).append('\n');
      return;
    }
    out.append('\n').append("         = ").append(Canonical.json(r.getOrNull("value"))).append(" (")
        .append(num(r, "steps")).append(" steps)\n");
    if (r.getOrNull("nodes") instanceof JsonArray nodes && !nodes.isEmpty()) {
      List<Expr> order = new ArrayList<>();
      if (ir != null) {
        postOrder(ir, order);
      }
      boolean labelled = order.size() == nodes.size();
      for (int i = 0; labelled && i < order.size(); i++) {
        labelled = nodes.get(i) instanceof JsonObject node && order.get(i).kind().equals(str(node, "node"));
      }
      out.append("         sub-results, operands before operators")
          .append(labelled ? "" : " (some operands were not evaluated: short-circuit)").append(":\n");
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i) instanceof JsonObject node) {
          out.append("           ").append(labelled ? text(order.get(i)) : str(node, "node")).append(" = ")
              .append(Canonical.json(node.getOrNull("value"))).append(" : ").append(str(node, "type")).append('\n');
        }
      }
    }
  }

  /** The nodes of {@code e} in evaluation post-order (children before their parent), as the trace lists them. */
  private static void postOrder(Expr e, List<Expr> out) {
    if (e instanceof Expr.Call c) {
      c.args().forEach(x -> postOrder(x, out));
    } else if (e instanceof Expr.Binary b) {
      postOrder(b.left(), out);
      postOrder(b.right(), out);
    } else if (e instanceof Expr.Unary u) {
      postOrder(u.operand(), out);
    } else if (e instanceof Expr.Cond c) {
      postOrder(c.test(), out);
      postOrder(c.then(), out);
      postOrder(c.otherwise(), out);
    } else if (e instanceof Expr.ListOf l) {
      l.items().forEach(x -> postOrder(x, out));
    } else if (e instanceof Expr.Index x) {
      postOrder(x.target(), out);
      postOrder(x.key(), out);
    }
    out.add(e);
  }

  /** {@code e} as expression text. */
  static String text(Expr e) {
    if (e instanceof Expr.Lit l) {
      return Canonical.json(l.value());
    }
    if (e instanceof Expr.Ref r) {
      return r.path();
    }
    if (e instanceof Expr.Call c) {
      return c.name() + "(" + String.join(", ", c.args().stream().map(ExplainText::text).toList()) + ")";
    }
    if (e instanceof Expr.Binary b) {
      return operand(b.left()) + " " + b.op().symbol() + " " + operand(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == Expr.UnaryOp.NOT ? "not " : "-") + operand(u.operand());
    }
    if (e instanceof Expr.Cond c) {
      return operand(c.test()) + " ? " + operand(c.then()) + " : " + operand(c.otherwise());
    }
    if (e instanceof Expr.ListOf l) {
      return "[" + String.join(", ", l.items().stream().map(ExplainText::text).toList()) + "]";
    }
    Expr.Index x = (Expr.Index) e;
    return operand(x.target()) + "[" + text(x.key()) + "]";
  }

  private static String operand(Expr e) {
    return e instanceof Expr.Binary || e instanceof Expr.Cond ? "(" + text(e) + ")" : text(e);
  }

  private static String error(JsonObject r) {
    JsonValue nested = r.members().values().stream().filter(v -> v instanceof JsonObject o && o.has("code"))
        .findFirst().orElse(null);
    JsonObject e = r.has("code") || nested == null ? r : (JsonObject) nested;
    String s = "[" + str(e, "code") + "] " + str(e, "message");
    if (e.getOrNull("details") instanceof JsonObject details && !details.isEmpty()) {
      s += details.getOrNull("failedAt") instanceof JsonObject at ? " " + failedAt(at, details)
          : " " + Canonical.json(details);
    }
    return s;
  }

  /** Where a traced evaluation failed: the sub-expression (or call) and what had been used by then. */
  private static String failedAt(JsonObject at, JsonObject details) {
    String where = dev.mpc.expr.ExprJson.decode(at.getOrNull("expr")).value().map(ExplainText::text)
        .orElse(str(at, "node"));
    StringBuilder b = new StringBuilder(at.getOrNull("before") instanceof dev.mpc.json.JsonBool t && t.value()
        ? "(the whole expression's steps, charged before it ran: " + where + ")" : "at `" + where + "`");
    if (at.has("function")) {
      b.append(" in ").append(str(at, "function")).append("()");
    }
    if (at.has("line")) {
      b.append(" (").append(Canonical.json(at.getOrNull("line"))).append(':').append(Canonical.json(at.getOrNull("col")))
          .append(')');
    }
    if (details.has("steps")) {
      b.append("; used ").append(Canonical.json(details.getOrNull("steps"))).append(" steps, ")
          .append(Canonical.json(details.getOrNull("regexOps"))).append(" regex ops");
    }
    return b.toString();
  }

  private static String vote(String effect) {
    return switch (effect) {
      case "PERMIT" -> "permits";
      case "DENY" -> "denies";
      case "NOT_APPLICABLE" -> "does not apply";
      default -> effect;
    };
  }

  private static String str(JsonObject o, String key) {
    if (o == null) {
      return "";
    }
    JsonValue v = o.getOrNull(key);
    return v instanceof JsonString s ? s.value() : v == null ? "" : Canonical.json(v);
  }

  private static String num(JsonObject o, String key) {
    return str(o, key);
  }
}
