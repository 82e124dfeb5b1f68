package dev.mpc.examples.alm;

import dev.mpc.artifact.Artifact;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ActivationResult;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.SignedBundle;
import dev.mpc.governance.SigningPort;
import dev.mpc.spring.MpcManifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Replaces the starter's start-up activation (same bean name): compiles the shipped
 * {@code manifests/alm.mpc}, signs it with the service key and activates it into
 * {@link Tenants#DEFAULT} with the idempotency key {@code default:<digest>}, after Flyway (the
 * stores wait for the migrations). Every instance does this; the first activates, the others
 * replay. A failure stops start-up.
 */
@Component("mpcStartupActivation")
public class DefaultRules implements InitializingBean {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultRules.class);
  private final MpcManifests manifests;
  private final GovernedRuntime runtime;
  private final SigningPort signer;
  private volatile byte[] bundle;
  private volatile String hash;

  DefaultRules(MpcManifests manifests, GovernedRuntime runtime, SigningPort signer) {
    this.manifests = manifests;
    this.runtime = runtime;
    this.signer = signer;
  }

  /** The signed bundle of the default rules (what a new tenant starts with). */
  byte[] bundle() {
    return bundle.clone();
  }

  /** The artifact hash of the default rules. */
  String hash() {
    return hash;
  }

  @Override
  public void afterPropertiesSet() throws IOException {
    String text;
    try (InputStream in = DefaultRules.class.getResourceAsStream("/manifests/alm.mpc")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Artifact a = manifests.compileOrThrow(text, dev.mpc.dsl.Syntax.DSL);
    byte[] signed = SignedBundle.sign(ArtifactBundle.of(a, MpcEngine.ENGINE_NAME, "preset-generic-full", List.of(),
        List.of()), List.of(signer)).orElseThrow().toBytes();
    ActivationResult r = runtime.activate(Tenants.DEFAULT, signed, "default:" + a.hash(), "alm-service");
    if (!r.success()) {
      throw new IllegalStateException("the default rules were not activated: " + r.errors());
    }
    runtime.refresh(Tenants.DEFAULT);
    this.bundle = signed;
    this.hash = a.hash();
    LOG.info("default rules {} active in {} (sequence {}{})", a.hash(), Tenants.DEFAULT, r.sequence(),
        r.replayed() ? ", activated earlier" : "");
  }
}
