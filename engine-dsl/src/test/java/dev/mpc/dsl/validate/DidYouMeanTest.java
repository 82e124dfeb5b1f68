package dev.mpc.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.json.JsonString;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unknown kinds, events, functions and states carry the nearest known name in details.didYouMean. */
class DidYouMeanTest {
  static final DomainMeta META = DomainMetaLoader.fromText("kinds: [{name: Policy}, {name: Workflow}]\n"
      + "allowed_events: [order.update, order.create]\n"
      + "allowed_functions: [{name: daysBetween, args: [string, string], returns: int}]\n").orElseThrow();

  static Optional<String> suggestion(String body, Code code) {
    List<Diagnostic> ds = Validator.builder().meta(META).build()
        .validate(Manifests.parseText("@schema 1\n@namespace \"t\"\n" + body, Syntax.DSL).orElseThrow());
    Diagnostic d = ds.stream().filter(x -> x.code() == code).findFirst().orElseThrow(() -> new AssertionError(ds.toString()));
    return d.details().getOrNull("didYouMean") instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  @Test
  void kindsEventsFunctionsAndStates() {
    assertEquals(Optional.of("Policy"), suggestion("def Polcy p { effect: \"allow\" }\n", Code.E_META_UNKNOWN_KIND));
    assertEquals(Optional.of("order.update"), suggestion("def Policy p { effect: \"allow\", match: { event: \"order.updte\" } }\n",
        Code.E_META_EVENT_NOT_ALLOWED));
    assertEquals(Optional.of("daysBetween"), suggestion("def Policy p { effect: \"allow\", condition: \"daysBetwen('a', 'b') > 1\" }\n",
        Code.E_EXPR_UNKNOWN_FUNCTION));
    assertEquals(Optional.of("approved"), suggestion("def Workflow w { initial: \"open\", states: [\"open\", \"approved\"],"
        + " transitions: [{from: \"open\", on: \"ok\", to: \"aproved\"}] }\n", Code.E_VALID_UNRESOLVED_REF));
    assertEquals(Optional.of("open"), suggestion("def Workflow w { initial: \"opn\", states: [\"open\", \"closed\"],"
        + " transitions: [{from: \"open\", on: \"x\", to: \"closed\"}] }\n", Code.E_WF_UNKNOWN_STATE));
    assertEquals(Optional.empty(), suggestion("def Gadget g { }\n", Code.E_META_UNKNOWN_KIND), "nothing near");
  }
}
