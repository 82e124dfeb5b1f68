package dev.mpc.bench.rbac;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-written Java floor of the RBAC benchmarks: the fastest straightforward Java for the
 * scenario, the "within 3x of the floor" reference.
 *
 * <p>Build: roles interned to indices, each role's closure (itself and every role it inherits) as a
 * bitset, and per (resource, action) the bitset of every role that may perform it (the rule's role
 * and every role whose closure contains it). Decide: two hash lookups for (resource, action), one per
 * actor role for its index, one bit test each. No allocation.
 */
public final class JavaFloor {

  private final Map<String, Integer> roleIndex;
  private final Map<String, Map<String, BitSet>> allowed;

  private JavaFloor(Map<String, Integer> roleIndex, Map<String, Map<String, BitSet>> allowed) {
    this.roleIndex = roleIndex;
    this.allowed = allowed;
  }

  /** Builds the floor for a scenario. */
  public static JavaFloor build(RbacScenario s) {
    Map<String, Integer> index = new HashMap<>();
    for (String role : s.roles()) {
      index.putIfAbsent(role, index.size());
    }
    int n = index.size();
    // closure[r]: r and every role r inherits, by fixpoint over the parent lists.
    BitSet[] closure = new BitSet[n];
    for (int i = 0; i < n; i++) {
      closure[i] = new BitSet(n);
      closure[i].set(i);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, List<String>> e : s.inherits().entrySet()) {
        int child = index.get(e.getKey());
        for (String parent : e.getValue()) {
          BitSet before = (BitSet) closure[child].clone();
          closure[child].or(closure[index.get(parent)]);
          changed |= !before.equals(closure[child]);
        }
      }
    }
    // holders[r]: every role whose closure contains r.
    BitSet[] holders = new BitSet[n];
    for (int i = 0; i < n; i++) {
      holders[i] = new BitSet(n);
    }
    for (int h = 0; h < n; h++) {
      for (int r = closure[h].nextSetBit(0); r >= 0; r = closure[h].nextSetBit(r + 1)) {
        holders[r].set(h);
      }
    }
    Map<String, Map<String, BitSet>> allowed = new HashMap<>();
    for (RbacScenario.Rule rule : s.rules()) {
      allowed.computeIfAbsent(rule.resource(), k -> new HashMap<>())
          .computeIfAbsent(rule.action(), k -> new BitSet(n))
          .or(holders[index.get(rule.role())]);
    }
    return new JavaFloor(index, allowed);
  }

  /** May an actor with these direct roles perform {@code action} on {@code resource}? */
  public boolean decide(String[] roles, String resource, String action) {
    Map<String, BitSet> byAction = allowed.get(resource);
    if (byAction == null) {
      return false;
    }
    BitSet bits = byAction.get(action);
    if (bits == null) {
      return false;
    }
    for (String role : roles) {
      Integer i = roleIndex.get(role);
      if (i != null && bits.get(i)) {
        return true;
      }
    }
    return false;
  }

  /** The floor's form of a scenario request: the actor's direct roles. */
  public static String[] rolesOf(RbacScenario s, RbacScenario.Request r) {
    RbacScenario.Actor a = s.actors().get(r.actorId());
    return a == null ? new String[0] : a.roles().toArray(new String[0]);
  }
}
