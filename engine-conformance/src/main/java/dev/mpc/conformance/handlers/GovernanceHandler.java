package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.json.PythonText;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Category {@code governance} (conformance spec §3.8): upstream's activation preconditions as its
 * runner checks them. This is a harness adapter, not a verifier: upstream's fixture signatures
 * are placeholders ({@code VALID_SIG}, {@code INVALIDSIG_tampered_payload}), so the string
 * heuristic of §3.8 (an {@code INVALID} prefix or a {@code tampered} substring is invalid, any
 * other non-empty string valid) lives only here. The real verifier,
 * {@link dev.mpc.governance.BundleVerifier}, checks Ed25519 signatures of DSSE envelopes and never
 * accepts such strings.
 *
 * <p>Checks, first hit wins: enterprise mode without a signature ({@code E_GOV_SIGNATURE_REQUIRED});
 * enterprise mode with a placeholder-invalid signature ({@code E_GOV_SIGNATURE_INVALID}); a node
 * count over the tenant limit when quotas are checked ({@code E_QUOTA_EXCEEDED}); required but
 * missing attestations ({@code E_GOV_ATTESTATION_MISSING}); else {@code {"valid": true}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GovernanceHandler implements CategoryHandler {
  @Override
  public String category() {
    return "governance";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject in = context.inputObject();
    JsonObject artifact = in.getOrNull("artifact") instanceof JsonObject a ? a : JsonObject.EMPTY;
    boolean enterprise = truthy(in.getOrNull("enterpriseMode"));
    JsonValue sig = artifact.getOrNull("signature");
    if (enterprise && !truthy(sig)) {
      return error(Code.E_GOV_SIGNATURE_REQUIRED, "Enterprise mode requires a signature; artifact has none", "fatal");
    }
    if (enterprise && sig instanceof JsonString s
        && (s.value().startsWith("INVALID") || s.value().toLowerCase(Locale.ROOT).contains("tampered"))) {
      return error(Code.E_GOV_SIGNATURE_INVALID, "Artifact signature verification failed", "fatal");
    }
    if (truthy(in.getOrNull("checkQuota"))) {
      JsonValue max = in.getOrNull("quotaLimits") instanceof JsonObject q ? q.getOrNull("maxManifestNodes") : null;
      JsonValue nodes = artifact.getOrNull("nodeCount");
      if (number(max) != null && number(nodes) != null && number(nodes).compareTo(number(max)) > 0) {
        return error(Code.E_QUOTA_EXCEEDED, "Node count " + PythonText.str(nodes) + " exceeds tenant limit "
            + PythonText.str(max), "error");
      }
    }
    if (truthy(in.getOrNull("requireAttestation")) && !truthy(artifact.getOrNull("attestations"))) {
      return error(Code.E_GOV_ATTESTATION_MISSING, "Artifact has no attestations; attestation is required", "error");
    }
    return JsonObject.builder().put("valid", true).build();
  }

  private static JsonObject error(Code code, String message, String severity) {
    return JsonObject.builder().put("error", JsonObject.builder().put("code", code.code()).put("message", message)
        .put("severity", severity).build()).build();
  }

  private static BigDecimal number(JsonValue v) {
    if (v instanceof JsonInt i) {
      return new BigDecimal(i.value());
    }
    if (v instanceof JsonFloat f && Double.isFinite(f.value())) {
      return BigDecimal.valueOf(f.value());
    }
    return null;
  }

  private static boolean truthy(JsonValue v) {
    return v != null && PythonText.truthy(v);
  }

}
