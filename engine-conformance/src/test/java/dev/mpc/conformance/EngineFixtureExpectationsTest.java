package dev.mpc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mpc.conformance.handlers.AclHandler;
import dev.mpc.conformance.handlers.EvaluateIntegrationHandler;
import dev.mpc.conformance.handlers.WorkflowHandler;
import dev.mpc.conformance.handlers.PolicyHandler;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strict engine fixtures ({@code policy}, {@code acl}, {@code evaluate_integration}, {@code workflow}, {@code form}): each
 * {@code expected.json} is the handler's output; {@code -Dmpc.regenerate=true} rewrites them after
 * a deliberate engine change (review the diff).
 */
class EngineFixtureExpectationsTest {
  @Test
  void strictEngineFixtures_expectedIsTheEnginesOutput() throws IOException {
    List<CategoryHandler> real = List.of(new PolicyHandler(), new AclHandler(), new EvaluateIntegrationHandler(),
        new WorkflowHandler(), new dev.mpc.conformance.handlers.FormHandler());
    List<String> checked = new ArrayList<>();
    for (CategoryHandler h : real) {
      JsonValue[] captured = new JsonValue[1];
      CategoryHandler capturing = new CategoryHandler() {
        @Override
        public String category() {
          return h.category();
        }

        @Override
        public JsonValue run(FixtureContext context) throws Exception {
          captured[0] = h.run(context);
          return captured[0];
        }
      };
      ConformanceRunner runner = ConformanceRunner.builder().handler(capturing).build();
      for (Fixture f : ConformanceRunner.discover(OwnFixturePackTest.PACK.resolve(h.category()))) {
        if (!f.caseName().contains("_strict_")) {
          continue;
        }
        captured[0] = null;
        runner.run(f);
        String actual = Canonical.json(captured[0]);
        if (Boolean.getBoolean("mpc.regenerate")) {
          Files.writeString(f.directory().resolve("expected.json"), actual + "\n", StandardCharsets.UTF_8);
        }
        String expected = Canonical.json(Json.parse(Files.readString(f.directory().resolve("expected.json"),
            StandardCharsets.UTF_8)).orElseThrow());
        assertEquals(expected, actual, f.id());
        checked.add(f.id());
      }
    }
    assertFalse(checked.isEmpty());
  }
}
