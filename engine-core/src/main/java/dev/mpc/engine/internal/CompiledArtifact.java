package dev.mpc.engine.internal;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.contract.IntentKind;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.DecisionComposer.Effect;
import dev.mpc.engine.DecisionComposer.Vote;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprEngine;
import dev.mpc.expr.ExprType;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.redact.Redactor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled, indexed form of one artifact, built once and shared by every evaluation (the
 * engine caches it by artifact hash). Everything that can be done before a request is done here:
 * rules ordered (priority descending, then id by code point), policies bucketed by the event name,
 * kind or object type they require (a rule without such a key sits in the catch-all bucket, which
 * is always consulted), ACL rules bucketed per (resource, action) literal with patterns compiled
 * once, role names interned to bit positions with each role's closure precomputed, and every
 * lowered expression compiled once. Conditions keep their IR next to the compiled closure, so a
 * later residual (partial) evaluation can work on them.
 *
 * <p>A definition that cannot be compiled (an effect other than {@code allow}/{@code deny}, a
 * non-numeric priority, a missing or non-boolean expression, ...) is kept as a <em>broken</em>
 * rule: wherever it would be considered it fails closed (a deny carrying its coded error).
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledArtifact {
  /** A compiled expression site. */
  public static final class Cond {
    final String site;
    final Expr ir;
    final CompiledExpression compiled;
    /**
     * The condition's memo slot: conditions with the same IR (in any rule) share it, so a request
     * evaluates each distinct condition once.
     */
    final int slot;

    Cond(String site, Expr ir, CompiledExpression compiled, int slot) {
      this.site = site;
      this.ir = ir;
      this.compiled = compiled;
      this.slot = slot;
    }

    /** The site path. */
    public String site() {
      return site;
    }

    /** The IR (for residual evaluation). */
    public Expr ir() {
      return ir;
    }
  }

  /** A static field test: the value at a pre-split path must equal {@code expected}. */
  static final class FieldTest {
    final String path;
    final String[] segments;
    final JsonValue expected;

    /** An envelope field read directly (see {@code Evaluator.Request.path}), or -1. */
    final int field;

    FieldTest(String path, JsonValue expected) {
      this.path = path;
      this.field = Evaluator.Request.fieldOf(path);
      this.segments = path.split("\\.", -1);
      this.expected = expected;
    }

    /** The tested value of the request's event, or null when absent. */
    JsonValue resolve(Evaluator.Request r) {
      return r.path(field, path, segments);
    }
  }

  /** A rule with its rank in evaluation order (priority descending, then id). */
  abstract static class Ranked {
    int ordinal;

  }

  /** A compiled Policy. */
  static final class PolicyRule extends Ranked {
    String id;
    String label;
    JsonValue priority;
    boolean deny;
    FieldTest[] fields = new FieldTest[0];
    /**
     * {@link #fields} without the one its index bucket is keyed on (name, kind or object type): a
     * rule is only ever read from its bucket, so for an envelope (whose fields are strings) that
     * test holds by construction. An event map keeps every test (its field may not be a string).
     */
    FieldTest[] afterBucket = new FieldTest[0];
    Cond match;
    Cond condition;
    List<Intent> intents = List.of();
    Diagnostic broken;
    /** Its reason when it matches, redacted at build time (the artifact's own text only). */
    Reason reason;
    /** Its vote when it is the only policy that matches (redacted at build time). */
    Vote vote;
    /** {@code Policy:<id>}, how errors and traces name it. */
    String ref;
    /** Whether any intent has a {@code ${path}} placeholder (rendered per request). */
    boolean templated;
    /** {@link #match} then {@link #condition}, those present. */
    Cond[] conds;
  }

  /** A compiled ACL rule. */
  static final class AclRule extends Ranked {
    String id;
    JsonValue priority;
    Pattern resource;
    Pattern action;
    long[] roles;
    List<String> roleNames = List.of();
    boolean hasCondition;
    boolean emptyCondition;
    FieldTest[] attrs = new FieldTest[0];
    Cond expr;
    boolean deny;
    List<Intent> masks = List.of();
    Diagnostic broken;
    /** Its vote when it decides (redacted at build time: the artifact's own text only). */
    Vote vote;
    /** {@code ACL:<id>}, how errors and traces name it. */
    String ref;
  }

  final String hash;
  final String key;
  final List<Diagnostic> fatal;
  final PolicyRule[] policies;
  final Map<String, PolicyRule[]> byName;
  final Map<String, PolicyRule[]> byKind;
  final Map<String, PolicyRule[]> byType;
  final PolicyRule[] catchAll;
  final AclRule[] acl;
  /** ACL rules with a literal (or {@code *}) resource and action, by resource type, then action. */
  final Map<String, AclBucket> aclExact;
  /** The bucket of resource {@code *}, or null. */
  final AclBucket aclAnyType;
  final AclRule[] aclOther;
  final Map<String, Integer> roleIds;
  final long[][] closure;
  final int roleWords;
  /** How many distinct conditions (memo slots) the rules have. */
  final int condSlots;

  /** How many entries each decision memo below may hold (beyond it, results are built per call). */
  static final int MEMO_LIMIT = 4096;

  /**
   * The policy vote of a set of several matching policies (their ordinals, in rank order), when it
   * depends on nothing but the set: no error, no templated intent (see {@code Evaluator.policies}).
   */
  final java.util.concurrent.ConcurrentHashMap<Matched, Vote> policyVotes = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The composed decision (meta not yet stamped) of a policy vote and an ACL vote, each a vote of
   * this compiled form's own (prebuilt or memoised, so compared by identity): composition is a
   * pure function of the two.
   */
  final java.util.concurrent.ConcurrentHashMap<VotePair, dev.mpc.contract.Decision> composed =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The composed-decision memo's first level: slots by the two votes' identities, so a hit
   * allocates no key; a pair whose slot another pair holds uses {@link #composed}.
   */
  private final java.util.concurrent.atomic.AtomicReferenceArray<ComposedEntry> composedSlots =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(SMALL_SLOTS);

  private static final class ComposedEntry {
    final Vote policy;
    final Vote acl;
    final dev.mpc.contract.Decision decision;

    ComposedEntry(Vote policy, Vote acl, dev.mpc.contract.Decision decision) {
      this.policy = policy;
      this.acl = acl;
      this.decision = decision;
    }
  }

  private static int pairSlot(Vote policy, Vote acl) {
    long h = System.identityHashCode(policy) * 0x9E3779B97F4A7C15L + System.identityHashCode(acl);
    return (int) ((h * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(SMALL_SLOTS)));
  }

  /** The memoised composition of two of this form's own votes (compared by identity), or null. */
  dev.mpc.contract.Decision composedOf(Vote policy, Vote acl) {
    ComposedEntry e = composedSlots.get(pairSlot(policy, acl));
    if (e != null) {
      if (e.policy == policy && e.acl == acl) {
        return e.decision;
      }
      return composed.get(new VotePair(policy, acl));
    }
    return null;
  }

  /** Memoises {@code d} as the composition of the two votes; returns the memoised decision (the first stored). */
  dev.mpc.contract.Decision putComposed(Vote policy, Vote acl, dev.mpc.contract.Decision d) {
    int i = pairSlot(policy, acl);
    if (composedSlots.compareAndSet(i, null, new ComposedEntry(policy, acl, d))) {
      return d;
    }
    ComposedEntry e = composedSlots.get(i);
    if (e != null && e.policy == policy && e.acl == acl) {
      return e.decision;
    }
    if (composed.size() < MEMO_LIMIT) {
      dev.mpc.contract.Decision prev = composed.putIfAbsent(new VotePair(policy, acl), d);
      return prev != null ? prev : d;
    }
    return d;
  }

  /** Slots of the small-set vote memo (a power of two). */
  static final int SMALL_SLOTS = 256;

  /**
   * The vote memo of pure matched sets when the artifact has at most 64 policies, keyed by the
   * set's bits (ordinal i is bit i): a lookup allocates nothing. A slot is kept by the first set
   * stored in it; a set whose slot another set holds uses {@link #policyVotes}.
   */
  private final java.util.concurrent.atomic.AtomicReferenceArray<MaskVote> smallVotes =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(SMALL_SLOTS);

  private static final class MaskVote {
    final long mask;
    final Vote vote;

    MaskVote(long mask, Vote vote) {
      this.mask = mask;
      this.vote = vote;
    }
  }

  private static int slot(long mask) {
    return (int) ((mask * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(SMALL_SLOTS)));
  }

  /** The memoised vote of the small pure set {@code mask}, or null. */
  Vote smallVote(long mask) {
    MaskVote e = smallVotes.get(slot(mask));
    return e != null && e.mask == mask ? e.vote : null;
  }

  /** Whether {@code mask}'s slot is empty or holds {@code mask}. */
  boolean smallVoteFree(long mask) {
    MaskVote e = smallVotes.get(slot(mask));
    return e == null || e.mask == mask;
  }

  /** Stores {@code vote} for {@code mask}: the memoised vote (this one, or an equal one stored first), or null if another set took the slot. */
  Vote putSmallVote(long mask, Vote vote) {
    int i = slot(mask);
    if (smallVotes.compareAndSet(i, null, new MaskVote(mask, vote))) {
      return vote;
    }
    MaskVote e = smallVotes.get(i);
    return e != null && e.mask == mask ? e.vote : null;
  }

  /** The ordinals of the policies that matched a request, in rank order. */
  static final class Matched {
    final int[] ordinals;
    private final int hash;

    Matched(int[] ordinals) {
      this.ordinals = ordinals;
      this.hash = java.util.Arrays.hashCode(ordinals);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Matched m && m.hash == hash && java.util.Arrays.equals(m.ordinals, ordinals);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Two votes compared by identity. */
  static final class VotePair {
    final Vote policy;
    final Vote acl;

    VotePair(Vote policy, Vote acl) {
      this.policy = policy;
      this.acl = acl;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VotePair v && v.policy == policy && v.acl == acl;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(policy) * 31 + System.identityHashCode(acl);
    }
  }
  /** {@link #hash} as the decision meta holds it. */
  final Optional<String> hashOption;
  /** Actions derived from event names (the text after the last dot), bounded. */
  private final ConcurrentHashMap<String, String> actionOfName = new ConcurrentHashMap<>();
  private static final int MAX_CACHED_ACTIONS = 4096;
  private static final long[] NO_BITS = new long[0];

  private CompiledArtifact(Builder b) {
    this.hash = b.artifact.hash();
    this.hashOption = Optional.of(hash);
    this.condSlots = b.condsByIr.size();
    this.key = keyOf(b.artifact);
    this.fatal = List.copyOf(b.fatal);
    this.policies = b.policies.toArray(PolicyRule[]::new);
    this.byName = freeze(b.byName, PolicyRule[]::new);
    this.byKind = freeze(b.byKind, PolicyRule[]::new);
    this.byType = freeze(b.byType, PolicyRule[]::new);
    this.catchAll = b.catchAll.toArray(PolicyRule[]::new);
    this.acl = b.acl.toArray(AclRule[]::new);
    Map<String, AclBucket> exact = new HashMap<>();
    b.aclExact.forEach((r, m) -> exact.put(r, new AclBucket(freeze(m, AclRule[]::new))));
    this.aclExact = exact; // never written after this: read without a wrapper
    this.aclAnyType = exact.get("*");
    this.aclOther = b.aclOther.toArray(AclRule[]::new);
    this.roleIds = Collections.unmodifiableMap(b.roleIds);
    this.closure = b.closure;
    this.roleWords = b.roleWords;
    for (PolicyRule p : policies) {
      Decision d = b.redactor.redact(new Decision(!p.deny, List.of(new Reason(p.deny ? Code.R_POLICY_DENY
          : Code.R_POLICY_ALLOW, Optional.of((p.deny ? "Denied" : "Allowed") + " by policy '" + p.label + "'"),
          Optional.empty(), JsonObject.builder().put("policy", p.id).build())), List.of(), p.intents,
          Optional.empty(), dev.mpc.contract.DecisionMeta.NONE));
      p.reason = d.reasons().get(0);
      p.intents = d.intents(); // redacted once; the single-match vote deduplicates them
      d = d.withIntents(Intent.deduplicate(p.intents));
      p.vote = new Vote(p.deny ? Effect.DENY : Effect.PERMIT, d);
      p.ref = "Policy:" + p.id;
      p.templated = p.intents.stream().anyMatch(IntentTemplate::isTemplated);
      p.conds = java.util.stream.Stream.of(p.match, p.condition).filter(java.util.Objects::nonNull).toArray(Cond[]::new);
    }
    for (AclRule r : acl) {
      String kind = r.hasCondition ? "ABAC" : "ACL";
      Code code = r.deny ? (r.hasCondition ? Code.R_ACL_DENY_ABAC : Code.R_ACL_DENY_ROLE)
          : (r.hasCondition ? Code.R_ACL_ALLOW_ABAC : Code.R_ACL_ALLOW_ROLE);
      Decision d = b.redactor.redact(new Decision(!r.deny, List.of(new Reason(code, Optional.of(
          (r.deny ? "Denied" : "Allowed") + " by " + kind + " rule '" + r.id + "'"), Optional.empty(),
          JsonObject.builder().put("rule", r.id).build())), List.of(), r.deny ? List.of() : r.masks,
          Optional.empty(), dev.mpc.contract.DecisionMeta.NONE));
      r.vote = new Vote(r.deny ? Effect.DENY : Effect.PERMIT, d);
      r.ref = "ACL:" + r.id;
    }
  }

  /**
   * The action an event name implies: the text after its last dot (the whole name when it has
   * none or ends in one; {@code unknown} when empty). Cached per name, up to a bound.
   */
  String actionOfName(String name) {
    String a = actionOfName.get(name);
    if (a != null) {
      return a;
    }
    int dot = name.lastIndexOf('.');
    a = name.isEmpty() ? "unknown" : dot >= 0 && dot < name.length() - 1 ? name.substring(dot + 1) : name;
    if (actionOfName.size() < MAX_CACHED_ACTIONS) {
      actionOfName.putIfAbsent(name, a);
    }
    return a;
  }

  /** Lists to arrays, in a map never written after this (read without an unmodifiable wrapper). */
  private static <T> Map<String, T[]> freeze(Map<String, List<T>> m, java.util.function.IntFunction<T[]> array) {
    Map<String, T[]> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, v.toArray(array)));
    return out;
  }

  /** The literal-target ACL rules of one resource: by action, and those for every action ({@code *}). */
  static final class AclBucket {
    final Map<String, AclRule[]> byAction;
    final AclRule[] anyAction;

    AclBucket(Map<String, AclRule[]> byAction) {
      this.byAction = byAction;
      this.anyAction = byAction.get("*");
    }
  }

  /** The cache key of {@code a}: its hash and the digest of its lowered expressions. */
  public static String keyOf(Artifact a) {
    return a.hash() + "/" + a.loweredDigest();
  }

  /** The artifact hash. */
  public String hash() {
    return hash;
  }

  /** Whether the artifact has Policy definitions. */
  boolean hasPolicies() {
    return policies.length > 0;
  }

  /** Whether the artifact has ACL definitions. */
  boolean hasAcl() {
    return acl.length > 0;
  }

  /** The literal actions of ACL rules whose resource matches {@code type} or {@code instance}, code-point ordered. */
  public List<String> actionsFor(String type, String instance) {
    Set<String> out = new TreeSet<>(Canonical.CODE_POINT_ORDER);
    for (AclRule r : acl) {
      if (r.action != null && !r.action.isAny() && r.action.isLiteral()
          && (r.resource == null || r.resource.matches(type) || instance != null && r.resource.matches(instance))) {
        out.add(r.action.text());
      }
    }
    return List.copyOf(out);
  }

  /** The effective roles of an actor holding {@code roles}, as a bit set over the interned role ids. */
  long[] effectiveRoles(List<String> roles) {
    if (roles.size() == 1) {
      Integer id = roleIds.get(roles.get(0));
      return id != null ? closure[id] : NO_BITS; // shared, never written
    }
    long[] bits = new long[roleWords];
    for (String r : roles) {
      Integer id = roleIds.get(r);
      if (id != null) {
        long[] c = closure[id];
        for (int w = 0; w < bits.length; w++) {
          bits[w] |= c[w];
        }
      }
    }
    return bits;
  }

  /**
   * Compiles {@code artifact} with the host's functions and role hierarchy, under the preset's
   * expression limits and features.
   */
  public static CompiledArtifact build(Artifact artifact, FunctionRegistry functions, Limits limits,
      dev.mpc.expr.Features features, java.time.Clock clock, Map<String, Set<String>> hostHierarchy,
      Redactor redactor) {
    return new Builder(artifact, functions, limits, features, clock, hostHierarchy, redactor).build();
  }

  private static final class Builder {
    final Artifact artifact;
    final Limits limits;
    final ExprEngine engine;
    final List<Diagnostic> fatal = new ArrayList<>();
    final List<PolicyRule> policies = new ArrayList<>();
    final Map<String, List<PolicyRule>> byName = new HashMap<>();
    final Map<String, List<PolicyRule>> byKind = new HashMap<>();
    final Map<String, List<PolicyRule>> byType = new HashMap<>();
    final List<PolicyRule> catchAll = new ArrayList<>();
    final List<AclRule> acl = new ArrayList<>();
    final Map<String, Map<String, List<AclRule>>> aclExact = new HashMap<>();
    final List<AclRule> aclOther = new ArrayList<>();
    final Map<String, Integer> roleIds = new LinkedHashMap<>();
    final Map<String, Set<String>> hierarchy = new LinkedHashMap<>();
    long[][] closure;
    int roleWords;
    final Redactor redactor;
    /** The first condition compiled for each distinct IR (canonical JSON). */
    final Map<String, Cond> condsByIr = new HashMap<>();

    Builder(Artifact artifact, FunctionRegistry functions, Limits limits, dev.mpc.expr.Features features,
        java.time.Clock clock, Map<String, Set<String>> hostHierarchy, Redactor redactor) {
      this.artifact = artifact;
      this.redactor = redactor;
      this.limits = limits;
      this.engine = ArtifactExpressions.engine(artifact, functions, features, clock, fatal);
      hostHierarchy.forEach((k, v) -> hierarchy.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    }

    CompiledArtifact build() {
      for (AstNode d : artifact.definitions("Role")) {
        JsonObject p = artifact.effectiveProperties("Role", d.id()).orElse(d.properties());
        Set<String> implied = hierarchy.computeIfAbsent(d.id(), x -> new LinkedHashSet<>());
        JsonValue inherits = p.getOrNull("inherits");
        if (inherits instanceof JsonArray arr && arr.items().stream().allMatch(v -> v instanceof JsonString)) {
          arr.items().forEach(v -> implied.add(((JsonString) v).value()));
        } else if (inherits != null) {
          fatal.add(Diagnostic.of(Code.E_ACL_INVALID_RULE, "Role '" + d.id() + "': inherits must be a list of role names")
              .withPath("Role:" + d.id() + "/inherits"));
        }
      }
      List<PolicyRule> ps = new ArrayList<>();
      for (AstNode d : artifact.definitions("Policy")) {
        ps.add(policy(d));
      }
      ps.sort(order(r -> r.priority, r -> r.id));
      for (int i = 0; i < ps.size(); i++) {
        PolicyRule r = ps.get(i);
        r.ordinal = i;
        policies.add(r);
        bucket(r);
      }
      List<AclRule> as = new ArrayList<>();
      for (AstNode d : artifact.definitions("ACL")) {
        as.add(aclRule(d));
      }
      as.sort(order(r -> r.priority, r -> r.id));
      internRoles(as);
      for (int i = 0; i < as.size(); i++) {
        AclRule r = as.get(i);
        r.ordinal = i;
        if (r.roleNames != null && !r.roleNames.isEmpty()) {
          r.roles = bits(r.roleNames);
        }
        acl.add(r);
        boolean resLit = r.resource == null || r.resource.isAny() || r.resource.isLiteral();
        boolean actLit = r.action == null || r.action.isAny() || r.action.isLiteral();
        if (resLit && actLit && r.broken == null) {
          String res = r.resource == null ? "*" : r.resource.text();
          String act = r.action == null ? "*" : r.action.text();
          aclExact.computeIfAbsent(res, x -> new HashMap<>()).computeIfAbsent(act, x -> new ArrayList<>()).add(r);
        } else {
          aclOther.add(r);
        }
      }
      return new CompiledArtifact(this);
    }

    private static <T> Comparator<T> order(java.util.function.Function<T, JsonValue> priority,
        java.util.function.Function<T, String> id) {
      return (a, b) -> {
        int c = comparePriority(priority.apply(b), priority.apply(a));
        return c != 0 ? c : Canonical.compareCodePoints(id.apply(a), id.apply(b));
      };
    }

    private static int comparePriority(JsonValue a, JsonValue b) {
      return number(a).compareTo(number(b));
    }

    private static BigDecimal number(JsonValue v) {
      if (v instanceof JsonInt i) {
        return new BigDecimal(i.value());
      }
      if (v instanceof JsonFloat f && Double.isFinite(f.value())) {
        return BigDecimal.valueOf(f.value());
      }
      return BigDecimal.ZERO;
    }

    private void bucket(PolicyRule r) {
      if (r.broken == null) {
        for (String[] k : new String[][] {{"name"}, {"kind"}, {"object", "type"}}) {
          for (FieldTest f : r.fields) {
            if (java.util.Arrays.equals(f.segments, k) && f.expected instanceof JsonString s) {
              Map<String, List<PolicyRule>> m = k.length == 2 ? byType : k[0].equals("name") ? byName : byKind;
              m.computeIfAbsent(s.value(), x -> new ArrayList<>()).add(r);
              r.afterBucket = java.util.Arrays.stream(r.fields).filter(x -> x != f).toArray(FieldTest[]::new);
              return;
            }
          }
        }
      }
      r.afterBucket = r.fields;
      catchAll.add(r);
    }

    private Diagnostic problem(Code code, String ref, String site, String message) {
      return Diagnostic.of(code, message).withPath(ref + (site == null ? "" : "/" + site));
    }

    private JsonValue priority(JsonObject p, String ref, java.util.function.Consumer<Diagnostic> broken, Code code) {
      JsonValue pr = p.getOrNull("priority");
      if (pr != null && !(pr instanceof JsonInt) && !(pr instanceof JsonFloat && Double.isFinite(((JsonFloat) pr).value()))) {
        broken.accept(problem(code, ref, "priority", "priority of '" + ref + "' must be a number, got "
            + Canonical.json(pr)));
        return null;
      }
      return pr;
    }

    private Cond cond(String ref, String site, java.util.function.Consumer<Diagnostic> broken, Code code) {
      Expr ir = artifact.expression(ref, site).orElse(null);
      if (ir == null) {
        broken.accept(problem(code, ref, site, "'" + ref + "' has an expression at '" + site
            + "' but the artifact carries no lowered IR for it"));
        return null;
      }
      Result<CompiledExpression> c = engine.compile(ir, TypeEnv.empty(), limits);
      if (!(c instanceof Result.Ok<CompiledExpression> ok)) {
        Diagnostic d = c.diagnostics().get(0);
        broken.accept(d.withPath(ref + "/" + site));
        return null;
      }
      ExprType t = ok.get().type();
      if (!t.isAny() && !t.has(ExprType.K_BOOL)) {
        broken.accept(problem(Code.E_EXPR_TYPE_MISMATCH, ref, site, "the expression at '" + site + "' of '" + ref
            + "' has type " + t + ", a condition must be boolean"));
        return null;
      }
      String key = Canonical.json(dev.mpc.expr.ExprJson.encode(ir));
      Cond same = condsByIr.get(key);
      if (same != null) {
        return new Cond(site, ir, same.compiled, same.slot);
      }
      Cond fresh = new Cond(site, ir, ok.get(), condsByIr.size());
      condsByIr.put(key, fresh);
      return fresh;
    }

    private PolicyRule policy(AstNode d) {
      PolicyRule r = new PolicyRule();
      String ref = "Policy:" + d.id();
      JsonObject p = artifact.effectiveProperties("Policy", d.id()).orElse(d.properties());
      java.util.function.Consumer<Diagnostic> broken = x -> {
        if (r.broken == null) {
          r.broken = x;
        }
      };
      r.id = d.id();
      r.label = d.name().orElse(d.id());
      r.priority = priority(p, ref, broken, Code.E_POLICY_INVALID_TEMPLATE);
      JsonValue effect = p.getOrNull("effect");
      if (effect instanceof JsonString s && (s.value().equals("allow") || s.value().equals("deny"))) {
        r.deny = s.value().equals("deny");
      } else {
        r.deny = true;
        broken.accept(problem(Code.E_POLICY_INVALID_TEMPLATE, ref, "effect", "effect of '" + ref
            + "' must be exactly \"allow\" or \"deny\", got " + (effect == null ? "nothing" : Canonical.json(effect))));
      }
      JsonValue match = p.getOrNull("match");
      if (match instanceof JsonObject m) {
        if (m.has("expr")) {
          if (m.size() > 1) {
            broken.accept(problem(Code.E_POLICY_INVALID_MATCHER, ref, "match", "match of '" + ref
                + "' mixes 'expr' with field tests " + new TreeSet<>(m.members().keySet())
                + "; use one or the other (G-P4)"));
          } else {
            r.match = cond(ref, "match/expr", broken, Code.E_POLICY_INVALID_MATCHER);
          }
        } else {
          List<FieldTest> fs = new ArrayList<>();
          m.members().forEach((k, v) -> fs.add(new FieldTest(k, v)));
          r.fields = fs.toArray(FieldTest[]::new);
        }
      } else if (match != null && !match.isNull()) {
        broken.accept(problem(Code.E_POLICY_INVALID_MATCHER, ref, "match", "match of '" + ref
            + "' must be an object, got " + Canonical.json(match)));
      }
      JsonValue condition = p.getOrNull("condition");
      if (condition != null && !condition.isNull()) {
        String site = condition instanceof JsonObject ? "condition/expr" : "condition";
        if (condition instanceof JsonObject c && !(c.size() == 1 && c.has("expr"))) {
          broken.accept(problem(Code.E_POLICY_INVALID_MATCHER, ref, "condition", "condition of '" + ref
              + "' must be an expression or {\"expr\": ...}"));
        } else {
          r.condition = cond(ref, site, broken, Code.E_POLICY_INVALID_MATCHER);
        }
      }
      r.intents = intents(p.getOrNull("intents"), ref, broken);
      return r;
    }

    private List<Intent> intents(JsonValue v, String ref, java.util.function.Consumer<Diagnostic> broken) {
      if (v == null || v.isNull()) {
        return List.of();
      }
      if (!(v instanceof JsonArray arr)) {
        broken.accept(problem(Code.E_POLICY_INVALID_TEMPLATE, ref, "intents", "intents of '" + ref + "' must be a list"));
        return List.of();
      }
      List<Intent> out = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        String site = "intents/" + i;
        if (!(arr.get(i) instanceof JsonObject o) || !(o.getOrNull("kind") instanceof JsonString k)) {
          broken.accept(problem(Code.E_POLICY_INVALID_TEMPLATE, ref, site, "intent " + i + " of '" + ref
              + "' must be an object with a kind"));
          continue;
        }
        IntentKind kind = IntentKind.fromWireName(k.value()).orElse(null);
        if (kind == null) {
          broken.accept(problem(Code.E_POLICY_INVALID_TEMPLATE, ref, site, "intent " + i + " of '" + ref
              + "' has unknown kind '" + k.value() + "'"));
          continue;
        }
        Intent.Builder b = Intent.builder(kind);
        if (o.getOrNull("target") instanceof JsonString t && !t.value().isEmpty()) {
          b.target(t.value());
        }
        if (o.getOrNull("params") instanceof JsonObject params) {
          params.members().forEach(b::param);
        }
        if (o.getOrNull("idempotencyKey") instanceof JsonString key && !key.value().isEmpty()) {
          b.idempotencyKey(key.value());
        }
        Intent intent;
        try {
          intent = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
          // a taxonomy violation (a required param missing, ...): this rule fails closed, not the artifact
          broken.accept(problem(Code.E_POLICY_INVALID_TEMPLATE, ref, site, "intent " + i + " of '" + ref + "': "
              + e.getMessage()));
          continue;
        }
        List<Diagnostic> problems = intent.problems();
        if (!problems.isEmpty()) {
          broken.accept(problems.get(0).withPath(ref + "/" + site));
          continue;
        }
        out.add(intent);
      }
      return List.copyOf(out);
    }

    private AclRule aclRule(AstNode d) {
      AclRule r = new AclRule();
      String ref = "ACL:" + d.id();
      JsonObject p = artifact.effectiveProperties("ACL", d.id()).orElse(d.properties());
      java.util.function.Consumer<Diagnostic> broken = x -> {
        if (r.broken == null) {
          r.broken = x;
        }
      };
      r.id = d.id();
      r.priority = priority(p, ref, broken, Code.E_ACL_INVALID_RULE);
      r.resource = pattern(p, "resource", ref, broken);
      r.action = pattern(p, "action", ref, broken);
      if (p.has("actions") && !p.has("action")) {
        broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "actions", "'" + ref
            + "' has 'actions'; an ACL rule names one 'action'"));
      }
      JsonValue effect = p.getOrNull("effect");
      if (effect == null || effect instanceof JsonString s && (s.value().equals("allow") || s.value().equals("deny"))) {
        r.deny = effect != null && ((JsonString) effect).value().equals("deny");
      } else {
        r.deny = true;
        broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "effect", "effect of '" + ref
            + "' must be exactly \"allow\" or \"deny\", got " + Canonical.json(effect)));
      }
      JsonValue roles = p.getOrNull("roles");
      if (roles instanceof JsonArray arr && arr.items().stream().allMatch(v -> v instanceof JsonString)) {
        r.roleNames = arr.items().stream().map(v -> ((JsonString) v).value()).toList();
      } else if (roles != null && !roles.isNull()) {
        broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "roles", "roles of '" + ref
            + "' must be a list of role names, got " + Canonical.json(roles)));
      }
      JsonValue condition = p.getOrNull("condition");
      if (condition instanceof JsonObject c) {
        r.hasCondition = true;
        if (c.isEmpty()) {
          r.emptyCondition = true;
        } else if (c.has("expr")) {
          if (c.size() > 1) {
            broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "condition", "condition of '" + ref
                + "' mixes 'expr' with attribute tests"));
          } else {
            r.expr = cond(ref, "condition/expr", broken, Code.E_ACL_INVALID_RULE);
          }
        } else {
          List<FieldTest> fs = new ArrayList<>();
          c.members().forEach((k, v) -> fs.add(new FieldTest(k.contains(".") ? k : "actor.claims." + k, v)));
          r.attrs = fs.toArray(FieldTest[]::new);
        }
      } else if (condition != null && !condition.isNull()) {
        broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "condition", "condition of '" + ref
            + "' must be an object (attribute tests or {\"expr\": ...})"));
      }
      JsonValue masks = p.getOrNull("maskFields");
      if (masks instanceof JsonArray arr && arr.items().stream().allMatch(v -> v instanceof JsonString s && !s.value().isEmpty())) {
        r.masks = arr.items().stream().map(v -> ((JsonString) v).value()).distinct()
            .sorted(Canonical.CODE_POINT_ORDER).map(t -> Intent.of(IntentKind.MASK_FIELD, t)).toList();
      } else if (masks != null && !masks.isNull()) {
        broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, "maskFields", "maskFields of '" + ref
            + "' must be a list of field paths"));
      }
      return r;
    }

    private Pattern pattern(JsonObject p, String key, String ref, java.util.function.Consumer<Diagnostic> broken) {
      JsonValue v = p.getOrNull(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (v instanceof JsonString s && !s.value().isEmpty()) {
        return Pattern.of(s.value());
      }
      broken.accept(problem(Code.E_ACL_INVALID_RULE, ref, key, key + " of '" + ref + "' must be a non-empty string"));
      return null;
    }

    private void internRoles(List<AclRule> rules) {
      Set<String> names = new LinkedHashSet<>();
      for (AclRule r : rules) {
        if (r.roleNames != null) {
          names.addAll(r.roleNames);
        }
      }
      hierarchy.forEach((k, v) -> {
        names.add(k);
        names.addAll(v);
      });
      for (String n : names) {
        roleIds.put(n.intern(), roleIds.size());
      }
      roleWords = Math.max(1, (roleIds.size() + 63) / 64);
      closure = new long[roleIds.size()][];
      List<String> cycle = null;
      for (Map.Entry<String, Integer> e : roleIds.entrySet()) {
        Set<String> reach = new LinkedHashSet<>();
        List<String> found = reach(e.getKey(), reach);
        if (found != null && cycle == null) {
          cycle = found;
        }
        closure[e.getValue()] = bits(reach);
      }
      if (cycle != null) {
        fatal.add(Diagnostic.of(Code.E_VALID_CYCLE_DETECTED, "role hierarchy has a cycle: " + String.join(" -> ", cycle))
            .withPath("Role"));
      }
    }

    /** Collects the roles {@code role} implies (itself included); returns a cycle through {@code role} if any. */
    private List<String> reach(String role, Set<String> reach) {
      List<String> stack = new ArrayList<>(List.of(role));
      reach.add(role);
      List<String> cycle = null;
      while (!stack.isEmpty()) {
        String r = stack.remove(stack.size() - 1);
        for (String next : hierarchy.getOrDefault(r, Set.of())) {
          if (next.equals(role) && cycle == null) {
            cycle = List.of(role, r, role);
          }
          if (reach.add(next)) {
            stack.add(next);
          }
        }
      }
      return cycle;
    }

    private long[] bits(java.util.Collection<String> names) {
      long[] b = new long[Math.max(1, (roleIds.size() + 63) / 64)];
      for (String n : names) {
        Integer id = roleIds.get(n);
        if (id != null) {
          b[id >>> 6] |= 1L << (id & 63);
        }
      }
      return b;
    }
  }

  /** The host's role hierarchy problems: a cycle is {@code E_VALID_CYCLE_DETECTED}. */
  public static List<Diagnostic> checkHierarchy(Map<String, Set<String>> hierarchy) {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (String start : new TreeSet<>(hierarchy.keySet())) {
      Set<String> seen = new HashSet<>();
      List<String> stack = new ArrayList<>(hierarchy.getOrDefault(start, Set.of()));
      while (!stack.isEmpty()) {
        String r = stack.remove(stack.size() - 1);
        if (r.equals(start)) {
          if (reported.add(start)) {
            out.add(Diagnostic.of(Code.E_VALID_CYCLE_DETECTED, "role hierarchy has a cycle through '" + start + "'"));
          }
          break;
        }
        if (seen.add(r)) {
          stack.addAll(hierarchy.getOrDefault(r, Set.of()));
        }
      }
    }
    return out;
  }
}
