package dev.mpc.engine;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.DecisionMeta;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Message;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.preset.ComposeStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Combines the decisions of several engines (policy, ACL, ...) into one, by a
 * {@link ComposeStrategy} (engines.md §5, with the improvements of §14.4 documented in
 * {@code docs/decisions.md}, section "Composition").
 *
 * <p>Each input is a {@link Vote}: an {@link Effect} (permit, deny or not applicable) and the
 * decision behind it. {@link #compose(List)} classifies plain decisions with {@link Effect#of}.
 * Only applicable votes take part:
 *
 * <ul>
 *   <li>{@code deny-wins}: any deny denies, with the reasons of the denying votes; otherwise allow
 *       with the reasons of the permitting ones.
 *   <li>{@code allow-wins}: any permit allows; reasons of every applicable vote, in order.
 *   <li>{@code first-applicable}: the first applicable vote's decision.
 *   <li>{@code only-one}: exactly one applicable vote decides; two or more deny with one
 *       {@code R_COMPOSE_CONFLICT} reason whose {@code data.decisions} keeps each conflicting
 *       decision's allow and reasons.
 *   <li>Nothing applicable (also: no votes): the configured default, a deny with
 *       {@code R_COMPOSE_NOT_APPLICABLE} unless {@link Builder#whenNothingApplicable} says otherwise.
 * </ul>
 *
 * <p>Intents: those of the votes aligned with the outcome (the deciding votes), plus, from every
 * vote, intents of the kinds that hold whatever the outcome ({@code audit} by default); then
 * {@link Intent#deduplicate}. Messages follow the reasons. The result has no trace and no meta (the
 * evaluation façade stamps them). Composition is a pure function of its inputs and never throws
 * for an outcome.
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class DecisionComposer {
  /** The default for "nothing applicable": deny, reason {@code R_COMPOSE_NOT_APPLICABLE}. */
  public static final Decision NOTHING_APPLICABLE_DENY =
      Decision.deny(List.of(Reason.of(Code.R_COMPOSE_NOT_APPLICABLE, "No decision applied")));

  private static final DecisionComposer DEFAULT = builder().build().orElseThrow();

  private final ComposeStrategy strategy;
  private final Decision nothingApplicable;
  private final Set<IntentKind> anyOutcomeKinds;

  private DecisionComposer(ComposeStrategy strategy, Decision nothingApplicable, Set<IntentKind> anyOutcomeKinds) {
    this.strategy = strategy;
    this.nothingApplicable = nothingApplicable;
    this.anyOutcomeKinds = anyOutcomeKinds;
  }

  /** What a vote says. A later tri-state engine output maps onto it directly. */
  public enum Effect {
    /** The engine allows, and something (a rule) made it allow. */
    PERMIT,
    /** The engine denies. */
    DENY,
    /** Nothing in the engine applied to the request; the vote does not count. */
    NOT_APPLICABLE;

    /**
     * The effect of a plain decision, failing closed: a deny is always a {@link #DENY} (even
     * without reasons); an allow is a {@link #PERMIT} only when it has a reason, otherwise
     * {@link #NOT_APPLICABLE} (nothing granted it).
     */
    public static Effect of(Decision d) {
      if (!d.allow()) {
        return DENY;
      }
      return d.reasons().isEmpty() ? NOT_APPLICABLE : PERMIT;
    }
  }

  /**
   * One engine's input to a composition.
   *
   * @param effect what it says
   * @param decision the decision behind it (its reasons, messages, intents)
   */
  public record Vote(Effect effect, Decision decision) {
    /** Creates a vote; a permit must carry an allowing decision, a deny a denying one. */
    public Vote {
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(decision, "decision");
      if (effect == Effect.PERMIT && !decision.allow() || effect == Effect.DENY && decision.allow()) {
        throw new IllegalArgumentException("a " + effect + " vote needs a decision with allow=" + (effect == Effect.PERMIT));
      }
    }

    /** The vote of a plain decision ({@link Effect#of}). */
    public static Vote of(Decision d) {
      return new Vote(Effect.of(d), d);
    }
  }

  /** A composer for {@code strategy} with the defaults. */
  public static DecisionComposer of(ComposeStrategy strategy) {
    return strategy == ComposeStrategy.DENY_WINS ? DEFAULT
        : builder().strategy(strategy).build().orElseThrow();
  }

  /** The default composer: deny-wins, deny when nothing applies, {@code audit} intents kept for any outcome. */
  public static DecisionComposer standard() {
    return DEFAULT;
  }

  /** A new builder with the defaults of {@link #standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The strategy named {@code wireName}; an unknown name is {@code E_PARSE_INVALID_TOKEN} listing
   * the known ones (never a silent fallback).
   */
  public static Result<ComposeStrategy> parseStrategy(String wireName) {
    Optional<ComposeStrategy> s = ComposeStrategy.fromWireName(Objects.requireNonNull(wireName, "wireName"));
    if (s.isPresent()) {
      return Result.ok(s.get());
    }
    return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "Unknown compose strategy '" + wireName
        + "'; known: " + Arrays.stream(ComposeStrategy.values()).map(ComposeStrategy::wireName).toList()));
  }

  /** The strategy. */
  public ComposeStrategy strategy() {
    return strategy;
  }

  /** Composes plain decisions, each classified with {@link Effect#of}. */
  public Decision compose(List<Decision> decisions) {
    List<Vote> votes = new ArrayList<>(decisions.size());
    for (Decision d : decisions) {
      votes.add(Vote.of(d));
    }
    return composeVotes(votes);
  }

  /**
   * Composes two votes, as {@link #composeVotes(List)} does with {@code List.of(first, second)};
   * under deny-wins, when one side decides alone and the other adds nothing, the deciding side's
   * decision is returned as it is (no copy).
   */
  public Decision composeVotes(Vote first, Vote second) {
    if (strategy == ComposeStrategy.DENY_WINS) {
      Effect a = first.effect();
      Effect b = second.effect();
      if (a != Effect.NOT_APPLICABLE || b != Effect.NOT_APPLICABLE) {
        boolean deny = a == Effect.DENY || b == Effect.DENY;
        Effect outcome = deny ? Effect.DENY : Effect.PERMIT;
        Vote alone = a == outcome && b != outcome ? first : b == outcome && a != outcome ? second : null;
        if (alone != null) {
          Vote other = alone == first ? second : first;
          Decision d = alone.decision();
          if (!hasAnyOutcomeIntent(other.decision()) && d.trace().isEmpty()
              && (d.meta() == DecisionMeta.NONE || d.meta().isEmpty())
              && (d.intents().size() < 2 || Intent.deduplicate(d.intents()).size() == d.intents().size())) {
            return d;
          }
        } else {
          // both decide: every reason, message and intent of both, in vote order
          Decision x = first.decision();
          Decision y = second.decision();
          List<Intent> intents = x.intents().isEmpty() && y.intents().isEmpty() ? List.of()
              : Intent.deduplicate(concat(x.intents(), y.intents()));
          return new Decision(!deny, concat(x.reasons(), y.reasons()), concat(x.messages(), y.messages()), intents,
              Optional.empty(), DecisionMeta.NONE);
        }
      }
    }
    return composeVotes(List.of(first, second));
  }

  /** {@code a} then {@code b}, immutable; one of them when the other is empty. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> concat(List<T> a, List<T> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    Object[] all = new Object[a.size() + b.size()];
    int n = 0;
    for (T t : a) {
      all[n++] = t;
    }
    for (T t : b) {
      all[n++] = t;
    }
    return dev.mpc.contract.internal.SealedList.wrap(all);
  }

  private boolean hasAnyOutcomeIntent(Decision d) {
    List<Intent> intents = d.intents();
    for (int i = 0, n = intents.size(); i < n; i++) {
      if (anyOutcomeKinds.contains(intents.get(i).kind())) {
        return true;
      }
    }
    return false;
  }

  /** Composes votes. */
  public Decision composeVotes(List<Vote> votes) {
    List<Vote> applicable = new ArrayList<>(votes.size());
    for (Vote v : votes) {
      if (v.effect() != Effect.NOT_APPLICABLE) {
        applicable.add(v);
      }
    }
    if (applicable.isEmpty()) {
      return assemble(nothingApplicable.allow(), List.of(nothingApplicable), votes);
    }
    return switch (strategy) {
      case DENY_WINS -> {
        boolean deny = applicable.stream().anyMatch(v -> v.effect() == Effect.DENY);
        Effect outcome = deny ? Effect.DENY : Effect.PERMIT;
        yield assemble(!deny, decisionsWith(applicable, outcome), votes);
      }
      case ALLOW_WINS -> {
        boolean allow = applicable.stream().anyMatch(v -> v.effect() == Effect.PERMIT);
        yield assembleAllReasons(allow, applicable, decisionsWith(applicable, allow ? Effect.PERMIT : Effect.DENY), votes);
      }
      case FIRST_APPLICABLE -> {
        Decision first = applicable.get(0).decision();
        yield assemble(first.allow(), List.of(first), List.of());
      }
      case ONLY_ONE -> {
        if (applicable.size() == 1) {
          Decision only = applicable.get(0).decision();
          yield assemble(only.allow(), List.of(only), List.of());
        }
        yield conflict(applicable, votes);
      }
    };
  }

  private static List<Decision> decisionsWith(List<Vote> votes, Effect effect) {
    List<Decision> out = new ArrayList<>();
    for (Vote v : votes) {
      if (v.effect() == effect) {
        out.add(v.decision());
      }
    }
    return out;
  }

  /** A decision from the deciding decisions' reasons, messages and intents (plus any-outcome intents of all votes). */
  private Decision assemble(boolean allow, List<Decision> deciding, List<Vote> all) {
    List<Reason> reasons = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (Decision d : deciding) {
      reasons.addAll(d.reasons());
      messages.addAll(d.messages());
    }
    return new Decision(allow, reasons, messages, intents(deciding, all), Optional.empty(), DecisionMeta.NONE);
  }

  /** allow-wins: reasons and messages of every applicable vote; intents of the deciding ones. */
  private Decision assembleAllReasons(boolean allow, List<Vote> applicable, List<Decision> deciding, List<Vote> all) {
    List<Reason> reasons = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (Vote v : applicable) {
      reasons.addAll(v.decision().reasons());
      messages.addAll(v.decision().messages());
    }
    return new Decision(allow, reasons, messages, intents(deciding, all), Optional.empty(), DecisionMeta.NONE);
  }

  private Decision conflict(List<Vote> applicable, List<Vote> all) {
    List<JsonObject> conflicting = new ArrayList<>();
    for (Vote v : applicable) {
      conflicting.add(JsonObject.builder()
          .put("allow", v.decision().allow())
          .put("reasons", JsonArray.of(v.decision().reasons().stream().map(ContractJson::toJson).toList()))
          .build());
    }
    Reason reason = new Reason(Code.R_COMPOSE_CONFLICT,
        Optional.of(applicable.size() + " decisions applicable under only-one"), Optional.empty(),
        JsonObject.builder().put("decisions", JsonArray.of(conflicting)).build());
    return new Decision(false, List.of(reason), List.of(), intents(List.of(), all), Optional.empty(), DecisionMeta.NONE);
  }

  /**
   * Deciding decisions that are not votes (the nothing-applicable default; the chosen decision of
   * first-applicable and only-one, called with no other votes) first; then, in vote order, every
   * intent of a deciding vote and the any-outcome intents of the others; deduplicated (first kept).
   */
  private List<Intent> intents(List<Decision> deciding, List<Vote> all) {
    List<Intent> out = new ArrayList<>();
    for (Decision d : deciding) {
      if (all.stream().noneMatch(v -> v.decision() == d)) {
        out.addAll(d.intents());
      }
    }
    for (Vote v : all) {
      boolean decides = deciding.stream().anyMatch(d -> d == v.decision());
      for (Intent i : v.decision().intents()) {
        if (decides || anyOutcomeKinds.contains(i.kind())) {
          out.add(i);
        }
      }
    }
    return Intent.deduplicate(out);
  }

  /** Builds a {@link DecisionComposer}; {@link #build()} reports every problem. Not thread-safe. */
  public static final class Builder {
    private ComposeStrategy strategy = ComposeStrategy.DENY_WINS;
    private final List<Diagnostic> problems = new ArrayList<>();
    private Decision nothingApplicable = NOTHING_APPLICABLE_DENY;
    private Set<IntentKind> anyOutcomeKinds = EnumSet.of(IntentKind.AUDIT);

    private Builder() {}

    /** The strategy (default deny-wins). */
    public Builder strategy(ComposeStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** The strategy by wire name; an unknown name makes {@link #build()} fail. */
    public Builder strategy(String wireName) {
      Result<ComposeStrategy> s = parseStrategy(wireName);
      if (s instanceof Result.Ok<ComposeStrategy> ok) {
        this.strategy = ok.get();
      } else {
        problems.addAll(s.diagnostics());
      }
      return this;
    }

    /**
     * The decision when no vote applies (default {@link #NOTHING_APPLICABLE_DENY}); its intents are
     * kept.
     */
    public Builder whenNothingApplicable(Decision decision) {
      this.nothingApplicable = Objects.requireNonNull(decision, "decision");
      return this;
    }

    /**
     * Intent kinds kept from every vote whatever the outcome (default {@code audit}: an audit
     * record of an overridden decision is still wanted); an empty set keeps only the deciding
     * votes' intents.
     */
    public Builder intentsForAnyOutcome(Set<IntentKind> kinds) {
      EnumSet<IntentKind> k = EnumSet.noneOf(IntentKind.class);
      k.addAll(kinds);
      this.anyOutcomeKinds = k;
      return this;
    }

    /** Builds the composer, or fails with every problem (an unknown strategy name). */
    public Result<DecisionComposer> build() {
      if (!problems.isEmpty()) {
        return Result.failed(problems);
      }
      return Result.ok(new DecisionComposer(strategy, nothingApplicable,
          Collections.unmodifiableSet(anyOutcomeKinds.isEmpty() ? EnumSet.noneOf(IntentKind.class) : EnumSet.copyOf(anyOutcomeKinds))));
    }
  }
}
