package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.dsl.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random well-typed policies validate; a single mutation of one property's type is reported at that property. */
class EngineSchemaProperties {
  private static final Validator VALIDATOR = Validator.semanticOnly();

  /** A policy as ordered property lines ({@code name: value}), one per line. */
  record PolicyDef(Map<String, String> props) {
    String dsl() {
      StringBuilder b = new StringBuilder("def Policy p {\n");
      props.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
      return b.append("}\n").toString();
    }

    /** The 1-based line of property {@code name}. */
    int lineOf(String name) {
      return 2 + new ArrayList<>(props.keySet()).indexOf(name);
    }
  }

  private static final List<String> CONDITIONS = List.of(
      "\"object.attributes.status == 'open'\"", "\"kind == 'update' and len(actor.id) > 0\"",
      "\"event.object.type == 'order'\"", "\"context.tenant != null\"", "\"actor.claims.level >= 3\"",
      "\"not (object.state == 'closed')\"", "true");
  private static final List<String> INTENTS = List.of(
      "[]", "[{ kind: \"maskField\", target: \"ssn\" }]",
      "[{ kind: \"audit\", target: \"orders\", params: { action: \"read\", actor: \"u\" }, idempotencyKey: \"${id}\" }]",
      "[{ kind: \"notify\", target: \"ops\", params: { template: \"t\" }, idempotencyKey: \"k\" },"
          + " { kind: \"tag\", target: \"o\", params: { tags: {} } }]");

  @Provide
  Arbitrary<PolicyDef> policies() {
    Arbitrary<String> effect = Arbitraries.of("\"allow\"", "\"deny\"");
    Arbitrary<String> priority = Arbitraries.oneOf(Arbitraries.integers().between(-1000, 1000).map(String::valueOf),
        Arbitraries.doubles().between(-10, 10).ofScale(2).map(String::valueOf));
    Arbitrary<String> match = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(e -> "{ event: \"" + e + ".update\" }"),
        Arbitraries.of("{ expr: \"kind == 'create'\" }", "{ \"object.type\": \"order\", event: [\"a\", \"b\"] }",
            "{}"));
    Arbitrary<String> condition = Arbitraries.of(CONDITIONS);
    Arbitrary<String> intents = Arbitraries.of(INTENTS);
    Arbitrary<List<Boolean>> present = Arbitraries.of(true, false).list().ofSize(4);
    return Combinators.combine(effect, priority, match, condition, intents, present).as((e, p, m, c, i, has) -> {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("effect", e);
      if (has.get(0)) {
        props.put("priority", p);
      }
      if (has.get(1)) {
        props.put("match", m);
      }
      if (has.get(2)) {
        props.put("condition", c);
      }
      if (has.get(3)) {
        props.put("intents", i);
      }
      return new PolicyDef(props);
    });
  }

  @Property(tries = 150)
  void wellTypedPolicies_validate(@ForAll("policies") PolicyDef p) {
    List<Diagnostic> ds = VALIDATOR.validate(Manifests.parseText(p.dsl()).orElseThrow());
    assertEquals(List.of(), ds, p.dsl());
  }

  /** Wrong-typed replacement values per property. */
  private static final Map<String, List<String>> MUTATIONS = Map.of(
      "effect", List.of("\"Deny\"", "\"ALLOW\"", "1", "[\"deny\"]", "{}", "true"),
      "priority", List.of("\"high\"", "true", "[1]", "{}"),
      "match", List.of("5", "\"order.update\"", "[]", "{ event: 5 }", "{ expr: \"kind\" }",
          "{ expr: \"object.status == 1\" }", "{ expr: \"kind == 'x'\", event: \"e\" }"),
      "condition", List.of("\"object.type\"", "\"actor.name == 'x'\"", "5", "\"1 + 1\"", "\"user.id == 1\""),
      "intents", List.of("\"audit\"", "{}", "[\"audit\"]", "[{ kind: \"nope\", target: \"t\" }]",
          "[{ kind: \"notify\", target: \"t\" }]", "[{ target: \"t\" }]"));

  @Provide
  Arbitrary<Object[]> mutated() {
    return policies().flatMap(p -> {
      List<String> names = new ArrayList<>(MUTATIONS.keySet());
      names.sort(null);
      return Arbitraries.of(names).flatMap(name -> Arbitraries.of(MUTATIONS.get(name)).map(bad -> {
        Map<String, String> props = new LinkedHashMap<>(p.props());
        props.put(name, bad);
        return new Object[] {new PolicyDef(props), name};
      }));
    });
  }

  @Property(tries = 200)
  void oneWrongTypedProperty_isReportedAtItsPosition(@ForAll("mutated") Object[] m) {
    PolicyDef p = (PolicyDef) m[0];
    String name = (String) m[1];
    List<Diagnostic> errors = VALIDATOR.validate(Manifests.parseText(p.dsl()).orElseThrow()).stream()
        .filter(d -> d.severity() == Severity.ERROR).toList();
    assertTrue(!errors.isEmpty(), "not reported: " + p.dsl());
    for (Diagnostic d : errors) {
      assertEquals(p.lineOf(name), d.source().orElseThrow().line(), p.dsl() + d);
      assertEquals(3, d.source().orElseThrow().col(), p.dsl() + d);
      assertTrue(d.path().orElseThrow().startsWith("/defs/0/properties/" + name), p.dsl() + d);
      assertEquals(name, d.details().getOrNull("property") instanceof dev.mpc.json.JsonString s ? s.value() : null);
    }
  }
}
