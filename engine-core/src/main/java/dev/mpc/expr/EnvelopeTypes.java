package dev.mpc.expr;

import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.KindDef;
import java.util.Map;

/**
 * The type environments of the engines' expression sites, built from the contract shapes of
 * engines.md §2.2 ({@code dev.mpc.contract.EventEnvelope}, {@code Actor}, {@code ObjectRef}). The
 * envelope, its {@code actor} and its {@code object} are closed shapes, so a path that cannot exist
 * ({@code object.status} where the field is {@code object.attributes.status}, {@code actor.name})
 * is a compile-time error; the open maps ({@code actor.claims}, {@code object.attributes},
 * {@code context}, {@code payload}, {@code previous}) hold {@code any} values. Optional members are
 * typed {@code T|null} (an absent member reads as null); required members are not.
 *
 * <p>What each site sees (documented in docs/validation.md, shared with the runtime engines):
 * <ul>
 *   <li>{@link #policy()}: Policy {@code match.expr} and {@code condition} — the envelope's
 *       members as variables ({@code kind}, {@code actor.roles}, ...) and the whole envelope as
 *       {@code event} (upstream writes {@code event.kind}); no other variable exists.
 *   <li>{@link #acl()}: ACL {@code condition.expr} — {@code actor} (an Actor), {@code object} and
 *       its alias {@code resource} (an Object), {@code action} (string) and {@code context} (open
 *       map); no other variable exists.
 *   <li>{@link #guard()}: Workflow guards and Condition definitions — the policy variables, but
 *       other roots are open (a workflow binds its fire context's keys at top level), so only paths
 *       through {@code event}, {@code actor} and {@code object} can be impossible.
 * </ul>
 *
 * <p><b>Attribute types.</b> Where the type of the object is known statically (a policy whose
 * static match pins {@code object.type}, an ACL rule whose resource names a type) and the
 * DomainMeta declares attribute types for that kind ({@link KindDef#attributes()}), the overloads
 * taking the meta and the type make {@code object.attributes} (and its aliases
 * {@code event.object.attributes}, {@code resource.attributes}) a closed shape of exactly those
 * attributes, each of its declared type: {@code object.attributes.total > "x"} is a type error and
 * {@code object.attributes.totl} cannot exist. Without a declaration they are the no-argument
 * environments.
 *
 * <p>A host's own declarations are added with {@link TypeEnv#with}. Immutable and thread-safe.
 */
public final class EnvelopeTypes {
  private static final ExprType STRING_OR_NULL = ExprType.STRING.or(ExprType.NULL);
  private static final ExprType OBJECT_OR_NULL = ExprType.OBJECT.or(ExprType.NULL);
  private static final ExprType ARRAY_OR_NULL = ExprType.ARRAY.or(ExprType.NULL);

  private static final TypeEnv POLICY = envelopeRoots(TypeEnv.builder()).closedRoots().build();
  private static final TypeEnv GUARD = envelopeRoots(TypeEnv.builder()).build();
  private static final TypeEnv ACL = acl(TypeEnv.builder()).closedRoots().build();
  private static final TypeEnv FORM = form(TypeEnv.builder()).closedRoots().build();

  private EnvelopeTypes() {}

  /** Policy {@code match.expr} and {@code condition}: envelope members at top level, and {@code event}. */
  public static TypeEnv policy() {
    return POLICY;
  }

  /** ACL {@code condition.expr}: {@code actor}, {@code object}, {@code resource}, {@code action}, {@code context}. */
  public static TypeEnv acl() {
    return ACL;
  }

  /**
   * Form field expressions ({@code visibilityExpr}, {@code readonlyExpr}, {@code validationExpr}):
   * {@code data} (the form's values), {@code actor} and {@code state} (the workflow state, or null).
   */
  public static TypeEnv form() {
    return FORM;
  }

  /** Workflow guards and Condition definitions: as {@link #policy()}, with open roots. */
  public static TypeEnv guard() {
    return GUARD;
  }

