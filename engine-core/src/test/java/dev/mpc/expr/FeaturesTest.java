package dev.mpc.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  private static Result<Features> of(String json) {
    return Features.fromPreset((JsonObject) Json.parse(json).orElseThrow());
  }

  @Test
  void fromPreset_readsEachFlag_missingOrNullKeepsTheDefault() {
    assertEquals(new Features(false, true, true),
        of("{\"allowNowFunction\": false, \"strictFunctionAllowlist\": true}").orElseThrow());
    assertEquals(Features.defaults(), of("{\"allowRegex\": null, \"uiSchemaHints\": true}").orElseThrow());
  }

  @Test
  void fromPreset_nonBooleanFlag_isACodedError_neverSilentlyTheDefault() {
    Result<Features> r = of("{\"allowRegex\": \"no\", \"allowNowFunction\": 0}");
    assertFalse(r.isOk());
    assertEquals(2, r.diagnostics().size());
    assertEquals(Code.E_META_TYPE_NOT_ALLOWED, r.diagnostics().get(0).code());
    assertEquals("featureFlags.allowNowFunction must be a boolean, found int", r.diagnostics().get(0).message());
    assertEquals("featureFlags.allowRegex must be a boolean, found string", r.diagnostics().get(1).message());
  }
}
