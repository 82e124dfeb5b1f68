package dev.mpc.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArbitraries;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link Redactor}: idempotent, copy-on-write, and no planted secret survives. */
class RedactorProperties {
  private static final Redactor STD = Redactor.standard();
  private static final List<String> PLAIN_KEYS =
      List.of("name", "city", "count", "items", "note", "color", "size", "label", "kind", "alpha", "data");
  private static final List<String> WORDS =
      List.of("hello", "world", "blue", "order", "approved", "tenant", "acme", "north", "ready", "ok");

  @Provide
  Arbitrary<JsonValue> anyTrees() {
    return JsonArbitraries.values(4);
  }

  @Property(tries = 400)
  void redact_isIdempotent(@ForAll("anyTrees") JsonValue value) {
    JsonValue once = STD.redact(value);
    assertEquals(once, STD.redact(once));
    assertSame(once, STD.redact(once), "nothing left to mask: same instance");
  }

  @Property(tries = 400)
  void redactText_isIdempotent(@ForAll("texts") String text) {
    String once = STD.redactText(text);
    assertEquals(once, STD.redactText(once));
  }

  @Property(tries = 300)
  void plainValues_untouched_sameInstance(@ForAll("plainTrees") JsonValue value) {
    assertSame(value, STD.redact(value));
  }

  @Property(tries = 500)
  void plantedSecret_neverSurvives(@ForAll("plainTrees") JsonValue host, @ForAll("plantings") Planting p,
      @ForAll("paths") List<Object> path) {
    JsonValue planted = plant(host, path, p.leaf());
    JsonValue out = STD.redact(planted);
    String canonical = Canonical.json(out);
    for (String s : p.mustVanish()) {
      assertFalse(canonical.contains(s), () -> s + " survived in " + canonical);
    }
    assertEquals(out, STD.redact(out), "idempotent");
  }

  @Property(tries = 300)
  void plantedSecret_neverSurvivesInText(@ForAll("plantings") Planting p) {
    if (p.leaf() instanceof JsonObject o) {
      String text = "event failed: " + Canonical.json(o) + " and password="
          + p.mustVanish().get(0) + " at " + String.join(" ", WORDS);
      String out = STD.redactText(text);
      for (String s : p.mustVanish()) {
        assertFalse(out.contains(s), () -> s + " survived in " + out);
      }
    }
  }

  @Property(tries = 300)
  void contractTypes_idempotent_neverThrow(@ForAll("decisions") dev.mpc.contract.Decision d,
      @ForAll("diagnostics") dev.mpc.diag.Diagnostic diag) {
    dev.mpc.contract.Decision once = STD.redact(d);
    assertSame(once, STD.redact(once));
    dev.mpc.diag.Diagnostic dOnce = STD.redact(diag);
    assertSame(dOnce, STD.redact(dOnce));
  }

