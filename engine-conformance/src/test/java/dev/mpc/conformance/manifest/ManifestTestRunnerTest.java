package dev.mpc.conformance.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The manifest test runner: the example suites pass (as JUnit dynamic tests), coverage counts what
 * the cases exercised, a broken manifest fails named cases readably, and a bad test file is a
 * coded error at its position, never an empty test.
 */
class ManifestTestRunnerTest {
  static final Path EXAMPLES = Path.of("../examples/manifests");
  static final Path ALM = Path.of("../examples/alm-service/src/main/resources/manifests");

  @TestFactory
  Stream<DynamicNode> theExampleSuitesPass() {
    return Stream.concat(ManifestTests.from(EXAMPLES), ManifestTests.from(ALM));
  }

  @Test
  void coverage_ofTheExampleSuites() {
    ManifestTestRunner runner = new ManifestTestRunner();
    ManifestTestRunner.SuiteResult access = runner.run(EXAMPLES.resolve("order-access.mpctest.yaml"));
    assertEquals(100.0, access.coverage().percent(), access.coverage().uncovered().toString());
    assertEquals(6, access.coverage().items().size(), "2 policies and 4 ACL rules");
    ManifestTestRunner.SuiteResult alm = runner.run(ALM.resolve("alm.mpctest.yaml"));
    assertEquals(100.0, alm.coverage().percent(), alm.coverage().uncovered().toString());
    ManifestTestRunner.SuiteResult rules = runner.run(EXAMPLES.resolve("order-rules.mpctest.yaml"));
    assertEquals(100.0, rules.coverage().percent(), "the worked example's policy through an event_map case");
  }

  @Test
  void anUncoveredRule_isListedWithItsLine(@TempDir Path dir) throws Exception {
    ManifestTestRunner.SuiteResult r = runner(dir, "only-first-case").run(dir.resolve("t.mpctest.yaml"));
    assertEquals(List.of("policy deny_suspended", "acl editors_update", "acl admins_delete", "acl owner_update"),
        r.coverage().uncovered().stream().map(i -> i.kind() + " " + i.id()).toList());
    assertEquals(11, r.coverage().uncovered().get(0).line(), "with the declaration's line");
  }

  /** The order-access example in {@code dir}, its suite cut to its first case. */
  private static ManifestTestRunner runner(Path dir, String why) throws Exception {
    Files.copy(EXAMPLES.resolve("order-access.mpc"), dir.resolve("order-access.mpc"));
    Files.copy(EXAMPLES.resolve("order-access-meta.yaml"), dir.resolve("order-access-meta.yaml"));
    String suite = Files.readString(EXAMPLES.resolve("order-access.mpctest.yaml"));
    Files.writeString(dir.resolve("t.mpctest.yaml"), suite.substring(0, suite.indexOf("\n  - name:",
        suite.indexOf("  - name:") + 1) + 1));
    return new ManifestTestRunner();
  }

