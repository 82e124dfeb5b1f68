package dev.mpc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostContractsExampleTest {
  @Test
  void run_executesCompleteDeduplicatedIntents_skipsIncompleteOnes() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int executed = HostContractsExample.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(1, executed, out);
    assertTrue(out.contains("execute:  audit -> order-42"), out);
    assertTrue(out.contains("skip:     notify (Intent 'notify' requires an idempotencyKey)"), out);
    assertTrue(out.contains("decision: allow=false reasons=[R_ACL_DENY_ROLE]"), out);
  }
}