  /** A secret planted in every open map of a decision (and its trace) and of a diagnostic never survives. */
  @Property(tries = 300)
  void plantedSecret_neverSurvivesInContractTypes(@ForAll("plantings") Planting p,
      @ForAll("decisions") dev.mpc.contract.Decision d, @ForAll("diagnostics") dev.mpc.diag.Diagnostic diag) {
    JsonObject leaf = p.leaf() instanceof JsonObject o ? o : obj("v", p.leaf());
    String text = "failed: " + Canonical.json(leaf);
    List<dev.mpc.contract.Reason> reasons = new java.util.ArrayList<>(d.reasons());
    reasons.add(new dev.mpc.contract.Reason(dev.mpc.diag.Code.R_POLICY_DENY, java.util.Optional.of(text),
        java.util.Optional.empty(), leaf));
    List<dev.mpc.contract.Message> messages = new java.util.ArrayList<>(d.messages());
    messages.add(new dev.mpc.contract.Message(dev.mpc.contract.MessageLevel.ERROR, text, java.util.Optional.empty(), leaf));
    List<dev.mpc.contract.Intent> intents = new java.util.ArrayList<>(d.intents());
    intents.add(new dev.mpc.contract.Intent(dev.mpc.contract.IntentKind.NOTIFY, java.util.Optional.of("ops"), leaf,
        java.util.Optional.of("k")));
    dev.mpc.contract.Trace trace = new dev.mpc.contract.Trace("s1", java.util.Optional.empty(), "core-policy",
        List.of(new dev.mpc.contract.TraceEvent("expr.eval", java.util.Optional.empty(), leaf, leaf, java.util.Optional.empty())));
    dev.mpc.contract.Decision planted = new dev.mpc.contract.Decision(d.allow(), reasons, messages, intents,
        java.util.Optional.of(trace), d.meta());
    dev.mpc.diag.Diagnostic plantedDiag = diag.withDetails(leaf).withCauses(List.of(
        dev.mpc.diag.Diagnostic.of(dev.mpc.diag.Code.E_INTERNAL, text).withDetails(leaf)));
    String out = Canonical.json(dev.mpc.contract.ContractJson.toJson(STD.redact(planted)))
        + Canonical.json(dev.mpc.contract.ContractJson.toJson(STD.redact(plantedDiag)));
    for (String s : p.mustVanish()) {
      assertFalse(out.contains(s), () -> s + " survived in " + out);
    }
  }

  @Provide
  Arbitrary<dev.mpc.contract.Decision> decisions() {
    return dev.mpc.contract.ContractArbitraries.decisions();
  }

  @Provide
  Arbitrary<dev.mpc.diag.Diagnostic> diagnostics() {
    return dev.mpc.contract.ContractArbitraries.diagnostics();
  }

  /** What gets planted, and the substrings that must not appear in the output. */
  record Planting(JsonValue leaf, List<String> mustVanish) {}

  @Provide
  Arbitrary<Planting> plantings() {
    Arbitrary<String> secret = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .ofMinLength(8).ofMaxLength(20).map(s -> "Zq" + s);
    Arbitrary<String> denyKey = Combinators.combine(Arbitraries.of(Redactor.DEFAULT_DENY_KEYS), Arbitraries.integers().between(0, 3),
        Arbitraries.of("", "db", "x-", "user_")).as((k, style, prefix) -> prefix + switch (style) {
          case 0 -> k;
          case 1 -> k.toUpperCase(Locale.ROOT);
          case 2 -> k.replace('_', '-');
          default -> k.toLowerCase(Locale.ROOT);
        });
    Arbitrary<String> plainKey = Arbitraries.of(PLAIN_KEYS);
    Arbitrary<Planting> underKey = Combinators.combine(denyKey, secret, Arbitraries.integers().between(0, 2))
        .as((k, s, shape) -> new Planting(obj(k, switch (shape) {
          case 0 -> JsonString.of(s);
          case 1 -> obj("inner", JsonString.of(s));
          default -> JsonArray.of(JsonString.of(s), JsonInt.of(7));
        }), List.of(s)));
    Arbitrary<Planting> inUrl = Combinators.combine(plainKey, secret, Arbitraries.of("postgres", "https", "redis", "amqp"))
        .as((k, s, scheme) -> new Planting(obj(k, JsonString.of("using " + scheme + "://app:" + s + "@db.internal:5432/x now")), List.of(s)));
    Arbitrary<Planting> inText = Combinators.combine(plainKey, secret, denyKey, Arbitraries.integers().between(0, 2))
        .as((k, s, dk, shape) -> new Planting(obj(k, JsonString.of(switch (shape) {
          case 0 -> "login failed " + dk + "=" + s + " retry";
          case 1 -> "{\"" + dk + "\": \"" + s + "\"}";
          default -> dk + ": " + s;
        })), List.of(s)));
    Arbitrary<Planting> bearer = Combinators.combine(plainKey, secret)
        .as((k, s) -> new Planting(obj(k, JsonString.of("header Authorization Bearer " + s)), List.of(s)));
    Arbitrary<Planting> jwt = Combinators.combine(plainKey, secret, secret)
        .as((k, a, b) -> new Planting(obj(k, JsonString.of("tok eyJ" + a + "." + b + "." + a + " end")), List.of(a, b)));
    Arbitrary<Planting> card = Combinators.combine(plainKey, Arbitraries.longs().between(0, 999_999_999_999_999L),
        Arbitraries.of("", " ", "-")).as((k, n, sep) -> {
          String body = "4" + String.format(Locale.ROOT, "%014d", n);
          String number = body + luhnDigit(body);
          String written = sep.isEmpty() ? number
              : number.substring(0, 4) + sep + number.substring(4, 8) + sep + number.substring(8, 12) + sep + number.substring(12);
          return new Planting(obj(k, JsonString.of("paid with " + written + " today")), List.of(number.substring(0, 12), written));
        });
    return Arbitraries.oneOf(underKey, inUrl, inText, bearer, jwt, card);
  }

