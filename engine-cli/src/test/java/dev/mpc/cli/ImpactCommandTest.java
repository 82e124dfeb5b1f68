package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc impact}: changed decisions grouped by cause, the summary line, exit 1 on anything newly allowed. */
class ImpactCommandTest {
  static final Path EX = Path.of("..", "examples").toAbsolutePath().normalize();

  @Test
  void aChangeThatAllowsMore_isCaught(@TempDir Path dir) throws Exception {
    String source = Files.readString(EX.resolve("manifests/order-access.mpc"));
    Files.writeString(dir.resolve("old.mpc"), source);
    Files.writeString(dir.resolve("new.mpc"), source.replace(
        "def ACL admins_delete { action: \"delete\", resource: \"order\", roles: [\"admin\"] }",
        "def ACL admins_delete { action: \"delete\", resource: \"order\", roles: [\"editor\"] }"));
    Files.copy(EX.resolve("manifests/order-access-meta.yaml"), dir.resolve("meta.yaml"));
    assertEquals(0, mpc(dir, "compile", "old.mpc", "--meta", "meta.yaml", "-o", "old.json").code());
    assertEquals(0, mpc(dir, "compile", "new.mpc", "--meta", "meta.yaml", "-o", "new.json").code());
    String edit = Files.readString(EX.resolve("events/editor-update.json")).replace("\n", " ");
    String delete = edit.replace("\"order.update\"", "\"order.delete\"").replace("\"custom\"", "\"delete\"");
    Files.writeString(dir.resolve("log.jsonl"), edit + "\n{\"artifactHash\":\"x\",\"event\":" + delete + ",\"allow\":false}\n");
    MainTest.Run r = mpc(dir, "impact", "old.json", "new.json", "--events", "log.jsonl");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("newly allowed: 1\n  acl:admins_delete: 1 event"), r.out());
    assertTrue(r.out().endsWith("2 events, 1 changed: 0 newly denied, 1 newly allowed\n"), r.out());
    MainTest.Run same = mpc(dir, "impact", "old.json", "old.json", "--events", "log.jsonl", "--format", "json");
    assertEquals(0, same.code(), same.out());
    assertTrue(same.out().contains("\"changed\": 0"), same.out());
    Files.writeString(dir.resolve("bad.jsonl"), "{\"not\":\"an event\"}\n");
    MainTest.Run bad = mpc(dir, "impact", "old.json", "new.json", "--events", "bad.jsonl");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("bad.jsonl:1: not an event") || bad.out().contains("bad.jsonl:1: not an event"),
        bad.out() + bad.err());
    assertEquals(2, mpc(dir, "impact", "old.json", "new.json").code(), "--events is required");
  }
}
