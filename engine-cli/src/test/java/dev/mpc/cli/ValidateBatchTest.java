package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc validate DIR} and {@code mpc validate FILE FILE...}: one process, one validator, every file. */
class ValidateBatchTest {
  private static final Path EX = DiagnosticTextTest.EX;

  private static Path tree(Path dir) throws Exception {
    Files.copy(EX.resolve("order-access-meta.yaml"), dir.resolve("meta.yaml"));
    Path rules = Files.createDirectories(dir.resolve("rules/sub"));
    Files.copy(EX.resolve("order-access.mpc"), dir.resolve("rules/a.mpc"));
    Files.writeString(rules.resolve("bad.mpc"), "@schema 1\n@namespace \"x\"\ndef Policy p {\n  effect: \"maybe\"\n}\n");
    Files.writeString(dir.resolve("rules/c.mpc.yaml"), "schemaVersion: 1\nnamespace: y\ndefs:\n"
        + "  - {kind: Policy, id: q, effect: deny, priority: 1, match: {event: order.delete}}\n");
    Files.writeString(dir.resolve("rules/notes.yaml"), "- a list, not a manifest\n");
    Files.copy(EX.resolve("order-access.mpctest.yaml"), dir.resolve("rules/a.mpctest.yaml"));
    return dir;
  }

  @Test
  void aDirectory_validatesEveryManifestUnderIt_andSummarises(@TempDir Path dir) throws Exception {
    tree(dir);
    MainTest.Run text = mpc(dir, "validate", "rules", "--meta", "meta.yaml", "--format", "text");
    assertEquals(1, text.code(), text.out() + text.err());
    String out = text.out().replace(dir + "/", "");
    assertTrue(out.startsWith("rules/sub/bad.mpc:4:3: error E_POLICY_INVALID_TEMPLATE:"), out);
    assertTrue(out.endsWith("3 files: 2 valid, 1 invalid\n"), out);

    MainTest.Run json = mpc(dir, "validate", "rules", "--meta", "meta.yaml", "--format", "json");
    assertEquals(1, json.code());
    JsonObject doc = (JsonObject) Json.parse(json.out().strip()).orElseThrow();
    JsonArray files = (JsonArray) doc.getOrNull("files");
    assertEquals(3, files.size(), json.out());
    assertEquals("{\"file\":\"rules/a.mpc\",\"valid\":true,\"warnings\":[]}", dev.mpc.json.Canonical.json(files.get(0)));
    assertEquals("\"rules/c.mpc.yaml\"", dev.mpc.json.Canonical.json(((JsonObject) files.get(1)).getOrNull("file")));
    JsonObject bad = (JsonObject) files.get(2);
    assertEquals("false", dev.mpc.json.Canonical.json(bad.getOrNull("valid")));
    assertTrue(dev.mpc.json.Canonical.json(bad.getOrNull("errors")).contains("E_POLICY_INVALID_TEMPLATE"), bad.toString());
    assertEquals("2", dev.mpc.json.Canonical.json(doc.getOrNull("valid")));
    assertEquals("1", dev.mpc.json.Canonical.json(doc.getOrNull("invalid")));
  }

  @Test
  void severalFiles_andAnAllValidDirectory_exitZero(@TempDir Path dir) throws Exception {
    tree(dir);
    Files.delete(dir.resolve("rules/sub/bad.mpc"));
    MainTest.Run r = mpc(dir, "validate", "rules", "--meta", "meta.yaml", "--format", "text");
    assertEquals(0, r.code(), r.out());
    assertEquals("2 files: 2 valid, 0 invalid\n", r.out());
    MainTest.Run two = mpc(dir, "validate", "rules/a.mpc", "rules/notes.yaml", "--meta", "meta.yaml", "--format",
        "text");
    assertEquals(1, two.code(), "a file named explicitly is validated whatever its name");
    assertTrue(two.out().endsWith("2 files: 1 valid, 1 invalid\n"), two.out());
  }

  @Test
  void usageErrors_exitTwo(@TempDir Path dir) throws Exception {
    tree(dir);
    Files.createDirectories(dir.resolve("empty"));
    MainTest.Run none = mpc(dir, "validate", "empty", "--meta", "meta.yaml");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no manifest under 'empty'"), none.err());
    MainTest.Run missing = mpc(dir, "validate", "rules", "nope.mpc", "--meta", "meta.yaml");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("[E_INPUT_UNREADABLE] cannot read 'nope.mpc': no such file"), missing.err());
  }

  @Test
  void oneFile_keepsItsSingleFileOutput(@TempDir Path dir) throws Exception {
    tree(dir);
    MainTest.Run r = mpc(dir, "validate", "rules/a.mpc", "--meta", "meta.yaml");
    assertEquals(0, r.code());
    assertEquals("{\"valid\":true,\"warnings\":[]}\n", r.out());
  }
}
