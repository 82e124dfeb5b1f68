package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code mpc test}: exit codes, the last line, coverage thresholds, formats. */
class TestCommandTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void passingSuites_exit0_andEndWithTheCount() {
    MainTest.Run r = mpc(ROOT, "test", "examples/manifests/order-access.mpctest.yaml", "--coverage");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().endsWith("6 passed, 0 failed\n"), r.out());
    assertTrue(r.out().contains("(100.0%)"), r.out());
  }

  @Test
  void aFolder_isSearched_andAThresholdBelowCoverageFails(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    MainTest.Run all = mpc(ROOT, "test", "examples");
    assertEquals(0, all.code(), all.out() + all.err());
    assertTrue(all.out().endsWith(" passed, 0 failed\n"), all.out());
    assertEquals(0, mpc(ROOT, "test", "examples/manifests", "--threshold", "100").code(),
        "the shipped suites cover all their rules");
    Path ex = ROOT.resolve("examples/manifests");
    for (String f : java.util.List.of("order-access.mpc", "order-access-meta.yaml")) {
      java.nio.file.Files.copy(ex.resolve(f), dir.resolve(f));
    }
    String suite = java.nio.file.Files.readString(ex.resolve("order-access.mpctest.yaml"));
    java.nio.file.Files.writeString(dir.resolve("t.mpctest.yaml"), suite.substring(0, suite.indexOf("\n  - name:",
        suite.indexOf("  - name:") + 1) + 1));
    MainTest.Run strict = mpc(dir, "test", "t.mpctest.yaml", "--threshold", "100");
    assertEquals(1, strict.code(), strict.out());
    assertTrue(strict.err().contains("t.mpctest.yaml is ") && strict.err().contains("%, below the threshold of 100.0%"),
        strict.err());
  }

  @Test
  void formats_andUsageErrors() {
    MainTest.Run junit = mpc(ROOT, "test", "examples/manifests/order-rules.mpctest.yaml", "--format", "junit");
    assertEquals(0, junit.code());
    assertTrue(junit.out().startsWith("<?xml") && junit.out().contains("<testsuite "), junit.out());
    MainTest.Run json = mpc(ROOT, "test", "examples/manifests/order-rules.mpctest.yaml", "--format", "json");
    assertTrue(json.out().contains("\"uncovered\""), json.out());
    assertEquals(2, mpc(ROOT, "test", "examples/manifests", "--format", "xml").code());
    assertEquals(2, mpc(ROOT, "test", "no/such/dir").code());
    assertEquals(2, mpc(ROOT, "test", "examples/manifests", "--run", "(").code());
    assertEquals(2, mpc(ROOT, "test").code());
  }
}
