package dev.mpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSkippingTest {
  private static dev.mpc.diag.Result<JsonObject> read(String text) {
    return Json.parseSkipping(text.getBytes(StandardCharsets.UTF_8), Set.of("big"), JsonLimits.defaults());
  }

  @Test
  void skippedMembers_arePresentAsNull_othersAsParsed() {
    JsonObject o = read("{\"big\": {\"a\": [1, 2, {\"b\": \"c\"}]}, \"small\": [1, \"x\"], \"n\": 2}").orElseThrow();
    assertEquals(JsonNull.INSTANCE, o.getOrNull("big"));
    assertEquals(Json.parse("[1, \"x\"]").orElseThrow(), o.getOrNull("small"));
    assertEquals(JsonInt.of(2), o.getOrNull("n"));
  }

  @Test
  void malformedAnywhere_duplicatesAtTheTop_extraData_andNonObjects_areCodedErrors() {
    for (String bad : new String[] {"{\"big\": {\"a\": [1, 2}, \"n\": 1}", "{\"n\": 1, \"n\": 2}", "{\"n\": 1} x",
        "[1]", "", "{\"small\": {\"a\": 1, \"a\": 2}}", "{\"n\": NaN}"}) {
      var r = read(bad);
      assertFalse(r.isOk(), bad);
      assertTrue(r.diagnostics().get(0).code() == Code.E_PARSE_SYNTAX
          || r.diagnostics().get(0).code() == Code.E_PARSE_INVALID_TOKEN, bad);
    }
    var tooBig = Json.parseSkipping(new byte[100], Set.of(), new JsonLimits(10, 50, 10, 10));
    assertFalse(tooBig.isOk());
  }
}
