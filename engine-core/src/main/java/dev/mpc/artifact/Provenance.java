package dev.mpc.artifact;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import java.util.Objects;

/**
 * Where an artifact comes from, and its identity: {@code artifactHash} is the stable hash of
 * {@code {"astHash","metaHash","engineVersion"}} (pipeline.md §13.2, upstream compatible), so the
 * same manifest, DomainMeta and engine version give the same artifact hash on every machine.
 *
 * <p>Immutable and thread-safe.
 *
 * @param astHash stable hash of the manifest's canonical form
 * @param metaHash stable hash of the DomainMeta's hash form
 * @param engineVersion version of the engine that compiled it
 * @param artifactHash the artifact's identity
 * @param canonicalization the canonical-form profile ({@value #CANON_V1})
 * @param hashAlgorithm the digest ({@value #SHA256})
 */
public record Provenance(
    String astHash, String metaHash, String engineVersion, String artifactHash, String canonicalization,
    String hashAlgorithm) {
  /** The upstream-compatible canonical form. */
  public static final String CANON_V1 = "mpc-canon-v1";
  /** SHA-256, lowercase hex. */
  public static final String SHA256 = "sha256";

  /** Creates provenance. */
  public Provenance {
    Objects.requireNonNull(astHash, "astHash");
    Objects.requireNonNull(metaHash, "metaHash");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(artifactHash, "artifactHash");
    Objects.requireNonNull(canonicalization, "canonicalization");
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
  }

  /** Provenance for these hashes, computing the artifact hash. */
  public static Provenance of(String astHash, String metaHash, String engineVersion) {
    return new Provenance(astHash, metaHash, engineVersion, artifactHash(astHash, metaHash, engineVersion), CANON_V1,
        SHA256);
  }

  /** The artifact hash of an (astHash, metaHash, engineVersion) triple. */
  public static String artifactHash(String astHash, String metaHash, String engineVersion) {
    return Canonical.stableHash(JsonObject.builder().put("astHash", astHash).put("metaHash", metaHash)
        .put("engineVersion", engineVersion).build());
  }

  /** The JSON form. */
  public JsonObject toJson() {
    return JsonObject.builder().put("astHash", astHash).put("metaHash", metaHash).put("engineVersion", engineVersion)
        .put("artifactHash", artifactHash).put("canonicalization", canonicalization).put("hashAlgorithm", hashAlgorithm)
        .build();
  }
}
