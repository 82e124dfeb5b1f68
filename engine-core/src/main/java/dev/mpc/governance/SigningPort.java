package dev.mpc.governance;

/**
 * Signs bundle envelopes. The default is {@link Ed25519#signer}; a host plugs a KMS or HSM in by
 * implementing this. Called on the caller's thread, once per signature; it may block (a KMS call)
 * and may throw: {@link SignedBundle#sign} turns a throw into a coded error, never a half-signed
 * bundle.
 */
public interface SigningPort {
  /** The key id verifiers look the public key up by (in a {@link TrustStore}). */
  String keyId();

  /**
   * The signature of {@code message} (the DSSE pre-authentication encoding of the payload).
   *
   * @throws Exception when the key or the service fails
   */
  byte[] sign(byte[] message) throws Exception;
}
