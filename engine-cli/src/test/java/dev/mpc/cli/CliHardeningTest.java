package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.MpcVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 9: the classes of CLI defects (empty conformance runs, options, input files, usage, presets, versions). */
class CliHardeningTest {
  /** The pipeline spec's worked example (pipeline.md §8.8) and upstream's artifact hash for it. */
  static final Path EXAMPLES = Path.of("..", "examples", "manifests").toAbsolutePath().normalize();
  static final String UPSTREAM_ARTIFACT_HASH = "35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa";

  static final String META = "schema_version: 1\nkinds:\n  - { name: Policy, required_props: [effect] }\n"
      + "allowed_functions:\n  - { name: len, args: [\"string|array\"], returns: int, cost: 2 }\n";
  static final String DSL = "@schema 1\n@namespace \"acme\"\ndef Policy p \"P\" { effect: \"allow\" }\n";

  @TempDir
  Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("m.mpc"), DSL);
    Files.writeString(dir.resolve("meta.yaml"), META);
    Files.writeString(dir.resolve("vars.json"), "{\"a\":1}");
  }

  private MainTest.Run run(String... args) {
    return mpc(dir, args);
  }

  private Path preset(String limits, String flags) throws IOException {
    Path p = dir.resolve("preset.json");
    Files.writeString(p, "{\"name\":\"p\",\"presetVersion\":\"1\",\"defaultLimits\":{" + limits + "},\"featureFlags\":{"
        + flags + "}}");
    return p;
  }

  // ---- finding 1: a conformance run that checks nothing never passes

  @Test
  void conformanceRun_emptyOrGarbageDirectory_exit1WithMessage_notZeroPassed() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Files.createDirectories(dir.resolve("garbage/src/main"));
    Files.writeString(dir.resolve("garbage/README.md"), "not a fixture");
    Files.writeString(dir.resolve("garbage/src/main/App.java"), "class App {}");
    Files.writeString(dir.resolve("garbage/src/notes.json"), "{}");
    for (String d : List.of("empty", "garbage", "garbage/src", "garbage/src/main")) {
      MainTest.Run r = run("conformance", "run", d);
      assertEquals(1, r.code(), d);
      assertEquals("", r.out(), d);
      assertEquals(List.of("mpc conformance run: no fixture found in '" + d + "' (a fixture is a directory"
          + " <category>/<case>/ holding input.json, expected.json and meta.json)"), r.err().lines().toList(), d);
    }
  }

  @Test
  void conformanceRun_nonexistentDirectory_isUnreadableInput_exit2() {
    MainTest.Run r = run("conformance", "run", "no-such-dir");
    assertEquals(2, r.code());
    assertEquals(List.of("mpc conformance run: [E_INPUT_UNREADABLE] cannot read 'no-such-dir': no such directory"),
        r.err().lines().toList());
    assertEquals("", r.out());
  }

  @Test
  void conformanceRun_categorySelectingNothing_exit1() throws IOException {
    Path c = Files.createDirectories(dir.resolve("fx/canonical/ok"));
    Files.writeString(c.resolve("input.json"), "{}");
    Files.writeString(c.resolve("expected.json"), "{}");
    Files.writeString(c.resolve("meta.json"), "{}");
    Files.createDirectories(dir.resolve("fx/canonical/not-a-fixture"));
    MainTest.Run r = run("conformance", "run", "fx", "--category", "nope");
    assertEquals(1, r.code());
    assertEquals("mpc conformance run: no fixture of category 'nope' found in fx", r.err().strip());
    MainTest.Run all = run("conformance", "run", "fx");
    assertEquals(List.of("PASS canonical/ok", "1 passed, 0 failed"), all.outLines(), "non-fixture directories are skipped");
  }

  // ---- finding 3: '--' ends option parsing in every command

  @Test
  void doubleDash_endsOptionParsing_inEveryCommand() throws IOException {
    MainTest.Run e = run("expr", "eval", "--vars", "vars.json", "--", "--1");
    assertEquals(0, e.code(), e.err());
    assertEquals("{\"type\":\"int\",\"value\":1}", e.out().strip());
    MainTest.Run after = run("expr", "eval", "--", "-a", "--vars", "vars.json");
    assertEquals(2, after.code(), "after --, --vars is a positional argument, not an option");
    assertTrue(after.err().startsWith("mpc expr eval: unexpected argument '--vars'"), after.err());
    Files.writeString(dir.resolve("--m.mpc"), DSL);
    Files.writeString(dir.resolve("-meta.yaml"), META);
    assertEquals(0, run("parse", "--", "--m.mpc").code());
    assertEquals(0, run("hash", "--syntax", "dsl", "--", "--m.mpc").code());
    assertEquals(0, run("fmt", "--to", "yaml", "--", "--m.mpc").code());
    assertEquals(0, run("validate", "--meta", "meta.yaml", "--", "--m.mpc").code());
    assertEquals(0, run("compile", "--meta", "meta.yaml", "-o", "a.json", "--", "--m.mpc").code());
    assertEquals(0, run("meta", "diff", "--", "-meta.yaml", "meta.yaml").code());
    Path c = Files.createDirectories(dir.resolve("--fx/canonical/ok"));
    Files.writeString(c.resolve("input.json"), "{}");
    Files.writeString(c.resolve("expected.json"), "{}");
    Files.writeString(c.resolve("meta.json"), "{}");
    assertEquals(0, run("conformance", "run", "--", "--fx").code());
    // without '--' the same arguments are (unknown) options: a usage error
    assertEquals(2, run("parse", "--m.mpc").code());
    assertEquals(2, run("expr", "eval", "--1").code());
  }

  // ---- finding 3: an unreadable input file is one error, the same in every command

  static List<List<String>> unreadableInputs() {
    List<List<String>> cases = new ArrayList<>();
    cases.add(List.of("parse", "missing.mpc"));
    cases.add(List.of("hash", "missing.mpc"));
    cases.add(List.of("fmt", "missing.mpc", "--to", "yaml"));
    cases.add(List.of("validate", "missing.mpc", "--meta", "meta.yaml"));
    cases.add(List.of("validate", "m.mpc", "--meta", "missing.mpc"));
    cases.add(List.of("validate", "m.mpc", "--meta", "meta.yaml", "--preset", "missing.mpc"));
    cases.add(List.of("compile", "missing.mpc", "--meta", "meta.yaml", "-o", "a.json"));
    cases.add(List.of("compile", "m.mpc", "--meta", "missing.mpc", "-o", "a.json"));
    cases.add(List.of("meta", "diff", "missing.mpc", "meta.yaml"));
    cases.add(List.of("meta", "diff", "meta.yaml", "missing.mpc"));
    cases.add(List.of("expr", "eval", "1", "--vars", "missing.mpc"));
    cases.add(List.of("expr", "eval", "1", "--preset", "missing.mpc"));
    cases.add(List.of("conformance", "run", "missing.mpc"));
    cases.add(List.of("conformance", "run", ".", "--presets", "missing.mpc"));
    cases.add(List.of("conformance", "run", ".", "--schemas", "missing.mpc"));
    return cases;
  }

  @ParameterizedTest
  @MethodSource("unreadableInputs")
  void unreadableInput_oneCodedLine_exit2_inEveryCommand(List<String> args) {
    MainTest.Run r = run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    String command = args.get(0).equals("meta") || args.get(0).equals("expr") || args.get(0).equals("conformance")
        ? args.get(0) + " " + args.get(1) : args.get(0);
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).matches("mpc " + command + ": \\[E_INPUT_UNREADABLE\\] cannot read 'missing\\.mpc': .+"),
        lines.get(0));
    assertEquals("", r.out());
  }

  @Test
  void inputThatIsADirectory_isUnreadable_exit2() throws IOException {
    Files.createDirectories(dir.resolve("d"));
    for (String[] args : List.of(new String[] {"parse", "d"}, new String[] {"expr", "eval", "1", "--vars", "d"},
        new String[] {"validate", "m.mpc", "--meta", "d"})) {
      MainTest.Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args));
      assertTrue(r.err().strip().endsWith("[E_INPUT_UNREADABLE] cannot read 'd': is a directory"), r.err());
    }
  }

  // ---- finding 3: usage printed once

  @Test
  void usageErrors_printTheUsageExactlyOnce_inEveryCommand() {
    List<String[]> bad = List.of(new String[] {"compile", "m.mpc", "--meta", "meta.yaml"},
        new String[] {"compile", "m.mpc", "-o", "a.json"}, new String[] {"validate", "m.mpc"},
        new String[] {"fmt", "m.mpc"}, new String[] {"parse"}, new String[] {"hash", "a", "b"},
        new String[] {"meta", "diff", "a"}, new String[] {"expr", "eval"}, new String[] {"conformance", "run"},
        new String[] {"parse", "m.mpc", "--bogus"}, new String[] {"expr", "eval", "1", "--vars"});
    for (String[] args : bad) {
      MainTest.Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args));
      List<String> lines = r.err().lines().toList();
      assertEquals(2, lines.size(), r.err());
      assertFalse(lines.get(0).contains("usage"), r.err());
      assertTrue(lines.get(1).startsWith("usage: mpc "), r.err());
    }
  }

  // ---- finding 2: every documented preset key can be set and takes effect, through --preset

  @Test
  void preset_parseLimits_takeEffect_inValidateAndCompile() throws IOException {
    String[][] cases = {
        {"\"maxManifestChars\":10", "maxDocumentChars"},
        {"\"maxManifestDepth\":1", "E_QUOTA_EXCEEDED"},
        {"\"maxManifestValues\":2", "E_QUOTA_EXCEEDED"},
        {"\"maxManifestNodes\":1", "E_QUOTA_EXCEEDED"}};
    Files.writeString(dir.resolve("two.mpc"), DSL + "def Policy q { effect: \"deny\", n: [1, [2]] }\n");
    for (String[] c : cases) {
      preset(c[0], "");
      for (String cmd : List.of("validate", "compile")) {
        MainTest.Run r = run(cmd, "two.mpc", "--meta", "meta.yaml", "--preset", "preset.json", "-o", "a.json");
        if (cmd.equals("validate")) {
          r = run(cmd, "two.mpc", "--meta", "meta.yaml", "--preset", "preset.json");
        }
        assertEquals(1, r.code(), c[0] + " " + cmd + ": " + r.out() + r.err());
        assertTrue(r.out().contains(c[1]), c[0] + " " + cmd + ": " + r.out());
      }
    }
  }

  @Test
  void preset_yamlAliasesAndParseErrors_takeEffect() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "schemaVersion: 1\nnamespace: acme\ndefs:\n"
        + "  - {kind: Policy, id: p, effect: &x allow}\n  - {kind: Policy, id: q, effect: *x}\n");
    preset("\"maxYamlAliases\":0", "");
    MainTest.Run r = run("validate", "a.yaml", "--meta", "meta.yaml", "--preset", "preset.json");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("E_QUOTA_EXCEEDED"), r.out());
    preset("", "");
    assertEquals(0, run("validate", "a.yaml", "--meta", "meta.yaml", "--preset", "preset.json").code());

    Files.writeString(dir.resolve("bad.mpc"), "def K a {\n  x: foo\n}\ndef K b {\n  y: bar\n}\ndef K c {\n  z: baz\n}\n");
    preset("\"maxParseErrors\":1", "");
    MainTest.Run one = run("validate", "bad.mpc", "--meta", "meta.yaml", "--preset", "preset.json");
    preset("", "");
    MainTest.Run many = run("validate", "bad.mpc", "--meta", "meta.yaml", "--preset", "preset.json");
    assertEquals(1, one.code());
    assertTrue(count(one.out(), "\"code\":") < count(many.out(), "\"code\":"), one.out() + "\n" + many.out());
  }

  private static int count(String s, String what) {
    return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }

  @Test
  void preset_expressionLimitsAndFlags_takeEffect() throws IOException {
    Files.writeString(dir.resolve("e.mpc"), "@schema 1\n@namespace \"acme\"\n"
        + "def Policy p { effect: \"allow\", match: { expr: \"len(actor.id) > ((1 + 2) * 3)\" } }\n");
    preset("\"maxExprDepth\":2", "");
    MainTest.Run depth = run("validate", "e.mpc", "--meta", "meta.yaml", "--preset", "preset.json");
    assertEquals(1, depth.code(), depth.out());
    assertTrue(depth.out().contains("E_EXPR_LIMIT_DEPTH"), depth.out());

    Files.writeString(dir.resolve("n.mpc"), "@schema 1\n@namespace \"acme\"\n"
        + "def Policy p { effect: \"allow\", match: { expr: \"isEmpty(actor.id)\" } }\n");
    preset("", "\"strictFunctionAllowlist\":true");
    MainTest.Run strict = run("compile", "n.mpc", "--meta", "meta.yaml", "--preset", "preset.json", "-o", "a.json");
    assertEquals(1, strict.code(), strict.out());
    assertTrue(strict.out().contains("E_META_FUNCTION_NOT_ALLOWED"), strict.out());
    preset("", "\"strictFunctionAllowlist\":false");
    assertEquals(0, run("compile", "n.mpc", "--meta", "meta.yaml", "--preset", "preset.json", "-o", "a.json").code());

    preset("", "\"allowNowFunction\":false");
    MainTest.Run now = run("expr", "eval", "now()", "--preset", "preset.json");
    assertEquals(1, now.code());
    assertTrue(now.out().contains("E_META_FUNCTION_NOT_ALLOWED"), now.out());
    preset("", "\"allowRegex\":false");
    assertTrue(run("expr", "eval", "regex('a', 'a')", "--preset", "preset.json").out().contains("E_META_FUNCTION_NOT_ALLOWED"));

    preset("\"maxExprSteps\":3", "");
    MainTest.Run steps = run("expr", "eval", "1 + 2 + 3 + 4 + 5", "--preset", "preset.json");
    assertEquals(1, steps.code());
    assertTrue(steps.out().contains("E_BUDGET_EXCEEDED"), steps.out());
    preset("\"maxRegexOps\":0", "");
    MainTest.Run regex = run("expr", "eval", "regex('a', 'a')", "--preset", "preset.json");
    assertTrue(regex.out().contains("E_EXPR_REGEX_LIMIT"), regex.out());
    Files.writeString(dir.resolve("vars.json"), "{\"s\": \"abcdefgh\"}");
    preset("\"maxEvalAllocSize\":8", "");
    MainTest.Run alloc = run("expr", "eval", "s + s", "--vars", "vars.json", "--preset", "preset.json");
    assertEquals(1, alloc.code(), alloc.out());
    assertTrue(alloc.out().contains("E_BUDGET_EXCEEDED") && alloc.out().contains("allocation budget (limit: 8)"),
        alloc.out());
    preset("\"maxEvalAllocSize\":16", "");
    assertEquals(0, run("expr", "eval", "s + s", "--vars", "vars.json", "--preset", "preset.json").code());
    assertEquals("{\"type\":\"int\",\"value\":15}", run("expr", "eval", "1 + 2 + 3 + 4 + 5").out().strip());
  }

  @Test
  void preset_outOfRangeOrUnknownKey_refusedAtLoad_noClamp() throws IOException {
    preset("\"maxExprDepth\":1001", "");
    MainTest.Run r = run("validate", "m.mpc", "--meta", "meta.yaml", "--preset", "preset.json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("preset defaultLimits.maxExprDepth: must be at most 1000, got 1001"), r.out());
    preset("\"maxWidgets\":1", "");
    MainTest.Run u = run("expr", "eval", "1", "--preset", "preset.json");
    assertEquals(1, u.code());
    assertTrue(u.out().contains("unknown key 'maxWidgets'; known keys: [maxEvalAllocSize, maxEvalTimeMs, maxExprDepth"), u.out());
  }

  // ---- finding 4: one engine version, from one place, in every hash

  @Test
  void compileOfTheWorkedExample_givesUpstreamsHash_andDemoAgrees() throws IOException {
    MainTest.Run c = mpc(EXAMPLES, "compile", "order-rules.mpc", "--meta", "order-meta.yaml", "-o",
        dir.resolve("a.json").toString());
    assertEquals(0, c.code(), c.err());
    assertEquals(UPSTREAM_ARTIFACT_HASH, c.out().strip());
    String artifact = Files.readString(dir.resolve("a.json"));
    assertTrue(artifact.contains("\"engineVersion\":\"0.1.0\""), artifact);
    assertFalse(artifact.contains("SNAPSHOT"), artifact);
    MainTest.Run d = run("demo");
    assertTrue(d.out().contains("artifactHash " + UPSTREAM_ARTIFACT_HASH), d.out());
  }

  @Test
  void version_showsBuildAndCompatibilityVersions_compatibilityIsNeverASnapshot() {
    assertFalse(MpcVersion.compatibility().contains("SNAPSHOT"));
    assertTrue(MpcVersion.compatibility().matches("\\d+\\.\\d+\\.\\d+"));
    MainTest.Run v = run("version");
    assertTrue(v.out().startsWith("mpc " + MpcVersion.build() + " (artifact compatibility "
        + MpcVersion.compatibility() + ", Java "), v.out());
  }
}
