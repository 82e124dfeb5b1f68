package dev.mpc.governance;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.Actor;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.ObjectRef;
import dev.mpc.engine.MpcEngine;
import dev.mpc.json.JsonObject;
import dev.mpc.meta.DomainMeta;
import java.time.Instant;
import java.util.List;

/** Test helpers for the governed runtime: artifacts that decide differently, signed bundles, runtimes. */
final class Governed {
  private Governed() {}

  static final Ed25519.KeyPair KEY = Bundles.key(7);
  static final Scope SCOPE = new Scope("acme", "orders");

  /** One policy of effect {@code effect} matching everything, plus (when {@code acl}) an ACL allowing all. */
  static Artifact artifact(String effect, boolean acl, String tag) {
    List<AstNode> defs = new java.util.ArrayList<>();
    defs.add(AstNode.of("Policy", "p-" + tag, null, JsonObject.builder().put("effect", effect).build(), List.of()));
    if (acl) {
      defs.add(AstNode.of("ACL", "a-" + tag, null, JsonObject.builder().put("action", "update").put("resource", "Order")
          .put("roles", dev.mpc.json.JsonArray.of(List.of(new dev.mpc.json.JsonString("clerk")))).build(), List.of()));
    }
    return Artifact.of(ManifestAst.of(defs), DomainMeta.EMPTY, "0.1.0");
  }

  static byte[] bundle(Artifact a) {
    ArtifactBundle b = ArtifactBundle.of(a, "mpc-jvm", "preset-generic-full", List.of(),
        List.of(new Attestation(Attestation.PRESET_APPLIED, JsonObject.builder().put("preset", "preset-generic-full")
            .build())));
    return SignedBundle.sign(b, List.of(Ed25519.signer(KEY))).orElseThrow().toBytes();
  }

  static MpcEngine engine() {
    return MpcEngine.builder().build().orElseThrow();
  }

  static BundleVerifier verifier(VerificationPort trust) {
    return Bundles.verifier(trust, Bundles.T0, Attestation.PRESET_APPLIED);
  }

  static TrustStore trust() {
    return Bundles.trust(TrustStore.TrustedKey.of(KEY.publicKey()));
  }

  /** Shared stores, as several instances behind a load balancer would share a database. */
  record Stores(ActivePointerStore pointers, ActivationLedger ledger, BundleStore bundles) {
    static Stores inMemory() {
      return new Stores(ActivePointerStore.inMemory(), ActivationLedger.inMemory(), BundleStore.inMemory());
    }

    GovernedRuntime.Builder runtime() {
      return GovernedRuntime.builder().engine(engine()).verifier(verifier(trust())).pointers(pointers).ledger(ledger)
          .bundles(bundles).clock(Bundles.at(Bundles.T0));
    }
  }

  static EventEnvelope event(String name, EventKind kind) {
    return EventEnvelope.of(name, kind, Instant.parse("2026-01-01T00:00:00Z"), Actor.user("u-1", "clerk"),
        ObjectRef.of("Order", "o-1"));
  }

  static EventEnvelope write() {
    return event("order.update", EventKind.UPDATE);
  }
}
