package dev.mpc.governance;

import java.time.Instant;

/**
 * Checks one signature with the key a key id names. The default is a {@link TrustStore} of Ed25519
 * keys; a host may implement it over a KMS. Called on the verifying thread; it must not throw for a
 * bad signature (answer {@link KeyCheck#BAD_SIGNATURE}); a throw is treated as a failed check.
 */
public interface VerificationPort {
  /** What checking a signature found. */
  enum KeyCheck {
    /** The key is trusted at that time and the signature is valid. */
    VALID,
    /** The key is trusted but the signature does not verify. */
    BAD_SIGNATURE,
    /** No key with that id is trusted. */
    UNKNOWN_KEY,
    /** The key's validity window has not started. */
    NOT_YET_VALID,
    /** The key's validity window has ended. */
    EXPIRED,
    /** The key was revoked. */
    REVOKED
  }

  /** Checks {@code signature} over {@code message} with key {@code keyId}, at time {@code at}. */
  KeyCheck verify(String keyId, byte[] message, byte[] signature, Instant at);
}
