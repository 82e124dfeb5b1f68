package dev.mpc.conformance.kit;

import dev.mpc.contract.Actor;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.AuthPort;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An AuthPort of the kind a host writes (ownership from a map, admins of the object's tenant)
 * passes the auth port contract kit.
 */
class OwnershipAuthPortContractTest extends AuthPortContract {
  private static final Map<String, String> OWNERS = Map.of("order-1", "alice", "order-2", "bob");
  private static final Set<String> ADMINS_OF_ORDER_2 = Set.of("carol");

  static final AuthPort OWNERSHIP = call -> call.actor().id().equals(OWNERS.get(call.instanceId()))
      || (call.instanceId().equals("order-2") && ADMINS_OF_ORDER_2.contains(call.actor().id())
          && call.actor().roles().contains("admin"));

  @Override
  protected AuthPort port() {
    return OWNERSHIP;
  }

  @Override
  protected List<Case> cases() {
    return List.of(
        new Case(Actor.user("alice"), "order-1", JsonObject.EMPTY, true),
        new Case(Actor.user("bob"), "order-1", JsonObject.EMPTY, false),
        new Case(Actor.user("bob"), "order-2", JsonObject.EMPTY, true),
        new Case(Actor.user("carol", "admin"), "order-2", JsonObject.EMPTY, true),
        new Case(Actor.user("carol"), "order-2", JsonObject.EMPTY, false),
        new Case(Actor.user("carol", "admin"), "order-1", JsonObject.EMPTY, false));
  }

  @Override
  protected AuthPort failingPort() {
    return call -> {
      throw new java.io.IOException("directory unreachable");
    };
  }
}
