package dev.mpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  /** The exit code, stdout and stderr of one run. */
  record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  static Run mpc(Path cwd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(List.of(args), new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), cwd));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run mpc(String... args) {
    return mpc(dir, args);
  }

  @Test
  void noArguments_usageOnStderr_exit2() {
    Run r = mpc();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("commands:"));
  }

  @Test
  void unknownCommand_oneLineMessage_exit2() {
    Run r = mpc("frobnicate");
    assertEquals(2, r.code());
    assertEquals("mpc: unknown command 'frobnicate'. Run 'mpc help' for the list of commands.", r.err().strip());
  }

  @Test
  void badOption_messageAndUsage_exit2_noStackTrace() {
    Run r = mpc("conformance", "run", "--bogus");
    assertEquals(2, r.code());
    assertEquals(List.of("mpc conformance run: unknown option '--bogus'",
        "usage: mpc conformance run DIR... [--presets DIR] [--schemas DIR] [--category NAME]"), r.err().lines().toList());
    assertFalse(r.err().contains("\tat "));
    assertEquals(2, mpc("conformance", "run").code());
    assertEquals(2, mpc("conformance", "run", "missing-dir").code());
    assertEquals(2, mpc("conformance", "run", ".", "--presets").code());
    assertEquals(2, mpc("version", "extra").code());
  }

  @Test
  void version_and_help() {
    Run v = mpc("version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("mpc 0."), v.out());
    Run h = mpc("help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("mpc conformance run DIR..."));
    assertTrue(h.out().contains("mpc demo"));
  }

  @Test
  void demo_printsDecisionAndHash() {
    Run r = mpc("demo");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("\"code\":\"R_ACL_DENY_ROLE\""), r.out());
    assertTrue(r.out().matches("(?s).*sha256 [0-9a-f]{64}.*"), r.out());
    assertTrue(r.out().contains("astHash 3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1"), r.out());
    assertTrue(r.out().contains("same hash: true"), r.out());
    assertTrue(r.out().contains("problems: 0"), r.out());
    assertTrue(r.out().contains("[E_META_TYPE_NOT_ALLOWED]") || r.out().contains("[E_META_UNKNOWN_KIND]"), r.out());
    assertTrue(r.out().contains("artifactHash 35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa"), r.out());
    assertTrue(r.out().contains("it reloads and verifies: true"), r.out());
    assertTrue(r.out().contains("=>  true"), r.out());
    assertTrue(r.out().contains("canonical, compile, compose, contracts"), r.out());
  }

  @Test
  void conformanceRun_ownPack_allPass_lastLineSummary() {
    Path pack = Path.of("..", "engine-conformance", "src", "test", "resources", "fixtures").toAbsolutePath();
    Run r = mpc(pack.getParent(), "conformance", "run", pack.toString());
    assertEquals(0, r.code(), r.out());
    List<String> lines = r.outLines();
    assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed"), lines.get(lines.size() - 1));
    assertTrue(lines.stream().limit(lines.size() - 1L).allMatch(l -> l.startsWith("PASS ")));
  }

  @Test
  void conformanceRun_failingAndUnimplemented_exit1_withDetails() throws IOException {
    Path c = Files.createDirectories(dir.resolve("fx/canonical/bad"));
    Files.writeString(c.resolve("input.json"), "{\"a\":1}");
    Files.writeString(c.resolve("expected.json"), "{\"a\":2}");
    Files.writeString(c.resolve("meta.json"), "{}");
    Path n = Files.createDirectories(dir.resolve("fx/zzz/x"));
    Files.writeString(n.resolve("input.json"), "{}");
    Files.writeString(n.resolve("expected.json"), "{}");
    Files.writeString(n.resolve("meta.json"), "{}");
    Run r = mpc("conformance", "run", "fx");
    assertEquals(1, r.code());
    assertEquals(List.of("FAIL canonical/bad", "    path: a", "      expected: 2", "      actual:   1",
        "NOT-IMPLEMENTED zzz/x", "    Category 'zzz' not yet implemented", "0 passed, 2 failed"), r.outLines());
    Run only = mpc("conformance", "run", "fx", "--category", "zzz");
    assertEquals("0 passed, 1 failed", only.outLines().get(only.outLines().size() - 1));
  }
}
