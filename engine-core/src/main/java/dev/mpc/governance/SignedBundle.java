package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.governance.internal.Strict;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A DSSE envelope (Dead Simple Signing Envelope, secure-systems-lab/dsse v1) around a bundle
 * payload: payload type, payload bytes and signatures, each with a key id. A signature covers
 * {@link #pae} of the payload type and the payload, so it covers everything in the bundle and
 * nothing outside it. Serialized as canonical JSON {@code {"payload":<base64>,"payloadType":..,
 * "signatures":[{"keyid":..,"sig":<base64>}]}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param payloadType the payload's media type ({@link ArtifactBundle#PAYLOAD_TYPE})
 * @param payload the signed bytes
 * @param signatures the signatures, in order
 */
public record SignedBundle(String payloadType, byte[] payload, List<Signature> signatures) {
  /**
   * One signature.
   *
   * @param keyId the signing key's id
   * @param sig the signature bytes
   */
  public record Signature(String keyId, byte[] sig) {
    /** Creates a signature. */
    public Signature {
      Req.nonEmpty(keyId, "Signature.keyId");
      sig = sig.clone();
    }

    /** The signature bytes (a copy). */
    @Override
    public byte[] sig() {
      return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s && s.keyId.equals(keyId) && java.util.Arrays.equals(s.sig, sig);
    }

    @Override
    public int hashCode() {
      return keyId.hashCode() * 31 + java.util.Arrays.hashCode(sig);
    }

    @Override
    public String toString() {
      return "Signature[" + keyId + "]";
    }
  }

  /** Creates an envelope (arrays copied). */
  public SignedBundle {
    Req.nonEmpty(payloadType, "payloadType");
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  /** The payload (a copy). */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** An unsigned envelope of {@code bundle}. */
  public static SignedBundle unsigned(ArtifactBundle bundle) {
    return new SignedBundle(ArtifactBundle.PAYLOAD_TYPE, bundle.payload(), List.of());
  }

  /**
   * {@code bundle} signed by each of {@code signers}, in order; a signer that throws gives a coded
   * error ({@code E_GOV_SIGNATURE_INVALID}) and no envelope.
   */
  public static Result<SignedBundle> sign(ArtifactBundle bundle, List<SigningPort> signers) {
    return unsigned(bundle).signedBy(signers);
  }

  /** This envelope with the signatures of {@code signers} added. */
  public Result<SignedBundle> signedBy(List<SigningPort> signers) {
    List<Signature> out = new ArrayList<>(signatures);
    byte[] message = pae(payloadType, payload);
    for (SigningPort s : signers) {
      try {
        byte[] sig = s.sign(message);
        if (sig == null || sig.length == 0) {
          return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "signing port " + s.keyId()
              + " returned no signature"));
        }
        out.add(new Signature(s.keyId(), sig));
      } catch (Exception | StackOverflowError e) {
        return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "signing port " + s.keyId() + " failed: "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      }
    }
    return Result.ok(new SignedBundle(payloadType, payload, out));
  }

  /** The SHA-256 of the payload, lowercase hex (the bundle digest). */
  public String digest() {
    return java.util.HexFormat.of().formatHex(Canonical.sha256(payload));
  }

  /**
   * DSSE's pre-authentication encoding: {@code "DSSEv1" SP len(type) SP type SP len(body) SP body},
   * lengths as ASCII decimal byte counts.
   */
  public static byte[] pae(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + body.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The serialized envelope (canonical JSON, UTF-8). */
  public byte[] toBytes() {
    List<JsonValue> sigs = new ArrayList<>();
    for (Signature s : signatures) {
      sigs.add(JsonObject.builder().put("keyid", s.keyId()).put("sig", Base64.getEncoder().encodeToString(s.sig))
          .build());
    }
    return Canonical.json(JsonObject.builder().put("payloadType", payloadType)
        .put("payload", Base64.getEncoder().encodeToString(payload)).put("signatures", JsonArray.of(sigs)).build())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final Set<String> MEMBERS = Set.of("payloadType", "payload", "signatures");
  private static final Set<String> SIG = Set.of("keyid", "sig");

  /**
   * Reads a serialized envelope: canonical JSON (insignificant whitespace aside), no unknown
   * member, canonical base64. Anything else is {@code E_GOV_SIGNATURE_INVALID}; never throws.
   */
  public static Result<SignedBundle> read(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    SignedBundle fast = Canon.read(bytes);
    if (fast != null) {
      return Result.ok(fast);
    }
    String text = Strict.utf8(bytes);
    if (text == null) {
      return bad("the bundle is not UTF-8");
    }
    Result<JsonValue> parsed = Json.parse(text);
    if (!(parsed instanceof Result.Ok<JsonValue> ok) || !(ok.get() instanceof JsonObject o)) {
      return bad("the bundle is not a JSON object" + (parsed.isOk() ? "" : ": "
          + parsed.diagnostics().get(0).message()));
    }
    Diagnostic d = Strict.members("the bundle envelope", o, MEMBERS, MEMBERS);
    if (d != null) {
      return Result.failed(d);
    }
    String type = Strict.text(o, "payloadType");
    byte[] payload = Strict.base64(Strict.text(o, "payload"));
    if (type == null || type.isEmpty() || payload == null) {
      return bad("the bundle envelope needs a payloadType and a canonical base64 payload");
    }
    if (!(o.getOrNull("signatures") instanceof JsonArray arr)) {
      return bad("the bundle envelope's signatures are not a list");
    }
    List<Signature> sigs = new ArrayList<>();
    for (JsonValue v : arr.items()) {
      if (!(v instanceof JsonObject s) || (d = Strict.members("a signature", s, SIG, SIG)) != null) {
        return d != null ? Result.failed(d) : bad("a signature is {keyid, sig}");
      }
      String keyId = Strict.text(s, "keyid");
      byte[] sig = Strict.base64(Strict.text(s, "sig"));
      if (keyId == null || keyId.isEmpty() || sig == null || sig.length == 0) {
        return bad("a signature needs a keyid and canonical base64 sig");
      }
      sigs.add(new Signature(keyId, sig));
    }
    // canonical form, built from the parts: the payload's base64 was checked canonical above, so it
    // is written as it is (no escaping pass over the largest string of the document)
    String canonical = "{\"payload\":\"" + Strict.text(o, "payload") + "\",\"payloadType\":"
        + Canonical.json(o.getOrNull("payloadType")) + ",\"signatures\":" + Canonical.json(arr) + "}";
    if (!Strict.canonicalText(canonical, text)) {
      return bad("the bundle envelope is not in canonical form (member order, escapes or number form differ from"
          + " what was signed)");
    }
    return Result.ok(new SignedBundle(type, payload, sigs));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedBundle b && b.payloadType.equals(payloadType) && java.util.Arrays.equals(b.payload, payload)
        && b.signatures.equals(signatures);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "SignedBundle[" + payloadType + ", " + payload.length + " bytes, " + signatures + "]";
  }

  private static <T> Result<T> bad(String message) {
    return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, message));
  }

  /**
   * The fast path of {@link #read}: an envelope that is byte for byte canonical (no whitespace at
   * all), with ASCII type and key ids needing no escapes and canonical base64, read by one scan
   * without building a JSON tree. Anything else returns null and takes the general path, which
   * accepts exactly what this accepts plus insignificant whitespace, and refuses the rest with the
   * precise reason.
   */
  private static final class Canon {
    private final byte[] b;
    private int i;

    private Canon(byte[] b) {
      this.b = b;
    }

    static SignedBundle read(byte[] bytes) {
      try {
        return new Canon(bytes).envelope();
      } catch (IllegalArgumentException e) { // base64 the decoder refuses
        return null;
      }
    }

    private SignedBundle envelope() {
      if (!literal("{\"payload\":\"")) {
        return null;
      }
      byte[] payload = base64();
      if (payload == null || !literal("\",\"payloadType\":\"")) {
        return null;
      }
      String type = plain();
      if (type == null || type.isEmpty() || !literal("\",\"signatures\":[")) {
        return null;
      }
      List<Signature> sigs = new ArrayList<>();
      if (!literal("]")) {
        do {
          if (!literal("{\"keyid\":\"")) {
            return null;
          }
          String keyId = plain();
          if (keyId == null || keyId.isEmpty() || !literal("\",\"sig\":\"")) {
            return null;
          }
          byte[] sig = base64();
          if (sig == null || sig.length == 0 || !literal("\"}")) {
            return null;
          }
          sigs.add(new Signature(keyId, sig));
        } while (literal(","));
        if (!literal("]")) {
          return null;
        }
      }
      return literal("}") && i == b.length ? new SignedBundle(type, payload, sigs) : null;
    }

    private boolean literal(String s) {
      int n = s.length();
      if (i + n > b.length) {
        return false;
      }
      for (int k = 0; k < n; k++) {
        if (b[i + k] != (byte) s.charAt(k)) {
          return false;
        }
      }
      i += n;
      return true;
    }

    /** Printable ASCII without quote or backslash, up to the closing quote (not consumed). */
    private String plain() {
      int start = i;
      while (i < b.length && b[i] != '"') {
        int c = b[i];
        if (c < 0x20 || c > 0x7e || c == '\\') {
          return null;
        }
        i++;
      }
      return i < b.length ? new String(b, start, i - start, StandardCharsets.US_ASCII) : null;
    }

    /** Canonical padded base64 up to the closing quote (not consumed), decoded; null when it is not. */
    private byte[] base64() {
      int start = i;
      while (i < b.length && b[i] != '"') {
        i++;
      }
      int len = i - start;
      if (i == b.length || len % 4 != 0) {
        return null;
      }
      java.nio.ByteBuffer decoded = java.util.Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(b, start, len));
      byte[] out = decoded.arrayOffset() == 0 && decoded.remaining() == decoded.array().length ? decoded.array()
          : java.util.Arrays.copyOfRange(decoded.array(), decoded.arrayOffset() + decoded.position(),
              decoded.arrayOffset() + decoded.limit());
      if (len > 0) {
        // canonical: the bits after the last full byte are zero (re-encoding gives the same text)
        int pad = b[i - 1] == '=' ? (b[i - 2] == '=' ? 2 : 1) : 0;
        if (pad > 0) {
          int last = value(b[i - 1 - pad]);
          if (last < 0 || (pad == 2 ? (last & 0x0f) : (last & 0x03)) != 0) {
            return null;
          }
        }
      }
      return out;
    }

    private static int value(byte c) {
      if (c >= 'A' && c <= 'Z') {
        return c - 'A';
      }
      if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
      }
      if (c >= '0' && c <= '9') {
        return c - '0' + 52;
      }
      return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
  }
}
