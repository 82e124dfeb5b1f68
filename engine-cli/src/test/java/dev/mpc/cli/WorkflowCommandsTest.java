package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc workflow graph} and {@code mpc workflow run}: the example order-approval.mpc and a parallel statechart. */
class WorkflowCommandsTest {
  static final Path EXAMPLES = CliHardeningTest.EXAMPLES;
  static final String NOW = "2026-01-01T09:00:00Z";

  /** The example as Mermaid: what docs/cli-workflow.md shows. */
  static final String APPROVAL_MERMAID = """
      stateDiagram-v2
        %% workflow approval "Order approval"
        [*] --> draft
        draft
        state "submitted (H)" as submitted {
          triage
          checking
          [*] --> triage
        }
        on_hold
        approved
        approved --> [*]
        rejected
        rejected --> [*]
        note right of submitted : entry / notifyApprovers
        draft --> submitted : submit [len(actor.id) #gt; 0] / lock
        triage --> checking : assign [role manager]
        submitted --> on_hold : hold / pause
        on_hold --> submitted : resume
        checking --> approved : approve [role manager and budgetOk] / ship
        submitted --> rejected : reject [role manager] / unlock
        submitted --> rejected : expire after 1d / unlock
      """;

  static final String PARALLEL = """
      @schema 1
      @namespace "t"
      def Workflow review "Review" {
          initial: "review"
          states: [
              {name: "review", parallel: true, history: "deep", on_enter: ["enterReview"], on_leave: ["leaveReview"]},
              {name: "legal", parent: "review"},
              {name: "l1", parent: "legal"},
              {name: "l2", parent: "legal"},
              {name: "tech", parent: "review"},
              {name: "t1", parent: "tech", on_enter: ["startTech"]},
              {name: "done-ok", final: true},
              "rejected"
          ]
          transitions: [
              {from: "l1", on: "ok", to: "l2"},
              {from: "l1", on: "reject", to: "rejected", actions: ["tReject"]},
              {from: "rejected", on: "reopen", to: "review"},
              {from: "t1", on: "ping", to: "t1", rule_type: "internal", actions: ["pong"]},
              {from: "l2", on: "finish", to: "done-ok", auth: true},
              {from: "rejected", on: "route", rule_type: "dynamic", to: "vars.next"}
          ]
      }
      """;

