package dev.mpc.conformance.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.conformance.FixtureContext;
import dev.mpc.conformance.Handlers;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@link ManifestParseHandler} over MPC's own {@code manifest_parse} fixtures, one dynamic
 * test per fixture (until the shared runner takes over). The limits are those of
 * {@code preset-generic-full} ({@code maxManifestNodes} 10000) overlaid with {@code meta.limits}.
 * Run with {@code -Dmpc.fixtures.write=true} to write a missing {@code expected.json} from the
 * current output (then review it by hand).
 */
class ManifestParseFixturesTest {
  private static final JsonObject PRESET_LIMITS = JsonObject.builder().put("maxManifestNodes", 10_000).build();

  static Path root() throws URISyntaxException {
    return Path.of(ManifestParseFixturesTest.class.getResource("/fixtures/manifest_parse").toURI());
  }

  @TestFactory
  Stream<DynamicTest> manifestParse_ownFixtures_matchExpected() throws IOException, URISyntaxException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root())) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(dirs.size() >= 30, "fixtures found: " + dirs.size());
    ManifestParseHandler handler = new ManifestParseHandler();
    return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      JsonValue input = read(dir.resolve("input.json"));
      JsonObject meta = (JsonObject) read(dir.resolve("meta.json"));
      Map<String, JsonValue> limits = new LinkedHashMap<>(PRESET_LIMITS.members());
      if (meta.getOrNull("limits") instanceof JsonObject l) {
        limits.putAll(l.members());
      }
      FixtureContext ctx = new FixtureContext("manifest_parse", dir.getFileName().toString(), dir, input, meta,
          JsonObject.builder().put("defaultLimits", PRESET_LIMITS).build(), JsonObject.of(limits),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Optional.of("2026-01-01T00:00:00Z"),
          Optional.empty());
      String actual = Canonical.json(handler.run(ctx));
      Path expectedFile = dir.resolve("expected.json");
      if (!Files.exists(expectedFile) && Boolean.getBoolean("mpc.fixtures.write")) {
        Path source = Path.of("src/test/resources/fixtures/manifest_parse", dir.getFileName().toString());
        Files.writeString(source.resolve("expected.json"), Json.pretty(Json.parse(actual).orElseThrow()) + "\n");
        expectedFile = source.resolve("expected.json");
      }
      assertEquals(Canonical.json(read(expectedFile)), actual);
    }));
  }

  @Test
  void handlers_standard_registersManifestParse() {
    assertTrue(Handlers.standard().stream().anyMatch(h -> h.category().equals("manifest_parse")));
  }

  private static JsonValue read(Path p) throws IOException {
    return Json.parse(Files.readString(p)).orElseThrow();
  }
}
