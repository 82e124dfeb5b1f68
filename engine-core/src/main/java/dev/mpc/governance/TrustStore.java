package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.governance.internal.Strict;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trusted Ed25519 public keys by key id, each with a validity window and a revoked flag: the
 * default {@link VerificationPort}. Keys rotate without downtime: add the new key (its window
 * starting now), sign with it, and let the old key's window end; a revoked key, or one outside its
 * window at verification time, fails verification.
 *
 * <p>Immutable and thread-safe. JSON form: {@code {"keys":[{"keyid":..,"algorithm":"ed25519",
 * "publicKey":<base64>,"notBefore":<instant>?,"notAfter":<instant>?,"revoked":<bool>?}]}}.
 */
public final class TrustStore implements VerificationPort {
  /**
   * A trusted key.
   *
   * @param keyId its id ({@link Ed25519#keyId})
   * @param publicKey the raw 32-byte public key
   * @param notBefore when it starts being valid, if bounded
   * @param notAfter when it stops being valid (exclusive), if bounded
   * @param revoked whether it was revoked
   */
  public record TrustedKey(String keyId, byte[] publicKey, Optional<Instant> notBefore, Optional<Instant> notAfter,
      boolean revoked) {
    /** Creates a trusted key; the key id must be the key's. */
    public TrustedKey {
      publicKey = publicKey.clone();
      if (!Ed25519.keyId(publicKey).equals(keyId)) {
        throw new IllegalArgumentException("key id " + keyId + " is not the id of its public key");
      }
      if (notBefore.isPresent() && notAfter.isPresent() && !notBefore.get().isBefore(notAfter.get())) {
        throw new IllegalArgumentException("notBefore must be before notAfter");
      }
    }

    /** The key, unbounded and not revoked. */
    public static TrustedKey of(byte[] publicKey) {
      return new TrustedKey(Ed25519.keyId(publicKey), publicKey, Optional.empty(), Optional.empty(), false);
    }

    /** The public key (a copy). */
    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /** This key valid from {@code from} (inclusive) to {@code to} (exclusive). */
    public TrustedKey validBetween(Instant from, Instant to) {
      return new TrustedKey(keyId, publicKey, Optional.of(from), Optional.of(to), revoked);
    }

    /** This key, revoked. */
    public TrustedKey asRevoked() {
      return new TrustedKey(keyId, publicKey, notBefore, notAfter, true);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TrustedKey k && k.keyId.equals(keyId) && java.util.Arrays.equals(k.publicKey, publicKey)
          && k.notBefore.equals(notBefore) && k.notAfter.equals(notAfter) && k.revoked == revoked;
    }

    @Override
    public int hashCode() {
      return keyId.hashCode();
    }

    @Override
    public String toString() {
      return "TrustedKey[" + keyId + (revoked ? ", revoked" : "") + notBefore.map(t -> ", from " + t).orElse("")
          + notAfter.map(t -> ", to " + t).orElse("") + "]";
    }
  }

  private final Map<String, TrustedKey> keys;

  private TrustStore(Map<String, TrustedKey> keys) {
    this.keys = keys;
  }

