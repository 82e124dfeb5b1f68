package dev.mpc.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every manifest embedded in upstream's fixtures ({@code dsl} and {@code manifests} of the
 * {@code form} and {@code imports} categories) parses, including those whose category's engine is
 * not built yet. Runs where the upstream pack is next to the checkout (as in CI); the pack is
 * peer data and is never copied into the project.
 */
class UpstreamManifestsParseTest {
  static final Path UPSTREAM = Path.of("..", "..", "shared", "conformance", "upstream").toAbsolutePath().normalize();

  @TestFactory
  Stream<DynamicTest> upstreamEmbeddedManifests_parse() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String category : List.of("form", "imports")) {
      Path dir = UPSTREAM.resolve(category);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Fixture f : ConformanceRunner.discover(dir)) {
        JsonValue input = Json.parse(Files.readString(f.directory().resolve("input.json"), StandardCharsets.UTF_8))
            .orElseThrow();
        List<String> sources = new ArrayList<>();
        if (input instanceof JsonObject o) {
          if (o.getOrNull("dsl") instanceof JsonString s) {
            sources.add(s.value());
          }
          if (o.getOrNull("manifests") instanceof JsonObject m) {
            m.members().values().forEach(v -> {
              if (v instanceof JsonString s) {
                sources.add(s.value());
              }
            });
          }
        }
        for (int i = 0; i < sources.size(); i++) {
          String text = sources.get(i);
          tests.add(DynamicTest.dynamicTest(f.id() + " #" + i, () -> {
            Result<?> r = Manifests.parseText(text);
            assertTrue(r.isOk(), () -> r.diagnostics().toString());
          }));
        }
      }
    }
    return tests.stream();
  }
}
