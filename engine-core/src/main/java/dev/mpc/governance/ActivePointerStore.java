package dev.mpc.governance;

import java.util.Optional;

/**
 * The active pointer per scope, in the host's persistence. Implementations must be thread-safe
 * and make {@link #compareAndSet} atomic (one statement in a database); the contract kit
 * {@code ActivePointerStoreContract} checks a host's implementation.
 */
public interface ActivePointerStore {
  /** The pointer of {@code scope}, if anything was ever activated there. */
  Optional<ActivePointer> get(Scope scope);

  /**
   * Sets the pointer of {@code scope} to {@code next} if it is exactly {@code expected} (empty: no
   * pointer yet); whether it did.
   */
  boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next);

  /**
   * Removes the pointer of {@code scope} if it is exactly {@code expected}; whether it did. Only
   * the compensation of a scope's first activation uses it (when the ledger append after the
   * compare-and-set failed).
   */
  boolean compareAndRemove(Scope scope, ActivePointer expected);

  /** A thread-safe in-memory store. */
  static ActivePointerStore inMemory() {
    return new ActivePointerStore() {
      private final java.util.concurrent.ConcurrentHashMap<Scope, ActivePointer> map =
          new java.util.concurrent.ConcurrentHashMap<>();

      @Override
      public Optional<ActivePointer> get(Scope scope) {
        return Optional.ofNullable(map.get(scope));
      }

      @Override
      public boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next) {
        return expected.isEmpty() ? map.putIfAbsent(scope, next) == null : map.replace(scope, expected.get(), next);
      }

      @Override
      public boolean compareAndRemove(Scope scope, ActivePointer expected) {
        return map.remove(scope, expected);
      }
    };
  }
}
