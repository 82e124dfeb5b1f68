package dev.mpc.governance;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One append-only activation ledger record. Its logical key is (tenant, namespace,
 * idempotencyKey): unique in a ledger. Records are hash-chained: {@code prevHash} is the previous
 * record's {@code recordHash} ({@link #GENESIS} for the first), and {@code recordHash} is the
 * SHA-256 of the canonical JSON of every other field ({@link #contentJson()}), so an edit, a hole
 * or a reordering is detectable ({@link ActivationLedger#verify}).
 *
 * @param id the record's position, 1 for the first
 * @param scope where it applies
 * @param idempotencyKey the caller's idempotency key
 * @param action {@code activate}, {@code rollback} or {@code mode}
 * @param previousHash the artifact active before it (empty for a scope's first activation)
 * @param artifactHash the artifact active after it
 * @param bundleDigest the digest of the bundle that artifact came in
 * @param sequence the scope's activation sequence number after it
 * @param mode the scope's mode after it
 * @param actor who did it
 * @param createdAt when (injected clock)
 * @param prevHash the previous record's hash
 * @param recordHash this record's hash
 */
public record LedgerRecord(long id, Scope scope, String idempotencyKey, String action, Optional<String> previousHash,
    String artifactHash, String bundleDigest, long sequence, RuntimeMode mode, String actor, Instant createdAt,
    String prevHash, String recordHash) {
  /** The {@code prevHash} of the first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /** Creates a record (the hash is not checked here: see {@link ActivationLedger#verify}). */
  public LedgerRecord {
    Objects.requireNonNull(scope, "scope");
    Req.nonEmpty(idempotencyKey, "idempotencyKey");
    Req.nonEmpty(action, "action");
    Objects.requireNonNull(previousHash, "previousHash");
    Req.nonEmpty(artifactHash, "artifactHash");
    Req.nonEmpty(bundleDigest, "bundleDigest");
    Objects.requireNonNull(mode, "mode");
    Req.nonEmpty(actor, "actor");
    Objects.requireNonNull(createdAt, "createdAt");
    Req.nonEmpty(prevHash, "prevHash");
    Req.nonEmpty(recordHash, "recordHash");
  }

  /** A record with its hash computed from the other fields. */
  public static LedgerRecord chained(long id, Scope scope, String idempotencyKey, String action,
      Optional<String> previousHash, String artifactHash, String bundleDigest, long sequence, RuntimeMode mode,
      String actor, Instant createdAt, String prevHash) {
    LedgerRecord draft = new LedgerRecord(id, scope, idempotencyKey, action, previousHash, artifactHash, bundleDigest,
        sequence, mode, actor, createdAt, prevHash, "-");
    return new LedgerRecord(id, scope, idempotencyKey, action, previousHash, artifactHash, bundleDigest, sequence,
        mode, actor, createdAt, prevHash, draft.computedHash());
  }

  /** Every field but {@code recordHash}, as JSON. */
  public JsonObject contentJson() {
    return JsonObject.builder().put("id", id).put("tenant", scope.tenant()).put("namespace", scope.namespace())
        .put("idempotencyKey", idempotencyKey).put("action", action)
        .putIfNotNull("previousHash", previousHash.orElse(null)).put("artifactHash", artifactHash)
        .put("bundleDigest", bundleDigest).put("sequence", sequence).put("mode", mode.wireName()).put("actor", actor)
        .put("createdAt", createdAt.toString()).put("prevHash", prevHash).build();
  }

  /** The hash this record should carry. */
  public String computedHash() {
    return HexFormat.of().formatHex(Canonical.sha256(Canonical.bytes(contentJson())));
  }

  private static final java.util.Set<String> CONTENT = java.util.Set.of("id", "tenant", "namespace", "idempotencyKey",
      "action", "previousHash", "artifactHash", "bundleDigest", "sequence", "mode", "actor", "createdAt", "prevHash");

  /**
   * Reads one line of a ledger export ({@link #toJson()}): strict (no unknown or missing members,
   * right types), never throws for bad input. The hash is read as stored, not checked: that is
   * {@link ActivationLedger#verify}'s job, which must be able to report an edited record.
   */
  public static dev.mpc.diag.Result<LedgerRecord> fromJson(dev.mpc.json.JsonValue line) {
    try {
      if (!(line instanceof JsonObject o) || !o.members().keySet().equals(java.util.Set.of("record", "recordHash"))
          || !(o.getOrNull("record") instanceof JsonObject r)) {
        return bad("a ledger line is {\"record\": {...}, \"recordHash\": \"...\"}");
      }
      if (!CONTENT.containsAll(r.members().keySet())) {
        java.util.Set<String> unknown = new java.util.TreeSet<>(r.members().keySet());
        unknown.removeAll(CONTENT);
        return bad("unknown record members " + unknown);
      }
      RuntimeMode mode = null;
      for (RuntimeMode m : RuntimeMode.values()) {
        if (m.wireName().equals(text(r, "mode"))) {
          mode = m;
        }
      }
      if (mode == null) {
        return bad("unknown mode '" + text(r, "mode") + "'");
      }
      Optional<String> previous = r.getOrNull("previousHash") == null ? Optional.empty()
          : Optional.of(text(r, "previousHash"));
      return dev.mpc.diag.Result.ok(new LedgerRecord(number(r, "id"), new Scope(text(r, "tenant"),
          text(r, "namespace")), text(r, "idempotencyKey"), text(r, "action"), previous, text(r, "artifactHash"),
          text(r, "bundleDigest"), number(r, "sequence"), mode, text(r, "actor"), Instant.parse(text(r, "createdAt")),
          text(r, "prevHash"), text(o, "recordHash")));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException | ArithmeticException e) {
      return bad(e.getMessage());
    }
  }

  private static String text(JsonObject o, String key) {
    if (o.getOrNull(key) instanceof dev.mpc.json.JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException("'" + key + "' must be a string");
  }

  private static long number(JsonObject o, String key) {
    if (o.getOrNull(key) instanceof dev.mpc.json.JsonInt i) {
      return i.longValueExact();
    }
    throw new IllegalArgumentException("'" + key + "' must be an integer");
  }

  private static dev.mpc.diag.Result<LedgerRecord> bad(String why) {
    return dev.mpc.diag.Result.failed(dev.mpc.diag.Diagnostic.of(dev.mpc.diag.Code.E_PARSE_INVALID_TOKEN,
        "Not a ledger record: " + why));
  }

  /** The record as one JSON line of a ledger export. */
  public JsonObject toJson() {
    return JsonObject.builder().put("record", contentJson()).put("recordHash", recordHash).build();
  }
}
