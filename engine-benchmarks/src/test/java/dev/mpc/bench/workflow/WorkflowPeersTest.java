package dev.mpc.bench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Actor;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every engine of WorkflowBenchmark runs the approval scenario alike: the cycle, the final approve, the role check, one intent per transition. */
class WorkflowPeersTest {

  @Test
  void mpc_cycleApproveAndRoleCheck() {
    Artifact a = MpcApproval.artifact();
    WorkflowEngine e = MpcApproval.engine(a);
    WorkflowInstance i = MpcApproval.start(e, a);
    for (int round = 0; round < 3; round++) {
      for (int n = 0; n < ApprovalScenario.CYCLE.size(); n++) {
        String event = ApprovalScenario.CYCLE.get(n);
        TransitionResult r = MpcApproval.fire(e, a, i, event, MpcApproval.actor());
        assertTrue(r.allowed(), event + " " + r.errors());
        assertEquals(List.of(ApprovalScenario.CYCLE_STATES.get(n)), r.to());
        assertEquals(List.of(ApprovalScenario.intent(ApprovalScenario.transition(event).action())), r.intents());
        i = r.instance();
      }
    }
    WorkflowInstance submitted = MpcApproval.fire(e, a, i, "submit", MpcApproval.actor()).instance();
    TransitionResult denied = MpcApproval.fire(e, a, submitted, "approve", Actor.user("u-2", "clerk"));
    assertFalse(denied.allowed());
    assertEquals(List.of("submitted"), denied.to());
    assertEquals(List.of("approved"), MpcApproval.fire(e, a, submitted, "approve", MpcApproval.actor()).to());
  }

  @Test
  void squirrel_cycleApproveAndRoleCheck() {
    var b = SquirrelApproval.builder();
    var m = SquirrelApproval.start(b);
    Set<String> roles = Set.copyOf(ApprovalScenario.ROLES);
    for (int round = 0; round < 3; round++) {
      for (int n = 0; n < ApprovalScenario.CYCLE.size(); n++) {
        String event = ApprovalScenario.CYCLE.get(n);
        SquirrelApproval.Ctx c = new SquirrelApproval.Ctx(roles);
        m.fire(SquirrelApproval.event(event), c);
        assertEquals(ApprovalScenario.CYCLE_STATES.get(n).toUpperCase(), m.getCurrentState().name());
        assertEquals(List.of(ApprovalScenario.intent(ApprovalScenario.transition(event).action())), c.intents());
      }
    }
    m.fire(SquirrelApproval.E.SUBMIT, new SquirrelApproval.Ctx(roles));
    SquirrelApproval.Ctx clerk = new SquirrelApproval.Ctx(Set.of("clerk"));
    m.fire(SquirrelApproval.E.APPROVE, clerk);
    assertEquals(SquirrelApproval.S.SUBMITTED, m.getCurrentState());
    assertEquals(List.of(), clerk.intents());
    m.fire(SquirrelApproval.E.APPROVE, new SquirrelApproval.Ctx(roles));
    assertEquals(SquirrelApproval.S.APPROVED, m.getCurrentState());
  }

  @Test
  void floor_cycleApproveAndRoleCheck() {
    ApprovalFloor f = new ApprovalFloor();
    long mask = f.mask(ApprovalScenario.ROLES);
    ApprovalFloor.Instance i = f.start();
    for (int round = 0; round < 3; round++) {
      for (int n = 0; n < ApprovalScenario.CYCLE.size(); n++) {
        String event = ApprovalScenario.CYCLE.get(n);
        i = f.fire(i, event, mask);
        assertEquals(ApprovalScenario.CYCLE_STATES.get(n), ApprovalFloor.state(i));
        assertEquals(List.of(ApprovalScenario.intent(ApprovalScenario.transition(event).action())), i.intents());
      }
    }
    ApprovalFloor.Instance submitted = f.fire(i, "submit", mask);
    assertEquals("submitted", ApprovalFloor.state(f.fire(submitted, "approve", f.mask(List.of("clerk")))));
    assertEquals("approved", ApprovalFloor.state(f.fire(submitted, "approve", mask)));
  }
}
