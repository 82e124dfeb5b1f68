package dev.mpc.governance;

import static dev.mpc.governance.Bundles.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A signed bundle refuses every change that is not whitespace: each byte flipped in turn (every
 * byte of the envelope, each to several other values), every truncation, and reordered members of
 * the envelope and of the payload. Refusals are coded errors, never exceptions.
 */
class BundleTamperProperties {
  private static final Ed25519.KeyPair KEY = Bundles.key(7);
  private static final byte[] SIGNED = Bundles.signed(Bundles.bundle(2,
      new Attestation(Attestation.PRESET_APPLIED, JsonObject.builder().put("preset", "p").build())), KEY);
  private static final BundleVerifier VERIFIER = Bundles.verifier(Bundles.trust(TrustStore.TrustedKey.of(
      KEY.publicKey())), T0);

  private static boolean whitespaceOnly(byte[] a, byte[] b) {
    String x = new String(a, StandardCharsets.UTF_8);
    String y = new String(b, StandardCharsets.UTF_8);
    return dev.mpc.governance.internal.Strict.withoutWhitespace(x).equals(
        dev.mpc.governance.internal.Strict.withoutWhitespace(y));
  }

  private static void refused(byte[] tampered, String what) {
    Result<VerifiedBundle> r = VERIFIER.verify(tampered);
    assertFalse(r.isOk(), what + " was accepted");
    assertFalse(r.diagnostics().isEmpty(), what);
  }

  @Example
  void theUntamperedBundleVerifies() {
    assertTrue(VERIFIER.verify(SIGNED).isOk());
    assertTrue(VERIFIER.verifyAndLoad(SIGNED).isOk());
  }

  @Example
  void everyByteFlipped_isRefused_unlessOnlyWhitespaceChanged() {
    int[] deltas = {1, 2, 4, 8, 16, 32, 64, 128, 0x20 ^ 0x0a};
    int flips = 0;
    for (int i = 0; i < SIGNED.length; i++) {
      for (int d : deltas) {
        byte[] t = SIGNED.clone();
        t[i] = (byte) (t[i] ^ d);
        if (whitespaceOnly(SIGNED, t)) {
          assertTrue(VERIFIER.verify(t).isOk(), "a whitespace-only change at " + i);
          continue;
        }
        refused(t, "byte " + i + " ^ " + d);
        flips++;
      }
    }
    assertTrue(flips > SIGNED.length * 8, "flips checked: " + flips);
  }

  @Property(tries = 200)
  void truncations_areRefused(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
    int n = cut % SIGNED.length;
    byte[] t = java.util.Arrays.copyOf(SIGNED, n);
    refused(t, "truncated to " + n);
  }

  @Example
  void reorderedMembers_ofEnvelopeAndPayload_areRefused() {
    JsonObject env = (JsonObject) Json.parse(new String(SIGNED, StandardCharsets.UTF_8)).orElseThrow();
    refused(reversed(env).getBytes(StandardCharsets.UTF_8), "reordered envelope");
    SignedBundle s = SignedBundle.read(SIGNED).orElseThrow();
    JsonObject payload = (JsonObject) Json.parse(new String(s.payload(), StandardCharsets.UTF_8)).orElseThrow();
    byte[] reordered = reversed(payload).getBytes(StandardCharsets.UTF_8);
    refused(new SignedBundle(s.payloadType(), reordered, s.signatures()).toBytes(), "reordered payload");
    // the same reordered payload, signed afresh, is authentic but refused on load: payloads must be canonical
    byte[] resigned = new SignedBundle(s.payloadType(), reordered, List.of()).signedBy(List.of(Ed25519.signer(KEY)))
        .orElseThrow().toBytes();
    assertTrue(VERIFIER.verify(resigned).isOk(), "authentic: signed by the trusted key");
    Result<ArtifactBundle> loaded = VERIFIER.verifyAndLoad(resigned);
    assertFalse(loaded.isOk(), "re-signed non-canonical payload was loaded");
    assertTrue(loaded.diagnostics().get(0).message().contains("canonical"), loaded.diagnostics().toString());
    // insignificant whitespace is not a change
    String spaced = new String(SIGNED, StandardCharsets.UTF_8).replace(",\"", ", \"").replace(":", " : ");
    assertTrue(VERIFIER.verify(spaced.getBytes(StandardCharsets.UTF_8)).isOk());
    assertArrayEquals(SIGNED, SignedBundle.read(spaced.getBytes(StandardCharsets.UTF_8)).orElseThrow().toBytes());
  }

  /** {@code o} as JSON text with its members in reverse canonical order. */
  private static String reversed(JsonObject o) {
    List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(o.members().entrySet());
    entries.sort(Map.Entry.comparingByKey(dev.mpc.json.Canonical.CODE_POINT_ORDER.reversed()));
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, JsonValue> e : entries) {
      b.append(b.length() > 1 ? "," : "").append(dev.mpc.json.Canonical.json(dev.mpc.json.JsonString.of(e.getKey())))
          .append(':').append(dev.mpc.json.Canonical.json(e.getValue()));
    }
    return b.append('}').toString();
  }
}