  /**
   * {@link #policy()} for a policy about objects of type {@code objectType}: the attributes that
   * {@code meta} declares for that kind are the closed shape of {@code object.attributes} and
   * {@code event.object.attributes}; {@link #policy()} itself when it declares none.
   */
  public static TypeEnv policy(DomainMeta meta, String objectType) {
    return withAttributes(POLICY, meta, objectType, "object", "event.object");
  }

  /**
   * {@link #acl()} for a rule about objects of type {@code objectType}: the declared attributes are
   * the closed shape of {@code object.attributes} and {@code resource.attributes}.
   */
  public static TypeEnv acl(DomainMeta meta, String objectType) {
    return withAttributes(ACL, meta, objectType, "object", "resource");
  }

  /**
   * {@link #guard()} for a guard about objects of type {@code objectType} (e.g. a workflow bound to
   * one type): the declared attributes are the closed shape of {@code object.attributes} and
   * {@code event.object.attributes}.
   */
  public static TypeEnv guard(DomainMeta meta, String objectType) {
    return withAttributes(GUARD, meta, objectType, "object", "event.object");
  }

  private static TypeEnv withAttributes(TypeEnv base, DomainMeta meta, String objectType, String... objects) {
    Map<String, String> attributes = meta.kind(objectType).map(KindDef::attributes).orElse(Map.of());
    if (attributes.isEmpty()) {
      return base;
    }
    TypeEnv.Builder b = TypeEnv.builder();
    for (String o : objects) {
      String at = o + ".attributes";
      b.declare(at, OBJECT_OR_NULL).closedData(at);
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        // what an inconsistent meta (which builders reject) may hold: a name that is not one
        // segment is left out, an unknown type name reads as any
        if (!a.getKey().isBlank() && a.getKey().indexOf('.') < 0) {
          b.declare(at + "." + a.getKey(), ExprType.parse(a.getValue()).orElse(ExprType.ANY));
        }
      }
    }
    return base.with(b.build());
  }

  private static TypeEnv.Builder envelopeRoots(TypeEnv.Builder b) {
    envelope(b, "");
    b.closed("event");
    envelope(b, "event.");
    return b;
  }

  /** The envelope's members under {@code p} (empty or ending in a dot). */
  private static void envelope(TypeEnv.Builder b, String p) {
    b.declare(p + "id", STRING_OR_NULL)
        .declare(p + "name", ExprType.STRING)
        .declare(p + "kind", ExprType.STRING)
        .declare(p + "timestamp", ExprType.STRING)
        .declare(p + "context", OBJECT_OR_NULL)
        .declare(p + "payload", OBJECT_OR_NULL)
        .declare(p + "previous", OBJECT_OR_NULL);
    actor(b, p + "actor");
    object(b, p + "object");
  }

  private static void actor(TypeEnv.Builder b, String at) {
    b.closed(at)
        .declare(at + ".id", ExprType.STRING)
        .declare(at + ".type", ExprType.STRING)
        .declare(at + ".roles", ARRAY_OR_NULL)
        .declare(at + ".claims", OBJECT_OR_NULL);
  }

  private static void object(TypeEnv.Builder b, String at) {
    b.closed(at)
        .declare(at + ".type", ExprType.STRING)
        .declare(at + ".id", ExprType.STRING)
        .declare(at + ".attributes", OBJECT_OR_NULL)
        .declare(at + ".state", STRING_OR_NULL);
  }

  private static TypeEnv.Builder form(TypeEnv.Builder b) {
    actor(b, "actor");
    return b.declare("data", ExprType.OBJECT).declare("state", STRING_OR_NULL);
  }

  private static TypeEnv.Builder acl(TypeEnv.Builder b) {
    actor(b, "actor");
    object(b, "object");
    object(b, "resource");
    return b.declare("action", ExprType.STRING).declare("context", OBJECT_OR_NULL);
  }
}
