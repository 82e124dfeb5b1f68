package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle that passed {@link BundleVerifier#verify}: its payload is authentic (signed by a
 * trusted key, unless accepted unsigned in standard mode) and carries the required attestations.
 * What it says about itself (digest, key, provenance, attestations, SBOM) is read; its artifact is
 * loaded and verified by {@link #load()}, which a host calls when it needs the artifact (a
 * {@link GovernedRuntime} does, before it activates) and a gate that only checks authenticity
 * skips.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerifiedBundle {
  private final String digest;
  private final Optional<String> keyId;
  private final BundleProvenance provenance;
  private final List<Attestation> attestations;
  private final Optional<JsonObject> sbom;
  private final byte[] payload;

  /** {@code payload} is kept as given: the verifier passes its own copy. */
  VerifiedBundle(String digest, Optional<String> keyId, ArtifactBundle.Header header, byte[] payload) {
    this.digest = Req.nonEmpty(digest, "digest");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.provenance = header.provenance();
    this.attestations = List.copyOf(header.attestations());
    this.sbom = header.sbom();
    this.payload = payload;
  }

  /** The SHA-256 of the payload, lowercase hex (the bundle digest). */
  public String digest() {
    return digest;
  }

  /** The id of the trusted key whose signature verified (empty only for an unsigned bundle in standard mode). */
  public Optional<String> keyId() {
    return keyId;
  }

  /** The provenance the bundle states (checked against the artifact by {@link #load()}). */
  public BundleProvenance provenance() {
    return provenance;
  }

  /** The hash of the artifact the bundle carries, as its provenance states it. */
  public String artifactHash() {
    return provenance.artifactHash();
  }

  /** The attestations, in order. */
  public List<Attestation> attestations() {
    return attestations;
  }

  /** The SBOM, if any. */
  public Optional<JsonObject> sbom() {
    return sbom;
  }

  /**
   * The bundle with its artifact, read and verified on load (canonical payload, every artifact hash
   * recomputed, provenance matching); {@code E_GOV_SIGNATURE_INVALID} when it does not verify. Each
   * call reads it again: keep the result.
   */
  public Result<ArtifactBundle> load() {
    Result<ArtifactBundle> b = ArtifactBundle.fromPayload(payload);
    if (b instanceof Result.Ok<ArtifactBundle> ok && (!ok.get().provenance().equals(provenance)
        || !ok.get().attestations().equals(attestations) || !ok.get().sbom().equals(sbom))) {
      return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "the bundle reads differently when loaded"));
    }
    return b;
  }

  @Override
  public String toString() {
    return "VerifiedBundle[" + digest + ", key " + keyId.orElse("none") + ", artifact " + artifactHash() + "]";
  }
}
