package dev.mpc.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mpc.diag.Result;
import dev.mpc.workflow.AuthPort;
import dev.mpc.workflow.GuardCall;
import dev.mpc.workflow.GuardPort;
import dev.mpc.workflow.InMemoryWorkflowStore;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The kits have teeth: adapters that break their contract in a typical way fail the kit's test for it. */
class KitsCatchBrokenAdaptersTest {

  /** A store without the compare-and-set: the last save wins. */
  static final class LastWriteWinsStore implements WorkflowStore {
    private final Map<String, WorkflowInstance> instances = new ConcurrentHashMap<>();
    private final Map<String, List<TransitionRecord>> histories = new ConcurrentHashMap<>();

    @Override
    public Optional<WorkflowInstance> load(String id) {
      return Optional.ofNullable(instances.get(id));
    }

    @Override
    public Result<WorkflowInstance> create(WorkflowInstance i) {
      instances.put(i.instanceId(), i);
      histories.computeIfAbsent(i.instanceId(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(i.lastRecord());
      return Result.ok(i);
    }

    @Override
    public Result<WorkflowInstance> save(WorkflowInstance i, long expectedVersion) {
      if (!instances.containsKey(i.instanceId())) {
        return Result.failed(dev.mpc.diag.Diagnostic.of(dev.mpc.diag.Code.E_VALID_UNRESOLVED_REF, "unknown"));
      }
      instances.put(i.instanceId(), i);
      histories.get(i.instanceId()).add(i.lastRecord());
      return Result.ok(i);
    }

    @Override
    public List<TransitionRecord> history(String id) {
      return List.copyOf(histories.getOrDefault(id, List.of()));
    }
  }

  /** A store that keeps only the latest record as "history". */
  static final class ForgetfulStore implements WorkflowStore {
    private final InMemoryWorkflowStore delegate = new InMemoryWorkflowStore();

    @Override
    public Optional<WorkflowInstance> load(String id) {
      return delegate.load(id);
    }

    @Override
    public Result<WorkflowInstance> create(WorkflowInstance i) {
      return delegate.create(i);
    }

    @Override
    public Result<WorkflowInstance> save(WorkflowInstance i, long expectedVersion) {
      return delegate.save(i, expectedVersion);
    }

    @Override
    public List<TransitionRecord> history(String id) {
      List<TransitionRecord> h = delegate.history(id);
      return h.isEmpty() ? h : List.of(h.get(h.size() - 1));
    }
  }

  private static WorkflowStoreContract storeKit(WorkflowStore s) {
    WorkflowStoreContract kit = new WorkflowStoreContract() {
      @Override
      protected WorkflowStore newStore() {
        return s;
      }
    };
    kit.createStore();
    return kit;
  }

  @Test
  void lastWriteWinsStore_failsTheStaleVersionAndRaceTests() {
    assertThrows(AssertionError.class, storeKit(new LastWriteWinsStore())::save_staleExpectedVersion_isAConflict_nothingOverwritten);
    assertThrows(AssertionError.class, storeKit(new LastWriteWinsStore())::concurrentSaves_sameExpectedVersion_exactlyOneWins);
    assertThrows(AssertionError.class, storeKit(new LastWriteWinsStore())::createTwice_isAConflict_nothingOverwritten);
  }

  @Test
  void forgetfulStore_failsTheHistoryTests() {
    assertThrows(AssertionError.class,
        storeKit(new ForgetfulStore())::saveChain_loadReturnsEachSavedInstance_historyAppendsAndReplays);
  }

  private static GuardPortContract guardKit(GuardPort port, GuardPort failing) {
    GuardPortContract kit = new GuardPortContract() {
      @Override
      protected GuardPort port() {
        return port;
      }

      @Override
      protected List<Case> cases() {
        return new MapGuardPortContractTest().cases();
      }

      @Override
      protected GuardPort failingPort() {
        return failing;
      }
    };
    kit.prepare();
    return kit;
  }

  @Test
  void guardAdapterSwallowingItsOutage_failsTheFailingAdapterTest() {
    Predicate<GuardCall> swallowing = c -> {
      try {
        throw new IllegalStateException("credit service unavailable");
      } catch (IllegalStateException e) {
        return true; // the defect: an outage answered as a pass
      }
    };
    GuardPort good = GuardPort.of(MapGuardPortContractTest.GUARDS);
    GuardPort broken = GuardPort.of(Map.of("creditOk", swallowing, "ownerOnly", swallowing));
    assertThrows(AssertionError.class, guardKit(good, broken)::failingAdapter_throwsRatherThanAnswers_soEveryFireFailsClosed);
  }

  @Test
  void flakyGuard_failsTheDeterminismTest() {
    AtomicInteger n = new AtomicInteger();
    Map<String, Predicate<GuardCall>> flaky = new java.util.HashMap<>(MapGuardPortContractTest.GUARDS);
    flaky.put("creditOk", c -> MapGuardPortContractTest.GUARDS.get("creditOk").test(c) != (n.incrementAndGet() % 7 == 0));
    assertThrows(AssertionError.class, guardKit(GuardPort.of(flaky), null)::answersAreDeterministic);
  }

  @Test
  void authAdapterIgnoringTheInstance_failsTheEngineTest() {
    AuthPort anyOrderOfMine = call -> call.actor().id().equals("alice") || call.actor().id().equals("bob");
    AuthPortContract kit = new AuthPortContract() {
      @Override
      protected AuthPort port() {
        return anyOrderOfMine;
      }

      @Override
      protected List<Case> cases() {
        return new OwnershipAuthPortContractTest().cases();
      }

      @Override
      protected AuthPort failingPort() {
        return new OwnershipAuthPortContractTest().failingPort();
      }
    };
    kit.prepare();
    assertThrows(AssertionError.class, kit::throughTheEngine_eachCaseIsTakenExactlyWhenThePortAuthorizes);
  }
}
