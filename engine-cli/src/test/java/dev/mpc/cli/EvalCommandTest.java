package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mpc eval}: the example artifact {@code order-access.mpc} against the example events. */
class EvalCommandTest {
  static final Path EXAMPLES = CliHardeningTest.EXAMPLES;
  static final Path EVENTS = EXAMPLES.resolveSibling("events");

  @TempDir
  Path dir;

  String hash;

  @BeforeEach
  void compile() throws IOException {
    MainTest.Run c = mpc(EXAMPLES, "compile", "order-access.mpc", "--meta", "order-access-meta.yaml", "-o",
        dir.resolve("a.json").toString());
    assertEquals(0, c.code(), c.out() + c.err());
    hash = c.out().strip();
    for (String f : List.of("editor-update.json", "viewer-read.json", "viewer-update.json", "owner-update.json",
        "suspended-admin-delete.json", "viewer-actor.json")) {
      Files.copy(EVENTS.resolve(f), dir.resolve(f));
    }
  }

  private MainTest.Run eval(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "eval";
    System.arraycopy(args, 0, all, 1, args.length);
    return mpc(dir, all);
  }

  private static Decision decision(MainTest.Run r) {
    assertEquals(1, r.outLines().size(), r.out());
    return ContractJson.readDecision(r.out().strip(), ContractJson.Strictness.STRICT).orElseThrow();
  }

  private static List<Code> codes(Decision d) {
    return d.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void allow_printsTheDecisionAsCanonicalJson_exit0() {
    MainTest.Run r = eval("a.json", "--event", "editor-update.json");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    Decision d = decision(r);
    assertTrue(d.allow());
    assertEquals(List.of(Code.R_POLICY_ALLOW, Code.R_ACL_ALLOW_ROLE), codes(d));
    assertEquals(hash, d.meta().artifactHash().orElseThrow());
    assertEquals("mpc-jvm", d.meta().engine().orElseThrow());
    assertEquals(List.of("audit:order:order-access"), d.intents().stream()
        .map(i -> i.kind().wireName() + ":" + i.target().orElseThrow() + ":" + i.idempotencyKey().orElseThrow()).toList());
    assertTrue(d.trace().isEmpty(), "trace none by default");
    assertEquals(r.out().strip(), dev.mpc.json.Canonical.json(ContractJson.toJson(d)), "canonical JSON");
  }

  @Test
  void deny_exit0ByDefault_exit1WithExitCode_allowStays0() {
    MainTest.Run r = eval("a.json", "--event", "viewer-update.json");
    assertEquals(0, r.code(), "the evaluation ran: the decision is the output");
    Decision d = decision(r);
    assertFalse(d.allow());
    assertEquals(List.of(Code.R_ACL_NO_MATCH), codes(d));
    MainTest.Run strict = eval("a.json", "--event", "viewer-update.json", "--exit-code");
    assertEquals(1, strict.code());
    assertEquals(r.out(), strict.out());
    assertEquals(0, eval("a.json", "--exit-code", "--event", "editor-update.json").code());
  }

  @Test
  void rolesHierarchyMasksAbacAndPolicyDeny() {
    Decision read = decision(eval("a.json", "--event", "viewer-read.json"));
    assertTrue(read.allow());
    assertEquals(List.of("audit:order", "maskField:card", "maskField:customer.ssn"), read.intents().stream()
        .map(i -> i.kind().wireName() + ":" + i.target().orElseThrow()).toList());
    Decision owner = decision(eval("a.json", "--event", "owner-update.json"));
    assertEquals(List.of(Code.R_POLICY_ALLOW, Code.R_ACL_ALLOW_ABAC), codes(owner));
    Decision suspended = decision(eval("a.json", "--event", "suspended-admin-delete.json"));
    assertFalse(suspended.allow());
    assertEquals(List.of(Code.R_POLICY_DENY), codes(suspended));
  }

  @Test
  void actorFile_replacesTheEventsActor() {
    Decision d = decision(eval("a.json", "--event", "editor-update.json", "--actor", "viewer-actor.json"));
    assertFalse(d.allow());
    assertEquals(List.of(Code.R_ACL_NO_MATCH), codes(d));
  }

  @Test
  void explain_showsDecisionReasonsEveryRuleConsideredConditionsSubResultsAndIntents() {
    MainTest.Run r = eval("a.json", "--event", "viewer-update.json", "--explain");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("Decision: DENY\n  R_ACL_NO_MATCH  No matching ACL rule for action='update', resource='order'\n"),
        out);
    assertTrue(out.contains("  artifact " + hash + "\n"), out);
    assertTrue(out.contains("Event: order.update (custom) by u-vi roles [viewer] on order/o-42"), out);
    assertTrue(out.contains("1. deny_suspended (deny) skipped: 'match/expr' is false"), out);
    assertTrue(out.contains("expression 'match/expr' of Policy:deny_suspended: actor.claims.suspended == true"), out);
    assertTrue(out.contains("2. allow_orders (allow) MATCHED [condition = true]"), out);
    assertTrue(out.contains("len(actor.id) = 4 : int"), "sub-results with their text: " + out);
    assertTrue(out.contains("1. editors_update (allow) skipped: no role of the rule [roles not held]"), out);
    assertTrue(out.contains("needs one of the roles [\"editor\"]"), out);
    assertTrue(out.contains("2. owner_update (allow) skipped: condition does not hold"), out);
    assertTrue(out.contains("resource.attributes.ownerId == actor.id = false : bool"), out);
    assertTrue(out.contains("no rule decided for action 'update' on resource 'order': default deny"), out);
    assertTrue(out.contains("Composition (deny-wins): policy permits, ACL denies => deny"), out);
    assertTrue(out.contains("Intents (for the host to execute, once each):\n  audit target=order"
        + " idempotencyKey=order-access"), out);
    assertTrue(out.indexOf("deny_suspended") < out.indexOf("allow_orders")
        && out.indexOf("allow_orders") < out.indexOf("editors_update"), "rules in the order considered");
    assertEquals(0, eval("a.json", "--event", "viewer-update.json", "--explain", "--trace", "full").code());
  }

