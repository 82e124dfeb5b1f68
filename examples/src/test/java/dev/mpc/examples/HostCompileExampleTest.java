package dev.mpc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostCompileExampleTest {
  private static String run(String manifest, boolean expectArtifact) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    var artifact = HostCompileExample.run(manifest, new PrintStream(buf, true, StandardCharsets.UTF_8));
    if (expectArtifact) {
      assertNotNull(artifact);
    } else {
      assertNull(artifact);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validManifest_compilesAndReloads() {
    String out = run("def Defect d1 { title: \"x\", severity: 2 }", true);
    assertEquals(true, out.startsWith("compiled 1 definitions, artifact "), out);
  }

  @Test
  void userMistakes_reportedWithPositions() {
    String out = run("def Defect d1 { title: \"x\" }\ndef Workflow w { initial: \"a\", states: [\"a\"], "
        + "transitions: [{from: \"a\", to: \"a\", guard: \"now() > 1\"}] }", false);
    assertEquals("""
        manifest problem: 1:1: [E_META_MISSING_REQUIRED_FIELD] Kind 'Defect' requires property 'severity' on def 'd1'
        manifest problem: 2:82: [E_META_FUNCTION_NOT_ALLOWED] Function 'now' is not allowed (feature flag allowNowFunction is off)
        manifest problem: 2:82: [E_EXPR_TYPE_MISMATCH] Operator '>' not supported between 'string' and 'int'
        """, out);
  }
}
