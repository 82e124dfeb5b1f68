package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11: the statechart structure and the workflow schema are checked at compile time, with source maps. */
class WorkflowValidationTest {

  private static List<Diagnostic> validate(String dsl) {
    return Validator.semanticOnly().validate(Manifests.parseText(dsl).orElseThrow());
  }

  /** code severity line path message */
  private static List<String> lines(String dsl) {
    return validate(dsl).stream().map(d -> d.code() + " " + d.severity().wireName() + " "
        + d.source().map(s -> s.line() + ":" + s.col()).orElse("-") + " " + d.path().orElse("-") + " " + d.message())
        .toList();
  }

  @Test
  void validStatechart_hasNoProblems() {
    assertEquals(List.of(), lines("""
        def Workflow order {
          initial: "open"
          states: [
            {name: "open", history: "deep"},
            {name: "editing", parent: "open"},
            {name: "review", parent: "open", parallel: true},
            {name: "legal", parent: "review"},
            {name: "tech", parent: "review"},
            {name: "done", final: true}
          ]
          transitions: [
            {from: "editing", on: "submit", to: "review", roles: ["clerk"], actions: ["lock"]},
            {from: "review", on: "approve", to: "done", named_guard: "signed", guard: "amount < 100"},
            {from: "review", on: "approve", to: "editing", guard: "amount >= 100"},
            {from: "open", on: "expire", to: "done", timeout_ms: 86400000,
             actions: [{kind: "notify", target: "${actor.id}", params: {template: "expired"}}]}
          ]
        }
        """));
  }

  @Test
  void duplicateSourceAndEvent_withoutDistinguishingGuards_isAnError() {
    assertEquals(List.of(
        "E_VALID_INVALID_WORKFLOW error 4:3 /defs/0/properties/transitions/1 Transition 1 ('go' from 'a') of workflow"
            + " 'w' can never fire: transition 0 has the same source and event and nothing distinguishes them"
            + " (guard, named_guard, roles, auth)",
        "E_VALID_INVALID_WORKFLOW error 4:3 /defs/0/properties/transitions/3 Transition 3 ('x' from 'b') of workflow"
            + " 'w' can never fire: transition 2 has the same source and event and nothing distinguishes them"
            + " (guard, named_guard, roles, auth)"), lines("""
        def Workflow w {
          initial: "a"
          states: ["a", "b", "c"]
          transitions: [{from: "a", on: "go", to: "b"}, {from: "a", on: "go", to: "c"},
            {from: "b", on: "x", to: "c", guard: "ok"}, {from: "b", on: "x", to: "a", guard: "ok"},
            {from: "b", on: "y", to: "c", guard: "ok"}, {from: "b", on: "y", to: "a", roles: ["admin"]},
            {from: "c", on: "z", to: "a", roles: ["admin"]}, {from: "c", on: "z", to: "b"}]
        }
        """));
  }

  /** Source maps point at the property (the front ends know where a property starts), the path at the member. */
  @Test
  void structure_regionsFinalsHistoryInitialsParentsCycles() {
    List<String> ls = lines("""
        def Workflow w {
          initial: "a"
          initials: ["c1", "c2"]
          states: [
            {name: "a", parallel: true},
            {name: "b", history: "shallow"},
            {name: "c"},
            {name: "c1", parent: "c"},
            {name: "c2", parent: "c"},
            {name: "f", final: true},
            {name: "f1", parent: "f"},
            {name: "x", parent: "nowhere"},
            {name: "p", parent: "q"},
            {name: "q", parent: "p"}
          ]
          transitions: [{from: "a", on: "go", to: "b"}, {from: "b", to: "c", on: "t", timeout_ms: 5},
            {from: "c", on: "go", to: "f"}, {from: "a", on: "go2", to: "f", id: "t0"}, {from: "*", on: "u", to: "a", timeout: 1}]
        }
        """);
    String all = String.join("\n", ls);
    assertTrue(all.contains("E_VALID_UNRESOLVED_REF error 4:3 /defs/0/properties/states/7/parent Parent 'nowhere' of"
        + " state 'x' in workflow 'w' is not a state"), all);
    assertTrue(all.contains("E_VALID_CYCLE_DETECTED error 4:3 /defs/0/properties/states State 'p' in workflow 'w' is"
        + " its own ancestor"), all);
    assertTrue(all.contains("State 'a' of workflow 'w' is parallel but has no regions (children)"), all);
    assertTrue(all.contains("State 'b' of workflow 'w' has shallow history but no children"), all);
    assertTrue(all.contains("State 'c' of workflow 'w' has several initial children (c1, c2)"), all);
    assertTrue(all.contains("State 'f' of workflow 'w' is final but has children"), all);
    assertTrue(all.contains("E_VALID_DUPLICATE_DEF error 16:3 /defs/0/properties/transitions/3 Transition id 't0' is"
        + " used twice in workflow 'w'"), all);
    assertTrue(all.contains("Timed transition 4 of workflow 'w' needs a source state, not '*'"), all);
  }

  @Test
  void schema_typesStateAndTransitionMembersAndActions() {
    String all = String.join("\n", lines("""
        def Workflow w {
          initial: "a"
          states: [{name: "a", parallel: "yes", history: "deeep", on_enter: [5], colour: "red"}, "b"]
          transitions: [{from: "a", on: "go", to: "b", rule_type: "sideways", timeout_ms: -3, roles: "admin",
            auth: 1, named_guard: "", actions: [{kind: "notify", target: "${user.id}"}, {kind: "email"}],
            on_enterr: ["x"]}]
        }
        """));
    assertTrue(all.contains("Property 'states.0.parallel' of Workflow 'w' must be true or false, found string"), all);
    assertTrue(all.contains("history must be \"shallow\", \"deep\" or \"none\", found \"deeep\""), all);
    assertTrue(all.contains("Property 'states.0.on_enter.0' of Workflow 'w' must be an action name or an intent map"),
        all);
    assertTrue(all.contains("E_PARSE_INVALID_TOKEN warn 3:3 /defs/0/properties/states/0/colour Unknown key 'colour'"),
        all);
    assertTrue(all.contains("has rule type 'sideways' (one of fixed, external, internal, dynamic)"), all);
    assertTrue(all.contains("timeout_ms must be a whole number of milliseconds >= 0, found int"), all);
    assertTrue(all.contains("Property 'transitions.0.roles' of Workflow 'w' must be a list of role names"), all);
    assertTrue(all.contains("Property 'transitions.0.auth' of Workflow 'w' must be true or false, found int"), all);
    assertTrue(all.contains("Property 'transitions.0.named_guard' of Workflow 'w' must be a non-empty string"), all);
    assertTrue(all.contains("uses placeholder '${user.id}'"), all);
    assertTrue(all.contains("has kind \"email\""), all);
    assertTrue(all.contains("Unknown key 'on_enterr' in Transition 0 of Workflow 'w'; did you mean 'on_enter'?"), all);
  }

  @Test
  void intentTemplate_missingRequiredParam_isAnError() {
    String all = String.join("\n", lines("""
        def Workflow w {
          initial: "a"
          states: ["a", "b"]
          transitions: [{from: "a", on: "go", to: "b", actions: [{kind: "notify", target: "team"}]}]
        }
        """));
    assertTrue(all.contains("E_META_MISSING_REQUIRED_FIELD") && all.contains("template"), all);
  }
}
