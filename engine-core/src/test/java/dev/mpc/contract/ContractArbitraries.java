package dev.mpc.contract;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Severity;
import dev.mpc.diag.SourceMap;
import dev.mpc.diag.SourceSpan;
import dev.mpc.json.JsonArbitraries;
import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for the contract records. */
public final class ContractArbitraries {
  private ContractArbitraries() {}

  static Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', 'é').ofMinLength(1).ofMaxLength(10);
  }

  static Arbitrary<Optional<String>> optWords() {
    return words().optional();
  }

  static Arbitrary<JsonObject> maps() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(JsonObject.EMPTY)),
        net.jqwik.api.Tuple.of(1, JsonArbitraries.openMaps()));
  }

  /** Reasons with any registered code. */
  public static Arbitrary<Reason> reasons() {
    return Combinators.combine(Arbitraries.of(Code.class), optWords(), optWords(), maps()).as(Reason::new);
  }

  /** Intents of every kind, complete or not. */
  public static Arbitrary<Intent> intents() {
    return Combinators.combine(Arbitraries.of(IntentKind.class), optWords(), maps(), optWords()).as(Intent::new);
  }

  /** Messages. */
  public static Arbitrary<Message> messages() {
    return Combinators.combine(Arbitraries.of(MessageLevel.class), words(), optWords(), maps()).as(Message::new);
  }

  /** Traces. */
  public static Arbitrary<Trace> traces() {
    Arbitrary<TraceEvent> events = Combinators.combine(words(), optWords(), maps(), maps(),
        Arbitraries.doubles().between(0, 1e6).optional()).as(TraceEvent::new);
    return Combinators.combine(words(), optWords(), words(), events.list().ofMaxSize(3)).as(Trace::new);
  }

  /** Decisions with every member populated at random. */
  public static Arbitrary<Decision> decisions() {
    Arbitrary<DecisionMeta> meta = Combinators.combine(optWords(), optWords(), optWords(), optWords()).as(DecisionMeta::new);
    return Combinators.combine(Arbitraries.of(true, false), reasons().list().ofMaxSize(3),
        messages().list().ofMaxSize(2), intents().list().ofMaxSize(3), traces().optional(), meta).as(Decision::new);
  }

  /** Event envelopes. */
  public static Arbitrary<EventEnvelope> events() {
    Arbitrary<Actor> actors = Combinators.combine(words(), Arbitraries.of(ActorType.class),
        words().list().ofMaxSize(3), maps()).as(Actor::new);
    Arbitrary<ObjectRef> objects = Combinators.combine(words(), words(), maps(), optWords()).as(ObjectRef::new);
    Arbitrary<String> stamps = Arbitraries.longs().between(0, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s).toString());
    return Combinators.combine(optWords(), words(), Arbitraries.of(EventKind.class), stamps, actors, objects,
        maps(), maps()).as((id, n, k, t, a, o, c, p) -> new EventEnvelope(id, n, k, t, a, o, c, p, Optional.empty()));
  }

  /** Diagnostics with sources and one level of causes. */
  public static Arbitrary<Diagnostic> diagnostics() {
    Arbitrary<Optional<SourceMap>> sources = Combinators.combine(optWords(), Arbitraries.integers().between(1, 999),
        Arbitraries.integers().between(1, 99), Arbitraries.integers().between(1, 999).optional())
        .as((f, l, c, l2) -> new SourceMap(f, l, c, l2.map(x -> new SourceSpan(x, 1)))).optional();
    Arbitrary<Diagnostic> leaf = Combinators.combine(Arbitraries.of(Code.class), words(), Arbitraries.of(Severity.class),
        optWords(), sources, maps()).as((c, m, s, p, src, d) -> new Diagnostic(c, m, s, p, src, d, List.of()));
    return Combinators.combine(leaf, leaf.list().ofMaxSize(2)).as(Diagnostic::withCauses);
  }
}
