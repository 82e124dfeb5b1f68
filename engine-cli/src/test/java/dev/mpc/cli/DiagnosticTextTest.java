package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format text}: {@code file:line:col: severity CODE message}, the source line and a caret under the span. */
class DiagnosticTextTest {
  static final Path EX = Path.of("..", "examples", "manifests").toAbsolutePath().normalize();

  @Test
  void theRootCauseComesFirst_andItsConsequenceIsFoldedUnderIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("wf.mpc"), "@schema 1\n@namespace \"x\"\ndef Workflow w \"W\" {\n  initial: \"open\"\n"
        + "  states: [\"open\", \"approved\"]\n  transitions: [\n    {from: \"open\", on: \"ok\", to: \"aproved\"}\n  ]\n}\n");
    Files.writeString(dir.resolve("m.yaml"), "kinds:\n  - {name: Workflow, required_props: [initial, states, transitions]}\n");
    MainTest.Run r = mpc(dir, "validate", "wf.mpc", "--meta", "m.yaml", "--format", "text");
    assertEquals(1, r.code());
    String out = r.out().replace(dir + "/", "");
    assertTrue(out.startsWith("wf.mpc:7:30: error E_VALID_UNRESOLVED_REF: Transition references unknown state 'aproved'"
        + " in def 'w'\n 7 |     {from: \"open\", on: \"ok\", to: \"aproved\"}\n   |                              ^~~~~~~~~~~~~\n"),
        out);
    assertTrue(out.contains("   = help: did you mean 'approved'?\n"
        + "   = note: which is also why warn E_VALID_INVALID_WORKFLOW (line 5): State 'approved' in workflow 'w' is"
        + " unreachable\n"), out);
    assertEquals(1, out.lines().filter(l -> l.startsWith("wf.mpc:")).count(), "the warning is not listed on its own");
  }

  @Test
  void validateAndCompile_printTextWithACaret_andJsonOnRequest(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.mpc"), "@schema 1\n@namespace \"x\"\ndef Policy p {\n  effect: \"maybe\"\n}\n");
    Files.copy(EX.resolve("order-access-meta.yaml"), dir.resolve("meta.yaml"));
    MainTest.Run text = mpc(dir, "validate", "bad.mpc", "--meta", "meta.yaml", "--format", "text");
    assertEquals(1, text.code());
    assertEquals("bad.mpc:4:3: error E_POLICY_INVALID_TEMPLATE: Property 'effect' of Policy 'p' must be \"allow\" or"
        + " \"deny\", found \"maybe\"\n"
        + " 4 |   effect: \"maybe\"\n"
        + "   |   ^~~~~~~~~~~~~~~\n", text.out().replace(dir + "/", ""));
    MainTest.Run compiled = mpc(dir, "compile", "bad.mpc", "--meta", "meta.yaml", "-o", "a.json", "--format", "text");
    assertEquals(1, compiled.code());
    assertTrue(compiled.out().contains(" |   ^~~"), compiled.out());
    MainTest.Run json = mpc(dir, "validate", "bad.mpc", "--meta", "meta.yaml", "--format", "json");
    assertTrue(json.out().startsWith("{\"errors\":["), json.out());
    MainTest.Run piped = mpc(dir, "validate", "bad.mpc", "--meta", "meta.yaml");
    assertTrue(piped.out().startsWith("{\"errors\":["), "not a terminal: JSON for tools");
    assertEquals(2, mpc(dir, "validate", "bad.mpc", "--meta", "meta.yaml", "--format", "xml").code());
    Files.writeString(dir.resolve("kind.mpc"), "@schema 1\n@namespace \"x\"\ndef Polcy p { effect: \"allow\" }\n");
    MainTest.Run typo = mpc(dir, "validate", "kind.mpc", "--meta", "meta.yaml", "--format", "text");
    assertTrue(typo.out().contains("Unknown kind 'Polcy' on def 'p'\n") && typo.out().endsWith(
        "   = help: did you mean 'Policy'?\n"), typo.out());
  }
}
