package dev.mpc.examples.alm;

import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.Ed25519;
import dev.mpc.governance.SigningPort;
import dev.mpc.governance.TrustStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's bundle signing key, derived from {@code SECRET_KEY} (SHA-256 of a label and the
 * key), so every instance signs and verifies with the same Ed25519 key; verification is in
 * enterprise mode: only bundles this service signed are activated.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceKeys {
  /** The signing key pair. */
  @Bean
  Ed25519.KeyPair almSigningKey(AlmEnvironment env) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("mpc-alm-bundle-signing-v1".getBytes(StandardCharsets.UTF_8));
    return Ed25519.fromPrivate(sha.digest(env.secretKey())).orElseThrow();
  }

  /** The signer of uploaded manifests. */
  @Bean
  SigningPort almSigner(Ed25519.KeyPair almSigningKey) {
    return Ed25519.signer(almSigningKey);
  }

  /** Enterprise verification against the service's own key (replaces the starter's verifier). */
  @Bean
  BundleVerifier mpcBundleVerifier(Ed25519.KeyPair almSigningKey) {
    TrustStore trust = TrustStore.of(List.of(TrustStore.TrustedKey.of(almSigningKey.publicKey()))).orElseThrow();
    return BundleVerifier.builder().trust(trust).mode(BundleVerifier.Mode.ENTERPRISE).build().orElseThrow();
  }
}
