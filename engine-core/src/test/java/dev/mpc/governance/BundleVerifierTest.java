package dev.mpc.governance;

import static dev.mpc.governance.Bundles.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleVerifierTest {
  private static final Ed25519.KeyPair K1 = Bundles.key(1);
  private static final Ed25519.KeyPair K2 = Bundles.key(2);

  private static Code code(Result<?> r) {
    assertFalse(r.isOk(), () -> "expected a refusal, got " + r);
    return r.diagnostics().get(0).code();
  }

  @Test
  void signedBundle_verifies_withItsKeyIdDigestAndArtifact() {
    ArtifactBundle b = Bundles.bundle(3, new Attestation(Attestation.PRESET_APPLIED,
        JsonObject.builder().put("preset", "preset-generic-full").build()));
    byte[] bytes = Bundles.signed(b, K1);
    VerifiedBundle v = Bundles.verifier(Bundles.trust(TrustStore.TrustedKey.of(K1.publicKey())), T0,
        Attestation.PRESET_APPLIED).verify(bytes).orElseThrow();
    assertEquals(Optional.of(K1.keyId()), v.keyId());
    assertEquals(b.digest(), v.digest());
    assertEquals(b.artifact().hash(), v.artifactHash());
    assertEquals(b.provenance(), v.provenance());
    assertEquals(b.attestations(), v.attestations());
    assertEquals(b, v.load().orElseThrow());
  }

  @Test
  void unsigned_isRequiredInEnterprise_acceptedInStandard() {
    byte[] bytes = SignedBundle.unsigned(Bundles.bundle(2)).toBytes();
    TrustStore t = Bundles.trust(TrustStore.TrustedKey.of(K1.publicKey()));
    assertEquals(Code.E_GOV_SIGNATURE_REQUIRED, code(Bundles.verifier(t, T0).verify(bytes)));
    BundleVerifier standard = BundleVerifier.builder().trust(t).clock(Bundles.at(T0))
        .mode(BundleVerifier.Mode.STANDARD).build().orElseThrow();
    assertEquals(Optional.empty(), standard.verify(bytes).orElseThrow().keyId());
  }

  @Test
  void unknownKey_badSignature_wrongPayloadType_areInvalid_evenInStandardMode() {
    ArtifactBundle b = Bundles.bundle(2);
    TrustStore onlyK2 = Bundles.trust(TrustStore.TrustedKey.of(K2.publicKey()));
    Result<VerifiedBundle> unknown = Bundles.verifier(onlyK2, T0).verify(Bundles.signed(b, K1));
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(unknown));
    assertTrue(unknown.diagnostics().get(0).message().contains("unknown key"), unknown.diagnostics().toString());
    BundleVerifier standard = BundleVerifier.builder().trust(onlyK2).mode(BundleVerifier.Mode.STANDARD).build()
        .orElseThrow();
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(standard.verify(Bundles.signed(b, K1))));
    // K1's signature presented under K2's key id
    SignedBundle real = SignedBundle.read(Bundles.signed(b, K1)).orElseThrow();
    SignedBundle forged = new SignedBundle(real.payloadType(), real.payload(),
        List.of(new SignedBundle.Signature(K2.keyId(), real.signatures().get(0).sig())));
    Result<VerifiedBundle> bad = Bundles.verifier(onlyK2, T0).verify(forged.toBytes());
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(bad));
    assertTrue(bad.diagnostics().get(0).message().contains("does not verify"));
    SignedBundle otherType = new SignedBundle("application/json", real.payload(), real.signatures());
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(Bundles.verifier(onlyK2, T0).verify(otherType)));
  }

  @Test
  void payloadSwap_underAValidEnvelope_isRefused() {
    SignedBundle one = SignedBundle.read(Bundles.signed(Bundles.bundle(2), K1)).orElseThrow();
    SignedBundle swapped = new SignedBundle(one.payloadType(), Bundles.bundle(3).payload(), one.signatures());
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(Bundles.verifier(Bundles.trust(TrustStore.TrustedKey.of(
        K1.publicKey())), T0).verify(swapped)));
  }

  @Test
  void rotation_overlappingWindows_andExpiryAndRevocation() {
    Instant t1 = T0.plus(Duration.ofDays(30));
    Instant t2 = T0.plus(Duration.ofDays(60));
    TrustStore t = Bundles.trust(TrustStore.TrustedKey.of(K1.publicKey()).validBetween(T0, t2),
        TrustStore.TrustedKey.of(K2.publicKey()).validBetween(t1, t2.plus(Duration.ofDays(365))));
    ArtifactBundle b = Bundles.bundle(2);
    byte[] byOld = Bundles.signed(b, K1);
    byte[] byNew = Bundles.signed(b, K2);
    // before the overlap only the old key, during it both, after it only the new one
    assertTrue(Bundles.verifier(t, T0).verify(byOld).isOk());
    Result<VerifiedBundle> early = Bundles.verifier(t, T0).verify(byNew);
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(early));
    assertTrue(early.diagnostics().get(0).message().contains("not valid yet"));
    assertTrue(Bundles.verifier(t, t1).verify(byOld).isOk());
    assertTrue(Bundles.verifier(t, t1).verify(byNew).isOk());
    Result<VerifiedBundle> expired = Bundles.verifier(t, t2).verify(byOld);
    assertTrue(expired.diagnostics().get(0).message().contains("expired"));
    assertTrue(Bundles.verifier(t, t2).verify(byNew).isOk());
    // a bundle signed by both keys verifies while either is valid
    byte[] byBoth = Bundles.signed(b, K1, K2);
    assertEquals(Optional.of(K2.keyId()), Bundles.verifier(t, t2).verify(byBoth).orElseThrow().keyId());
    TrustStore revoked = Bundles.trust(TrustStore.TrustedKey.of(K1.publicKey()).asRevoked());
    Result<VerifiedBundle> r = Bundles.verifier(revoked, T0).verify(byOld);
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(r));
    assertTrue(r.diagnostics().get(0).message().contains("revoked"));
  }

  @Test
  void missingAttestation_isCoded_andAttestationContentIsSigned() {
    ArtifactBundle b = Bundles.bundle(2, new Attestation(Attestation.PRESET_APPLIED,
        JsonObject.builder().put("preset", "a").build()));
    TrustStore t = Bundles.trust(TrustStore.TrustedKey.of(K1.publicKey()));
    Result<VerifiedBundle> r = Bundles.verifier(t, T0, Attestation.CONFORMANCE_PASSED).verify(Bundles.signed(b, K1));
    assertEquals(Code.E_GOV_ATTESTATION_MISSING, code(r));
    assertTrue(r.diagnostics().get(0).message().contains(Attestation.CONFORMANCE_PASSED));
    // change the attestation's content after signing: the payload no longer verifies
    SignedBundle env = SignedBundle.read(Bundles.signed(b, K1)).orElseThrow();
    String payload = new String(env.payload(), StandardCharsets.UTF_8).replace("\"preset\":\"a\"", "\"preset\":\"b\"");
    SignedBundle edited = new SignedBundle(env.payloadType(), payload.getBytes(StandardCharsets.UTF_8),
        env.signatures());
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(Bundles.verifier(t, T0).verify(edited)));
  }

  @Test
  void throwingPorts_giveCodedErrors_neverExceptions() {
    SigningPort broken = new SigningPort() {
      @Override
      public String keyId() {
        return "kms-1";
      }

      @Override
      public byte[] sign(byte[] message) throws Exception {
        throw new java.io.IOException("KMS unreachable");
      }
    };
    Result<SignedBundle> s = SignedBundle.sign(Bundles.bundle(1), List.of(broken));
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(s));
    assertTrue(s.diagnostics().get(0).message().contains("KMS unreachable"));
    VerificationPort throwing = (k, m, sig, at) -> {
      throw new IllegalStateException("HSM down");
    };
    Result<VerifiedBundle> v = Bundles.verifier(throwing, T0).verify(Bundles.signed(Bundles.bundle(1), K1));
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(v));
    assertTrue(v.diagnostics().get(0).message().contains("verification port failed"));
  }

  @Test
  void keyFilesAndTrustStores_roundTrip_andRefuseMismatchedIds() {
    Ed25519.KeyPair k = Bundles.randomKey();
    assertEquals(k, Ed25519.readPrivate(k.privateKeyJson()).orElseThrow());
    TrustStore.TrustedKey pub = Ed25519.readPublic(k.publicKeyJson()).orElseThrow();
    assertEquals(k.keyId(), pub.keyId());
    TrustStore t = Bundles.trust(pub.validBetween(T0, T0.plusSeconds(60)), TrustStore.TrustedKey.of(K1.publicKey())
        .asRevoked());
    assertEquals(t.keys(), TrustStore.fromJson(t.toJson()).orElseThrow().keys());
    assertEquals(List.of(pub), TrustStore.fromJson(k.publicKeyJson()).orElseThrow().keys());
    String wrongId = k.publicKeyJson().replace(k.keyId(), K1.keyId());
    assertFalse(Ed25519.readPublic(wrongId).isOk());
    assertFalse(TrustStore.fromJson("{\"keys\":[{\"keyid\":\"x\"}]}").isOk());
    assertFalse(TrustStore.fromJson("[]").isOk());
    assertFalse(k.toString().contains(java.util.Base64.getEncoder().encodeToString(k.privateKey())));
    assertFalse(BundleVerifier.builder().build().isOk());
  }
}
