package dev.mpc.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Features;
import dev.mpc.expr.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 9: every key the docs name can be set; out-of-range values and unknown keys are refused. */
class PresetKeysTest {

  private static Result<Preset> preset(String limits, String flags) {
    return Preset.fromJson("{\"name\":\"p\",\"presetVersion\":\"1\",\"defaultLimits\":{" + limits
        + "},\"featureFlags\":{" + flags + "}}");
  }

  @Test
  void everyDocumentedLimitKey_isAccepted_andRead() {
    PresetLimits l = preset("\"maxManifestNodes\":11,\"maxExprSteps\":12,\"maxExprDepth\":13,\"maxEvalTimeMs\":14,"
        + "\"maxRegexOps\":15,\"maxManifestChars\":16,\"maxManifestDepth\":17,\"maxManifestValues\":18,"
        + "\"maxYamlAliases\":19,\"maxParseErrors\":20,\"maxEvalAllocSize\":21", "").orElseThrow().limits();
    assertEquals(new PresetLimits(11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21), l);
  }

  @Test
  void everyDocumentedFlag_isAccepted_andRead() {
    FeatureFlags f = preset("", "\"allowNowFunction\":false,\"allowRegex\":false,\"denyByDefaultACL\":false,"
        + "\"uiSchemaHints\":true,\"strictFunctionAllowlist\":true").orElseThrow().featureFlags();
    assertEquals(new FeatureFlags(false, false, false, true, true), f);
    assertFalse(FeatureFlags.DEFAULTS.strictFunctionAllowlist());
  }

  @Test
  void absentParseLimits_takeTheDocumentedDefaults() {
    PresetLimits l = Preset.standard("preset-generic-full").limits();
    assertEquals(10L * 1024 * 1024, l.maxManifestChars());
    assertEquals(200, l.maxManifestDepth());
    assertEquals(2_000_000, l.maxManifestValues());
    assertEquals(100, l.maxYamlAliases());
    assertEquals(20, l.maxParseErrors());
    assertEquals(Limits.DEFAULT_MAX_ALLOC_SIZE, l.maxEvalAllocSize());
  }

  @Test
  void exprLimitsAndFeatures_carryEveryExpressionSetting() {
    Preset p = preset("\"maxExprSteps\":12,\"maxExprDepth\":13,\"maxEvalTimeMs\":14,\"maxRegexOps\":15,"
        + "\"maxEvalAllocSize\":16",
        "\"allowNowFunction\":false,\"allowRegex\":false,\"strictFunctionAllowlist\":true").orElseThrow();
    Limits l = p.exprLimits();
    assertEquals(12, l.maxExprSteps());
    assertEquals(13, l.maxExprDepth());
    assertEquals(14.0, l.maxEvalTimeMs());
    assertEquals(15, l.maxRegexOps());
    assertEquals(16, l.maxEvalAllocSize());
    assertEquals(new Features(false, false, true), p.exprFeatures());
    assertEquals(Limits.defaults(), Preset.standard("preset-generic-full").exprLimits());
  }

  @ParameterizedTest
  @CsvSource({
      "maxExprDepth, 1001, must be at most 1000",
      "maxExprDepth, 0, must be at least 1",
      "maxManifestDepth, 501, must be at most 500",
      "maxManifestNodes, 0, must be at least 1",
      "maxExprSteps, 536870912, must be at most 536870911",
      "maxRegexOps, -1, must be at least 0",
      "maxEvalTimeMs, -1, must be at least 0",
      "maxManifestChars, 0, must be at least 1",
      "maxManifestValues, 0, must be at least 1",
      "maxYamlAliases, -1, must be at least 0",
      "maxParseErrors, 0, must be at least 1"})
  void outOfRange_isACodedErrorAtLoad_neverClamped(String key, long value, String message) {
    Result<Preset> r = preset("\"" + key + "\":" + value, "");
    assertFalse(r.isOk(), key + "=" + value);
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code());
    assertEquals("defaultLimits." + key, d.path().orElseThrow());
    assertEquals("preset defaultLimits." + key + ": " + message + ", got " + value, d.message());
  }

  @Test
  void unknownKeys_areCodedErrors_thatNameTheKnownKeys() {
    Result<Preset> r = preset("\"maxWidgets\":1", "\"strictAllowlist\":true");
    List<String> messages = r.diagnostics().stream().map(Diagnostic::message).toList();
    assertEquals(List.of("preset defaultLimits.maxWidgets: unknown key 'maxWidgets'; known keys: [maxEvalAllocSize, maxEvalTimeMs, "
            + "maxExprDepth, maxExprSteps, maxManifestChars, maxManifestDepth, maxManifestNodes, maxManifestValues, "
            + "maxParseErrors, maxRegexOps, maxYamlAliases]",
        "preset featureFlags.strictAllowlist: unknown key 'strictAllowlist'; known keys: [allowNowFunction, allowRegex, "
            + "denyByDefaultACL, strictFunctionAllowlist, uiSchemaHints]"), messages);
    assertTrue(r.diagnostics().stream().allMatch(d -> d.code() == Code.E_PARSE_INVALID_TOKEN));
  }

  @Test
  void limitsRecord_refusesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new PresetLimits(1, 1, 1001, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new PresetLimits(1, 1, 1, 0, 0, 1, 501, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PresetLimits(1, 1, 1, 0, 0, 1, 1, 1, 0, 1, -1));
    assertFalse(preset("\"maxEvalAllocSize\":-1", "").isOk());
  }
}
