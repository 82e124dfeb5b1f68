package dev.mpc.dsl.validate;

import dev.mpc.ast.AstNode;
import dev.mpc.diag.Result;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.EnvelopeTypes;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.expr.Limits;
import dev.mpc.expr.ParsedExpr;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The type environment of a Policy or ACL expression site when the type of the event's object is
 * known statically and the DomainMeta declares attribute types for that kind
 * ({@link EnvelopeTypes#policy(DomainMeta, String)}, {@link EnvelopeTypes#acl(DomainMeta, String)}):
 * then {@code object.attributes} is a closed shape of the declared attributes.
 *
 * <p>The object type is known when:
 * <ul>
 *   <li>a Policy's static match has {@code "object.type": "<T>"}, or its {@code match.expr} is a
 *       conjunction ({@code and}/{@code &&} at the top) with an operand {@code object.type == "<T>"}
 *       (or {@code event.object.type}): then for {@code match.expr} and {@code condition};
 *   <li>an ACL rule's {@code resource} is a literal type or a pattern whose first segment is one
 *       ({@code orders}, {@code orders/*}, {@code orders/{id}}): the resource is
 *       matched against the type and {@code type/id}, so the type is that segment (for object
 *       types without a {@code /});
 *   <li>otherwise, an expression site that is such a conjunction itself (a policy
 *       {@code condition}, an ACL {@code condition.expr}; also {@code resource.type}).
 * </ul>
 * Unknown type, or no declaration for it: the site's usual environment ({@code any} attributes).
 *
 * <p>Environments are built once per kind that declares attributes. Immutable and thread-safe.
 */
final class AttributeEnvs {
  private static final Set<String> TYPE_PATHS = Set.of("object.type", "event.object.type", "resource.type");

  private final Limits limits;
  private final Map<String, TypeEnv> policy = new HashMap<>();
  private final Map<String, TypeEnv> acl = new HashMap<>();

  /** {@code meta} may be null (no attribute types); {@code host} is the host's own declarations. */
  AttributeEnvs(DomainMeta meta, TypeEnv host, Limits limits) {
    this.limits = limits;
    if (meta != null) {
      for (KindDef k : meta.kinds()) {
        if (!k.attributes().isEmpty() && !policy.containsKey(k.name())) {
          policy.put(k.name(), EnvelopeTypes.policy(meta, k.name()).with(host));
          acl.put(k.name(), EnvelopeTypes.acl(meta, k.name()).with(host));
        }
      }
    }
  }

  /** The environment of the expression {@code site} of definition {@code n}; {@code base} unless typed. */
  TypeEnv forSite(AstNode n, TypeEnv base, JsonValue site) {
    Map<String, TypeEnv> typed = switch (n.kind()) {
      case "Policy" -> policy;
      case "ACL" -> acl;
      default -> Map.of();
    };
    if (typed.isEmpty()) {
      return base;
    }
    Optional<String> type = n.kind().equals("Policy") ? policyType(n.properties()) : aclType(n.properties());
    TypeEnv env = typed.get(type.or(() -> pinned(site)).orElse(""));
    return env == null ? base : env;
  }

  /** The type a Policy's match pins: a static {@code object.type}, or a conjunct of {@code match.expr}. */
  private Optional<String> policyType(JsonObject props) {
    if (!(props.getOrNull("match") instanceof JsonObject m)) {
      return Optional.empty();
    }
    if (m.has("expr")) {
      return pinned(m.getOrNull("expr"));
    }
    return m.getOrNull("object.type") instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  /** The type an ACL rule's resource names: its first segment, when that is a literal. */
  private static Optional<String> aclType(JsonObject props) {
    if (!(props.getOrNull("resource") instanceof JsonString r)) {
      return Optional.empty();
    }
    String first = r.value().split("/", -1)[0];
    boolean literal = !first.isEmpty() && first.chars().noneMatch(c -> c == '*' || c == '{' || c == '}');
    return literal ? Optional.of(first) : Optional.empty();
  }

  /** The {@code T} of an operand {@code object.type == "T"} of the top-level conjunction of {@code site}. */
  private Optional<String> pinned(JsonValue site) {
    Result<Expr> ir = site instanceof JsonString s ? Expressions.parse(s.value(), limits).map(ParsedExpr::ir)
        : site instanceof JsonObject ? ExprJson.decode(site) : null;
    if (!(ir instanceof Result.Ok<Expr> ok)) {
      return Optional.empty();
    }
    Deque<Expr> todo = new ArrayDeque<>();
    todo.push(ok.get());
    while (!todo.isEmpty()) {
      if (todo.pop() instanceof Expr.Binary b) {
        if (b.op() == Expr.BinaryOp.AND) {
          todo.push(b.right());
          todo.push(b.left());
        } else if (b.op() == Expr.BinaryOp.EQ) {
          Optional<String> t = typeTest(b.left(), b.right()).or(() -> typeTest(b.right(), b.left()));
          if (t.isPresent()) {
            return t;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> typeTest(Expr ref, Expr lit) {
    return ref instanceof Expr.Ref r && TYPE_PATHS.contains(r.path()) && lit instanceof Expr.Lit l
        && l.value() instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }
}