  @TempDir
  Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.copy(EXAMPLES.resolve("order-approval.mpc"), dir.resolve("order-approval.mpc"));
    Files.writeString(dir.resolve("meta.yaml"), "schema_version: 1\nkinds:\n  - { name: Workflow }\n");
    Files.writeString(dir.resolve("review.mpc"), PARALLEL);
    Files.writeString(dir.resolve("boss.json"), "{\"id\": \"u-boss\", \"type\": \"user\", \"roles\": [\"manager\"]}");
    MainTest.Run c = run("compile", "order-approval.mpc", "--meta", "meta.yaml", "-o", "approval.json");
    assertEquals(0, c.code(), c.out() + c.err());
  }

  private MainTest.Run run(String... args) {
    return mpc(dir, args);
  }

  // ---- graph

  @Test
  void graph_mermaid_ofTheExample_isTheDocumentedDiagram() {
    MainTest.Run r = run("workflow", "graph", "order-approval.mpc");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(APPROVAL_MERMAID, r.out());
    assertEquals("", r.err());
    assertEquals(r.out(), run("workflow", "graph", "order-approval.mpc", "--format", "mermaid").out());
  }

  @Test
  void graph_ofTheCompiledArtifact_equalsTheGraphOfTheManifest_inBothFormats() {
    for (String format : List.of("mermaid", "dot")) {
      MainTest.Run fromManifest = run("workflow", "graph", "order-approval.mpc", "--format", format, "--meta", "meta.yaml");
      MainTest.Run fromArtifact = run("workflow", "graph", "approval.json", "--format", format);
      assertEquals(0, fromArtifact.code(), fromArtifact.out());
      assertEquals(fromManifest.out(), fromArtifact.out(), format);
    }
  }

  @Test
  void graph_mermaid_parallelRegions_history_internal_dynamic_final() {
    MainTest.Run r = run("workflow", "graph", "review.mpc");
    assertEquals(0, r.code(), r.out());
    String out = r.out();
    assertTrue(out.contains("""
          state "review (parallel) (H*)" as review {
            state "legal" as legal {
              l1
              l2
              [*] --> l1
            }
            --
            state "tech" as tech {
              state "t1" as t1
              t1 : entry / startTech
              [*] --> t1
            }
          }
        """), out);
    assertTrue(out.contains("  state \"done-ok\" as s_done_ok\n  s_done_ok --> [*]\n"), out);
    assertTrue(out.contains("  t1 --> t1 : ping / pong (internal)\n"), out);
    assertTrue(out.contains("  l2 --> s_done_ok : finish [auth]\n"), out);
    assertTrue(out.contains("  note right of review : entry / enterReview#59; exit / leaveReview\n"),
        "Mermaid takes no note inside a composite: notes are at top level: " + out);
    assertTrue(out.contains("  state dynamic_0 <<choice>>\n  rejected --> dynamic_0 : route (to vars.next)\n"), out);
  }

  @Test
  void graph_dot_clustersForCompositeStates_edgesClippedAtTheirBorder() {
    MainTest.Run r = run("workflow", "graph", "review.mpc", "--format", "dot");
    assertEquals(0, r.code(), r.out());
    String out = r.out();
    assertTrue(out.startsWith("digraph \"review\" {\n  label=\"Review\"; labelloc=t; compound=true; rankdir=LR;\n"), out);
    assertTrue(out.contains("  subgraph \"cluster review\" {\n    label=\"review (parallel) (H*)\\nentry / enterReview"
        + "\\nexit / leaveReview\"; style=dashed;\n"), out);
    assertTrue(out.contains("    subgraph \"cluster legal\" {\n      label=\"legal\"; style=rounded;\n"), out);
    assertTrue(out.contains("      \"legal [*]\" -> \"l1\";\n"), out);
    assertTrue(out.contains("  \"done-ok\" [label=\"done-ok\", peripheries=2];\n"), out);
    assertTrue(out.contains("  \"[*]\" -> \"review [*]\" [lhead=\"cluster review\"];\n"), out);
    assertTrue(out.contains("  \"rejected\" -> \"review [*]\" [lhead=\"cluster review\", label=\"reopen\"];\n"), out);
    assertTrue(out.contains("  \"t1\" -> \"t1\" [label=\"ping / pong (internal)\"];\n"), out);
    assertTrue(out.contains("  \"dynamic 0\" [shape=diamond, label=\"vars.next\"];\n"), out);
    assertTrue(out.endsWith("}\n"), out);
    MainTest.Run approval = run("workflow", "graph", "order-approval.mpc", "--format", "dot");
    assertTrue(approval.out().contains("  \"submitted [*]\" -> \"rejected\" [ltail=\"cluster submitted\", label=\"expire "
        + "after 1d / unlock\"];\n"), approval.out());
  }

  @Test
  void graph_badInput_codedErrors_noStackTrace() throws IOException {
    MainTest.Run none = run("workflow", "graph", EXAMPLES.resolve("order-access.mpc").toString());
    assertEquals(1, none.code());
    assertTrue(none.out().contains("\"code\":\"E_VALID_UNRESOLVED_REF\""), none.out());
    assertTrue(none.out().contains("declares no Workflow"), none.out());
    MainTest.Run unknown = run("workflow", "graph", "order-approval.mpc", "--workflow", "nope");
    assertEquals(1, unknown.code());
    assertTrue(unknown.out().contains("No Workflow 'nope'"), unknown.out());
    Files.writeString(dir.resolve("broken.mpc"), PARALLEL.replace("to: \"l2\"}", "to: \"l9\"}"));
    MainTest.Run broken = run("workflow", "graph", "broken.mpc");
    assertEquals(1, broken.code());
    assertTrue(broken.out().contains("unknown state 'l9'"), broken.out());
    Files.writeString(dir.resolve("tampered.json"), Files.readString(dir.resolve("approval.json"))
        .replace("\"triage\"", "\"triaged\""));
    MainTest.Run tampered = run("workflow", "graph", "tampered.json");
    assertEquals(1, tampered.code(), tampered.out());
    assertTrue(tampered.out().startsWith("{\"errors\":["), tampered.out());
    MainTest.Run format = run("workflow", "graph", "order-approval.mpc", "--format", "png");
    assertEquals(2, format.code());
    assertEquals("mpc workflow graph: --format must be mermaid or dot, got 'png'", format.err().lines().findFirst()
        .orElseThrow());
    MainTest.Run missing = run("workflow", "graph", "missing.mpc");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("[E_INPUT_UNREADABLE] cannot read 'missing.mpc'"), missing.err());
    for (MainTest.Run r : List.of(none, unknown, broken, tampered, format, missing)) {
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }

  // ---- run

  @Test
  void run_printsEachStep_allowedAndDenied_reasonsIntentsTimers_andIsReproducible() {
    MainTest.Run r = run("workflow", "run", "approval.json", "approval", "--events", "submit,approve,assign,approve",
        "--actor", "boss.json", "--guards", "budgetOk=true", "--now", NOW, "--instance", "order-7");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertTrue(lines.get(0).startsWith("workflow approval on artifact "), lines.get(0));
    assertEquals(List.of("instance order-7, actor u-boss [manager], at 2026-01-01T09:00:00Z",
        "start: [draft]",
        "1. submit: ALLOWED  [draft] -> [submitted, triage]",
        "   reason R_WF_GUARD_PASS: Guard passed for 'submit'",
        "   intent transform order-7 {\"operation\":\"lock\"}",
        "   intent transform order-7 {\"operation\":\"notifyApprovers\"}",
        "   timer  expire (t6, from submitted) due 2026-01-02T09:00:00Z",
        "2. approve: DENIED  [submitted, triage] (unchanged)",
        "   reason R_WF_UNKNOWN_TRANSITION: No transition 'approve' defined from state 'submitted,triage'",
        "   error  E_WF_UNKNOWN_TRANSITION: No transition 'approve' defined from state 'submitted,triage'",
        "   timer  expire (t6, from submitted) due 2026-01-02T09:00:00Z",
        "3. assign: ALLOWED  [submitted, triage] -> [submitted, checking]",
        "   reason R_WF_GUARD_PASS: Guard passed for 'assign'",
        "   timer  expire (t6, from submitted) due 2026-01-02T09:00:00Z",
        "4. approve: ALLOWED  [submitted, checking] -> [approved]",
        "   reason R_WF_GUARD_PASS: Guard passed for 'approve'",
        "   intent transform order-7 {\"operation\":\"ship\"}",
        "end: [approved] (version 4)"), lines.subList(1, lines.size()));
    MainTest.Run again = run("workflow", "run", "approval.json", "approval", "--events", "submit,approve,assign,approve",
        "--actor", "boss.json", "--guards", "budgetOk=true", "--now", NOW, "--instance", "order-7");
    assertEquals(r.out(), again.out(), "same input and clock: the same bytes");
  }

  @Test
  void run_defaultActorHasNoRoles_exitCodeMakesADenial1() {
    MainTest.Run r = run("workflow", "run", "approval.json", "approval", "--events", "submit,assign", "--now", NOW);
    assertEquals(0, r.code(), "the run ran: the steps are the output");
    assertTrue(r.out().contains("instance cli-1, actor cli [], at " + NOW), r.out());
    assertTrue(r.out().contains("2. assign: DENIED  [submitted, triage] (unchanged)\n"
        + "   reason R_WF_AUTH_DENIED: Actor lacks required roles for 'assign'\n"
        + "   error  E_WF_AUTH_DENIED: Actor lacks required roles for 'assign'\n"), r.out());
    assertEquals(1, run("workflow", "run", "approval.json", "approval", "--events", "submit,assign", "--now", NOW,
        "--exit-code").code());
    assertEquals(0, run("workflow", "run", "approval.json", "approval", "--events", "submit", "--now", NOW,
        "--exit-code").code());
  }

  @Test
  void run_guardWithoutAnswer_failsClosed_asABrokenPortWould_noStackTrace() {
    MainTest.Run r = run("workflow", "run", "approval.json", "approval", "--events", "submit,assign,approve", "--actor",
        "boss.json", "--now", NOW);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("3. approve: DENIED  [submitted, checking] (unchanged)\n"), r.out());
    assertTrue(r.out().contains("   error  E_WF_PORT_FAILED: GuardPort raised an exception for 'approve': "
        + "IllegalStateException: guard 'budgetOk' has no answer: give it with --guards budgetOk=true|false\n"), r.out());
    assertFalse(r.err().contains("\tat "), r.err());
    MainTest.Run no = run("workflow", "run", "approval.json", "approval", "--events", "submit,assign,approve", "--actor",
        "boss.json", "--now", NOW, "--guards", "budgetOk=false");
    assertTrue(no.out().contains("3. approve: DENIED  [submitted, checking] (unchanged)\n"
        + "   reason R_WF_GUARD_FAIL: Guard failed for 'approve'\n   error  E_WF_GUARD_FAIL: Guard failed for 'approve'\n"),
        no.out());
  }

  @Test
  void run_authTransitions_deniedUnlessAuthAllow_andTrace() throws IOException {
    MainTest.Run c = run("compile", "review.mpc", "--meta", "meta.yaml", "-o", "review.json");
    assertEquals(0, c.code(), c.out());
    MainTest.Run denied = run("workflow", "run", "review.json", "review", "--events", "ok,finish", "--now", NOW);
    assertTrue(denied.out().contains("2. finish: DENIED  [review, legal, l2, tech, t1] (unchanged)\n"
        + "   reason R_WF_AUTH_DENIED: Auth denied for 'finish'\n"), denied.out());
    MainTest.Run allowed = run("workflow", "run", "review.json", "review", "--events", "ok,finish", "--now", NOW,
        "--auth", "allow", "--trace", "full");
    assertTrue(allowed.out().contains("2. finish: ALLOWED  [review, legal, l2, tech, t1] -> [done-ok]\n"), allowed.out());
    assertTrue(allowed.out().contains("   intent transform cli-1 {\"operation\":\"leaveReview\"}\n"), allowed.out());
    assertTrue(allowed.out().lines().anyMatch(l -> l.startsWith("   trace  {")), allowed.out());
  }

  @Test
  void run_badInput_codedErrorsOrUsage_noStackTrace() throws IOException {
    Files.writeString(dir.resolve("bad-actor.json"), "{\"id\": \"x\", \"type\": \"user\", \"roles\": \"manager\"}");
    MainTest.Run actor = run("workflow", "run", "approval.json", "approval", "--events", "submit", "--actor",
        "bad-actor.json");
    assertEquals(1, actor.code());
    assertTrue(actor.out().contains("\"path\":\"bad-actor.json:$.roles\""), actor.out());
    MainTest.Run workflow = run("workflow", "run", "approval.json", "nope", "--events", "submit");
    assertEquals(1, workflow.code());
    assertTrue(workflow.out().contains("No Workflow 'nope'"), workflow.out());
    MainTest.Run manifest = run("workflow", "run", "order-approval.mpc", "approval", "--events", "submit");
    assertEquals(1, manifest.code(), "ARTIFACT is a compiled artifact, not a manifest");
    Files.writeString(dir.resolve("context.json"), "[1]");
    MainTest.Run context = run("workflow", "run", "approval.json", "approval", "--events", "submit", "--context",
        "context.json");
    assertEquals(1, context.code());
    assertTrue(context.out().contains("must hold a context (a JSON object)"), context.out());
    for (List<String> usage : List.<List<String>>of(List.of("--events", "submit,,x"), List.of(), List.of("--events", "a", "--guards",
        "budgetOk"), List.of("--events", "a", "--guards", "nope=true"), List.of("--events", "a", "--auth", "maybe"),
        List.of("--events", "a", "--now", "tomorrow"), List.of("--events", "a", "--trace", "all"))) {
      String[] args = new String[4 + usage.size()];
      args[0] = "workflow";
      args[1] = "run";
      args[2] = "approval.json";
      args[3] = "approval";
      for (int i = 0; i < usage.size(); i++) {
        args[4 + i] = usage.get(i);
      }
      MainTest.Run r = run(args);
      assertEquals(2, r.code(), usage + ": " + r.out() + r.err());
      assertTrue(r.err().contains("usage: mpc workflow run ARTIFACT WORKFLOW_ID --events"), r.err());
    }
    MainTest.Run missing = run("workflow", "run", "missing.json", "approval", "--events", "a");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("[E_INPUT_UNREADABLE]"), missing.err());
    for (MainTest.Run r : List.of(actor, workflow, manifest, context, missing)) {
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }
}
