package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Result;
import dev.mpc.engine.DecisionComposer;
import dev.mpc.engine.DecisionComposer.Effect;
import dev.mpc.engine.DecisionComposer.Vote;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.preset.ComposeStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Category {@code compose} (conformance spec §3.3): composes {@code decisions} by
 * {@code strategy} with {@link DecisionComposer}.
 *
 * <p>Upstream compatibility lives here, not in the engine: without {@code "mode": "strict"} an
 * unknown strategy name falls back to {@code deny-wins}; each decision is {@code allow} (default
 * true) and {@code reasons} ({@code code}, optional {@code summary}), its intents ignored; under
 * deny-wins and allow-wins every decision votes by its {@code allow} alone, under
 * first-applicable and only-one a decision without reasons does not apply (even a deny); nothing
 * applicable allows with no reasons; the only-one conflict reason is written
 * {@code E_COMPOSE_CONFLICT} (the engine's is {@code R_COMPOSE_CONFLICT}). Output
 * {@code {"allow", "reasons": [{"code"}...]}}.
 *
 * <p>With {@code "mode": "strict"} (MPC for the JVM's own fixtures) decisions are full Decision
 * contract objects (read strictly), the engine's defaults apply (an unknown strategy is
 * {@code {"errors": [...]}}; {@link Effect#of} classifies; nothing applicable denies), and the
 * output is the composed Decision's JSON form.
 *
 * <p>Stateless and thread-safe.
 */
public final class ComposeHandler implements CategoryHandler {

  @Override
  public String category() {
    return "compose";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    String name = input.getOrNull("strategy") instanceof JsonString s ? s.value() : "deny-wins";
    JsonValue list = input.get("decisions").orElse(JsonArray.EMPTY);
    if (!(list instanceof JsonArray decisions)) {
      throw new IllegalArgumentException("compose 'decisions' must be an array");
    }
    if (Outputs.strict(input)) {
      Result<DecisionComposer> built = DecisionComposer.builder().strategy(name).build();
      if (!(built instanceof Result.Ok<DecisionComposer> ok)) {
        return Outputs.errors(built.diagnostics());
      }
      List<Decision> ds = new ArrayList<>();
      for (JsonValue d : decisions.items()) {
        ds.add(ContractJson.readDecision(d, ContractJson.Strictness.STRICT).orElseThrow());
      }
      return ContractJson.toJson(ok.get().compose(ds));
    }

    ComposeStrategy strategy = ComposeStrategy.fromWireName(name).orElse(ComposeStrategy.DENY_WINS);
    DecisionComposer composer = DecisionComposer.builder().strategy(strategy)
        .whenNothingApplicable(Decision.allow(List.of())).build().orElseThrow();
    boolean byReasons = strategy == ComposeStrategy.FIRST_APPLICABLE || strategy == ComposeStrategy.ONLY_ONE;
    List<Vote> votes = new ArrayList<>();
    for (JsonValue item : decisions.items()) {
      Decision d = upstreamDecision(item);
      Effect e = byReasons && d.reasons().isEmpty() ? Effect.NOT_APPLICABLE : d.allow() ? Effect.PERMIT : Effect.DENY;
      votes.add(new Vote(e, d));
    }
    Decision out = composer.composeVotes(votes);
    List<JsonValue> reasons = new ArrayList<>();
    for (Reason r : out.reasons()) {
      Code code = r.code() == Code.R_COMPOSE_CONFLICT ? Code.E_COMPOSE_CONFLICT : r.code();
      reasons.add(JsonObject.builder().put("code", code.code()).build());
    }
    return JsonObject.builder().put("allow", out.allow()).put("reasons", JsonArray.of(reasons)).build();
  }

  /** A decision as upstream's handler reads it: allow (default true) and reasons (code, summary). */
  private static Decision upstreamDecision(JsonValue item) {
    if (!(item instanceof JsonObject o)) {
      throw new IllegalArgumentException("compose decision must be an object");
    }
    boolean allow = !(o.getOrNull("allow") instanceof JsonBool b) || b.value();
    List<Reason> reasons = new ArrayList<>();
    if (o.getOrNull("reasons") instanceof JsonArray rs) {
      for (JsonValue rv : rs.items()) {
        if (!(rv instanceof JsonObject r) || !(r.getOrNull("code") instanceof JsonString c)) {
          throw new IllegalArgumentException("compose reason must be an object with a string code");
        }
        Code code = Code.of(c.value()).orElseThrow(() -> new IllegalArgumentException("unregistered code " + c.value()));
        Optional<String> summary = r.getOrNull("summary") instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
        reasons.add(new Reason(code, summary, Optional.empty(), JsonObject.EMPTY));
      }
    }
    return allow ? Decision.allow(reasons) : Decision.deny(reasons);
  }
}
