package dev.mpc.examples.alm;

import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.engine.TraceLevel;
import dev.mpc.json.JsonObject;
import dev.mpc.spring.MpcDecisions;
import dev.mpc.spring.MpcDeniedException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Every decision of the service: the event {@code <kind>.<action>} on the item, in the caller's
 * tenant scope, with {@code payload.action} (and more payload) for the ACL and the policies.
 */
@Component
public class AlmDecisions {
  private final MpcDecisions mpc;
  private final Tenants tenants;
  private final Clock clock = Clock.systemUTC();

  AlmDecisions(MpcDecisions mpc, Tenants tenants) {
    this.mpc = mpc;
    this.tenants = tenants;
  }

  /** The event of {@code action} by {@code caller} on the item. */
  EventEnvelope event(Caller caller, String kind, String id, JsonObject attributes, String action, JsonObject extra) {
    EventKind k = MpcDecisions.kindOf(action);
    JsonObject.Builder payload = JsonObject.builder().put("action", action);
    extra.members().forEach(payload::put);
    JsonObject attrs = JsonObject.builder().put("tenant", caller.tenant()).build();
    if (!attributes.isEmpty()) {
      JsonObject.Builder b = JsonObject.builder();
      attributes.members().forEach(b::put);
      b.put("tenant", caller.tenant());
      attrs = b.build();
    }
    return new EventEnvelope(Optional.of(UUID.randomUUID().toString()), kind.toLowerCase(Locale.ROOT) + "." + action,
        k, clock.instant().toString(), caller.actor(), new ObjectRef(kind, id, attrs, Optional.empty()),
        JsonObject.builder().put("tenant", caller.tenant()).build(), payload.build(), Optional.empty());
  }

  /** The decision on {@code event} for {@code caller}'s tenant. */
  Decision decide(Caller caller, EventEnvelope event, boolean explain) {
    return mpc.decide(tenants.deciding(caller.tenant()), event, explain ? TraceLevel.FULL : TraceLevel.NONE);
  }

  /**
   * The decision, which must allow.
   *
   * @throws MpcDeniedException when it denies (403, or 429 / the error's status)
   */
  Decision require(Caller caller, EventEnvelope event) {
    Decision d = decide(caller, event, false);
    if (!d.allow()) {
      throw new MpcDeniedException(d);
    }
    return d;
  }

  /** {@code body} without the fields the decision's {@code maskField} intents name: the caller never receives them. */
  static Map<String, Object> masked(Decision d, Map<String, Object> body) {
    for (Intent i : d.intents()) {
      if (i.kind() == IntentKind.MASK_FIELD) {
        i.target().ifPresent(body::remove);
      }
    }
    return body;
  }
}