  @Test
  void aBrokenManifest_failsTheNamedCases_readably(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("order-access.mpc"), Files.readString(EXAMPLES.resolve("order-access.mpc"))
        .replace("def ACL viewers_read { action: \"read\", resource: \"order\", roles: [\"viewer\"]",
            "def ACL viewers_read { action: \"read\", resource: \"order\", roles: [\"auditor\"]"));
    Files.copy(EXAMPLES.resolve("order-access-meta.yaml"), dir.resolve("order-access-meta.yaml"));
    Files.copy(EXAMPLES.resolve("order-access.mpctest.yaml"), dir.resolve("t.mpctest.yaml"));
    ManifestTestRunner.SuiteResult r = new ManifestTestRunner().run(dir.resolve("t.mpctest.yaml"));
    assertEquals(1, r.failed());
    String text = TestReports.text(List.of(r), true);
    assertTrue(text.contains("FAIL a viewer reads an order, with the card and the SSN masked\n"), text);
    assertTrue(text.contains("expected allow: true, got false"), text);
    assertTrue(text.contains("\"t\": \"acl.nomatch\"") || text.contains("\"t\": \"acl"), "the trace is shown: " + text);
    assertTrue(text.endsWith("5 passed, 1 failed\n"), text);
  }

  @Test
  void theRunFilter_selectsCases() {
    ManifestTestRunner.SuiteResult r = new ManifestTestRunner(java.util.Optional.of(java.util.regex.Pattern
        .compile("suspended"))).run(EXAMPLES.resolve("order-access.mpctest.yaml"));
    assertEquals(1, r.cases().size());
    assertEquals(1, r.passed());
  }

  @Test
  void jsonAndJunit_forTools(@TempDir Path dir) throws Exception {
    ManifestTestRunner runner = runner(dir, "an uncovered rule to list");
    List<ManifestTestRunner.SuiteResult> results = List.of(runner.run(EXAMPLES.resolve("order-rules.mpctest.yaml")),
        runner.run(EXAMPLES.resolve("order-access.mpctest.yaml")), runner.run(dir.resolve("t.mpctest.yaml")));
    String json = TestReports.json(results).toString();
    assertTrue(json.contains("\"uncovered\":[{\"file\":") && json.contains("admins_delete"), json);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(TestReports.junit(results).getBytes(StandardCharsets.UTF_8)));
    assertEquals(3, xml.getElementsByTagName("testsuite").getLength());
    assertEquals(12, xml.getElementsByTagName("testcase").getLength());
    assertEquals(0, xml.getElementsByTagName("failure").getLength());
  }

  private static List<Diagnostic> problems(Path dir, String test) throws Exception {
    Files.copy(EXAMPLES.resolve("order-access.mpc"), dir.resolve("order-access.mpc"));
    Files.copy(EXAMPLES.resolve("order-access-meta.yaml"), dir.resolve("order-access-meta.yaml"));
    Files.writeString(dir.resolve("t.mpctest.yaml"), test);
    ManifestTestRunner.SuiteResult r = new ManifestTestRunner().run(dir.resolve("t.mpctest.yaml"));
    assertTrue(r.cases().isEmpty(), "a bad file runs no case");
    assertEquals(1, r.failed(), "and counts as failed");
    return r.problems();
  }

  @Test
  void anUnknownKey_isACodedErrorAtItsPosition_withADidYouMean(@TempDir Path dir) throws Exception {
    List<Diagnostic> ps = problems(dir, "manifest: order-access.mpc\nmeta: order-access-meta.yaml\ncases:\n"
        + "  - name: x\n    event: {name: order.read, kind: custom, actor: {id: a, type: user}, object: {type: order, id: o}}\n"
        + "    expct: {allow: true}\n");
    Diagnostic unknown = ps.stream().filter(d -> d.message().contains("'expct'")).findFirst().orElseThrow();
    assertEquals(Code.E_PARSE_INVALID_TOKEN, unknown.code());
    assertTrue(unknown.message().contains("did you mean 'expect'"), unknown.message());
    assertEquals(6, unknown.source().orElseThrow().line());
    assertEquals(5, unknown.source().orElseThrow().col());
    assertTrue(unknown.source().orElseThrow().file().orElseThrow().endsWith("t.mpctest.yaml"));
    assertTrue(ps.stream().anyMatch(d -> d.code() == Code.E_META_MISSING_REQUIRED_FIELD
        && d.message().contains("needs 'expect'")), ps.toString());
  }

  @Test
  void eventAndEventMap_areExclusive_andAMapMustBeAMapping(@TempDir Path dir) throws Exception {
    List<Diagnostic> both = problems(dir, "manifest: order-access.mpc\nmeta: order-access-meta.yaml\ncases:\n"
        + "  - name: x\n    event: {name: order.read}\n    event_map: {name: order.read}\n    expect: {allow: true}\n");
    Diagnostic d = both.stream().filter(x -> x.message().contains("'event_map'")).findFirst().orElseThrow();
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code());
    assertEquals(6, d.source().orElseThrow().line(), "at the event_map key");
    Path other = Files.createDirectories(dir.resolve("b"));
    List<Diagnostic> scalar = problems(other, "manifest: order-access.mpc\nmeta: order-access-meta.yaml\ncases:\n"
        + "  - name: x\n    event_map: order.read\n    expect: {allow: true}\n");
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, scalar.get(0).code(), scalar.toString());
  }

  @Test
  void missingFieldsAndUnknownReferences_areCodedErrors(@TempDir Path dir) throws Exception {
    List<Diagnostic> noCases = problems(dir, "manifest: order-access.mpc\n");
    assertTrue(noCases.stream().anyMatch(d -> d.message().contains("needs 'meta'")), noCases.toString());
    assertTrue(noCases.stream().anyMatch(d -> d.message().contains("at least one case")), noCases.toString());
  }

  @Test
  void anUnknownWorkflowOrFunction_isAnUnresolvedReference(@TempDir Path dir) throws Exception {
    Files.copy(EXAMPLES.resolve("order-rules.mpc"), dir.resolve("r.mpc"));
    Files.copy(EXAMPLES.resolve("order-meta.yaml"), dir.resolve("m.yaml"));
    Files.writeString(dir.resolve("t.mpctest.yaml"), "manifest: r.mpc\nmeta: m.yaml\ncases:\n"
        + "  - name: typo\n    workflow: aproval\n    actor: {id: u, type: user}\n    fire: [approve]\n"
        + "    expect: {state: approved}\n");
    ManifestTestRunner.SuiteResult r = new ManifestTestRunner().run(dir.resolve("t.mpctest.yaml"));
    Diagnostic d = r.problems().get(0);
    assertEquals(Code.E_VALID_UNRESOLVED_REF, d.code());
    assertTrue(d.message().contains("did you mean 'approval'"), d.message());
    assertEquals(4, d.source().orElseThrow().line());
    Files.writeString(dir.resolve("f.mpctest.yaml"), "manifest: r.mpc\nmeta: m.yaml\nfunctions: {lenn: 1}\ncases:\n"
        + "  - name: x\n    event: {name: order.update, kind: custom, actor: {id: a, type: user}, object: {type: o, id: o}}\n"
        + "    expect: {allow: false}\n");
    ManifestTestRunner.SuiteResult f = new ManifestTestRunner().run(dir.resolve("f.mpctest.yaml"));
    assertTrue(f.problems().get(0).message().contains("did you mean 'len'"), f.problems().toString());
    assertFalse(f.problems().isEmpty());
  }
}
