package dev.mpc.spring.internal;

import dev.mpc.diag.Result;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.governance.QuotaLimit;
import dev.mpc.governance.QuotaStore;
import dev.mpc.governance.RuntimeMode;
import dev.mpc.governance.Scope;
import dev.mpc.spring.MpcMetrics;
import dev.mpc.workflow.TransitionRecord;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Decorators that time every port call into {@link MpcMetrics#PORT_CALLS}; behaviour is unchanged. */
public final class TimedPorts {
  private TimedPorts() {}

  static <T> T time(MpcMetrics m, String port, String op, Supplier<T> call, Predicate<T> ok) {
    long t0 = System.nanoTime();
    boolean success = false;
    try {
      T t = call.get();
      success = ok.test(t);
      return t;
    } finally {
      m.portCall(port, op, success, System.nanoTime() - t0);
    }
  }

  static <T> T time(MpcMetrics m, String port, String op, Supplier<T> call) {
    return time(m, port, op, call, t -> true);
  }

  /** {@code store}, timed as port {@code pointers}. */
  public static ActivePointerStore pointers(ActivePointerStore store, MpcMetrics m) {
    return new ActivePointerStore() {
      @Override
      public Optional<ActivePointer> get(Scope scope) {
        return time(m, "pointers", "get", () -> store.get(scope));
      }

      @Override
      public boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next) {
        return time(m, "pointers", "compareAndSet", () -> store.compareAndSet(scope, expected, next));
      }

      @Override
      public boolean compareAndRemove(Scope scope, ActivePointer expected) {
        return time(m, "pointers", "compareAndRemove", () -> store.compareAndRemove(scope, expected));
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  /** {@code ledger}, timed as port {@code ledger}. */
  public static ActivationLedger ledger(ActivationLedger ledger, MpcMetrics m) {
    return new ActivationLedger() {
      @Override
      public Appended append(Scope scope, String idempotencyKey, String action, Optional<String> previousHash,
          String artifactHash, String bundleDigest, long sequence, RuntimeMode mode, String actor, Instant createdAt) {
        return time(m, "ledger", "append", () -> ledger.append(scope, idempotencyKey, action, previousHash,
            artifactHash, bundleDigest, sequence, mode, actor, createdAt));
      }

      @Override
      public Optional<LedgerRecord> find(Scope scope, String idempotencyKey) {
        return time(m, "ledger", "find", () -> ledger.find(scope, idempotencyKey));
      }

      @Override
      public List<LedgerRecord> records() {
        return time(m, "ledger", "records", ledger::records);
      }

      @Override
      public String toString() {
        return ledger.toString();
      }
    };
  }

  /** {@code store}, timed as port {@code bundles}. */
  public static dev.mpc.governance.BundleStore bundles(dev.mpc.governance.BundleStore store, MpcMetrics m) {
    return new dev.mpc.governance.BundleStore() {
      @Override
      public boolean putIfAbsent(String digest, byte[] bytes) {
        return time(m, "bundles", "putIfAbsent", () -> store.putIfAbsent(digest, bytes), ok -> ok);
      }

      @Override
      public Optional<byte[]> get(String digest) {
        return time(m, "bundles", "get", () -> store.get(digest));
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  /** {@code store}, timed as port {@code quota}. */
  public static QuotaStore quota(QuotaStore store, MpcMetrics m) {
    return new QuotaStore() {
      @Override
      public Outcome tryConsume(String tenant, String metric, long amount, QuotaLimit limit, long nowNanos) {
        return time(m, "quota", "tryConsume", () -> store.tryConsume(tenant, metric, amount, limit, nowNanos));
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  /** {@code store}, timed as port {@code workflow}. */
  public static WorkflowStore workflows(WorkflowStore store, MpcMetrics m) {
    return new WorkflowStore() {
      @Override
      public Optional<WorkflowInstance> load(String instanceId) {
        return time(m, "workflow", "load", () -> store.load(instanceId));
      }

      @Override
      public Result<WorkflowInstance> create(WorkflowInstance instance) {
        return time(m, "workflow", "create", () -> store.create(instance), Result::isOk);
      }

      @Override
      public Result<WorkflowInstance> save(WorkflowInstance instance, long expectedVersion) {
        return time(m, "workflow", "save", () -> store.save(instance, expectedVersion), Result::isOk);
      }

      @Override
      public List<TransitionRecord> history(String instanceId) {
        return time(m, "workflow", "history", () -> store.history(instanceId));
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }
}