  @Test
  void explain_budgetError_namesTheExpressionAndTheCode_andFailsClosed() throws IOException {
    Files.writeString(dir.resolve("p.json"),
        "{\"name\":\"p\",\"presetVersion\":\"1\",\"defaultLimits\":{\"maxExprSteps\":2},\"featureFlags\":{}}");
    MainTest.Run r = eval("a.json", "--event", "editor-update.json", "--preset", "p.json", "--explain");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Decision: DENY\n  E_BUDGET_EXCEEDED  Failed closed:"), r.out());
    assertTrue(r.out().contains("2. allow_orders (allow) ERROR, fails closed: [E_BUDGET_EXCEEDED] Expression evaluation"
        + " exceeded step budget (limit: 2)"), r.out());
    assertTrue(r.out().contains("expression 'condition' of Policy:allow_orders: len(actor.id) > 0\n"
        + "         error [E_BUDGET_EXCEEDED]"), r.out());
    assertTrue(r.out().contains("=> deny (failed closed"), r.out());
    // what consumed the budget: here the condition's steps, charged before it ran
    assertTrue(r.out().contains("(the whole expression's steps, charged before it ran: len(actor.id) > 0); used 5 steps,"
        + " 0 regex ops"), r.out());
    assertTrue(r.out().contains("Intents: none"), r.out());
    Decision d = decision(eval("a.json", "--event", "editor-update.json", "--preset", "p.json"));
    assertFalse(d.allow());
    assertTrue(codes(d).contains(Code.E_BUDGET_EXCEEDED));
  }

