package dev.mpc.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.contract.Trace;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final Redactor STD = Redactor.standard();

  private static JsonValue json(String text) {
    return Json.parse(text).orElseThrow();
  }

  private static String redacted(Redactor r, String json) {
    return Canonical.json(r.redact(json(json)));
  }

  @Test
  void defaultKeys_maskedAtAnyDepth_caseAndSeparatorsIgnored() {
    assertEquals("{\"a\":{\"API-KEY\":\"***\",\"Password\":\"***\",\"user\":\"alice\"},\"items\":[{\"client_secret\":\"***\"}]}",
        redacted(STD, "{\"a\":{\"user\":\"alice\",\"Password\":\"x\",\"API-KEY\":\"k\"},\"items\":[{\"client_secret\":\"s\"}]}"));
  }

  @Test
  void suffixMatching_catchesCompoundNames_butNotMereSubstrings() {
    assertEquals("{\"dbPassword\":\"***\",\"tokenCount\":3,\"x-api-key\":\"***\"}",
        redacted(STD, "{\"dbPassword\":\"p\",\"x-api-key\":\"k\",\"tokenCount\":3}"));
    Redactor exact = Redactor.builder().keyMatching(KeyMatching.EXACT).build().orElseThrow();
    assertEquals("{\"api-key\":\"k\",\"apikey\":\"***\",\"dbPassword\":\"p\"}",
        redacted(exact, "{\"dbPassword\":\"p\",\"api-key\":\"k\",\"apikey\":\"k\"}"));
  }

  @Test
  void customKeys_addToDefaults_unlessReplaced() {
    Redactor add = Redactor.builder().denyKeys("pin").build().orElseThrow();
    assertEquals("{\"password\":\"***\",\"pin\":\"***\"}", redacted(add, "{\"password\":\"p\",\"pin\":\"1234\"}"));
    Redactor replace = Redactor.builder().denyKeys("pin").replaceDefaultKeys().detectors(Set.of()).build().orElseThrow();
    assertEquals("{\"password\":\"p\",\"pin\":\"***\"}", redacted(replace, "{\"password\":\"p\",\"pin\":\"1234\"}"));
    assertEquals(List.of("pin"), replace.denyKeys());
  }

  @Test
  void wholeSubtreesMasked_nullsMaskedByDefault() {
    assertEquals("{\"secret\":\"***\",\"token\":\"***\"}", redacted(STD, "{\"secret\":{\"a\":[1,2]},\"token\":null}"));
    Redactor keep = Redactor.builder().redactNulls(false).build().orElseThrow();
    assertEquals("{\"token\":null}", redacted(keep, "{\"token\":null}"));
  }

  @Test
  void patterns_fullPathOrBareKey_doubleStarIncludesRoot() {
    Redactor single = Redactor.builder().denyPatterns("*.secretish").build().orElseThrow();
    assertEquals("{\"a\":{\"b\":{\"secretish\":\"***\"},\"secretish\":\"***\"},\"secretish\":1}",
        redacted(single, "{\"secretish\":1,\"a\":{\"secretish\":2,\"b\":{\"secretish\":3}}}"));
    Redactor dbl = Redactor.builder().denyPatterns("**.secretish").build().orElseThrow();
    assertEquals("{\"a\":{\"b\":{\"secretish\":\"***\"},\"secretish\":\"***\"},\"secretish\":\"***\"}",
        redacted(dbl, "{\"secretish\":1,\"a\":{\"secretish\":2,\"b\":{\"secretish\":3}}}"));
    Redactor under = Redactor.builder().denyPatterns("cfg.**").build().orElseThrow();
    assertEquals("{\"cfg\":\"***\",\"other\":1}", redacted(under, "{\"cfg\":{\"a\":1},\"other\":1}"));
    Redactor arrays = Redactor.builder().denyPatterns("items[].note").build().orElseThrow();
    assertEquals("{\"items\":[{\"note\":\"***\"}],\"note\":\"n\"}", redacted(arrays, "{\"items\":[{\"note\":\"x\"}],\"note\":\"n\"}"));
    Redactor bare = Redactor.builder().denyPatterns("internal_*").build().orElseThrow();
    assertEquals("{\"a\":{\"INTERNAL_x\":\"***\"}}", redacted(bare, "{\"a\":{\"INTERNAL_x\":1}}"));
    Redactor cs = Redactor.builder().denyPatterns("internal_*").caseSensitivePatterns(true).build().orElseThrow();
    assertEquals("{\"a\":{\"INTERNAL_x\":1}}", redacted(cs, "{\"a\":{\"INTERNAL_x\":1}}"));
    Redactor sets = Redactor.builder().denyPatterns("k[0-9]", "q[!a]", "?z").caseSensitivePatterns(true).build().orElseThrow();
    assertEquals("{\"k5\":\"***\",\"ka\":1,\"qa\":1,\"qb\":\"***\",\"xz\":\"***\"}",
        redacted(sets, "{\"k5\":1,\"ka\":1,\"qa\":1,\"qb\":1,\"xz\":1}"));
  }

  @Test
  void invalidConfiguration_everyProblemAtOnce() {
    Result<Redactor> r = Redactor.builder().denyKeys("", "ok", "-_").denyPatterns("a[b", "", "**.**.**.**.**.x").build();
    assertFalse(r.isOk());
    assertEquals(5, r.diagnostics().size(), r.diagnostics().toString());
    for (Diagnostic d : r.diagnostics()) {
      assertEquals(Code.E_PARSE_INVALID_TOKEN, d.code());
      assertTrue(d.path().orElseThrow().startsWith("redaction.deny"), d.toString());
    }
  }

  @Test
  void detectors_urlPassword_bearer_basic_jwt_card_keyValue() {
    assertEquals("postgres://app:***@db:5432/x", STD.redactText("postgres://app:s3cr3t@db:5432/x"));
    assertEquals("see https://example.com/a:b@c", STD.redactText("see https://example.com/a:b@c"));
    assertEquals("Authorization: *** ***", STD.redactText("Authorization: Bearer abc.def"));
    assertEquals("header Bearer ***", STD.redactText("header Bearer abc.def"));
    assertEquals("Basic ***", STD.redactText("Basic dXNlcjpwYXNz"));
    assertEquals("Basic information", STD.redactText("Basic information"));
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    assertEquals("token is ***.", STD.redactText("token is " + jwt + "."));
    assertEquals("card ***1111 ok", STD.redactText("card 4111 1111 1111 1111 ok"));
    assertEquals("card ***0004", STD.redactText("card 5500-0000-0000-0004"));
    assertEquals("epoch 1700000000000", STD.redactText("epoch 1700000000000"));
    assertEquals("id 4111111111111112", STD.redactText("id 4111111111111112"));
    assertEquals("login failed: password=*** user=bob", STD.redactText("login failed: password=hunter2 user=bob"));
    assertEquals("{\"apiKey\": \"***\", \"n\": 1}", STD.redactText("{\"apiKey\": \"k-123\", \"n\": 1}"));
    assertEquals("DATABASE_URL=***", STD.redactText("DATABASE_URL=postgres://u:pw@h/db"));
    assertEquals("?access_token=***&page=2", STD.redactText("?access_token=abc&page=2"));
  }

  @Test
  void detectorsApplyToStringsAnywhere_andCardIntegers() {
    assertEquals("{\"n\":\"***1111\",\"note\":\"pw at postgres://u:***@h\",\"xs\":[\"Bearer ***\"]}",
        redacted(STD, "{\"note\":\"pw at postgres://u:pw@h\",\"xs\":[\"Bearer t0k3n\"],\"n\":4111111111111111}"));
    Redactor off = Redactor.builder().detectors(Set.of()).build().orElseThrow();
    assertEquals("{\"note\":\"postgres://u:pw@h\"}", redacted(off, "{\"note\":\"postgres://u:pw@h\"}"));
  }

  @Test
  void copyOnWrite_sameInstanceWhenNothingMatched() {
    JsonValue v = json("{\"a\":[1,{\"b\":\"plain\"}],\"c\":{\"password\":\"***\"}}");
    assertSame(v, STD.redact(v));
    JsonValue w = json("{\"a\":[1,{\"b\":\"plain\"}],\"c\":{\"password\":\"x\"}}");
    JsonObject out = (JsonObject) STD.redact(w);
    assertSame(((JsonObject) w).getOrNull("a"), out.getOrNull("a"), "unchanged subtrees are shared");
    String s = "nothing here";
    assertSame(s, STD.redactText(s));
  }

  @Test
  void deepNesting_doesNotOverflow() {
    JsonValue v = JsonObject.of(java.util.Map.of("password", JsonString.of("x")));
    for (int i = 0; i < 200_000; i++) {
      v = i % 2 == 0 ? JsonArray.of(v) : JsonObject.of(java.util.Map.of("k", v));
    }
    JsonValue out = STD.redact(v);
    for (int i = 0; i < 200_000; i++) {
      out = out instanceof JsonArray a ? a.get(0) : ((JsonObject) out).getOrNull("k");
    }
    assertEquals(JsonString.of("***"), ((JsonObject) out).getOrNull("password"));
  }

  @Test
  void deepCauseChain_doesNotOverflow_andKeepsOrder() {
    Diagnostic d = Diagnostic.of(Code.E_INTERNAL, "root token=abc");
    for (int i = 0; i < 50_000; i++) {
      d = Diagnostic.of(Code.E_INTERNAL, "level " + i).withCauses(List.of(Diagnostic.of(Code.E_INTERNAL, "sibling"), d));
    }
    Diagnostic out = STD.redact(d);
    for (int i = 0; i < 50_000; i++) {
      assertEquals("sibling", out.causes().get(0).message());
      assertSame(d.causes().get(0), out.causes().get(0), "unchanged causes are shared");
      out = out.causes().get(1);
      d = d.causes().get(1);
    }
    assertEquals("root token=***", out.message());
  }

  @Test
  void contractTypes() {
    Diagnostic cause = Diagnostic.of(Code.E_INTERNAL, "connect postgres://u:pw@h failed")
        .withDetails(JsonObject.of(java.util.Map.of("token", JsonString.of("t"))));
    Diagnostic d = Diagnostic.of(Code.E_INTERNAL, "boom password=hunter2").withCauses(List.of(cause));
    Diagnostic rd = STD.redact(d);
    assertEquals("boom password=***", rd.message());
    assertEquals("connect postgres://u:***@h failed", rd.causes().get(0).message());
    assertEquals("{\"token\":\"***\"}", Canonical.json(rd.causes().get(0).details()));
    Diagnostic clean = Diagnostic.of(Code.E_INTERNAL, "fine");
    assertSame(clean, STD.redact(clean));

    Trace t = new Trace("s1", Optional.empty(), "core-policy", List.of(
        TraceEvent.of("expr.eval", JsonObject.of(java.util.Map.of("secret", JsonString.of("x"))))));
    assertEquals("{\"secret\":\"***\"}", Canonical.json(STD.redact(t).events().get(0).data()));

    Decision dec = new Decision(false,
        List.of(new Reason(Code.R_POLICY_DENY, Optional.of("token=abc"), Optional.empty(),
            JsonObject.of(java.util.Map.of("apiKey", JsonString.of("k"))))),
        List.of(), List.of(new Intent(IntentKind.NOTIFY, Optional.of("ops"),
            JsonObject.of(java.util.Map.of("password", JsonString.of("p"))), Optional.of("k1"))),
        Optional.of(t), dev.mpc.contract.DecisionMeta.NONE);
    Decision rdec = STD.redact(dec);
    assertEquals("token=***", rdec.reasons().get(0).summary().orElseThrow());
    assertEquals("{\"apiKey\":\"***\"}", Canonical.json(rdec.reasons().get(0).data()));
    assertEquals("{\"password\":\"***\"}", Canonical.json(rdec.intents().get(0).params()));
    assertEquals("{\"secret\":\"***\"}", Canonical.json(rdec.trace().orElseThrow().events().get(0).data()));
    Decision plain = Decision.allow(List.of(Reason.of(Code.R_POLICY_ALLOW, "ok")));
    assertSame(plain, STD.redact(plain));
  }

  @Test
  void adversarialText_linearTime() {
    List<String> hostile = List.of("password=\\\"".repeat(25_000), "a".repeat(125_000) + "=x",
        "eyJ".repeat(50_000), "4 ".repeat(75_000), "Bearer ".repeat(25_000), "x://".repeat(40_000) + "u:p@h",
        "password={[".repeat(25_000), "\"token\":".repeat(25_000));
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
      for (String h : hostile) {
        String once = STD.redactText(h);
        assertEquals(once, STD.redactText(once));
      }
    });
  }

  @Test
  void cardIntegerOutsideRange_untouched() {
    JsonValue small = JsonInt.of(4111L);
    assertSame(small, STD.redact(small));
  }
}
