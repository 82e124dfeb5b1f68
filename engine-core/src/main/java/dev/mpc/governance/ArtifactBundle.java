package dev.mpc.governance;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.governance.internal.Strict;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a bundle carries and a signature covers: the compiled artifact, its provenance, its
 * attestations (contents included) and an optional SBOM. Its payload ({@link #payload()}) is the
 * canonical JSON of {@link #toJson()} in UTF-8: the bytes a {@link SignedBundle} signs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param artifact the compiled artifact
 * @param provenance where it comes from (its hashes must be the artifact's)
 * @param attestations statements about it, in order
 * @param sbom the software bill of materials of the toolchain that built it, if any
 */
public record ArtifactBundle(Artifact artifact, BundleProvenance provenance, List<Attestation> attestations,
    Optional<JsonObject> sbom) {
  /** The payload format. */
  public static final String FORMAT = "mpc-bundle-v2";
  /** The DSSE payload type of a bundle payload. */
  public static final String PAYLOAD_TYPE = "application/vnd.mpc.bundle+json";

  private static final Set<String> MEMBERS = Set.of("format", "artifact", "provenance", "attestations", "sbom");
  private static final Set<String> REQUIRED = Set.of("format", "artifact", "provenance", "attestations");
  private static final Set<String> PROVENANCE = Set.of("astHash", "metaHash", "artifactHash", "engine",
      "engineVersion", "preset", "plugins");
  private static final Set<String> ATTESTATION = Set.of("type", "content");

  /**
   * Creates a bundle.
   *
   * @throws IllegalArgumentException if the provenance's hashes are not the artifact's
   */
  public ArtifactBundle {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(provenance, "provenance");
    attestations = List.copyOf(attestations);
    Objects.requireNonNull(sbom, "sbom");
    if (!provenance.artifactHash().equals(artifact.hash())
        || !provenance.astHash().equals(artifact.provenance().astHash())
        || !provenance.metaHash().equals(artifact.provenance().metaHash())) {
      throw new IllegalArgumentException("the provenance's hashes are not the artifact's");
    }
  }

  /** A bundle of {@code artifact} with provenance derived from it and these attestations. */
  public static ArtifactBundle of(Artifact artifact, String engine, String preset, List<String> plugins,
      List<Attestation> attestations) {
    return new ArtifactBundle(artifact, new BundleProvenance(artifact.provenance().astHash(),
        artifact.provenance().metaHash(), artifact.hash(), engine, artifact.provenance().engineVersion(), preset,
        plugins), attestations, Optional.empty());
  }

  /** Whether an attestation of {@code type} is present. */
  public boolean hasAttestation(String type) {
    return attestations.stream().anyMatch(a -> a.type().equals(type));
  }

  /** The JSON form. */
  public JsonObject toJson() {
    List<JsonValue> atts = new ArrayList<>();
    for (Attestation a : attestations) {
      atts.add(JsonObject.builder().put("type", a.type()).put("content", a.content()).build());
    }
    JsonObject.Builder p = JsonObject.builder().put("astHash", provenance.astHash())
        .put("metaHash", provenance.metaHash()).put("artifactHash", provenance.artifactHash())
        .put("engine", provenance.engine()).put("engineVersion", provenance.engineVersion())
        .put("preset", provenance.preset())
        .put("plugins", JsonArray.of(provenance.plugins().stream().map(JsonString::of).toList()));
    JsonObject.Builder b = JsonObject.builder().put("format", FORMAT).put("artifact", artifact.toJson())
        .put("provenance", p.build()).put("attestations", JsonArray.of(atts));
    sbom.ifPresent(s -> b.put("sbom", s));
    return b.build();
  }

  /** The payload: the canonical JSON of {@link #toJson()}, UTF-8. */
  public byte[] payload() {
    return Canonical.json(toJson()).getBytes(StandardCharsets.UTF_8);
  }

  /** The SHA-256 of the payload, lowercase hex: the bundle's digest. */
  public String digest() {
    return digestOf(payload());
  }

  /** The digest of a payload as it travels (lowercase hex SHA-256), before it is read or verified. */
  public static String digestOf(byte[] payload) {
    return java.util.HexFormat.of().formatHex(Canonical.sha256(payload));
  }

  /**
   * Reads a payload: canonical JSON of a bundle whose artifact verifies ({@link Artifact#fromJson})
   * and whose provenance matches it. Never throws for bad input.
   */
  public static Result<ArtifactBundle> fromPayload(byte[] payload) {
    String text = Strict.utf8(payload);
    if (text == null) {
      return invalid("the bundle payload is not UTF-8");
    }
    Result<JsonValue> parsed = Json.parse(text);
    if (!(parsed instanceof Result.Ok<JsonValue> ok) || !(ok.get() instanceof JsonObject o)) {
      return invalid("the bundle payload is not a JSON object");
    }
    Diagnostic d = Strict.canonical("the bundle payload", text, o);
    if (d == null) {
      d = Strict.members("the bundle payload", o, MEMBERS, REQUIRED);
    }
    if (d != null) {
      return Result.failed(d);
    }
    if (!FORMAT.equals(Strict.text(o, "format"))) {
      return invalid("the bundle payload format is not " + FORMAT);
    }
    Result<Artifact> artifact = Artifact.fromJson(o.getOrNull("artifact"));
    if (!(artifact instanceof Result.Ok<Artifact> a)) {
      Diagnostic first = artifact.diagnostics().get(0);
      return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "the bundle's artifact does not verify: "
          + first.message()).withCauses(artifact.diagnostics()));
    }
    Result<Header> header = header(o);
    if (!(header instanceof Result.Ok<Header> h)) {
      return Result.failed(header.diagnostics());
    }
    try {
      return Result.ok(new ArtifactBundle(a.get(), h.get().provenance(), h.get().attestations(), h.get().sbom()));
    } catch (IllegalArgumentException e) {
      return invalid("the bundle provenance does not match its artifact: " + e.getMessage());
    }
  }

  /** What a bundle says besides its artifact. */
  record Header(BundleProvenance provenance, List<Attestation> attestations, Optional<JsonObject> sbom) {}

  /**
   * Reads everything of a payload but the artifact, which is only checked to be well-formed JSON
   * (for verification: the artifact is read and verified by {@link #fromPayload}). The format and
   * members are checked as strictly as there; canonical form and the artifact are not.
   */
  static Result<Header> readHeader(byte[] payload) {
    Result<JsonObject> parsed = Json.parseSkipping(payload, Set.of("artifact"), dev.mpc.json.JsonLimits.defaults());
    if (!(parsed instanceof Result.Ok<JsonObject> ok)) {
      return invalid("the bundle payload is not a JSON object: " + parsed.diagnostics().get(0).message());
    }
    JsonObject o = ok.get();
    Diagnostic d = Strict.members("the bundle payload", o, MEMBERS, REQUIRED);
    if (d != null) {
      return Result.failed(d);
    }
    if (!FORMAT.equals(Strict.text(o, "format"))) {
      return invalid("the bundle payload format is not " + FORMAT);
    }
    return header(o);
  }

  private static Result<Header> header(JsonObject o) {
    Diagnostic d = null;
    if (!(o.getOrNull("provenance") instanceof JsonObject p)
        || (d = Strict.members("the bundle provenance", p, PROVENANCE, PROVENANCE)) != null) {
      return d != null ? Result.failed(d) : invalid("the bundle provenance is not an object");
    }
    List<String> plugins = new ArrayList<>();
    if (!(p.getOrNull("plugins") instanceof JsonArray pl)) {
      return invalid("the bundle provenance's plugins are not a list");
    }
    for (JsonValue v : pl.items()) {
      if (!(v instanceof JsonString s) || s.value().isEmpty()) {
        return invalid("a plugin name is not a non-empty string");
      }
      plugins.add(s.value());
    }
    List<Attestation> atts = new ArrayList<>();
    if (!(o.getOrNull("attestations") instanceof JsonArray al)) {
      return invalid("the bundle's attestations are not a list");
    }
    for (JsonValue v : al.items()) {
      if (!(v instanceof JsonObject ao) || (d = Strict.members("an attestation", ao, ATTESTATION, ATTESTATION)) != null
          || !(ao.getOrNull("content") instanceof JsonObject content) || Strict.text(ao, "type") == null
          || Strict.text(ao, "type").isEmpty()) {
        return d != null ? Result.failed(d) : invalid("an attestation is not {type, content}");
      }
      atts.add(new Attestation(Strict.text(ao, "type"), content));
    }
    Optional<JsonObject> sbom = Optional.empty();
    if (o.members().containsKey("sbom")) {
      if (!(o.getOrNull("sbom") instanceof JsonObject s)) {
        return invalid("the bundle's sbom is not an object");
      }
      sbom = Optional.of(s);
    }
    String astHash = Strict.text(p, "astHash");
    try {
      return Result.ok(new Header(new BundleProvenance(astHash, Strict.text(p, "metaHash"), Strict.text(p, "artifactHash"),
          Strict.text(p, "engine"), Strict.text(p, "engineVersion"), Strict.text(p, "preset"), plugins), atts, sbom));
    } catch (IllegalArgumentException | NullPointerException e) {
      return invalid("the bundle provenance is not valid: " + e.getMessage());
    }
  }

  private static <T> Result<T> invalid(String message) {
    return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, message));
  }
}
