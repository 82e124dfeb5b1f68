package dev.mpc.json;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik generators for {@link JsonValue} trees. */
public final class JsonArbitraries {
  private JsonArbitraries() {}

  /** Strings over a mix of ASCII, escapes, non-ASCII and supplementary characters. */
  public static Arbitrary<String> strings() {
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'z')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().with('"', '\\', '\n', '\t', '\u0001', '/', ' ', '\u2028', 'é', 'ş')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u00a0', '\ud7ff')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\ue000', '\uffff')));
    Arbitrary<String> simple = chars.list().ofMaxSize(12).map(cs -> {
      StringBuilder sb = new StringBuilder();
      cs.forEach(sb::append);
      return sb.toString();
    });
    Arbitrary<String> withEmoji = simple.map(s -> s + new String(Character.toChars(0x1F600)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, simple), net.jqwik.api.Tuple.of(1, withEmoji));
  }

  /** Scalars: null, booleans, small and huge ints, finite doubles (incl. -0.0), strings. */
  public static Arbitrary<JsonValue> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(JsonNull.INSTANCE),
        Arbitraries.of(JsonBool.TRUE, JsonBool.FALSE),
        Arbitraries.longs().map(JsonInt::of),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(JsonInt::of),
        Arbitraries.doubles().filter(Double::isFinite).map(JsonFloat::new),
        Arbitraries.of(0.0, -0.0, 1.0, 1e16, 1e-5, 0.1, 5e-324, Double.MAX_VALUE).map(JsonFloat::new),
        strings().map(JsonString::of));
  }

  /** Trees up to {@code depth} levels. */
  public static Arbitrary<JsonValue> values(int depth) {
    if (depth <= 0) {
      return scalars();
    }
    Arbitrary<JsonValue> child = Arbitraries.lazy(() -> values(depth - 1));
    Arbitrary<JsonValue> arrays = child.list().ofMaxSize(4).map(JsonArray::of);
    Arbitrary<JsonValue> objects = objects(child);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalars()),
        net.jqwik.api.Tuple.of(1, arrays),
        net.jqwik.api.Tuple.of(2, objects));
  }

  /** Objects whose values come from {@code child}. */
  public static Arbitrary<JsonValue> objects(Arbitrary<JsonValue> child) {
    return Arbitraries.maps(strings(), child).ofMaxSize(5).map(m -> JsonObject.of(new LinkedHashMap<>(m)));
  }

  /** Open maps (JSON objects) of modest size. */
  public static Arbitrary<JsonObject> openMaps() {
    return objects(values(1)).map(JsonObject.class::cast);
  }

  /** The same object with its members in reverse insertion order. */
  public static JsonValue reverseKeys(JsonValue v) {
    if (v instanceof JsonObject o) {
      List<Map.Entry<String, JsonValue>> entries = new java.util.ArrayList<>(o.members().entrySet());
      java.util.Collections.reverse(entries);
      Map<String, JsonValue> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : entries) {
        out.put(e.getKey(), reverseKeys(e.getValue()));
      }
      return JsonObject.of(out);
    }
    if (v instanceof JsonArray a) {
      return JsonArray.of(a.items().stream().map(JsonArbitraries::reverseKeys).toList());
    }
    return v;
  }
}
