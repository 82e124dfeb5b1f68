package dev.mpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The test vectors of pipeline.md §8.7 and the float rules of §8.2. */
class CanonicalTest {

  private static JsonValue parse(String json) {
    return Json.parse(json).orElseThrow();
  }

  @Test
  void stableHash_emptyObject_matchesSpecVector() {
    assertEquals("{}", Canonical.json(JsonObject.EMPTY));
    assertEquals("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Canonical.stableHash(JsonObject.EMPTY));
  }

  @Test
  void stableHash_keysOutOfOrder_sortsAndMatchesSpecVector() {
    JsonValue v = parse("{\"b\":2,\"a\":1}");
    assertEquals("{\"a\":1,\"b\":2}", Canonical.json(v));
    assertEquals("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777", Canonical.stableHash(v));
  }

  @Test
  void stableHash_mixedArray_matchesSpecVector() {
    JsonValue v = parse("{\"x\":[1,2.5,true,null,\"ç\"]}");
    assertEquals("{\"x\":[1,2.5,true,null,\"ç\"]}", Canonical.json(v));
    assertEquals("471290bf30a00a5382dcfa9421ddd9d100ca458d1b7ba7c91ad8eb29dba18feb", Canonical.stableHash(v));
  }

  @Test
  void stableHash_floatsAndEscapes_matchSpecVectorBytes() {
    JsonValue v = parse("{\"f\":[1.0,1e16,1e-5,0.1,-0.0,100,12345678901234567890],\"s\":\"a\\\"b\\\\c\\n\\u0001/é\"}");
    String expected = "{\"f\":[1.0,1e+16,1e-05,0.1,-0.0,100,12345678901234567890],\"s\":\"a\\\"b\\\\c\\n\\u0001/é\"}";
    assertEquals(expected, Canonical.json(v));
    assertEquals("7b2266223a5b312e302c31652b31362c31652d30352c302e312c2d302e302c3130302c3132333435363738393031"
            + "3233343536373839305d2c2273223a22615c22625c5c635c6e5c75303030312fc3a9227d",
        HexFormat.of().formatHex(Canonical.bytes(v)));
    assertEquals("854ebe5f8035c15f9587c9cec33bd07abe01ea18a60b7139524663550c069f04", Canonical.stableHash(v));
  }

  @Test
  void stableHash_supplementaryKeys_sortByCodePointNotUtf16() {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("\uFFFF", JsonInt.of(1));
    m.put(new String(Character.toChars(0x1F600)), JsonInt.of(2));
    m.put("B", JsonInt.of(3));
    m.put("a", JsonInt.of(4));
    m.put("é", JsonInt.of(5));
    JsonObject o = JsonObject.of(m);
    assertEquals("{\"B\":3,\"a\":4,\"é\":5,\"\uFFFF\":1,\"\uD83D\uDE00\":2}", Canonical.json(o));
    assertEquals("983723e4ef0dc210920301beb5ef906ebd9cf1fad0439453cbab93df434a37f3", Canonical.stableHash(o));
  }

  /** pipeline.md §8.8: the canonical AST, meta and artifact documents of the worked example, and the empty case. */
  @Test
  void stableHash_workedExampleDocuments_matchUpstreamHashes() {
    String ast = "{\"defs\":[{\"id\":\"customer\",\"kind\":\"Entity\",\"properties\":{\"active\":true,"
        + "\"label\":\"Müşteri\",\"maxLength\":50,\"note\":null,\"ratio\":0.25}},{\"children\":[{\"id\":\"c1\","
        + "\"kind\":\"Condition\",\"properties\":{\"expr\":\"role == \\\"editor\\\"\"}}],\"id\":\"allow_editors\","
        + "\"kind\":\"Policy\",\"name\":\"AllowEditors\",\"properties\":{\"condition\":\"len(actor.id) > 0\","
        + "\"effect\":\"allow\",\"match\":{\"event\":\"order.update\",\"roles\":[\"editor\",\"admin\"]},"
        + "\"priority\":10}},{\"id\":\"approval\",\"kind\":\"Workflow\",\"name\":\"Approval Flow\","
        + "\"properties\":{\"initial\":\"pending\",\"states\":[\"pending\",\"approved\",\"rejected\"],"
        + "\"transitions\":[{\"from\":\"pending\",\"on\":\"approve\",\"to\":\"approved\"},{\"from\":\"pending\","
        + "\"on\":\"reject\",\"to\":\"rejected\"}]}}],\"manifestVersion\":\"1.2.0\",\"name\":\"order-rules\","
        + "\"namespace\":\"acme.orders\",\"schemaVersion\":1}";
    JsonValue astDoc = parse(ast);
    assertEquals(ast, Canonical.json(astDoc));
    assertEquals(762, Canonical.bytes(astDoc).length);
    String astHash = Canonical.stableHash(astDoc);
    assertEquals("3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1", astHash);

    String meta = "{\"allowedEvents\":[\"order.update\"],\"allowedFunctions\":[{\"args\":[\"string|array\"],"
        + "\"cost\":2,\"name\":\"len\",\"returns\":\"int\"}],\"allowedTypes\":[],\"kinds\":[{\"allowedTypes\":[],"
        + "\"name\":\"Policy\",\"requiredProps\":[\"effect\"]},{\"allowedTypes\":[],\"name\":\"Condition\","
        + "\"requiredProps\":[\"expr\"]},{\"allowedTypes\":[],\"name\":\"Workflow\",\"requiredProps\":[\"initial\","
        + "\"states\",\"transitions\"]},{\"allowedTypes\":[],\"name\":\"Entity\",\"requiredProps\":[]}],\"schemaVersion\":1}";
    String metaHash = Canonical.stableHash(parse(meta));
    assertEquals("a389f738ebda25b104616579da35d80d81bcac90db0c8058c15e53534997f692", metaHash);

    JsonObject artifact = JsonObject.builder().put("engineVersion", "0.1.0").put("metaHash", metaHash)
        .put("astHash", astHash).build();
    assertEquals("35d5b645f9c3c6d6a1ca67549113e69c71a127a1dc75c8fb598e97da878890fa", Canonical.stableHash(artifact));

    String emptyAst = Canonical.stableHash(
        parse("{\"defs\":[],\"manifestVersion\":\"0.0.0\",\"name\":\"\",\"namespace\":\"\",\"schemaVersion\":1}"));
    assertEquals("e1118c38bfb2653e5f2f71f1422d05a65483ebdccd52a9018259ec37a9fce820", emptyAst);
    String emptyMeta = Canonical.stableHash(parse(
        "{\"allowedEvents\":[],\"allowedFunctions\":[],\"allowedTypes\":[],\"kinds\":[],\"schemaVersion\":1}"));
    assertEquals("28f09d4ef9fe5a3179780809aacb1c81f4d527a04568b021df66271f9a2cef96", emptyMeta);
    assertEquals("1f6407c091ef2a4e770d9de5a107f2ce377cb880f5da38d00f35cc92ec23748a", Canonical.stableHash(
        JsonObject.builder().put("astHash", emptyAst).put("metaHash", emptyMeta).put("engineVersion", "0.1.0").build()));
  }

  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0", "100.0, 100.0", "0.1, 0.1", "0.0001, 0.0001", "0.00001, 1e-05", "2.5e-07, 2.5e-07",
      "1000000000000000.0, 1000000000000000.0", "1e16, 1e+16", "1.5e300, 1.5e+300",
      "123456789.123, 123456789.123", "9007199254740992.0, 9007199254740992.0", "-0.0, -0.0", "0.0, 0.0",
      "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "0.3, 0.3",
      "2.2250738585072014e-308, 2.2250738585072014e-308", "1e23, 1e+23", "9.5, 9.5", "-1.25, -1.25",
      "123456789012345678, 1.2345678901234568e+17", "0.1234, 0.1234", "1e22, 1e+22", "8.41e21, 8.41e+21",
      "4.35, 4.35", "2.0e-3, 0.002"
  })
  void formatDouble_matchesPythonRepr(double value, String python) {
    assertEquals(python, Canonical.formatDouble(value));
  }

  @Test
  void formatDouble_powerOfTwoBoundaries_roundTripShortest() {
    // 2^-1074 .. 2^1023: asymmetric rounding intervals; the result must read back exactly.
    for (int e = -1074; e <= 1023; e += 7) {
      double d = Math.scalb(1.0, e);
      int exp = e;
      assertEquals(d, Double.parseDouble(Canonical.formatDouble(d)), () -> "2^" + exp);
    }
  }

  @Test
  void strings_controlAndSpecialCharacters_escapedAsPython() {
    JsonString s = JsonString.of("\u0000\u001f\u007f\u2028/\"\\\b\f\t\r\n");
    assertEquals("\"\\u0000\\u001f\u007f\u2028/\\\"\\\\\\b\\f\\t\\r\\n\"", Canonical.json(s));
  }

  @Test
  void bigIntegers_writtenInFull() {
    BigInteger big = new BigInteger("-123456789012345678901234567890");
    assertEquals("-123456789012345678901234567890", Canonical.json(JsonInt.of(big)));
  }

  @Test
  void orderDefinitions_priorityDescNameAscIdAsc() {
    JsonValue v = parse("{\"definitions\":[{\"id\":\"c\",\"name\":\"gamma\",\"priority\":1},"
        + "{\"id\":\"a\",\"name\":\"alpha\",\"priority\":2},{\"id\":\"b\",\"name\":\"beta\",\"priority\":1},"
        + "{\"id\":\"z\"},{\"id\":\"y\",\"priority\":1.5}]}");
    JsonObject ordered = (JsonObject) Canonical.orderDefinitionsDeep(v);
    List<String> ids = ((JsonArray) ordered.getOrNull("definitions")).items().stream()
        .map(d -> ((JsonString) ((JsonObject) d).getOrNull("id")).value()).toList();
    assertEquals(List.of("a", "y", "b", "c", "z"), ids);
  }

  @Test
  void orderDefinitions_nestedDefsAndTies_stableAndRecursive() {
    JsonValue v = parse("{\"x\":{\"defs\":[{\"id\":\"b\",\"defs\":[{\"id\":\"2\"},{\"id\":\"1\"}]},{\"id\":\"a\"}]},"
        + "\"other\":[3,1,2]}");
    assertEquals("{\"other\":[3,1,2],\"x\":{\"defs\":[{\"id\":\"a\"},{\"defs\":[{\"id\":\"1\"},{\"id\":\"2\"}],\"id\":\"b\"}]}}",
        Canonical.json(Canonical.orderDefinitionsDeep(v)));
  }

  @Test
  void orderDefinitions_badTypes_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Canonical.orderDefinitionsDeep(parse("{\"defs\":[{\"id\":\"a\",\"priority\":\"high\"}]}")));
    assertThrows(IllegalArgumentException.class,
        () -> Canonical.orderDefinitionsDeep(parse("{\"defs\":[1,2]}")));
    assertThrows(IllegalArgumentException.class,
        () -> Canonical.orderDefinitionsDeep(parse("{\"defs\":[{\"id\":5}]}")));
  }

  @Test
  void json_deepestAllowedValue_onTinyThreadStack_noStackOverflow() throws Exception {
    JsonValue v = JsonInt.of(1);
    for (int i = 0; i < Canonical.MAX_DEPTH; i++) { // exactly MAX_DEPTH nested containers: allowed
      v = (i % 2 == 0) ? JsonArray.of(v) : JsonObject.of(Map.of("k", v));
    }
    JsonValue deep = v;
    String[] out = new String[1];
    Thread t = new Thread(null, () -> out[0] = Canonical.stableHash(deep), "tiny-stack", 128 * 1024);
    t.start();
    t.join();
    assertEquals(64, out[0].length());
    JsonValue tooDeep = JsonArray.of(deep);
    assertThrows(IllegalArgumentException.class, () -> Canonical.json(tooDeep));
  }

  @Test
  void canonical_isUtf8() {
    assertEquals("\"ç\"", new String(Canonical.bytes(JsonString.of("ç")), StandardCharsets.UTF_8));
  }
}
