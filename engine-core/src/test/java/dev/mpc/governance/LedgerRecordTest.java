package dev.mpc.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerRecordTest {
  private static final Scope S = new Scope("acme", "orders");

  private static List<LedgerRecord> chain() {
    ActivationLedger l = ActivationLedger.inMemory();
    l.append(S, "k1", "activate", Optional.empty(), "a".repeat(64), "d".repeat(64), 1, RuntimeMode.NORMAL, "ops",
        Instant.parse("2026-01-01T00:00:00.000000001Z"));
    l.append(S, "k2", "mode", Optional.of("a".repeat(64)), "a".repeat(64), "d".repeat(64), 2, RuntimeMode.POLICY_OFF,
        "Zoë", Instant.parse("2026-01-01T00:00:01Z"));
    return l.records();
  }

  @Test
  void exportLines_roundTrip_exactly() {
    for (LedgerRecord r : chain()) {
      String line = Canonical.json(r.toJson());
      LedgerRecord back = LedgerRecord.fromJson(Json.parse(line).orElseThrow()).orElseThrow();
      assertEquals(r, back);
      assertEquals(line, Canonical.json(back.toJson()));
    }
    assertTrue(ActivationLedger.verify(chain()).ok());
  }

  @Test
  void badLines_areCodedRefusals_neverExceptions() {
    String good = Canonical.json(chain().get(0).toJson());
    List<String> bad = List.of("[]", "{}", "{\"record\":{},\"recordHash\":\"x\"}",
        good.replace("\"mode\":\"normal\"", "\"mode\":\"chaos\""),
        good.replace("\"id\":1", "\"id\":\"1\""),
        good.replace("\"id\":1", "\"id\":1,\"extra\":true"),
        good.replace("2026-01-01T00:00:00.000000001Z", "yesterday"),
        good.replace("\"tenant\":\"acme\"", "\"tenant\":\"\""),
        good.replace("\"id\":1", "\"id\":123456789012345678901234567890"),
        good.replace(",\"recordHash\"", ",\"more\":1,\"recordHash\""));
    for (String line : bad) {
      var r = LedgerRecord.fromJson(Json.parse(line).orElseThrow());
      assertFalse(r.isOk(), line);
      assertEquals(Code.E_PARSE_INVALID_TOKEN, r.diagnostics().get(0).code(), line);
    }
  }
}
