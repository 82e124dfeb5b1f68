package dev.mpc.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.Actor;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanIdTest {
  private static final String HASH = "a".repeat(64);

  private static EventEnvelope event(String name, String payload) {
    return new EventEnvelope(Optional.of("e1"), name, EventKind.UPDATE, "2026-01-01T00:00:00Z",
        Actor.user("alice", "viewer"), new ObjectRef("doc", "1", JsonObject.EMPTY, Optional.empty()),
        JsonObject.EMPTY, (JsonObject) Json.parse(payload).orElseThrow(), Optional.empty());
  }

  @Test
  void sixteenLowercaseHexDigits_pinnedAcrossJvms() {
    String id = SpanId.of(HASH, event("doc.read", "{\"x\":1}"));
    assertTrue(id.matches("[0-9a-f]{16}"), id);
    // pinned: String.hashCode and the mixing are specified arithmetic, the same in every JVM
    assertEquals("80d5ccebbcbd8b45", id);
  }

  @Test
  void envelopeAndItsJsonForm_sameId_memberOrderIrrelevant() {
    EventEnvelope e = event("doc.read", "{\"a\":1,\"b\":[true,null,2.5,\"s\"],\"c\":{\"d\":\"e\"}}");
    assertEquals(SpanId.of(HASH, e), SpanId.of(HASH, ContractJson.toJson(e)));
    EventEnvelope reordered = event("doc.read", "{\"c\":{\"d\":\"e\"},\"b\":[true,null,2.5,\"s\"],\"a\":1}");
    assertEquals(SpanId.of(HASH, e), SpanId.of(HASH, reordered));
  }

  @Test
  void differentEventsOrArtifacts_differentIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      ids.add(SpanId.of(HASH, event("doc.read", "{\"x\":" + i + "}")));
      ids.add(SpanId.of(HASH, event("doc.r" + i, "{}")));
    }
    assertEquals(4000, ids.size());
    for (int i = 0; i < 20_000; i++) { // actors and roles, members that differ by one character
      ids.add(SpanId.of(HASH, new EventEnvelope(Optional.empty(), "doc.read", EventKind.UPDATE,
          "2026-01-01T00:00:00Z", Actor.user("u" + i, "r" + (i % 7), "x" + (i % 3)),
          new ObjectRef("doc", "d" + (i % 11), JsonObject.EMPTY, Optional.empty()), JsonObject.EMPTY,
          JsonObject.EMPTY, Optional.empty())));
    }
    assertEquals(24_000, ids.size());
    assertNotEquals(SpanId.of(HASH, event("doc.read", "{}")), SpanId.of("b".repeat(64), event("doc.read", "{}")));
    // array order matters, object member order does not
    assertNotEquals(SpanId.of(HASH, event("doc.read", "{\"a\":[1,2]}")), SpanId.of(HASH, event("doc.read", "{\"a\":[2,1]}")));
    assertNotEquals(SpanId.of(HASH, event("doc.read", "{\"a\":\"1\"}")), SpanId.of(HASH, event("doc.read", "{\"a\":1}")));
  }
}
