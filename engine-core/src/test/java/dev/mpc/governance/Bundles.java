package dev.mpc.governance;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: small artifacts, keys from fixed seeds, fixed clocks. */
final class Bundles {
  private Bundles() {}

  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  /** An artifact of {@code n} Policy definitions. */
  static Artifact artifact(int n) {
    List<AstNode> defs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      defs.add(AstNode.of("Policy", "p" + i, null, JsonObject.builder().put("effect", i % 2 == 0 ? "allow" : "deny")
          .put("priority", i % 10).build(), List.of()));
    }
    return Artifact.of(ManifestAst.of(defs), DomainMeta.EMPTY, "0.1.0");
  }

  static ArtifactBundle bundle(int n, Attestation... attestations) {
    return ArtifactBundle.of(artifact(n), "mpc-jvm", "preset-generic-full", List.of(), List.of(attestations));
  }

  static Ed25519.KeyPair key(int seed) {
    byte[] s = new byte[32];
    new java.util.Random(seed).nextBytes(s);
    return Ed25519.fromPrivate(s).orElseThrow();
  }

  static Ed25519.KeyPair randomKey() {
    return Ed25519.generate(new SecureRandom());
  }

  static TrustStore trust(TrustStore.TrustedKey... keys) {
    return TrustStore.of(List.of(keys)).orElseThrow();
  }

  static BundleVerifier verifier(VerificationPort trust, Instant at, String... required) {
    return BundleVerifier.builder().trust(trust).clock(at(at)).requireAttestations(required).build().orElseThrow();
  }

  static byte[] signed(ArtifactBundle b, Ed25519.KeyPair... keys) {
    List<SigningPort> ports = new ArrayList<>();
    for (Ed25519.KeyPair k : keys) {
      ports.add(Ed25519.signer(k));
    }
    return SignedBundle.sign(b, ports).orElseThrow().toBytes();
  }
}
