package dev.mpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the canonical form and the stable hash (pipeline.md §8). */
class CanonicalProperties {

  @Provide
  Arbitrary<JsonValue> trees() {
    return JsonArbitraries.values(3);
  }

  @Property(tries = 300)
  void canonicalize_isIdempotent(@ForAll("trees") JsonValue value) {
    String once = Canonical.json(value);
    JsonValue reparsed = Json.parse(once).orElseThrow();
    assertEquals(value, reparsed, "canonical text reads back as the same value");
    assertEquals(once, Canonical.json(reparsed));
  }

  /** The chunked hash equals the hash of the whole canonical text, across many chunk boundaries. */
  @Property(tries = 100)
  void stableHash_isTheDigestOfTheCanonicalBytes(@ForAll("trees") JsonValue value) {
    java.util.List<JsonValue> many = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      many.add(value);
    }
    for (JsonValue v : java.util.List.of(value, JsonArray.of(many))) {
      assertEquals(java.util.HexFormat.of().formatHex(Canonical.sha256(Canonical.bytes(v))), Canonical.stableHash(v));
    }
  }

  @Property(tries = 300)
  void stableHash_invariantUnderKeyPermutation(@ForAll("trees") JsonValue value) {
    assertEquals(Canonical.stableHash(value), Canonical.stableHash(JsonArbitraries.reverseKeys(value)));
  }

  @Property(tries = 300)
  void stableHash_distinctValuesHashDifferently(@ForAll("trees") JsonValue a, @ForAll("trees") JsonValue b) {
    if (!a.equals(b)) {
      assertNotEquals(Canonical.stableHash(a), Canonical.stableHash(b));
    } else {
      assertEquals(Canonical.stableHash(a), Canonical.stableHash(b));
    }
  }

  @Property(tries = 1000)
  void formatDouble_roundTripsAndIsShortest(@ForAll double d) {
    if (!Double.isFinite(d)) {
      return;
    }
    String text = Canonical.formatDouble(d);
    assertEquals(d, Double.parseDouble(text), text);
    // No shorter digit string reads back as d (Python repr is shortest).
    String digits = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "").replaceFirst("^0+", "")
        .replaceFirst("0+$", "");
    java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
    if (digits.length() > 1 && d != 0) {
      java.math.BigDecimal shorter = exact.round(new java.math.MathContext(digits.length() - 1));
      for (java.math.BigDecimal c : new java.math.BigDecimal[] {shorter, shorter.add(shorter.ulp()), shorter.subtract(shorter.ulp())}) {
        assertNotEquals(Math.abs(d), c.doubleValue(), () -> text + " is not shortest: " + c);
      }
    }
  }

  @Property(tries = 200)
  void ints_andFloats_neverCollide(@ForAll long n) {
    assertNotEquals(Canonical.json(JsonInt.of(n)), Canonical.json(new JsonFloat(n)));
  }
}
