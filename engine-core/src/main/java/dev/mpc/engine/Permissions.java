package dev.mpc.engine;

import dev.mpc.contract.Intent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an actor may do on a resource: each allowed action with the {@code maskField} intents
 * (and any other intents) the allowing decision carries. Answered by evaluating, for every action
 * the artifact's ACL rules name for the resource, the event {@link MpcEngine#permissions} documents,
 * so it agrees with {@link MpcEngine#evaluate} for those events.
 *
 * @param resource the resource asked about
 * @param actions each allowed action, in code-point order, with its intents
 */
public record Permissions(String resource, Map<String, List<Intent>> actions) {
  /** Creates the value (copied, order kept). */
  public Permissions {
    Objects.requireNonNull(resource, "resource");
    Map<String, List<Intent>> copy = new LinkedHashMap<>();
    actions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    actions = Collections.unmodifiableMap(copy);
  }

  /** Whether {@code action} is allowed. */
  public boolean allows(String action) {
    return actions.containsKey(action);
  }

  /** The allowed actions. */
  public Set<String> allowed() {
    return actions.keySet();
  }

  /** The targets of the {@code maskField} intents of {@code action} (empty if none or not allowed). */
  public List<String> masks(String action) {
    return actions.getOrDefault(action, List.of()).stream()
        .filter(i -> i.kind() == dev.mpc.contract.IntentKind.MASK_FIELD).map(i -> i.target().orElse("")).toList();
  }
}
