package dev.mpc.engine;

import static dev.mpc.engine.Fixtures.actor;
import static dev.mpc.engine.Fixtures.event;
import static dev.mpc.engine.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.json.Canonical;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision memos (small pure policy sets keyed by their bits; composed decisions keyed by the
 * votes' identities, each with a fixed number of slots and a map behind them) never change a
 * decision: over far more distinct matched sets than there are slots, so that slots collide and
 * the maps take over, a long-lived engine decides byte for byte as a fresh engine does.
 */
class DecisionMemoTest {
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final int POLICIES = 12;

  static Artifact artifact(int policies) {
    List<String> defs = new ArrayList<>();
    for (int i = 0; i < policies; i++) {
      defs.add("{\"kind\":\"Policy\",\"id\":\"p" + i + "\",\"effect\":\"" + (i % 3 == 0 ? "deny" : "allow")
          + "\",\"priority\":" + (i % 4) + ",\"match\":{\"object.attributes.a" + i + "\":true},"
          + "\"intents\":[{\"kind\":\"audit\",\"target\":\"doc\",\"params\":{\"actor\":\"u\",\"action\":\"p" + i + "\"},"
          + "\"idempotencyKey\":\"k" + i + "\"}]}");
    }
    defs.add("{\"kind\":\"ACL\",\"id\":\"all\",\"roles\":[\"u\"]}");
    defs.add("{\"kind\":\"ACL\",\"id\":\"none\",\"roles\":[\"v\"],\"effect\":\"deny\"}");
    return Fixtures.artifact(defs.toArray(String[]::new));
  }

  static EventEnvelope event(int set, String role) {
    StringBuilder attrs = new StringBuilder("{");
    for (int i = 0; i < POLICIES; i++) {
      attrs.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":").append((set >> i & 1) == 1);
    }
    return Fixtures.event("doc.read", actor("a1", role), "doc", "d" + set, obj(attrs.append('}').toString()));
  }

  @Test
  void memoisedDecisions_equalFreshOnes_acrossSlotCollisions() {
    for (int policies : new int[] {POLICIES, 70}) { // 70: beyond 64 policies the bit key is not used
      Artifact a = artifact(policies);
      MpcEngine warm = MpcEngine.builder().clock(FIXED).build().orElseThrow();
      Random random = new Random(42);
      for (int n = 0; n < 1500; n++) {
        int set = random.nextInt(1 << POLICIES);
        EventEnvelope e = event(set, random.nextInt(4) == 0 ? "v" : "u");
        MpcEngine fresh = MpcEngine.builder().clock(FIXED).build().orElseThrow();
        String expected = Canonical.json(ContractJson.toJson(fresh.evaluate(a, e)));
        assertEquals(expected, Canonical.json(ContractJson.toJson(warm.evaluate(a, e))), "set " + set);
        assertEquals(fresh.evaluate(a, e).allow(), warm.allows(a, e), "allows, set " + set);
      }
    }
  }
}
