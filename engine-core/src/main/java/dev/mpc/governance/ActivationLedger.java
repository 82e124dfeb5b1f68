package dev.mpc.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only, hash-chained activation ledger, in the host's persistence. Implementations
 * must be thread-safe, keep the logical key (tenant, namespace, idempotencyKey) unique (a
 * database UNIQUE index), and make {@link #append} idempotent: appending a logical key that
 * exists returns the existing record and appends nothing. Nothing in the library ever edits or
 * deduplicates a ledger.
 */
public interface ActivationLedger {
  /**
   * What an append did.
   *
   * @param record the record of the logical key (the new one, or the one already there)
   * @param appended whether this call appended it
   */
  record Appended(LedgerRecord record, boolean appended) {}

  /**
   * Appends a record for the logical key (scope, idempotencyKey) unless one exists; the ledger
   * assigns the id, the previous hash and the record hash.
   */
  Appended append(Scope scope, String idempotencyKey, String action, Optional<String> previousHash,
      String artifactHash, String bundleDigest, long sequence, RuntimeMode mode, String actor, Instant createdAt);

  /** The record of a logical key, if any. */
  Optional<LedgerRecord> find(Scope scope, String idempotencyKey);

  /** Every record, in order. */
  List<LedgerRecord> records();

  /**
   * What checking a chain found.
   *
   * @param ok whether the chain is intact and every logical key unique
   * @param records how many records were checked
   * @param firstBroken the id (position) of the first broken record, or -1
   * @param problem what is wrong with it (empty when ok)
   */
  record ChainCheck(boolean ok, int records, long firstBroken, String problem) {}

  /** Checks {@code records} (in order): positions 1..n, hash links, record hashes, unique logical keys. */
  static ChainCheck verify(List<LedgerRecord> records) {
    String prev = LedgerRecord.GENESIS;
    Set<List<String>> keys = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      LedgerRecord r = records.get(i);
      long expected = i + 1L;
      String problem = null;
      if (r.id() != expected) {
        problem = "record " + expected + " has id " + r.id() + " (a hole, a duplicate or a reordering)";
      } else if (!r.prevHash().equals(prev)) {
        problem = "record " + r.id() + " does not link to the previous record's hash";
      } else if (!r.recordHash().equals(r.computedHash())) {
        problem = "record " + r.id() + " was edited: its hash does not match its content";
      } else if (!keys.add(List.of(r.scope().tenant(), r.scope().namespace(), r.idempotencyKey()))) {
        problem = "record " + r.id() + " repeats logical key " + r.scope() + "/" + r.idempotencyKey();
      }
      if (problem != null) {
        return new ChainCheck(false, records.size(), expected, problem);
      }
      prev = r.recordHash();
    }
    return new ChainCheck(true, records.size(), -1, "");
  }

  /** A thread-safe in-memory ledger. */
  static ActivationLedger inMemory() {
    return new ActivationLedger() {
      private final List<LedgerRecord> records = new ArrayList<>();
      private final java.util.Map<List<String>, LedgerRecord> byKey = new java.util.HashMap<>();

      @Override
      public synchronized Appended append(Scope scope, String idempotencyKey, String action,
          Optional<String> previousHash, String artifactHash, String bundleDigest, long sequence, RuntimeMode mode,
          String actor, Instant createdAt) {
        List<String> key = List.of(scope.tenant(), scope.namespace(), idempotencyKey);
        LedgerRecord existing = byKey.get(key);
        if (existing != null) {
          return new Appended(existing, false);
        }
        String prev = records.isEmpty() ? LedgerRecord.GENESIS : records.get(records.size() - 1).recordHash();
        LedgerRecord r = LedgerRecord.chained(records.size() + 1L, scope, idempotencyKey, action, previousHash, artifactHash,
            bundleDigest, sequence, mode, actor, createdAt, prev);
        records.add(r);
        byKey.put(key, r);
        return new Appended(r, true);
      }

      @Override
      public synchronized Optional<LedgerRecord> find(Scope scope, String idempotencyKey) {
        return Optional.ofNullable(byKey.get(List.of(scope.tenant(), scope.namespace(), idempotencyKey)));
      }

      @Override
      public synchronized List<LedgerRecord> records() {
        return List.copyOf(records);
      }
    };
  }
}
