package dev.mpc.expr.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Values#displaySize} (what {@code concat} charges to the allocation budget before
 * rendering) is an upper bound of the rendered length, and stops early once past its room.
 */
class DisplaySizeProperties {

  @Property(tries = 1000)
  void displaySize_boundsRenderedLength(@ForAll("values") JsonValue v) {
    long size = Values.displaySize(v, Long.MAX_VALUE / 2);
    int actual = Values.display(v).length();
    assertTrue(size >= actual, () -> v + ": size " + size + " < " + actual);
  }

  @Property(tries = 200)
  void displaySize_pastRoom_reportsMoreThanRoom(@ForAll("values") JsonValue v) {
    int actual = Values.display(v).length();
    for (long room : new long[] {0, actual / 2, actual - 1}) {
      if (room >= 0 && room < actual) {
        long r = room;
        assertTrue(Values.displaySize(v, room) > room, () -> v + " room " + r);
      }
    }
  }

  @Provide
  Arbitrary<JsonValue> values() {
    return value(3);
  }

  private Arbitrary<JsonValue> value(int depth) {
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab\"\\\n\u0001\u001fé/").ofMaxLength(8).map(JsonValue::of),
        Arbitraries.just(JsonValue.of("😀\"x")),
        Arbitraries.longs().map(JsonValue::of),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).map(JsonValue::of),
        Arbitraries.of(0.1, -1e-300, 1.7976931348623157e308, 123456.789, -0.0, 5e-324).map(JsonValue::of),
        Arbitraries.of(true, false).map(JsonValue::of),
        Arbitraries.just(JsonValue.nullValue()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonValue> sub = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<JsonValue> array = sub.list().ofMaxSize(4).map(l -> (JsonValue) JsonArray.of(l));
    Arbitrary<JsonValue> object = Arbitraries.maps(Arbitraries.strings().withChars("k\"\n é").ofMaxLength(4), sub)
        .ofMaxSize(3).map(m -> (JsonValue) JsonObject.of(new LinkedHashMap<String, JsonValue>(m)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, object));
  }
}
