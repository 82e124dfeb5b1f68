package dev.mpc.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Result;
import dev.mpc.preset.ComposeStrategy;
import dev.mpc.preset.Preset;
import dev.mpc.preset.PresetLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresetTest {

  @ParameterizedTest
  @ValueSource(strings = {"preset-generic-full", "preset-generic-min", "preset-security-hardened", "preset-ui-friendly"})
  void standard_presetsLoadCleanly(String name) {
    Preset p = Preset.standard(name);
    assertEquals(name, p.name());
    assertEquals(ComposeStrategy.DENY_WINS, p.composeStrategy());
  }

  @Test
  void standard_values_asShipped() {
    Preset full = Preset.standard("preset-generic-full");
    assertEquals(new PresetLimits(10_000, 5000, 50, 50, 5000), full.limits());
    assertEquals(List.of("len", "substr", "concat", "isEmpty", "now", "regex"),
        full.defaultFunctions().stream().map(FunctionDef::name).toList());
    assertEquals(20, full.defaultFunctions().get(5).cost());
    Preset hardened = Preset.standard("preset-security-hardened");
    assertFalse(hardened.featureFlags().allowNowFunction());
    assertTrue(hardened.featureFlags().denyByDefaultACL());
    assertEquals(500, Preset.standard("preset-generic-min").limits().maxManifestNodes());
    assertThrows(IllegalArgumentException.class, () -> Preset.standard("preset-nope"));
  }

  @Test
  void fromJson_invalidPreset_listsEveryProblemWithPath() {
    Result<Preset> r = Preset.fromJson("{\"name\":\"p\",\"presetVersion\":\"1\",\"colour\":1,"
        + "\"defaultLimits\":{\"maxExprSteps\":0,\"maxRegexOps\":\"many\",\"maxWidgets\":3},"
        + "\"defaultFunctions\":[{\"name\":\"f\",\"args\":[\"strng\"],\"returns\":\"int\",\"cost\":-2}],"
        + "\"featureFlags\":{\"allowRegex\":\"yes\"},\"defaultPolicyStrategy\":{\"compose\":\"coin-flip\"}}");
    assertFalse(r.isOk());
    List<String> paths = r.diagnostics().stream().map(d -> d.path().orElseThrow()).toList();
    assertEquals(List.of("colour", "defaultLimits.maxWidgets", "defaultLimits.maxExprSteps", "defaultLimits.maxRegexOps",
        "defaultFunctions[0].args[0]", "defaultFunctions[0].cost", "featureFlags.allowRegex",
        "defaultPolicyStrategy.compose"), paths);
  }
}