  @Test
  void missingHostFunction_failsClosed() throws IOException {
    Files.writeString(dir.resolve("meta.yaml"), "schema_version: 1\nkinds:\n  - { name: Policy, required_props: [effect] }\n"
        + "allowed_functions:\n  - { name: geoAllowed, args: [string], returns: bool, cost: 2 }\n");
    Files.writeString(dir.resolve("g.mpc"), "@schema 1\n@namespace \"acme\"\n"
        + "def Policy geo { effect: \"allow\", match: { expr: \"geoAllowed(actor.id)\" } }\n");
    assertEquals(0, mpc(dir, "compile", "g.mpc", "--meta", "meta.yaml", "-o", "g.json").code());
    Decision d = decision(eval("g.json", "--event", "editor-update.json"));
    assertFalse(d.allow(), "no implementation of geoAllowed: deny, never allow");
    assertTrue(d.reasons().get(0).code().code().startsWith("E_"), d.toString());
    assertTrue(eval("g.json", "--event", "editor-update.json", "--explain").out()
        .contains("1. geo (allow) ERROR, fails closed: [" + d.reasons().get(0).code().code() + "]"));
  }

  @Test
  void traceLevels_noneDecisionFull() {
    assertTrue(decision(eval("a.json", "--event", "viewer-update.json", "--trace", "none")).trace().isEmpty());
    Decision dec = decision(eval("a.json", "--event", "viewer-update.json", "--trace", "decision"));
    List<String> ts = dec.trace().orElseThrow().events().stream().map(TraceEvent::t).toList();
    assertTrue(ts.contains("compose") && ts.contains("policy.match"), ts.toString());
    assertFalse(ts.contains("policy.skip") || ts.contains("acl.skip") || ts.contains("expr.eval"), ts.toString());
    Decision full = decision(eval("a.json", "--event", "viewer-update.json", "--trace", "full"));
    List<String> fs = full.trace().orElseThrow().events().stream().map(TraceEvent::t).toList();
    assertTrue(fs.containsAll(List.of("policy.skip", "policy.match", "acl.skip", "expr.eval", "acl.nomatch", "compose")),
        fs.toString());
  }

  @Test
  void correlationId_becomesTheSpanId() {
    Decision d = decision(eval("a.json", "--event", "editor-update.json", "--trace", "decision", "--correlation-id",
        "req-42"));
    assertEquals("req-42", d.meta().traceSpanId().orElseThrow());
    assertEquals("req-42", d.trace().orElseThrow().spanId());
    assertTrue(eval("a.json", "--event", "editor-update.json", "--correlation-id", "req-7", "--explain").out()
        .contains("span req-7"));
  }

  @Test
  void secretsInTheEvent_appearInNoOutput_atAnyTraceLevel() {
    for (String level : List.of("none", "decision", "full")) {
      MainTest.Run r = eval("a.json", "--event", "suspended-admin-delete.json", "--trace", level);
      assertEquals(0, r.code());
      assertFalse(r.out().contains("tok-9f8e7d6c5b4a"), r.out());
    }
    MainTest.Run x = eval("a.json", "--event", "suspended-admin-delete.json", "--explain");
    assertTrue(x.out().contains("Decision: DENY"), x.out());
    assertFalse(x.out().contains("tok-9f8e7d6c5b4a"), x.out());
  }

