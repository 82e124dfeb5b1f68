package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import dev.mpc.json.Canonical;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc ledger verify} and {@code mpc ledger dedupe} on exports. */
class LedgerCommandsTest {
  private static final Scope S = new Scope("acme", "orders");
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  /** A chain of records with these idempotency keys and creation offsets (seconds), hashed as a ledger would. */
  private static List<LedgerRecord> chain(String[] keys, int[] seconds) {
    List<LedgerRecord> out = new ArrayList<>();
    String prev = LedgerRecord.GENESIS;
    for (int i = 0; i < keys.length; i++) {
      LedgerRecord r = LedgerRecord.chained(i + 1L, S, keys[i], "activate", Optional.empty(), "a".repeat(64),
          "d".repeat(64), i + 1L, RuntimeMode.NORMAL, "ops", T.plusSeconds(seconds[i]), prev);
      out.add(r);
      prev = r.recordHash();
    }
    return out;
  }

  private Path export(String name, List<LedgerRecord> records) throws IOException {
    StringBuilder b = new StringBuilder();
    records.forEach(r -> b.append(Canonical.json(r.toJson())).append('\n'));
    return Files.writeString(dir.resolve(name), b.toString());
  }

  @Test
  void verify_intactChain_exit0() throws IOException {
    export("ok.jsonl", chain(new String[] {"k1", "k2", "k3"}, new int[] {0, 1, 2}));
    MainTest.Run r = mpc(dir, "ledger", "verify", "ok.jsonl");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("OK: 3 records"), r.out());
  }

  @Test
  void verify_reportsTheFirstBrokenLink_editHoleAndDuplicate() throws IOException {
    List<LedgerRecord> c = chain(new String[] {"k1", "k2", "k3"}, new int[] {0, 1, 2});
    Path edited = export("edited.jsonl", c);
    Files.writeString(edited, Files.readString(edited).replaceFirst("\"actor\":\"ops\",\"artifactHash\"(.*)\"id\":2",
        "\"actor\":\"eve\",\"artifactHash\"$1\"id\":2"));
    MainTest.Run e = mpc(dir, "ledger", "verify", "edited.jsonl");
    assertEquals(1, e.code());
    assertEquals("BROKEN at record 2 of 3: record 2 was edited: its hash does not match its content", e.out().strip());

    export("hole.jsonl", List.of(c.get(0), c.get(2)));
    MainTest.Run h = mpc(dir, "ledger", "verify", "hole.jsonl");
    assertEquals(1, h.code());
    assertTrue(h.out().startsWith("BROKEN at record 2 of 2"), h.out());

    export("dup.jsonl", chain(new String[] {"k1", "k1"}, new int[] {0, 1}));
    MainTest.Run d = mpc(dir, "ledger", "verify", "dup.jsonl");
    assertEquals(1, d.code());
    assertTrue(d.out().contains("repeats logical key acme/orders/k1"), d.out());
  }

  @Test
  void verify_badLines_areCodedWithTheirLine() throws IOException {
    Path p = export("bad.jsonl", chain(new String[] {"k1"}, new int[] {0}));
    Files.writeString(p, Files.readString(p) + "\n{\"record\": 1}\n");
    MainTest.Run r = mpc(dir, "ledger", "verify", "bad.jsonl");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("bad.jsonl:3: [E_PARSE_INVALID_TOKEN]"), r.err());
    Files.writeString(p, "not json");
    assertTrue(mpc(dir, "ledger", "verify", "bad.jsonl").err().startsWith("bad.jsonl:1: [E_PARSE_SYNTAX]"));
    assertEquals(2, mpc(dir, "ledger", "verify", "missing.jsonl").code());
  }

  @Test
  void dedupe_dryRunByDefault_keepsTheOldestByCreatedAtThenId_andApplyWritesANewVerifiedFile() throws IOException {
    // k1 three times: record 3 is the oldest by created_at; k2 twice with the same created_at: the lower id stays
    List<LedgerRecord> c = chain(new String[] {"k1", "k2", "k1", "k2", "k1", "k3"}, new int[] {5, 7, 1, 7, 9, 10});
    Path in = export("dups.jsonl", c);
    String before = Files.readString(in);
    MainTest.Run dry = mpc(dir, "ledger", "dedupe", "dups.jsonl");
    assertEquals(1, dry.code(), dry.err());
    assertEquals(List.of(
        "drop record 1 (acme/orders key 'k1', created 2026-03-01T10:00:05Z): keeps record 3 (created 2026-03-01T10:00:01Z)",
        "drop record 4 (acme/orders key 'k2', created 2026-03-01T10:00:07Z): keeps record 2 (created 2026-03-01T10:00:07Z)",
        "drop record 5 (acme/orders key 'k1', created 2026-03-01T10:00:09Z): keeps record 3 (created 2026-03-01T10:00:01Z)",
        "dry run: would drop 3 of 6 records; the 3 kept would be renumbered and re-chained (run with --apply -o OUT)"),
        dry.out().strip().lines().toList());
    assertEquals(before, Files.readString(in), "a dry run changes nothing");
    assertFalse(Files.exists(dir.resolve("fixed.jsonl")));

    assertEquals(2, mpc(dir, "ledger", "dedupe", "dups.jsonl", "--apply").code(), "--apply needs -o");
    assertEquals(2, mpc(dir, "ledger", "dedupe", "dups.jsonl", "--apply", "-o", "dups.jsonl").code(), "never in place");
    MainTest.Run applied = mpc(dir, "ledger", "dedupe", "dups.jsonl", "--apply", "-o", "fixed.jsonl");
    assertEquals(0, applied.code(), applied.err());
    assertEquals(before, Files.readString(in));
    MainTest.Run check = mpc(dir, "ledger", "verify", "fixed.jsonl");
    assertEquals(0, check.code(), check.out());
    assertTrue(check.out().startsWith("OK: 3 records"));
    assertTrue(Files.readString(dir.resolve("fixed.jsonl")).contains("\"createdAt\":\"2026-03-01T10:00:01Z\""));
    assertEquals(2, mpc(dir, "ledger", "dedupe", "dups.jsonl", "--apply", "-o", "fixed.jsonl").code(),
        "never overwrites");
    assertEquals(0, mpc(dir, "ledger", "dedupe", "fixed.jsonl").code(), "nothing left to drop");
  }
}
