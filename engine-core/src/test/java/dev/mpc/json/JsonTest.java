package dev.mpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  private static Diagnostic failure(String text) {
    Result<JsonValue> r = Json.parse(text);
    assertInstanceOf(Result.Failed.class, r, () -> "expected failure for " + text);
    return r.diagnostics().get(0);
  }

  @Test
  void parse_numbers_keepIntFloatDistinction() {
    JsonArray a = (JsonArray) Json.parse("[1, 1.0, 1e5, -0.0, 123456789012345678901234567890, 1E2]").orElseThrow();
    assertEquals(JsonInt.of(1), a.get(0));
    assertEquals(new JsonFloat(1.0), a.get(1));
    assertEquals(new JsonFloat(100000.0), a.get(2));
    assertEquals(new JsonFloat(-0.0), a.get(3));
    assertEquals(JsonInt.of(new BigInteger("123456789012345678901234567890")), a.get(4));
    assertEquals(new JsonFloat(100.0), a.get(5));
  }

  @Test
  void parse_duplicateKeys_refusedWithKeyAndPosition() {
    Object[][] cases = {
        {"{\"a\":1,\"b\":2,\"a\":3}", 1, 14},
        {"[{\"x\":{\"k\":1}},\n {\"y\":{\"k\":1,\"k\":1}}]", 2, 14},
        {"{\"\":1,\"\":1}", 1, 7},
        {"{\"a\":1,\"\\u0061\":3}", 1, 8},
    };
    for (Object[] c : cases) {
      Diagnostic d = failure((String) c[0]);
      assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code());
      assertTrue(d.message().contains("duplicate key '"), d.message());
      assertEquals(c[1], d.source().orElseThrow().line(), d.message());
      assertEquals(c[2], d.source().orElseThrow().col(), d.message());
    }
  }

  @Test
  void parse_sameKeyInDifferentObjects_accepted() {
    assertTrue(Json.parse("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}]}").isOk());
  }

  @Test
  void parse_overlongNumber_invalidTokenNamingTheLimit() {
    for (String n : new String[] {"1".repeat(1001), "-" + "1".repeat(1000), "1." + "0".repeat(999)}) {
      Diagnostic d = failure("[0,\n " + n + "]");
      assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code(), d.message());
      assertTrue(d.message().contains("JsonLimits.maxNumberLength"), d.message());
      assertEquals(2, d.source().orElseThrow().line());
      assertEquals(2, d.source().orElseThrow().col());
    }
    assertTrue(Json.parse("[" + "1".repeat(1000) + "]").isOk());
    assertTrue(Json.parse("[" + "1".repeat(20) + "]", new JsonLimits(10, 100, 10, 20)).isOk());
    Diagnostic d = Json.parse("[" + "1".repeat(21) + "]", new JsonLimits(10, 100, 10, 20)).diagnostics().get(0);
    assertTrue(d.message().contains("limit of 20 chars (JsonLimits.maxNumberLength)"), d.message());
  }

  @Test
  void parse_overlongString_namesTheLimit() {
    JsonLimits small = new JsonLimits(10, 1000, 5, 20);
    assertTrue(Json.parse("[\"12345\"]", small).isOk());
    for (String text : new String[] {"[\"123456\"]", "{\"123456\":1}"}) {
      Diagnostic d = Json.parse(text, small).diagnostics().get(0);
      assertEquals(Code.E_PARSE_SYNTAX, d.code());
      assertTrue(d.message().contains("(JsonLimits.maxStringLength)"), d.message());
    }
  }

  @Test
  void parse_loneCrLfAndCrlf_sameLineAndColumn() {
    for (String doc : new String[] {"[1,@@  2,,@]", "{\"a\":1,@ \"a\":2}", "[1,@@ 1" + "1".repeat(1000) + "]", "[@@x"}) {
      Diagnostic lf = failure(doc.replace("@", "\n"));
      assertTrue(lf.source().orElseThrow().line() > 1, lf.message());
      for (String nl : new String[] {"\r", "\r\n"}) {
        Diagnostic d = failure(doc.replace("@", nl));
        assertEquals(lf.source(), d.source(), d.message());
        assertEquals(lf.message(), d.message());
      }
    }
  }

  /** No message names the JSON library, its classes, features or settings. */
  @ParameterizedTest
  @ValueSource(strings = {
      "[NaN]", "[Infinity]", "[-Infinity]", "[1 /* c */]", "[1 // c\n]", "# c\n[1]", "['a']", "[\"a\\q\"]",
      "{a:1}", "[01]", "[1.]", "[.5]", "[+1]", "[0x10]", "[\"\t\"]", "[tru]", "[1,]", "{\"a\":1,}", "[", "{",
      "{\"a\"", "{\"a\":", "]", "\u0000", "[1]]", "[\"\\u12\"]", "[1e]", "[-]", "[\"a]", "{\"a\" 1}"
  })
  void parse_malformed_messagesInOwnWords(String text) {
    assertFalse(failure(text).message().endsWith("malformed JSON"), "a cleaned message keeps its content: "
        + failure(text).message());
    Diagnostic d = failure(text);
    for (String leak : new String[] {"com.fasterxml", "jackson", "Jackson", "StreamReadConstraints", "Feature",
        "JsonReadFeature", "Exception", "REDACTED"}) {
      assertFalse(d.message().contains(leak), d.message());
    }
    assertTrue(d.source().isPresent());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\": }|E_PARSE_SYNTAX|line 1, col 7",
      "{\"a\":1} x|E_PARSE_SYNTAX|Extra data",
      "[NaN]|E_PARSE_SYNTAX|line 1",
      "[1e400]|E_PARSE_INVALID_TOKEN|out of double range",
      "[\"\\ud800\"]|E_PARSE_INVALID_TOKEN|unpaired surrogate",
      "''|E_PARSE_SYNTAX|Expecting value"
  })
  void parse_badInput_codedErrorWithPosition(String text, String code, String fragment) {
    Diagnostic d = failure(text.equals("''") ? "" : text);
    assertEquals(Code.valueOf(code), d.code());
    assertTrue(d.message().startsWith("Invalid JSON at line "), d.message());
    assertTrue(d.message().contains(fragment), d.message());
    assertTrue(d.source().isPresent());
  }

  @Test
  void parse_errorOnSecondLine_reportsLineTwo() {
    Diagnostic d = failure("[1,\n 2,,]");
    assertEquals(2, d.source().orElseThrow().line());
    assertTrue(d.message().startsWith("Invalid JSON at line 2, col "), d.message());
  }

  @Test
  void parse_deepNesting_codedErrorNotStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    Diagnostic d = failure(deep);
    assertEquals(Code.E_PARSE_SYNTAX, d.code());
    assertTrue(d.message().contains("deeper than the limit of 500 levels (JsonLimits.maxDepth)"), d.message());
  }

  @Test
  void parse_documentOverLimit_codedError() {
    Diagnostic d = Json.parse("[1,2,3]", JsonLimits.defaults().withMaxDocumentChars(3)).diagnostics().get(0);
    assertEquals(Code.E_PARSE_SYNTAX, d.code());
    assertTrue(d.message().contains("maxDocumentChars"), d.message());
  }

  @Test
  void values_rejectUncanonicalizableContent() {
    assertThrows(IllegalArgumentException.class, () -> new JsonFloat(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new JsonFloat(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> JsonString.of("a\uDC00b"));
    assertEquals(-1, JsonString.firstUnpairedSurrogate("ok \uD83D\uDE00"));
  }

  @Test
  void objectBuilder_handsOverItsMap_copiesOnLaterChange_objectsStayImmutable() {
    JsonObject.Builder b = JsonObject.builder().put("b", 1).put("a", "x").put("b", 2);
    JsonObject o = b.build();
    assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(o.members().keySet()));
    assertEquals(JsonInt.of(2), o.getOrNull("b"));
    JsonObject more = b.put("c", 3).build();
    assertEquals(2, o.size(), "building again after more puts leaves the first object unchanged");
    assertEquals(3, more.size());
    assertEquals(o, JsonObject.builder().put("b", 2).put("a", "x").build());
    assertThrows(UnsupportedOperationException.class, () -> o.members().put("c", JsonInt.of(3)));
    assertThrows(UnsupportedOperationException.class, () -> o.members().entrySet().clear());
    assertThrows(UnsupportedOperationException.class, () -> o.members().keySet().remove("a"));
    java.util.Map<String, JsonValue> source = new java.util.LinkedHashMap<>(o.members());
    JsonObject copy = JsonObject.of(source);
    source.put("z", JsonNull.INSTANCE);
    assertEquals(o, copy, "a map given to of() is copied, so later changes do not leak in");
    assertEquals(o.hashCode(), copy.hashCode());
    assertEquals(JsonObject.EMPTY, JsonObject.builder().build());
  }

  @Test
  void pretty_sameValueAsCanonical() {
    JsonValue v = Json.parse("{\"b\":[1,{\"c\":null}],\"a\":{}}").orElseThrow();
    String pretty = Json.pretty(v);
    assertEquals("{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ]\n}", pretty);
    assertEquals(v, Json.parse(pretty).orElseThrow());
  }

  @Test
  void pythonText_reprMatchesPython() {
    JsonValue v = Json.parse("[null,true,false,1,1.0,\"it's\",\"a'b\\\"c\",\"tab\\t\\u0001\",{\"k\":[]}]").orElseThrow();
    assertEquals("[None, True, False, 1, 1.0, \"it's\", 'a\\'b\"c', 'tab\\t\\x01', {'k': []}]", PythonText.repr(v));
    assertEquals("text", PythonText.str(JsonString.of("text")));
    assertEquals("['int', 'string']", PythonText.listRepr(java.util.List.of("int", "string")));
  }
}
