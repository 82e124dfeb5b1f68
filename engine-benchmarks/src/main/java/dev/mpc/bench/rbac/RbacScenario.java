package dev.mpc.bench.rbac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RBAC model every engine of the decision benchmarks answers, written once as plain data and
 * rendered into each engine's native form ({@link CasbinPeer}, {@link CedarPeer}, {@code SaplPeer},
 * {@link JavaFloor}).
 *
 * <p>{@link #base()}: roles {@code admin → editor → viewer} (admin inherits editor, editor inherits
 * viewer), ten allow rules over {@code orders}, {@code invoices} and {@code customers}, six actors and
 * thirteen requests, each with its hand-written answer. {@link #scaled()}: the same plus 997 more
 * roles (chains of five, each inheriting the previous one) and 9,990 more rules over 999 more
 * resources, so 1,000 roles and 10,000 rules, the generated rules first; every base request keeps its
 * answer, and eight more requests exercise the generated part. {@link #batch()}: the same with
 * 20,000 rules, and {@link #batchRequests()}: one actor against 200 resources. Both are deterministic: no randomness, no clock.
 *
 * <p>Semantics (the reference every engine is checked against, {@link #expected(Request)}): an actor
 * may perform an action on a resource when one of its roles, or a role one of them inherits
 * (transitively), has a rule for exactly that (resource, action). Everything else is denied, including
 * unknown roles, resources and actions.
 */
public final class RbacScenario {

  /** One allow rule: {@code role} may perform {@code action} on {@code resource}. */
  public record Rule(String role, String resource, String action) {}

  /** An actor and the roles assigned to it directly. */
  public record Actor(String id, List<String> roles) {
    /** Copies the role list. */
    public Actor {
      roles = List.copyOf(roles);
    }
  }

  /** One question: may {@code actorId} perform {@code action} on {@code resource}? */
  public record Request(String actorId, String resource, String action) {}

  /** The actions of the generated rules, in the order they are assigned. */
  static final List<String> ACTIONS = List.of("read", "create", "update", "delete", "approve");

  private final String name;
  private final List<String> roles;
  private final Map<String, List<String>> inherits;
  private final List<Rule> rules;
  private final Map<String, Actor> actors;
  private final List<Request> requests;
  private final Map<Request, Boolean> handWritten;
  private final Map<String, Set<String>> closures;

  private RbacScenario(String name, List<String> roles, Map<String, List<String>> inherits, List<Rule> rules,
      List<Actor> actors, List<Request> requests, Map<Request, Boolean> handWritten) {
    this.name = name;
    this.roles = List.copyOf(roles);
    Map<String, List<String>> inh = new LinkedHashMap<>();
    inherits.forEach((k, v) -> inh.put(k, List.copyOf(v)));
    this.inherits = Collections.unmodifiableMap(inh);
    this.rules = List.copyOf(rules);
    Map<String, Actor> a = new LinkedHashMap<>();
    for (Actor actor : actors) {
      a.put(actor.id(), actor);
    }
    this.actors = Collections.unmodifiableMap(a);
    this.requests = List.copyOf(requests);
    this.handWritten = Collections.unmodifiableMap(new LinkedHashMap<>(handWritten));
    if (new HashSet<>(this.rules).size() != this.rules.size()) {
      throw new IllegalStateException(name + ": duplicate rules");
    }
    Map<String, Set<String>> c = new LinkedHashMap<>();
    for (String role : this.roles) {
      c.put(role, Collections.unmodifiableSet(computeClosure(role)));
    }
    this.closures = Collections.unmodifiableMap(c);
  }

  /** The request every single-decision benchmark times: bob (editor) reads invoices, allowed through inheritance. */
  public static final Request BENCH_REQUEST = new Request("bob", "invoices", "read");

  /** The ten-rule scenario. */
  public static RbacScenario base() {
    Builder b = new Builder();
    b.base();
    return b.build("rbac10");
  }

  /** The 10,000-rule, 1,000-role scenario (the base scenario plus generated roles and rules). */
  public static RbacScenario scaled() {
    return generated("rbac10k", 10_000);
  }

  /**
   * The batch scenario: 20,000 rules over 1,000 roles (generated like {@link #scaled()}, twice the
   * rules); {@link #batchRequests()} asks for one actor against 200 resources.
   */
  public static RbacScenario batch() {
    return generated("rbac20k", 20_000);
  }

  /** The actor of the batch requests (holds the last role of a generated chain). */
  public static final String BATCH_ACTOR = "u0000";

  /** One actor ({@link #BATCH_ACTOR}) reading 200 resources, {@code res0000} .. {@code res0199}. */
  public List<Request> batchRequests() {
    List<Request> out = new ArrayList<>(200);
    for (int i = 0; i < 200; i++) {
      out.add(new Request(BATCH_ACTOR, String.format("res%04d", i), "read"));
    }
    return out;
  }

  private static RbacScenario generated(String name, int totalRules) {
    Builder b = new Builder();
    b.base();
    // 997 more roles: role0003 .. role0999, in chains of five (each inherits the previous one).
    for (int i = 3; i < 1000; i++) {
      String role = extraRole(i);
      b.roles.add(role);
      if ((i - 3) % 5 != 0) {
        b.inherits.put(role, List.of(extraRole(i - 1)));
      }
    }
    // The generated rules: ten per resource res0000, res0001, ..., spread over the generated roles.
    // They come first and the ten base rules last, so an engine that scans its rules in order meets
    // the benchmark request's rule (and every base rule) only after all generated ones.
    List<Rule> generatedRules = new ArrayList<>();
    int extra = totalRules - b.rules.size();
    for (int j = 0; j < extra; j++) {
      generatedRules.add(new Rule(extraRole(3 + (j * 31) % 997), String.format("res%04d", j / 10),
          ACTIONS.get(j % 5)));
    }
    generatedRules.addAll(b.rules);
    b.rules.clear();
    b.rules.addAll(generatedRules);
    // Actors holding generated roles, and requests against generated rules (answers from expected()).
    int[] picks = {0, 1234, 5555, 9989};
    for (int k = 0; k < picks.length; k++) {
      Rule r = b.rules.get(picks[k]);
      int roleIdx = Integer.parseInt(r.role().substring(4));
      // The actor holds the role at the end of the rule role's chain: it inherits the rule's role.
      int tail = roleIdx + (4 - (roleIdx - 3) % 5);
      String holder = extraRole(Math.min(tail, 999));
      String actorId = String.format("u%04d", k);
      b.actors.add(new Actor(actorId, List.of(holder)));
      b.requests.add(new Request(actorId, r.resource(), r.action()));
      // The same actor on another resource's rule, granted to a role outside its chain.
      Rule other = b.rules.get((picks[k] + 500) % 9990);
      b.requests.add(new Request(actorId, other.resource(), other.action()));
    }
    return b.build(name);
  }

  static String extraRole(int i) {
    return String.format("role%04d", i);
  }

  /** The builder of the two scenarios. */
  private static final class Builder {
    final List<String> roles = new ArrayList<>();
    final Map<String, List<String>> inherits = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    final List<Actor> actors = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    final Map<Request, Boolean> handWritten = new LinkedHashMap<>();

    void base() {
      roles.addAll(List.of("viewer", "editor", "admin"));
      inherits.put("editor", List.of("viewer"));
      inherits.put("admin", List.of("editor"));
      rules.add(new Rule("viewer", "orders", "read"));
      rules.add(new Rule("viewer", "invoices", "read"));
      rules.add(new Rule("viewer", "customers", "read"));
      rules.add(new Rule("editor", "orders", "create"));
      rules.add(new Rule("editor", "orders", "update"));
      rules.add(new Rule("editor", "invoices", "update"));
      rules.add(new Rule("editor", "customers", "create"));
      rules.add(new Rule("admin", "orders", "delete"));
      rules.add(new Rule("admin", "invoices", "approve"));
      rules.add(new Rule("admin", "customers", "delete"));
      actors.add(new Actor("alice", List.of("viewer")));
      actors.add(new Actor("bob", List.of("editor")));
      actors.add(new Actor("carol", List.of("admin")));
      actors.add(new Actor("dave", List.of()));
      actors.add(new Actor("erin", List.of("guest", "editor")));
      actors.add(new Actor("frank", List.of("guest")));
      ask("alice", "orders", "read", true);
      ask("alice", "orders", "update", false);
      ask("bob", "invoices", "read", true); // inherited from viewer
      ask("bob", "invoices", "update", true);
      ask("bob", "orders", "delete", false);
      ask("carol", "customers", "read", true); // two levels up
      ask("carol", "invoices", "approve", true);
      ask("dave", "orders", "read", false); // no roles
      ask("frank", "orders", "read", false); // a role no rule and no hierarchy knows
      ask("bob", "invoices", "approve", false);
      ask("alice", "reports", "read", false); // unknown resource
      ask("erin", "customers", "create", true); // second of two roles
      ask("alice", "orders", "archive", false); // unknown action
    }

    void ask(String actor, String resource, String action, boolean allowed) {
      Request r = new Request(actor, resource, action);
      requests.add(r);
      handWritten.put(r, allowed);
    }

    RbacScenario build(String name) {
      return new RbacScenario(name, roles, inherits, rules, actors, requests, handWritten);
    }
  }

  private Set<String> computeClosure(String role) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(role));
    while (!todo.isEmpty()) {
      String r = todo.remove(todo.size() - 1);
      if (out.add(r)) {
        todo.addAll(inherits.getOrDefault(r, List.of()));
      }
    }
    return out;
  }

  /** {@code rbac10} or {@code rbac10k}. */
  public String name() {
    return name;
  }

  /** Every declared role, base roles first. */
  public List<String> roles() {
    return roles;
  }

  /** Role to the roles it inherits directly (its parents); roles without parents are absent. */
  public Map<String, List<String>> inherits() {
    return inherits;
  }

  /** The allow rules, in declaration order (in the generated scenarios the base rules come last). */
  public List<Rule> rules() {
    return rules;
  }

  /** Actor id to actor, in declaration order. */
  public Map<String, Actor> actors() {
    return actors;
  }

  /** The requests every engine answers (the base ones first). */
  public List<Request> requests() {
    return requests;
  }

  /** The hand-written answers of the base requests (the generated ones have none). */
  public Map<Request, Boolean> handWritten() {
    return handWritten;
  }

  /**
   * A declared role and every role it inherits, transitively (the role itself included); an
   * undeclared role is its own closure.
   */
  public Set<String> closure(String role) {
    Set<String> c = closures.get(role);
    return c != null ? c : Set.of(role);
  }

  /** Every declared role whose closure contains {@code role}: the roles that get {@code role}'s rules. */
  public Set<String> holdersOf(String role) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : roles) {
      if (closure(r).contains(role)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The roles an actor has, directly or inherited (empty for an unknown actor). */
  public Set<String> effectiveRoles(String actorId) {
    Actor a = actors.get(actorId);
    Set<String> out = new LinkedHashSet<>();
    if (a != null) {
      for (String r : a.roles()) {
        out.addAll(closure(r));
      }
    }
    return out;
  }

  /** The reference answer: a plain scan of the rules against the actor's effective roles. */
  public boolean expected(Request request) {
    Set<String> eff = effectiveRoles(request.actorId());
    for (Rule rule : rules) {
      if (rule.resource().equals(request.resource()) && rule.action().equals(request.action())
          && eff.contains(rule.role())) {
        return true;
      }
    }
    return false;
  }
}
