package dev.mpc.spring.security;

import dev.mpc.contract.Actor;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** The event an authorization check asks about: {@code <resource>.<action>} on the object, action in the payload. */
final class SecurityEvents {
  private SecurityEvents() {}

  static EventEnvelope event(Clock clock, Actor actor, String resource, String id, String action) {
    String a = action.toLowerCase(Locale.ROOT);
    EventKind kind = dev.mpc.spring.MpcDecisions.kindOf(a);
    String name = resource.toLowerCase(Locale.ROOT) + "." + a;
    return new EventEnvelope(Optional.empty(), name, kind, clock.instant().toString(), actor,
        ObjectRef.of(resource, id == null || id.isEmpty() ? "*" : id), JsonObject.EMPTY,
        JsonObject.builder().put("action", a).build(), Optional.empty());
  }

  /** read, create, update or delete for an HTTP method. */
  static String actionOf(String httpMethod) {
    switch (httpMethod.toUpperCase(Locale.ROOT)) {
      case "POST":
        return "create";
      case "PUT":
      case "PATCH":
        return "update";
      case "DELETE":
        return "delete";
      default:
        return "read";
    }
  }
}
