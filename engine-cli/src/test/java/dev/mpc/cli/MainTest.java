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
  void demo_printsRealDecisions_allowAndDeny_withReasonsIntentsAndOneExplain() throws IOException {
    Run r = mpc("demo");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    Path examples = CliHardeningTest.EXAMPLES;
    Run c = mpc(examples, "compile", "order-access.mpc", "--meta", "order-access-meta.yaml", "-o",
        dir.resolve("access.json").toString());
    assertEquals(0, c.code(), c.out());
    String hash = c.out().strip();
    assertTrue(out.contains("   artifactHash " + hash + "\n"), "the demo compiles the example manifest: " + out);
    assertTrue(out.contains("editor-update.json: u-ed [editor] order.update => ALLOW  [R_POLICY_ALLOW, R_ACL_ALLOW_ROLE]"
        + "  intents [audit:order]"), out);
    assertTrue(out.contains("viewer-read.json: u-vi [viewer] order.read => ALLOW  [R_POLICY_ALLOW, R_ACL_ALLOW_ROLE]"
        + "  intents [audit:order, maskField:card, maskField:customer.ssn]"), out);
    assertTrue(out.contains("viewer-update.json: u-vi [viewer] order.update => DENY  [R_ACL_NO_MATCH]"), out);
    assertTrue(out.contains("owner-update.json: u-own [] order.update => ALLOW  [R_POLICY_ALLOW, R_ACL_ALLOW_ABAC]"), out);
    assertTrue(out.contains("suspended-admin-delete.json: u-ad [admin] order.delete => DENY  [R_POLICY_DENY]"), out);
    assertTrue(out.contains("permissions(viewer, order): [read], masks on read [card, customer.ssn]"), out);
    assertTrue(out.contains("appears in its FULL-trace Decision: false"), out);
    assertFalse(out.contains("tok-9f8e7d6c5b4a"), out);
    // the JSON shown is exactly what ./mpc eval prints for that event
    Run e = mpc(dir, "eval", dir.resolve("access.json").toString(), "--event",
        examples.resolveSibling("events").resolve("editor-update.json").toString());
    assertEquals(0, e.code(), e.err());
    assertTrue(out.contains("   " + e.out().strip() + "\n"), out);
    // the explain is the one ./mpc eval --explain prints
    Run x = mpc(dir, "eval", dir.resolve("access.json").toString(), "--event",
        examples.resolveSibling("events").resolve("viewer-update.json").toString(), "--explain");
    for (String line : x.out().lines().toList()) {
      assertTrue(out.contains("   | " + line + "\n"), line);
    }
    assertTrue(out.contains("   | Decision: DENY\n"), out);
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
  void demo_runsAWorkflow_throughTheStore_withDenialRefireAndReplay() {
    String out = mpc("demo").out();
    assertTrue(out.contains("   start order-42: [draft]\n"), out);
    assertTrue(out.contains("   1. submit by u-clerk: ALLOWED  [draft] -> [submitted, triage]\n"), out);
    assertTrue(out.contains("      intent transform order-42 {\"operation\":\"lock\"}\n"), out);
    assertTrue(out.contains("   2. assign by u-clerk: DENIED  [submitted, triage] (unchanged)\n"
        + "      reason R_WF_AUTH_DENIED: Actor lacks required roles for 'assign'\n"
        + "      error  E_WF_AUTH_DENIED: Actor lacks required roles for 'assign'\n"), out);
    assertTrue(out.contains("   4. hold by u-boss: ALLOWED  [submitted, checking] -> [on_hold]\n"), out);
    assertTrue(out.contains("   5. resume by u-boss: ALLOWED  [on_hold] -> [submitted, checking]\n"),
        "shallow history restores checking: " + out);
    assertTrue(out.contains("   6. approve by u-boss: ALLOWED  [submitted, checking] -> [approved]\n"), out);
    assertTrue(out.contains("   evt-6 fired again: a recorded no-op (replayed true, version stays 6)\n"), out);
    assertTrue(out.contains("   replaying the store's 7 history records rebuilds the instance: true\n"), out);
  }

  @Test
  void demo_endsByRunningATestFile() {
    String out = mpc("demo").out();
    assertTrue(out.contains("   coverage order-access.mpctest.yaml: 6/6 (100.0%)\n   6 passed, 0 failed\n"), out);
  }

  @Test
  void demoResources_areTheExamplesFiles() throws IOException {
    Path res = Path.of("src", "main", "resources", "dev", "mpc", "cli", "demo");
    Path examples = CliHardeningTest.EXAMPLES;
    for (String f : List.of("order-rules.mpc", "order-meta.yaml", "order-access.mpc", "order-access-meta.yaml",
        "order-approval.mpc", "order-access.mpctest.yaml")) {
      assertEquals(Files.readString(examples.resolve(f)), Files.readString(res.resolve(f)), f);
    }
    for (String f : DemoCommand.EVENTS) {
      assertEquals(Files.readString(examples.resolveSibling("events").resolve(f)),
          Files.readString(res.resolve("events").resolve(f)), f);
    }
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
