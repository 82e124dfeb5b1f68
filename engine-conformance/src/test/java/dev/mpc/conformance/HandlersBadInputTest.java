package dev.mpc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every category handler answers a malformed fixture input (wrong shape, wrong member types,
 * missing members) with a failed fixture in words the author acts on, never a handler bug.
 */
class HandlersBadInputTest {
  static final List<String> INPUTS = List.of("{}", "[]", "5", "null", "{\"manifest\": 5, \"meta\": \"x\"}",
      "{\"manifest\": \"def K a {}\", \"meta\": 5}", "{\"old\": 1, \"new\": []}", "{\"expr\": {\"op\": 5}}",
      "{\"event\": 5, \"policies\": 7, \"rules\": \"x\"}", "{\"decisions\": [5, {\"allow\": \"yes\"}]}",
      "{\"data\": {\"a\": 1}, \"config\": {\"deny_keys\": 5}}", "{\"base\": 5, \"overlays\": 6}",
      // a meta object with keys of another contract (found by HostileInputSweepProperties: the loader's
      // refusal surfaced as "internal failure in the handler (MpcException ...)")
      "{\"defs\": [], \"meta\": {\"artifactHash\": \"x\", \"engine\": \"e\", \"engineVersion\": \"1\"}}");

  @Test
  void everyHandler_malformedInput_failsInTheAuthorsWords(@TempDir Path root) throws IOException {
    ConformanceRunner runner = ConformanceRunner.builder().build();
    int i = 0;
    for (String category : runner.categories()) {
      for (String input : INPUTS) {
        Path dir = Files.createDirectories(root.resolve(category).resolve("c" + i++));
        Files.write(dir.resolve("input.json"), input.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("expected.json"), "{\"never\": true}".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("meta.json"), "{}".getBytes(StandardCharsets.UTF_8));
        FixtureResult r = runner.run(new Fixture(category, dir.getFileName().toString(), dir));
        assertEquals(FixtureStatus.FAIL, r.status(), category + " " + input);
        for (String d : r.details()) {
          assertFalse(d.contains("internal failure in the handler"), category + " " + input + ": " + d);
          assertFalse(d.contains("Exception"), category + " " + input + ": " + d);
        }
      }
    }
  }
}
