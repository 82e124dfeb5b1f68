package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.governance.internal.Strict;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 (RFC 8032) keys, signing and verification through BouncyCastle's lightweight API (no JCA
 * provider is registered). Keys are raw 32-byte values; a key id is the first 16 hex digits of the
 * SHA-256 of the public key, so the same key has the same id everywhere.
 *
 * <p>Key files are one canonical JSON object each: {@code {"algorithm":"ed25519","keyid":...,
 * "privateKey":<base64>}} and {@code {"algorithm":"ed25519","keyid":...,"publicKey":<base64>}}.
 */
public final class Ed25519 {
  /** The algorithm name in key files and trust stores. */
  public static final String ALGORITHM = "ed25519";

  private Ed25519() {}

  /** A key pair: the 32-byte private seed and the 32-byte public key. */
  public record KeyPair(byte[] privateKey, byte[] publicKey) {
    /** Creates a key pair (arrays copied). */
    public KeyPair {
      privateKey = privateKey.clone();
      publicKey = publicKey.clone();
    }

    /** The private key (a copy). */
    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    /** The public key (a copy). */
    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /** The key id of the public key. */
    public String keyId() {
      return Ed25519.keyId(publicKey);
    }

    /** The private key file (canonical JSON). */
    public String privateKeyJson() {
      return Canonical.json(JsonObject.builder().put("algorithm", ALGORITHM).put("keyid", keyId())
          .put("privateKey", Base64.getEncoder().encodeToString(privateKey)).build());
    }

    /** The public key file (canonical JSON). */
    public String publicKeyJson() {
      return Canonical.json(JsonObject.builder().put("algorithm", ALGORITHM).put("keyid", keyId())
          .put("publicKey", Base64.getEncoder().encodeToString(publicKey)).build());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyPair k && java.util.Arrays.equals(k.publicKey, publicKey)
          && java.util.Arrays.equals(k.privateKey, privateKey);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
      return "Ed25519.KeyPair[" + keyId() + "]"; // never the private key
    }
  }

  /** A new key pair from {@code random}. */
  public static KeyPair generate(SecureRandom random) {
    Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(random);
    return new KeyPair(p.getEncoded(), p.generatePublicKey().getEncoded());
  }

  /** The key pair of a 32-byte private seed. */
  public static Result<KeyPair> fromPrivate(byte[] seed) {
    if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "an Ed25519 private key is 32 bytes"));
    }
    Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(seed, 0);
    return Result.ok(new KeyPair(seed, p.generatePublicKey().getEncoded()));
  }

  /** The key id of a public key: the first 16 hex digits of its SHA-256. */
  public static String keyId(byte[] publicKey) {
    return HexFormat.of().formatHex(Canonical.sha256(publicKey)).substring(0, 16);
  }

  /** A signing port over {@code key}. */
  public static SigningPort signer(KeyPair key) {
    Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(key.privateKey(), 0);
    String id = key.keyId();
    return new SigningPort() {
      @Override
      public String keyId() {
        return id;
      }

      @Override
      public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, p);
        s.update(message, 0, message.length);
        return s.generateSignature();
      }
    };
  }

  /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature == null
        || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    try {
      // the RFC 8032 primitive directly: no signer object buffering a copy of the message
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false; // a public key that is not a curve point
    }
  }

  private static final Set<String> PRIVATE = Set.of("algorithm", "keyid", "privateKey");
  private static final Set<String> PUBLIC = Set.of("algorithm", "keyid", "publicKey");

  /** Reads a private key file; its key id must be its public key's. */
  public static Result<KeyPair> readPrivate(String text) {
    Result<JsonObject> o = keyFile(text, PRIVATE);
    if (!(o instanceof Result.Ok<JsonObject> ok)) {
      return Result.failed(o.diagnostics());
    }
    byte[] seed = Strict.base64(Strict.text(ok.get(), "privateKey"));
    Result<KeyPair> key = fromPrivate(seed);
    if (key instanceof Result.Ok<KeyPair> k && !k.get().keyId().equals(Strict.text(ok.get(), "keyid"))) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "the key file's keyid is not its key's"));
    }
    return key;
  }

  /** Reads a public key file: the key id and the public key; the key id must be the key's. */
  public static Result<TrustStore.TrustedKey> readPublic(String text) {
    Result<JsonObject> o = keyFile(text, PUBLIC);
    if (!(o instanceof Result.Ok<JsonObject> ok)) {
      return Result.failed(o.diagnostics());
    }
    byte[] pub = Strict.base64(Strict.text(ok.get(), "publicKey"));
    if (pub == null || pub.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "an Ed25519 public key is 32 bytes of base64"));
    }
    if (!keyId(pub).equals(Strict.text(ok.get(), "keyid"))) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "the key file's keyid is not its key's"));
    }
    return Result.ok(TrustStore.TrustedKey.of(pub));
  }

  private static Result<JsonObject> keyFile(String text, Set<String> members) {
    Result<JsonValue> parsed = Json.parse(text);
    if (!(parsed instanceof Result.Ok<JsonValue> ok) || !(ok.get() instanceof JsonObject o)) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a key file is a JSON object"));
    }
    for (String k : o.members().keySet()) {
      if (!members.contains(k)) {
        return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "a key file has an unknown member '" + k + "'"));
      }
    }
    if (!ALGORITHM.equals(Strict.text(o, "algorithm"))) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "the key file's algorithm is not ed25519"));
    }
    return Result.ok(o);
  }
}
