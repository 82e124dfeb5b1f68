/**
 * Governance: signed artifact bundles and their verification.
 *
 * <p>An {@link dev.mpc.governance.ArtifactBundle} (the compiled artifact, its provenance, its
 * attestations and an optional SBOM) is serialized canonically and signed in a DSSE envelope
 * ({@link dev.mpc.governance.SignedBundle}); Ed25519 through BouncyCastle is the default
 * ({@link dev.mpc.governance.Ed25519}), and hosts plug a KMS or HSM in through
 * {@link dev.mpc.governance.SigningPort} and {@link dev.mpc.governance.VerificationPort}. A
 * {@link dev.mpc.governance.TrustStore} holds public keys with key ids and validity windows, so keys
 * rotate without downtime. {@link dev.mpc.governance.BundleVerifier} refuses, with a coded error,
 * anything that is not exactly what a trusted key signed. docs/governance.md describes the format
 * byte by byte.
 */
package dev.mpc.governance;
