package dev.mpc.conformance.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.conformance.FixtureContext;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs MPC's own {@code expr} fixtures through {@link ExprHandler} (until the shared runner wires
 * them): presets are the expression-relevant members of the contract presets.
 */
class ExprFixturesTest {
  private static final Map<String, String> PRESETS = Map.of(
      "preset-generic-full", ExprHandlerTest.GENERIC_FULL,
      "preset-generic-min", """
          {"name":"preset-generic-min","defaultLimits":{"maxManifestNodes":500,"maxExprSteps":500,
           "maxExprDepth":10,"maxEvalTimeMs":10,"maxRegexOps":100}}""",
      "preset-security-hardened", """
          {"name":"preset-security-hardened","defaultLimits":{"maxManifestNodes":5000,"maxExprSteps":1500,
           "maxExprDepth":30,"maxEvalTimeMs":20,"maxRegexOps":1000},
           "featureFlags":{"allowNowFunction":false,"allowRegex":true,"denyByDefaultACL":true}}""");

  @TestFactory
  Stream<DynamicTest> ownExprFixtures_handlerOutput_matchesExpected() throws IOException {
    Path root = Path.of("src/test/resources/fixtures/expr");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(dirs.size() >= 30, "expected the expr fixture pack, found " + dirs.size());
    return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
  }

  private static JsonValue read(Path p) throws IOException {
    return Json.parse(Files.readString(p, StandardCharsets.UTF_8)).orElseThrow();
  }

  private static void run(Path dir) throws IOException {
    JsonObject meta = (JsonObject) read(dir.resolve("meta.json"));
    String presetName = meta.getOrNull("preset") instanceof JsonString s ? s.value() : "preset-generic-full";
    JsonObject preset = (JsonObject) Json.parse(PRESETS.get(presetName)).orElseThrow();
    Map<String, JsonValue> limits = new LinkedHashMap<>(((JsonObject) preset.getOrNull("defaultLimits")).members());
    if (meta.getOrNull("limits") instanceof JsonObject l) {
      limits.putAll(l.members());
    }
    Optional<String> clockText = meta.getOrNull("clock") instanceof JsonString c ? Optional.of(c.value())
        : Optional.empty();
    Clock clock = clockText.map(t -> {
      OffsetDateTime odt = OffsetDateTime.parse(t);
      return Clock.fixed(odt.toInstant(), odt.getOffset());
    }).orElse(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    FixtureContext ctx = new FixtureContext("expr", dir.getFileName().toString(), dir, read(dir.resolve("input.json")),
        meta, preset, JsonObject.of(limits), clock, clockText, Optional.empty());
    JsonValue actual = new ExprHandler().run(ctx);
    assertEquals(Canonical.json(read(dir.resolve("expected.json"))), Canonical.json(actual));
  }
}