  private static int luhnDigit(String body) {
    int sum = 0;
    boolean dbl = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of("password=", "token: ", "\"apiKey\": \"", "Bearer ", "Basic dXNlcjpwYXNz",
        "postgres://u:", "@h/db", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "4111 1111 1111 1111", "***", " ", "x",
        "=", ":", "\"", "'", "abc123", "&", "\n", "1234");
    return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<Object>> paths() {
    return Arbitraries.oneOf(Arbitraries.of(PLAIN_KEYS).map(k -> (Object) k), Arbitraries.just((Object) 0))
        .list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<JsonValue> plainTrees() {
    return plain(3);
  }

  private static Arbitrary<JsonValue> plain(int depth) {
    Arbitrary<JsonValue> scalars = Arbitraries.oneOf(
        Arbitraries.of(WORDS).list().ofMaxSize(4).map(w -> (JsonValue) JsonString.of(String.join(" ", w))),
        Arbitraries.longs().between(-1_000_000, 1_000_000).map(JsonInt::of),
        Arbitraries.of(JsonBool.TRUE, JsonBool.FALSE, JsonNull.INSTANCE));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonValue> child = Arbitraries.lazy(() -> plain(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, scalars),
        net.jqwik.api.Tuple.of(1, child.list().ofMaxSize(3).map(JsonArray::of)),
        net.jqwik.api.Tuple.of(2, Arbitraries.maps(Arbitraries.of(PLAIN_KEYS), child).ofMaxSize(4)
            .map(m -> (JsonValue) JsonObject.of(new LinkedHashMap<>(m)))));
  }

  private static JsonObject obj(String k, JsonValue v) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
    m.put(k, v);
    return JsonObject.of(m);
  }

  /** {@code host} with {@code leaf} placed at {@code path} (object keys and array slots, created as needed). */
  private static JsonValue plant(JsonValue host, List<Object> path, JsonValue leaf) {
    if (path.isEmpty()) {
      if (host instanceof JsonObject h && leaf instanceof JsonObject l) {
        LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(h.members());
        m.putAll(l.members());
        return JsonObject.of(m);
      }
      return leaf;
    }
    Object step = path.get(0);
    List<Object> rest = path.subList(1, path.size());
    if (step instanceof String k) {
      LinkedHashMap<String, JsonValue> m = host instanceof JsonObject h ? new LinkedHashMap<>(h.members()) : new LinkedHashMap<>();
      m.put(k, plant(m.getOrDefault(k, JsonNull.INSTANCE), rest, leaf));
      return JsonObject.of(m);
    }
    List<JsonValue> items = host instanceof JsonArray a ? new java.util.ArrayList<>(a.items()) : new java.util.ArrayList<>();
    items.add(plant(JsonNull.INSTANCE, rest, leaf));
    return JsonArray.of(items);
  }
}