  @Test
  void tamperedArtifact_codedError_exit1() throws IOException {
    String a = Files.readString(dir.resolve("a.json"));
    Files.writeString(dir.resolve("t.json"), a.replace("\"editors_update\"", "\"editors_updatx\""));
    MainTest.Run r = eval("t.json", "--event", "editor-update.json");
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("{\"errors\":[{\"code\":\"E_"), r.out());
    assertTrue(r.out().contains("does not verify"), r.out());
    Files.writeString(dir.resolve("n.json"), "{\"not\":\"an artifact\"}");
    MainTest.Run n = eval("n.json", "--event", "editor-update.json");
    assertEquals(1, n.code());
    assertTrue(n.out().startsWith("{\"errors\":[{\"code\":\"E_"), n.out());
    assertFalse(r.err().contains("\tat ") || n.err().contains("\tat "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing.json --event editor-update.json", "a.json --event missing.json",
      "a.json --event editor-update.json --actor missing.json", "a.json --event editor-update.json --preset missing.json",
      "a.json --event d"})
  void unreadableFiles_oneCodedLine_exit2(String args) throws IOException {
    Files.createDirectories(dir.resolve("d"));
    MainTest.Run r = eval(args.split(" "));
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).matches("mpc eval: \\[E_INPUT_UNREADABLE\\] cannot read '(missing\\.json|d)': .+"), lines.get(0));
    assertEquals("", r.out());
  }

  @Test
  void badEventOrActor_codedErrorsWithFileAndPath_exit1() throws IOException {
    Files.writeString(dir.resolve("syntax.json"), "{\"name\": ");
    Files.writeString(dir.resolve("array.json"), "[1]");
    Files.writeString(dir.resolve("partial.json"), "{\"name\":\"order.update\"}");
    String ok = Files.readString(dir.resolve("editor-update.json"));
    Files.writeString(dir.resolve("typo.json"), ok.replace("\"attributes\"", "\"atributes\""));
    Files.writeString(dir.resolve("badactor.json"), "{\"id\":\"u\",\"type\":\"user\",\"roles\":\"editor\"}");
    String[][] cases = {
        {"syntax.json", null, "E_PARSE_SYNTAX"},
        {"array.json", null, "must hold an event envelope (a JSON object), got array"},
        {"partial.json", null, "partial.json:$"},
        {"typo.json", null, "atributes"},
        {"editor-update.json", "badactor.json", "badactor.json:$.roles"},
        {"editor-update.json", "array.json", "must hold an actor"}};
    for (String[] c : cases) {
      MainTest.Run r = c[1] == null ? eval("a.json", "--event", c[0]) : eval("a.json", "--event", c[0], "--actor", c[1]);
      assertEquals(1, r.code(), c[0] + " " + r.out() + r.err());
      assertTrue(r.out().startsWith("{\"errors\":[{\"code\":\"E_"), r.out());
      assertTrue(r.out().contains(c[2]), c[2] + " in " + r.out());
      assertEquals("", r.err());
    }
  }

  @Test
  void usageErrors_exit2_usageOnce() {
    for (String[] args : List.of(new String[] {"a.json"}, new String[] {"--event", "editor-update.json"},
        new String[] {"a.json", "--event", "editor-update.json", "--trace", "verbose"},
        new String[] {"a.json", "--event", "editor-update.json", "--explain", "--trace", "none"},
        new String[] {"a.json", "--event", "editor-update.json", "--explain", "--explain"},
        new String[] {"a.json", "--event", "editor-update.json", "--correlation-id", " "},
        new String[] {"a.json", "--event", "editor-update.json", "--bogus"})) {
      MainTest.Run r = eval(args);
      assertEquals(2, r.code(), String.join(" ", args));
      List<String> lines = r.err().lines().toList();
      assertEquals(2, lines.size(), r.err());
      assertTrue(lines.get(0).startsWith("mpc eval: "), r.err());
      assertTrue(lines.get(1).startsWith("usage: mpc eval ARTIFACT --event E.json"), r.err());
    }
  }

  @Test
  void doubleDash_endsOptions() throws IOException {
    Files.copy(dir.resolve("a.json"), dir.resolve("--a.json"));
    assertEquals(0, eval("--event", "editor-update.json", "--", "--a.json").code());
  }

  @Test
  void help_listsEval() {
    MainTest.Run h = mpc(dir, "help");
    assertTrue(h.out().contains("mpc eval ARTIFACT --event E.json [--actor A.json] [--explain]"), h.out());
    assertTrue(h.out().contains("eval: 0 when it ran"), h.out());
  }
}
