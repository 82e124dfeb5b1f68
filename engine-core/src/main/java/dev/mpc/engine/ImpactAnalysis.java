package dev.mpc.engine;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.TraceEvent;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Which real decisions would this change flip?": replays events against the artifact active now
 * and a candidate, and reports every decision that changes (allow to deny, deny to allow, intents
 * added or removed), each with the rules that caused it (the policies and ACL rules that decided in
 * one and not in the other). {@code mpc impact OLD NEW --events LOG.jsonl} is this over a decision
 * log ({@link DecisionLog}); a CI gate fails when anything is newly allowed.
 *
 * <p>Immutable and thread-safe (the engine is).
 */
public final class ImpactAnalysis {
  /** What changed. */
  public enum Kind {
    /** Allowed before, denied now. */
    NEWLY_DENIED,
    /** Denied before, allowed now. */
    NEWLY_ALLOWED,
    /** The same outcome with other intents. */
    INTENTS_CHANGED
  }

  /**
   * One changed decision.
   *
   * @param event the event
   * @param kind what changed
   * @param before the decision of the old artifact
   * @param after the decision of the new one
   * @param causes the rules that decided in one artifact and not the other ({@code policy:<id>},
   *     {@code acl:<id>}); when the same rules decided, those rules (one of them changed); else the
   *     new decision's reason codes
   * @param intentsAdded intents of the new decision the old one had not (canonical JSON)
   * @param intentsRemoved intents of the old decision the new one has not
   */
  public record Change(EventEnvelope event, Kind kind, Decision before, Decision after, List<String> causes,
      List<String> intentsAdded, List<String> intentsRemoved) {}

  /**
   * The outcome of a replay.
   *
   * @param events how many events were replayed
   * @param changes the changed decisions, in replay order
   */
  public record Report(int events, List<Change> changes) {
    /** @return how many decisions went from allow to deny */
    public long newlyDenied() {
      return changes.stream().filter(c -> c.kind() == Kind.NEWLY_DENIED).count();
    }

    /** @return how many decisions went from deny to allow */
    public long newlyAllowed() {
      return changes.stream().filter(c -> c.kind() == Kind.NEWLY_ALLOWED).count();
    }

    /** @return the changes grouped by cause (a change with two causes is in both groups) */
    public Map<String, List<Change>> byCause() {
      Map<String, List<Change>> m = new LinkedHashMap<>();
      for (Change c : changes) {
        for (String cause : c.causes()) {
          m.computeIfAbsent(cause, k -> new ArrayList<>()).add(c);
        }
      }
      return m;
    }

    /** @return {@code N events, N changed: N newly denied, N newly allowed} */
    public String summary() {
      return events + " events, " + changes.size() + " changed: " + newlyDenied() + " newly denied, " + newlyAllowed()
          + " newly allowed";
    }
  }

  private static final EvaluationOptions TRACED = EvaluationOptions.of(TraceLevel.DECISION);

  private final MpcEngine engine;
  private final Artifact before;
  private final Artifact after;

  private ImpactAnalysis(MpcEngine engine, Artifact before, Artifact after) {
    this.engine = engine;
    this.before = before;
    this.after = after;
  }

  /**
   * An analysis of replacing {@code before} by {@code after}, evaluated by {@code engine}.
   *
   * @param engine the engine (its preset and host functions as in production)
   * @param before the artifact active now
   * @param after the candidate
   * @return the analysis
   */
  public static ImpactAnalysis of(MpcEngine engine, Artifact before, Artifact after) {
    return new ImpactAnalysis(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(before, "before"),
        Objects.requireNonNull(after, "after"));
  }

  /**
   * How the decision on {@code event} changes, if it does.
   *
   * @param event the event
   * @return the change, or empty when both artifacts decide alike
   */
  public Optional<Change> compare(EventEnvelope event) {
    // untraced first: most events decide alike and cost two plain evaluations; only a change is
    // evaluated again with the deciding rules traced, to name its cause
    Decision b = engine.evaluate(before, event);
    Decision a = engine.evaluate(after, event);
    if (b.allow() == a.allow() && sameIntents(b, a)) {
      return Optional.empty();
    }
    b = engine.evaluate(before, event, TRACED);
    a = engine.evaluate(after, event, TRACED);
    List<String> ib = intents(b);
    List<String> ia = intents(a);
    List<String> added = new ArrayList<>(ia);
    ib.forEach(added::remove);
    List<String> removed = new ArrayList<>(ib);
    ia.forEach(removed::remove);
    Kind kind = b.allow() == a.allow() ? Kind.INTENTS_CHANGED : a.allow() ? Kind.NEWLY_ALLOWED : Kind.NEWLY_DENIED;
    Set<String> rb = rules(b);
    Set<String> ra = rules(a);
    Set<String> causes = new LinkedHashSet<>();
    for (String r : ra) {
      if (!rb.contains(r)) {
        causes.add(r);
      }
    }
    for (String r : rb) {
      if (!ra.contains(r)) {
        causes.add(r);
      }
    }
    if (causes.isEmpty()) {
      causes.addAll(ra); // the same rules decided: one of them changed (a mask, an intent)
    }
    if (causes.isEmpty()) {
      a.reasons().forEach(r -> causes.add(r.code().code()));
    }
    return Optional.of(new Change(event, kind, b, a, List.copyOf(causes), List.copyOf(added), List.copyOf(removed)));
  }

  /**
   * Replays {@code events}.
   *
   * @param events the events
   * @return the report
   */
  public Report analyze(Iterable<EventEnvelope> events) {
    int n = 0;
    List<Change> changes = new ArrayList<>();
    for (EventEnvelope e : events) {
      n++;
      compare(e).ifPresent(changes::add);
    }
    return new Report(n, List.copyOf(changes));
  }

  private static boolean sameIntents(Decision b, Decision a) {
    return b.intents().equals(a.intents()) || intents(b).equals(intents(a));
  }

  private static List<String> intents(Decision d) {
    if (d.intents().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(d.intents().size());
    for (Intent i : d.intents()) {
      out.add(Canonical.json(ContractJson.toJson(i)));
    }
    out.sort(null);
    return out;
  }

  /** The rules that decided ({@code policy:<id>} matched, {@code acl:<id>} decided). */
  private static Set<String> rules(Decision d) {
    Set<String> out = new LinkedHashSet<>();
    d.trace().ifPresent(t -> {
      for (TraceEvent e : t.events()) {
        if ((e.t().equals("policy.match") || e.t().equals("policy.error"))
            && e.data().getOrNull("policy") instanceof JsonString p) {
          out.add("policy:" + p.value());
        } else if ((e.t().equals("acl.match") || e.t().equals("acl.error"))
            && e.data().getOrNull("rule") instanceof JsonString r) {
          out.add("acl:" + r.value());
        }
      }
    });
    return out;
  }
}
