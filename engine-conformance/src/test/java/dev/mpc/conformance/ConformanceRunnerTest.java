package dev.mpc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceRunnerTest {
  @TempDir
  Path root;

  private Path fixture(String category, String name, String input, String expected, String meta) throws IOException {
    Path d = root.resolve(category).resolve(name);
    Files.createDirectories(d);
    if (input != null) {
      Files.writeString(d.resolve("input.json"), input, StandardCharsets.UTF_8);
    }
    Files.writeString(d.resolve("expected.json"), expected, StandardCharsets.UTF_8);
    Files.writeString(d.resolve("meta.json"), meta, StandardCharsets.UTF_8);
    return d;
  }

  /** A handler that returns whatever JSON its input's "out" member holds, and records the context. */
  private static final class EchoHandler implements CategoryHandler {
    FixtureContext last;

    @Override
    public String category() {
      return "echo";
    }

    @Override
    public JsonValue run(FixtureContext context) {
      last = context;
      JsonValue out = context.inputObject().getOrNull("out");
      if (out instanceof JsonString s && s.value().equals("throw")) {
        throw new IllegalStateException("boom");
      }
      if (out instanceof JsonString s && s.value().equals("npe")) {
        return JsonString.of(((JsonString) context.inputObject().getOrNull("absent")).value());
      }
      if (out instanceof JsonString s && s.value().equals("iae")) {
        throw new IllegalArgumentException("input needs 'x'");
      }
      return out;
    }
  }

  private FixtureResult runOne(EchoHandler h, Path dir) throws IOException {
    List<Fixture> fs = ConformanceRunner.discover(dir);
    assertEquals(1, fs.size());
    return ConformanceRunner.builder().handler(h).build().run(fs.get(0));
  }

  @Test
  void run_matchingOutput_passes_keyOrderAndFormattingIrrelevant() throws IOException {
    Path d = fixture("echo", "ok", "{\"out\":{\"b\":1,\"a\":[1.0,\"é\"]}}", "{ \"a\" : [1.0, \"é\"], \"b\": 1 }", "{}");
    assertEquals(FixtureStatus.PASS, runOne(new EchoHandler(), d).status());
  }

  @Test
  void run_intVersusFloat_fails_withDiff() throws IOException {
    Path d = fixture("echo", "num", "{\"out\":{\"n\":1}}", "{\"n\":1.0}", "{}");
    FixtureResult r = runOne(new EchoHandler(), d);
    assertEquals(FixtureStatus.FAIL, r.status());
    assertEquals(List.of("path: n", "  expected: 1.0", "  actual:   1"), r.details());
  }

  @Test
  void run_missingAndExtraMembers_listedInDiff() throws IOException {
    Path d = fixture("echo", "members", "{\"out\":{\"a\":[1,2],\"x\":null}}", "{\"a\":[1],\"b\":true}", "{}");
    FixtureResult r = runOne(new EchoHandler(), d);
    assertEquals(List.of("path: a[1]", "  expected: (missing)", "  actual:   2",
        "path: b", "  expected: true", "  actual:   (missing)",
        "path: x", "  expected: (missing)", "  actual:   null"), r.details());
  }

  @Test
  void run_unregisteredCodesAndIntentKinds_failEvenWhenOutputMatches() throws IOException {
    String out = "{\"reasons\":[{\"code\":\"R_MADE_UP\"}],\"error\":{\"code\":\"E_MADE_UP\"},"
        + "\"intents\":[{\"kind\":\"explode\",\"target\":\"x\"}],\"fine\":{\"code\":\"E_VALID\",\"kind\":\"x\"}}";
    Path d = fixture("echo", "codes", "{\"out\":" + out + "}", out, "{}");
    FixtureResult r = runOne(new EchoHandler(), d);
    assertEquals(FixtureStatus.FAIL, r.status());
    assertEquals(List.of("VIOLATION: Unknown error code: 'E_MADE_UP'", "VIOLATION: Unknown intent kind: 'explode'",
        "VIOLATION: Unknown reason code: 'R_MADE_UP'"), r.details().stream().sorted().toList());
  }

  @Test
  void run_handlerThrows_failsWithHandlerError() throws IOException {
    Path d = fixture("echo", "throws", "{\"out\":\"throw\"}", "{}", "{}");
    assertEquals(List.of("Handler error: internal failure in the handler (IllegalStateException: boom)"),
        runOne(new EchoHandler(), d).details());
  }

  @Test
  void describe_badFixtureInput_inTheAuthorsWords_noExceptionNames() throws IOException {
    assertEquals("input.json must be an object", ConformanceRunner.describe(
        new IllegalArgumentException("input.json must be an object")));
    assertEquals("a member of input.json has the wrong JSON type for this category",
        ConformanceRunner.describe(new ClassCastException("class dev.mpc.json.JsonInt cannot be cast")));
    assertEquals("a member this category needs is missing from input.json",
        ConformanceRunner.describe(new NullPointerException()));
    assertEquals("input.json is nested too deeply for this category",
        ConformanceRunner.describe(new StackOverflowError()));
    Path npe = fixture("echo", "npe", "{\"out\":\"npe\"}", "{}", "{}");
    assertEquals(List.of("Handler error: a member this category needs is missing from input.json"),
        runOne(new EchoHandler(), npe).details());
    Path iae = fixture("echo", "iae", "{\"out\":\"iae\"}", "{}", "{}");
    assertEquals(List.of("Handler error: input needs 'x'"), runOne(new EchoHandler(), iae).details());
  }

  @Test
  void run_unknownCategory_notImplementedCountsAsFailed() throws IOException {
    fixture("nosuch", "a", "{}", "{}", "{}");
    RunSummary s = ConformanceRunner.builder().build().run(List.of(root));
    assertEquals(FixtureStatus.NOT_IMPLEMENTED, s.results().get(0).status());
    assertEquals("0 passed, 1 failed", s.summaryLine());
  }

  @Test
  void run_loadErrors_failWithReason() throws IOException {
    Path missing = fixture("echo", "missing_input", null, "{}", "{}");
    assertEquals(List.of("Load error: input.json: cannot read (no such file)"),
        runOne(new EchoHandler(), missing).details());
    Path bad = fixture("echo", "bad_json", "{\"out\":", "{}", "{}");
    assertTrue(runOne(new EchoHandler(), bad).details().get(0).startsWith("Load error: input.json: Invalid JSON at line 1"));
  }

  @Test
  void run_unknownPreset_failsWithViolation() throws IOException {
    Path d = fixture("echo", "preset", "{\"out\":{}}", "{}", "{\"preset\":\"preset-nope\"}");
    assertEquals(List.of("VIOLATION: Preset 'preset-nope' not found"), runOne(new EchoHandler(), d).details());
    Path traversal = fixture("echo", "preset2", "{\"out\":{}}", "{}", "{\"preset\":\"../../etc/passwd\"}");
    assertEquals(FixtureStatus.FAIL, runOne(new EchoHandler(), traversal).status());
  }

  @Test
  void run_contextHasMergedLimitsFixedClockAndPreset() throws IOException {
    Path d = fixture("echo", "ctx", "{\"out\":{}}", "{}",
        "{\"preset\":\"preset-generic-min\",\"limits\":{\"maxExprSteps\":1},\"clock\":\"2026-02-22T00:00:00+03:00\"}");
    EchoHandler h = new EchoHandler();
    assertEquals(FixtureStatus.PASS, runOne(h, d).status());
    FixtureContext c = h.last;
    assertEquals(Json.parse("{\"maxManifestNodes\":500,\"maxExprSteps\":1,\"maxExprDepth\":10,\"maxEvalTimeMs\":10,"
        + "\"maxRegexOps\":100}").orElseThrow(), c.limits());
    assertEquals(Instant.parse("2026-02-21T21:00:00Z"), c.clock().instant());
    assertEquals("2026-02-22T00:00:00+03:00", c.clockText().orElseThrow());
    assertEquals(JsonString.of("preset-generic-min"), c.preset().getOrNull("name"));
  }

  @Test
  void fixedClock_unparsableText_isEpochNotWallClock() {
    assertEquals(Instant.EPOCH, ConformanceRunner.fixedClock(java.util.Optional.of("system-utc")).instant());
  }

  @Test
  void discover_rootCategoryOrCase_sortedByCodePoint() throws IOException {
    fixture("b", "2", "{}", "{}", "{}");
    fixture("b", "10", "{}", "{}", "{}");
    fixture("a", "z", "{}", "{}", "{}");
    assertEquals(List.of("a/z", "b/10", "b/2"), ConformanceRunner.discover(root).stream().map(Fixture::id).toList());
    assertEquals(List.of("b/10", "b/2"), ConformanceRunner.discover(root.resolve("b")).stream().map(Fixture::id).toList());
    assertEquals(List.of("a/z"), ConformanceRunner.discover(root.resolve("a/z")).stream().map(Fixture::id).toList());
    assertThrows(IllegalArgumentException.class, () -> ConformanceRunner.discover(root.resolve("nope")));
  }

  @Test
  void discover_onlyFixtureDirectoriesCount_garbageFindsNothing_andAnEmptyRunIsNoSuccess() throws IOException {
    Files.createDirectories(root.resolve("src/main/java"));
    Files.writeString(root.resolve("README.md"), "x");
    Files.writeString(root.resolve("src/pom.json"), "{}");
    Files.writeString(root.resolve("src/main/App.java"), "class App {}");
    assertEquals(List.of(), ConformanceRunner.discover(root));
    assertEquals(List.of(), ConformanceRunner.discover(root.resolve("src")));
    RunSummary empty = ConformanceRunner.builder().build().run(List.of(root));
    assertEquals("0 passed, 0 failed", empty.summaryLine());
    assertFalse(empty.succeeded(), "a run that checked nothing is not a success");
    fixture("canonical", "ok", "{}", "{}", "{}");
    Files.createDirectories(root.resolve("canonical/empty-dir"));
    assertEquals(List.of("canonical/ok"), ConformanceRunner.discover(root).stream().map(Fixture::id).toList());
    assertEquals(List.of("canonical/ok"),
        ConformanceRunner.discover(root.resolve("canonical")).stream().map(Fixture::id).toList());
    assertTrue(ConformanceRunner.builder().build().run(List.of(root)).succeeded());
  }

  @Test
  void registryCheck_echoedData_checkedToo() {
    JsonObject o = (JsonObject) Json.parse("{\"data\":[{\"deep\":{\"code\":\"E_NOPE\"}}],\"code\":\"X_NOT_CHECKED\"}")
        .orElseThrow();
    assertEquals(List.of("Unknown error code: 'E_NOPE'"), RegistryCheck.violations(o));
  }
}
