package dev.mpc.conformance.kit;

import dev.mpc.contract.Actor;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.GuardCall;
import dev.mpc.workflow.GuardPort;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * engine-core's {@link GuardPort#of} passes the guard port contract kit, with two guards of the
 * kind a host writes: one on the context ({@code creditOk}: amount at most 1000) and one on actor
 * and variables ({@code ownerOnly}).
 */
class MapGuardPortContractTest extends GuardPortContract {
  static final Map<String, Predicate<GuardCall>> GUARDS = Map.of(
      "creditOk", c -> c.context().getOrNull("amount") instanceof JsonInt n
          && n.value().compareTo(java.math.BigInteger.valueOf(1000)) <= 0,
      "ownerOnly", c -> c.variables().getOrNull("owner") instanceof dev.mpc.json.JsonString s
          && s.value().equals(c.actor().id()));

  @Override
  protected GuardPort port() {
    return GuardPort.of(GUARDS);
  }

  @Override
  protected List<Case> cases() {
    JsonObject owner = JsonObject.builder().put("owner", "alice").build();
    return List.of(
        new Case("creditOk", Actor.user("alice"), JsonObject.builder().put("amount", 500).build(), JsonObject.EMPTY, true),
        new Case("creditOk", Actor.user("alice"), JsonObject.builder().put("amount", 5000).build(), JsonObject.EMPTY,
            false),
        new Case("creditOk", Actor.user("alice"), JsonObject.EMPTY, JsonObject.EMPTY, false),
        new Case("ownerOnly", Actor.user("alice"), JsonObject.EMPTY, owner, true),
        new Case("ownerOnly", Actor.user("bob", "admin"), JsonObject.EMPTY, owner, false));
  }

  @Override
  protected GuardPort failingPort() {
    return GuardPort.of(Map.of("creditOk", c -> {
      throw new IllegalStateException("credit service unavailable");
    }, "ownerOnly", c -> {
      throw new IllegalStateException("owner directory unavailable");
    }));
  }
}
