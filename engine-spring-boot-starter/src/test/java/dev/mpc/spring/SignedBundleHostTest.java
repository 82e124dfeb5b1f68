package dev.mpc.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.Ed25519;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import dev.mpc.governance.SignedBundle;
import dev.mpc.governance.TrustStore;
import dev.mpc.preset.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code mpc.bundle} + {@code mpc.trust-store}: a signed bundle is verified (enterprise mode, the
 * default with a trust store) and activated at start-up; an unsigned or foreign-signed one stops
 * start-up with one line naming the setting and the code.
 */
class SignedBundleHostTest {
  @TempDir
  static Path dir;
  static Artifact artifact;
  static Ed25519.KeyPair key;
  static Path trust;

  @BeforeAll
  static void sign() throws Exception {
    artifact = Manifests.parseText(Files.readString(Path.of("src/test/resources/orders.mpc")))
        .flatMap(RegistryCompiler.builder().preset(Preset.standard("preset-generic-full"))
            .meta(DomainMetaLoader.fromText(Files.readString(Path.of("src/test/resources/orders-meta.yaml")))
                .orElseThrow()).build()::compile).orElseThrow();
    key = Ed25519.generate(new SecureRandom());
    trust = dir.resolve("trust.json");
    Files.writeString(trust, TrustStore.of(List.of(TrustStore.TrustedKey.of(key.publicKey()))).orElseThrow().toJson());
  }

  private static Path write(String name, SignedBundle b) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, b.toBytes());
    return p;
  }

  private static ConfigurableApplicationContext start(Path bundle) {
    return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.SERVLET)
        .properties("server.port=0", "spring.config.name=bare", "mpc.bundle=file:" + bundle,
            "mpc.trust-store=file:" + trust)
        .run();
  }

  private static ArtifactBundle bundle() {
    return ArtifactBundle.of(artifact, MpcEngine.ENGINE_NAME, "preset-generic-full", List.of(), List.of());
  }

  @Test
  void aSignedBundle_isVerifiedAndActivated_inEnterpriseMode() throws Exception {
    Path signed = write("signed.json", SignedBundle.sign(bundle(), List.of(Ed25519.signer(key))).orElseThrow());
    try (ConfigurableApplicationContext ctx = start(signed)) {
      assertEquals(BundleVerifier.Mode.ENTERPRISE, ctx.getBean(BundleVerifier.class).mode());
      GovernedRuntime rt = ctx.getBean(GovernedRuntime.class);
      assertEquals(artifact.hash(), rt.active(new Scope("default", "default")).orElseThrow().artifactHash());
      assertTrue(rt.readiness().ready());
    }
  }

  @Test
  void anUnsignedOrForeignBundle_stopsStartUp_withOneLine() throws Exception {
    Path unsigned = write("unsigned.json", SignedBundle.unsigned(bundle()));
    Exception e = assertThrows(Exception.class, () -> start(unsigned).close());
    String message = rootMessage(e);
    assertTrue(message.contains("mpc.bundle") && message.contains("E_GOV_SIGNATURE_REQUIRED"), message);
    assertTrue(!message.contains("\n"), "one line: " + message);

    Ed25519.KeyPair other = Ed25519.generate(new SecureRandom());
    Path foreign = write("foreign.json", SignedBundle.sign(bundle(), List.of(Ed25519.signer(other))).orElseThrow());
    String m2 = rootMessage(assertThrows(Exception.class, () -> start(foreign).close()));
    assertTrue(m2.contains("E_GOV_SIGNATURE_INVALID"), m2);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
