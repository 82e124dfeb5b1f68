package dev.mpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.ContractJson.Strictness;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.preset.Preset;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: every reader built on {@link Json#parse} refuses a repeated key (a reader keeping the
 * first member would see another document than one keeping the last).
 */
class DuplicateKeyReadersTest {
  private static void refused(Result<?> r, String key) {
    assertFalse(r.isOk(), "accepted a repeated '" + key + "'");
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code(), d.message());
    assertTrue(d.message().contains("duplicate key '" + key + "'"), d.message());
    assertTrue(d.source().isPresent() && d.source().get().col() > 1, d.message());
  }

  private static String resource(String name) throws IOException {
    try (java.io.InputStream in = DuplicateKeyReadersTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void artifact_fakeFirstProvenance_refused() throws IOException {
    String text = resource("/artifacts/order-rules.artifact.json");
    assertTrue(Artifact.fromJson(text).isOk());
    String fake = "\"provenance\":{\"artifactHash\":\"" + "0".repeat(64) + "\"},";
    int at = text.indexOf("\"provenance\":");
    refused(Artifact.fromJson(text.substring(0, at) + fake + text.substring(at)), "provenance");
    // and one repeated deep inside the manifest
    refused(Artifact.fromJson(text.replace("\"maxLength\":50,", "\"maxLength\":50,\"maxLength\":51,")), "maxLength");
  }

  @Test
  void preset_repeatedMember_refused() {
    String preset = "{\"presetVersion\":\"1.0.0\",\"name\":\"p\",\"metaSchemaVersion\":1,"
        + "\"defaultLimits\":{\"maxManifestNodes\":500},\"defaultPolicyStrategy\":{\"compose\":\"deny-wins\"}}";
    assertTrue(Preset.fromJson(preset).isOk(), Preset.fromJson(preset).diagnostics().toString());
    refused(Preset.fromJson(preset.replace("{\"maxManifestNodes\":500}",
        "{\"maxManifestNodes\":5,\"maxManifestNodes\":500}")), "maxManifestNodes");
    refused(Preset.fromJson(preset.replace("\"name\":\"p\",", "\"name\":\"p\",\"name\":\"q\",")), "name");
  }

  @Test
  void contracts_repeatedMember_refused() {
    String decision = "{\"allow\":true,\"intents\":[],\"messages\":[],\"reasons\":[]}";
    assertTrue(ContractJson.readDecision(decision, Strictness.STRICT).isOk());
    for (Strictness s : Strictness.values()) {
      refused(ContractJson.readDecision("{\"allow\":false,\"allow\":true,\"intents\":[],\"messages\":[],\"reasons\":[]}",
          s), "allow");
    }
  }
}
