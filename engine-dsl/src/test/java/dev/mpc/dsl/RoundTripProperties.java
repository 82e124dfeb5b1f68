package dev.mpc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The centrepiece: any AST, rendered in each syntax with {@link Manifests#format} and parsed back,
 * gives the same canonical JSON and hash, keeps property and definition order, and is detected as
 * its syntax.
 */
class RoundTripProperties {

  /** Fragments chosen to hit every quoting and escaping rule of the three syntaxes. */
  static final List<String> PIECES = List.of("a", "Z", "_", "x1", " ", "  ", "\"", "'", "\\", "\n", "\t", "\r",
      "\b", "\f", "\u0001", "\u001f", "\u007f", "é", "ş", "Müşteri", "\u00a0", "\u2028", "\uD83D\uDE00", "\\u0041",
      "\\q", "def", "true", "false", "null", "yes", "on", "~", "0", "1", "-1", "1.5", "1e5", "0x1F", "0o17", ".inf",
      "2026-01-01", "-", ".", "#", "//", ":", ": ", "{", "}", "[", "]", ",", "&a", "*a", "!", "%", "@", "?", "|", ">",
      "---", "...", "<<", "=", "kind", "children");

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.of(PIECES).list().ofMaxSize(5).map(l -> String.join("", l));
  }

  Arbitrary<String> name() {
    Arbitrary<String> ident = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '-', 'Q', '7')
        .ofMinLength(1).ofMaxLength(8).filter(s -> Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
    return Arbitraries.oneOf(ident, text().filter(s -> !s.isEmpty()));
  }

  Arbitrary<String> key() {
    return Arbitraries.oneOf(name(), text()).filter(k -> !AstNode.RESERVED_KEYS.contains(k));
  }

  Arbitrary<JsonValue> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.just(JsonNull.INSTANCE),
        Arbitraries.of(JsonBool.TRUE, JsonBool.FALSE),
        Arbitraries.longs().map(JsonInt::of),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(JsonInt::of),
        Arbitraries.doubles().map(d -> (JsonValue) new JsonFloat(d)),
        Arbitraries.of(0.0, -0.0, 1.0, 1e16, 1e-5, 2.5e-7, 1.5e300, 4.9e-324, Double.MAX_VALUE, 0.1, 100.0)
            .map(d -> (JsonValue) new JsonFloat(d)),
        text().map(JsonString::of));
  }

  Arbitrary<JsonValue> value(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<JsonValue> array = value(depth - 1).list().ofMaxSize(3).map(JsonArray::of);
    Arbitrary<JsonValue> object = Arbitraries.maps(key(), value(depth - 1)).ofMaxSize(3)
        .map(m -> JsonObject.of(new LinkedHashMap<>(m)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalar()), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
  }

  Arbitrary<JsonObject> properties() {
    return Arbitraries.maps(key(), value(2)).ofMaxSize(4).map(m -> {
      LinkedHashMap<String, JsonValue> lm = new LinkedHashMap<>(m);
      lm.remove("source");
      return JsonObject.of(lm);
    });
  }

  Arbitrary<AstNode> node(int depth) {
    Arbitrary<List<AstNode>> children = depth == 0 ? Arbitraries.just(List.of()) : node(depth - 1).list().ofMaxSize(2);
    return Combinators.combine(name(), name(), Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
            text().map(Optional::of)), properties(), children)
        .as((kind, id, display, props, kids) ->
            new AstNode(kind, id, display, props, Map.of(), kids, Optional.empty()));
  }

  @Provide
  Arbitrary<ManifestAst> manifests() {
    return Combinators.combine(Arbitraries.longs().between(0, 1_000_000), text(), text(), text(),
            node(2).list().ofMaxSize(4))
        .as(ManifestAst::new);
  }

  @Property(tries = 200)
  void format_thenParse_givesSameCanonicalJsonInEverySyntax(@ForAll("manifests") ManifestAst ast) {
    String expected = ast.canonicalJson();
    String hash = ast.astHash();
    for (Syntax syntax : Syntax.values()) {
      String text = Manifests.format(ast, syntax);
      Result<ManifestAst> parsed = Manifests.parseText(text, syntax);
      assertTrue(parsed.isOk(), () -> syntax + " did not parse: " + parsed.diagnostics() + "\n" + text);
      ManifestAst back = parsed.orElseThrow();
      assertEquals(expected, back.canonicalJson(), () -> syntax + ":\n" + text);
      assertEquals(hash, back.astHash());
      assertEquals(ast, back.withoutSources(), () -> syntax + " changed the AST:\n" + text);
      assertEquals(text, Manifests.format(back, syntax), () -> syntax + " changed order:\n" + text);
      assertEquals(syntax, Syntax.detect(text));
    }
  }

  @Property(tries = 60)
  void convert_betweenSyntaxes_keepsHash(@ForAll("manifests") ManifestAst ast) {
    String yaml = Manifests.format(ast, Syntax.YAML);
    ManifestAst fromYaml = Manifests.parseText(yaml).orElseThrow();
    String dsl = Manifests.format(fromYaml, Syntax.DSL);
    ManifestAst fromDsl = Manifests.parseText(dsl).orElseThrow();
    String json = Manifests.format(fromDsl, Syntax.JSON);
    assertEquals(ast.astHash(), Manifests.parseText(json).orElseThrow().astHash());
  }
}
