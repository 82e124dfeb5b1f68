package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code mpc lint}: findings with positions and hints, exit codes by {@code --fail-on}. */
class LintCommandTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void findings_exitCodes_andFormats() {
    MainTest.Run clean = mpc(ROOT, "lint", "examples/manifests/order-access.mpc", "--meta",
        "examples/manifests/order-access-meta.yaml", "--format", "text");
    assertEquals(0, clean.code(), clean.out());
    assertEquals("0 findings\n", clean.out());
    MainTest.Run found = mpc(ROOT, "lint", "examples/manifests/order-rules.mpc", "--meta",
        "examples/manifests/order-meta.yaml", "--format", "text");
    assertEquals(1, found.code(), found.out());
    assertTrue(found.out().contains("order-rules.mpc:10:5: warn W_LINT_UNREACHABLE_RULE: Policy 'allow_editors' matches"
        + " field 'event'"), found.out());
    assertTrue(found.out().contains("(fix: "), found.out());
    assertTrue(found.out().endsWith("1 finding\n"), found.out());
    assertEquals(0, mpc(ROOT, "lint", "examples/manifests/order-rules.mpc", "--meta", "examples/manifests/order-meta.yaml",
        "--fail-on", "error").code(), "a warning does not fail --fail-on error");
    MainTest.Run json = mpc(ROOT, "lint", "examples/manifests/order-rules.mpc", "--meta",
        "examples/manifests/order-meta.yaml", "--format", "json");
    assertTrue(json.out().startsWith("{\"findings\":[{\"code\":\"W_LINT_UNREACHABLE_RULE\""), json.out());
    assertEquals(2, mpc(ROOT, "lint", "examples/manifests/order-rules.mpc", "--meta", "examples/manifests/order-meta.yaml",
        "--fail-on", "sometimes").code());
  }
}
