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
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
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
}
