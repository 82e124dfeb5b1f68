package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies serialized bundles before anything loads them: the envelope is read strictly
 * ({@link SignedBundle#read}), at least one signature must verify with a trusted key at the
 * injected clock's time ({@link VerificationPort}), the payload must be a well-formed bundle of
 * format {@code mpc-bundle-v2}, and every required attestation must be present. The artifact in
 * it is loaded and verified (canonical payload, hashes recomputed, provenance matching) by
 * {@link VerifiedBundle#load()} or {@link #verifyAndLoad}, not by {@link #verify}: authenticity is
 * settled without building the artifact. In {@link Mode#ENTERPRISE} an unsigned bundle is refused; in {@link Mode#STANDARD} it is
 * accepted, but a bundle that carries signatures is accepted only if one verifies.
 *
 * <p>Codes: {@code E_GOV_SIGNATURE_REQUIRED} (unsigned in enterprise mode),
 * {@code E_GOV_SIGNATURE_INVALID} (malformed, tampered, unknown, revoked, expired or not yet valid
 * key, bad signature; the message says which), {@code E_GOV_ATTESTATION_MISSING}. Never throws for
 * bad input. Immutable and thread-safe (when its port is).
 */
public final class BundleVerifier {
  /** How strict verification is. */
  public enum Mode {
    /** Unsigned bundles are accepted; signatures that are present must verify. */
    STANDARD,
    /** A bundle must carry a signature that verifies. */
    ENTERPRISE
  }

  private final VerificationPort trust;
  private final Clock clock;
  private final Mode mode;
  private final Set<String> required;

  private BundleVerifier(Builder b) {
    this.trust = b.trust;
    this.clock = b.clock;
    this.mode = b.mode;
    this.required = Set.copyOf(b.required);
  }

  /** A builder: enterprise mode, system UTC clock, no required attestations; a trust port is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** Verifies a serialized envelope. */
  public Result<VerifiedBundle> verify(byte[] bytes) {
    if (bytes == null) {
      return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "no bundle"));
    }
    return SignedBundle.read(bytes).flatMap(this::verify);
  }

  /** Verifies an envelope. */
  public Result<VerifiedBundle> verify(SignedBundle envelope) {
    if (!ArtifactBundle.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "payload type '" + envelope.payloadType()
          + "' is not " + ArtifactBundle.PAYLOAD_TYPE));
    }
    Optional<String> keyId = Optional.empty();
    byte[] payload = envelope.payload(); // one copy, shared by the checks below and the result
    if (envelope.signatures().isEmpty()) {
      if (mode == Mode.ENTERPRISE) {
        return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_REQUIRED,
            "Enterprise mode requires a signature; the bundle has none"));
      }
    } else {
      byte[] message = SignedBundle.pae(envelope.payloadType(), payload);
      Instant now = clock.instant();
      List<String> why = new ArrayList<>();
      for (SignedBundle.Signature s : envelope.signatures()) {
        VerificationPort.KeyCheck check;
        try {
          check = trust.verify(s.keyId(), message, s.sig(), now);
        } catch (RuntimeException | StackOverflowError e) {
          why.add(s.keyId() + ": the verification port failed (" + e.getClass().getSimpleName() + ")");
          continue;
        }
        if (check == VerificationPort.KeyCheck.VALID) {
          keyId = Optional.of(s.keyId());
          break;
        }
        why.add(s.keyId() + ": " + (check == null ? "no answer" : describe(check)));
      }
      if (keyId.isEmpty()) {
        return Result.failed(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "Bundle signature verification failed: "
            + String.join("; ", why)));
      }
    }
    Result<ArtifactBundle.Header> header = ArtifactBundle.readHeader(payload);
    if (!(header instanceof Result.Ok<ArtifactBundle.Header> ok)) {
      return Result.failed(header.diagnostics());
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String type : required.stream().sorted().toList()) {
      if (ok.get().attestations().stream().noneMatch(a -> a.type().equals(type))) {
        missing.add(type);
      }
    }
    if (!missing.isEmpty()) {
      return Result.failed(Diagnostic.of(Code.E_GOV_ATTESTATION_MISSING, "The bundle lacks required attestations: "
          + String.join(", ", missing)));
    }
    return Result.ok(new VerifiedBundle(envelope.digest(), keyId, ok.get(), payload));
  }

  /** {@link #verify(byte[])}, then {@link VerifiedBundle#load()}: the bundle with its artifact verified on load. */
  public Result<ArtifactBundle> verifyAndLoad(byte[] bytes) {
    return verify(bytes).flatMap(VerifiedBundle::load);
  }

  private static String describe(VerificationPort.KeyCheck c) {
    return switch (c) {
      case VALID -> "valid";
      case BAD_SIGNATURE -> "the signature does not verify (tampered or wrong key)";
      case UNKNOWN_KEY -> "unknown key";
      case NOT_YET_VALID -> "the key is not valid yet";
      case EXPIRED -> "the key has expired";
      case REVOKED -> "the key was revoked";
    };
  }

  /** Builds a {@link BundleVerifier}; {@link #build()} lists every problem. Not thread-safe. */
  public static final class Builder {
    private VerificationPort trust;
    private Clock clock = Clock.system(ZoneOffset.UTC);
    private Mode mode = Mode.ENTERPRISE;
    private final Set<String> required = new LinkedHashSet<>();
    private final List<Diagnostic> problems = new ArrayList<>();

    private Builder() {}

    /** The keys signatures are checked with (a {@link TrustStore}, or a host's port). */
    public Builder trust(VerificationPort trust) {
      this.trust = trust;
      return this;
    }

    /** The clock key validity windows are checked at. */
    public Builder clock(Clock clock) {
      if (clock == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "clock must not be null"));
      } else {
        this.clock = clock;
      }
      return this;
    }

    /** The mode (default {@link Mode#ENTERPRISE}). */
    public Builder mode(Mode mode) {
      if (mode == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "mode must not be null"));
      } else {
        this.mode = mode;
      }
      return this;
    }

    /** Attestation types every bundle must carry. */
    public Builder requireAttestations(String... types) {
      for (String t : types) {
        if (t == null || t.isEmpty()) {
          problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "an attestation type must be non-empty"));
        } else {
          required.add(t);
        }
      }
      return this;
    }

    /** The verifier, or every problem. */
    public Result<BundleVerifier> build() {
      List<Diagnostic> all = new ArrayList<>(problems);
      if (trust == null) {
        all.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "a trust port (TrustStore) is required"));
      }
      return all.isEmpty() ? Result.ok(new BundleVerifier(this)) : Result.failed(all);
    }
  }

  @Override
  public String toString() {
    return "BundleVerifier[" + mode + ", required=" + required + "]";
  }

}
