package dev.mpc.governance;

import java.util.Objects;
import java.util.Optional;

/**
 * A bundle that passed {@link BundleVerifier#verify}: what it carries, its digest, and the key
 * whose signature verified (empty only for an unsigned bundle accepted in standard mode).
 *
 * @param bundle the bundle
 * @param digest the SHA-256 of its payload, lowercase hex
 * @param keyId the id of the trusted key whose signature verified
 */
public record VerifiedBundle(ArtifactBundle bundle, String digest, Optional<String> keyId) {
  /** Creates a verified bundle. */
  public VerifiedBundle {
    Objects.requireNonNull(bundle, "bundle");
    Req.nonEmpty(digest, "digest");
    Objects.requireNonNull(keyId, "keyId");
  }
}