  /** A trust store of {@code keys}; a key id given twice is an error. */
  public static Result<TrustStore> of(List<TrustedKey> keys) {
    Map<String, TrustedKey> m = new LinkedHashMap<>();
    for (TrustedKey k : keys) {
      if (m.putIfAbsent(k.keyId(), k) != null) {
        return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "key id " + k.keyId() + " is listed twice"));
      }
    }
    return Result.ok(new TrustStore(java.util.Collections.unmodifiableMap(m)));
  }

  /** The trusted keys, in order. */
  public List<TrustedKey> keys() {
    return List.copyOf(keys.values());
  }

  /** The key with id {@code keyId}, if trusted. */
  public Optional<TrustedKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public KeyCheck verify(String keyId, byte[] message, byte[] signature, Instant at) {
    TrustedKey k = keys.get(keyId);
    if (k == null) {
      return KeyCheck.UNKNOWN_KEY;
    }
    if (k.revoked()) {
      return KeyCheck.REVOKED;
    }
    if (k.notBefore().isPresent() && at.isBefore(k.notBefore().get())) {
      return KeyCheck.NOT_YET_VALID;
    }
    if (k.notAfter().isPresent() && !at.isBefore(k.notAfter().get())) {
      return KeyCheck.EXPIRED;
    }
    return Ed25519.verify(k.publicKey, message, signature) ? KeyCheck.VALID : KeyCheck.BAD_SIGNATURE;
  }

  /** The JSON form (canonical). */
  public String toJson() {
    List<JsonValue> out = new ArrayList<>();
    for (TrustedKey k : keys.values()) {
      JsonObject.Builder b = JsonObject.builder().put("keyid", k.keyId()).put("algorithm", Ed25519.ALGORITHM)
          .put("publicKey", Base64.getEncoder().encodeToString(k.publicKey));
      k.notBefore().ifPresent(t -> b.put("notBefore", t.toString()));
      k.notAfter().ifPresent(t -> b.put("notAfter", t.toString()));
      if (k.revoked()) {
        b.put("revoked", true);
      }
      out.add(b.build());
    }
    return Canonical.json(JsonObject.builder().put("keys", JsonArray.of(out)).build());
  }

  private static final Set<String> KEY_MEMBERS = Set.of("keyid", "algorithm", "publicKey", "notBefore", "notAfter",
      "revoked");

  /** Reads the JSON form, or a single public key file ({@link Ed25519#readPublic}). Never throws for bad input. */
  public static Result<TrustStore> fromJson(String text) {
    Result<JsonValue> parsed = Json.parse(text);
    if (!(parsed instanceof Result.Ok<JsonValue> ok) || !(ok.get() instanceof JsonObject o)) {
      return bad("a trust store is a JSON object");
    }
    if (!o.members().containsKey("keys")) {
      return Ed25519.readPublic(text).flatMap(k -> of(List.of(k)));
    }
    if (o.members().size() != 1 || !(o.getOrNull("keys") instanceof JsonArray arr)) {
      return bad("a trust store is {\"keys\": [...]}");
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (JsonValue v : arr.items()) {
      if (!(v instanceof JsonObject k)) {
        return bad("a trusted key is a JSON object");
      }
      for (String m : k.members().keySet()) {
        if (!KEY_MEMBERS.contains(m)) {
          return bad("a trusted key has an unknown member '" + m + "'");
        }
      }
      if (!Ed25519.ALGORITHM.equals(Strict.text(k, "algorithm"))) {
        return bad("a trusted key's algorithm must be ed25519");
      }
      byte[] pub = Strict.base64(Strict.text(k, "publicKey"));
      String id = Strict.text(k, "keyid");
      if (pub == null || pub.length != 32 || id == null || !Ed25519.keyId(pub).equals(id)) {
        return bad("a trusted key needs a 32-byte base64 publicKey and its keyid (" + id + ")");
      }
      try {
        Optional<Instant> from = instant(k, "notBefore");
        Optional<Instant> to = instant(k, "notAfter");
        JsonValue revoked = k.getOrNull("revoked");
        if (revoked != null && !(revoked instanceof JsonBool)) {
          return bad("revoked must be a boolean");
        }
        keys.add(new TrustedKey(id, pub, from, to, revoked instanceof JsonBool b && b.value()));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        return bad("key " + id + ": " + e.getMessage());
      }
    }
    return of(keys);
  }

  private static Optional<Instant> instant(JsonObject k, String member) {
    JsonValue v = k.getOrNull(member);
    if (v == null) {
      return Optional.empty();
    }
    String t = Strict.text(k, member);
    if (t == null) {
      throw new IllegalArgumentException(member + " must be an RFC 3339 instant");
    }
    return Optional.of(Instant.parse(t));
  }

  private static <T> Result<T> bad(String message) {
    return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, message));
  }
}
