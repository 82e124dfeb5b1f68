package dev.mpc.governance;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifecycle of an artifact in a scope (governance.md §13 G-9): Draft → Review → Approved →
 * Published → Active → Deprecated → Retired, with only these transitions:
 *
 * <table>
 * <caption>transitions</caption>
 * <tr><th>from</th><th>call</th><th>to</th><th>guard</th></tr>
 * <tr><td>(none)</td><td>{@link #create}</td><td>Draft</td><td>not yet known in the scope</td></tr>
 * <tr><td>Draft</td><td>{@link #submit}</td><td>Review</td><td>by the author</td></tr>
 * <tr><td>Review</td><td>{@link #requestChanges}</td><td>Draft</td><td>a reviewer role; approvals reset</td></tr>
 * <tr><td>Review</td><td>{@link #approve}</td><td>Approved</td><td>once the quorum is met (distinct
 *     actors, never the author)</td></tr>
 * <tr><td>Approved</td><td>{@link #publish}</td><td>Published</td><td></td></tr>
 * <tr><td>Published</td><td>activation</td><td>Active</td><td>the {@link GovernedRuntime}'s activation
 *     committed</td></tr>
 * <tr><td>Active</td><td>another activation</td><td>Deprecated</td><td>superseded in the scope</td></tr>
 * <tr><td>Deprecated</td><td>rollback</td><td>Active</td><td>the rollback committed</td></tr>
 * <tr><td>Published, Deprecated</td><td>{@link #retire}</td><td>Retired</td><td>not active</td></tr>
 * </table>
 *
 * <p>Any other transition is {@code E_GOV_STATE_INVALID}; publishing before the quorum is met is
 * {@code E_GOV_QUORUM_INCOMPLETE}. Every transition and approval is recorded with actor and time
 * (injected clock). States live in a {@link Store} (the host's persistence; compare-and-set).
 * Upstream has no lifecycle at all; its quorum counted approvals never reset between stages and let
 * the author approve: here approvals belong to one review round and the author cannot approve.
 *
 * <p>A plain transition table rather than a manifest workflow: the chain is linear and fixed, and
 * a host must not be able to redefine it from a manifest. Thread-safe.
 */
public final class Lifecycle {
  /** A lifecycle state. */
  public enum State {
    /** Being written. */
    DRAFT("Draft"),
    /** Waiting for approvals. */
    REVIEW("Review"),
    /** The quorum approved it. */
    APPROVED("Approved"),
    /** Released for activation. */
    PUBLISHED("Published"),
    /** Active in its scope. */
    ACTIVE("Active"),
    /** Was active, superseded; can be rolled back to. */
    DEPRECATED("Deprecated"),
    /** Final. */
    RETIRED("Retired");

    private final String wire;

    State(String wire) {
      this.wire = wire;
    }

    /** The wire name. */
    public String wireName() {
      return wire;
    }
  }

  /**
   * One approval of the current review round.
   *
   * @param actor who approved
   * @param role in which role
   * @param at when
   */
  public record Approval(String actor, String role, Instant at) {
    /** Creates an approval. */
    public Approval {
      Req.nonEmpty(actor, "actor");
      Req.nonEmpty(role, "role");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * One recorded transition.
   *
   * @param from the state before (empty for the creation)
   * @param to the state after
   * @param event what happened ({@code create}, {@code submit}, {@code approve}, ...)
   * @param actor who did it
   * @param at when
   */
  public record Transition(Optional<State> from, State to, String event, String actor, Instant at) {
    /** Creates a transition. */
    public Transition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Req.nonEmpty(event, "event");
      Req.nonEmpty(actor, "actor");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * An artifact's lifecycle in a scope.
   *
   * @param scope where
   * @param artifactHash which artifact
   * @param author who created it
   * @param state where it is
   * @param approvals the approvals of the current review round
   * @param history every transition, oldest first
   */
  public record Entry(Scope scope, String artifactHash, String author, State state, List<Approval> approvals,
      List<Transition> history) {
    /** Creates an entry. */
    public Entry {
      Objects.requireNonNull(scope, "scope");
      Req.nonEmpty(artifactHash, "artifactHash");
      Req.nonEmpty(author, "author");
      Objects.requireNonNull(state, "state");
      approvals = List.copyOf(approvals);
      history = List.copyOf(history);
    }
  }

  /** Where entries live. Implementations must be thread-safe and make compare-and-set atomic. */
  public interface Store {
    /** The entry of an artifact in a scope. */
    Optional<Entry> get(Scope scope, String artifactHash);

    /** Replaces the entry if it is exactly {@code expected} (empty: none yet); whether it did. */
    boolean compareAndSet(Scope scope, String artifactHash, Optional<Entry> expected, Entry next);

    /** A thread-safe in-memory store. */
    static Store inMemory() {
      return new Store() {
        private final ConcurrentHashMap<List<String>, Entry> map = new ConcurrentHashMap<>();

        @Override
        public Optional<Entry> get(Scope scope, String artifactHash) {
          return Optional.ofNullable(map.get(key(scope, artifactHash)));
        }

        @Override
        public boolean compareAndSet(Scope scope, String artifactHash, Optional<Entry> expected, Entry next) {
          List<String> k = key(scope, artifactHash);
          return expected.isEmpty() ? map.putIfAbsent(k, next) == null : map.replace(k, expected.get(), next);
        }

        private List<String> key(Scope scope, String hash) {
          return List.of(scope.tenant(), scope.namespace(), hash);
        }
      };
    }
  }

  private final Store store;
  private final Clock clock;
  private final Map<String, Integer> quorum;
  private final Set<String> reviewerRoles;

  private Lifecycle(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.quorum = Map.copyOf(b.quorum);
    this.reviewerRoles = Set.copyOf(b.reviewerRoles);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The entry of an artifact in a scope. */
  public Optional<Entry> entry(Scope scope, String artifactHash) {
    return store.get(scope, artifactHash);
  }

  /** Registers an artifact in a scope as a Draft. */
  public Result<Entry> create(Scope scope, String artifactHash, String author) {
    Objects.requireNonNull(scope, "scope");
    Req.nonEmpty(artifactHash, "artifactHash");
    Req.nonEmpty(author, "author");
    Instant now = clock.instant();
    Entry e = new Entry(scope, artifactHash, author, State.DRAFT, List.of(),
        List.of(new Transition(Optional.empty(), State.DRAFT, "create", author, now)));
    return store.compareAndSet(scope, artifactHash, Optional.empty(), e) ? Result.ok(e)
        : Result.failed(invalid("Artifact " + artifactHash + " is already in the lifecycle of " + scope));
  }

  /** Draft → Review, by the author. */
  public Result<Entry> submit(Scope scope, String artifactHash, String actor) {
    return move(scope, artifactHash, "submit", actor, (e, now) -> {
      if (e.state() != State.DRAFT) {
        return wrong(e, "submit");
      }
      if (!e.author().equals(actor)) {
        return Result.failed(invalid("Only the author (" + e.author() + ") submits artifact " + artifactHash));
      }
      return Result.ok(step(e, State.REVIEW, "submit", actor, now, List.of()));
    });
  }

  /** Review → Draft, by an actor holding a reviewer role; the round's approvals are discarded. */
  public Result<Entry> requestChanges(Scope scope, String artifactHash, String actor, Set<String> actorRoles) {
    return move(scope, artifactHash, "requestChanges", actor, (e, now) -> {
      if (e.state() != State.REVIEW) {
        return wrong(e, "requestChanges");
      }
      if (actorRoles.stream().noneMatch(reviewerRoles::contains)) {
        return Result.failed(invalid(actor + " holds no reviewer role " + new java.util.TreeSet<>(reviewerRoles)));
      }
      return Result.ok(step(e, State.DRAFT, "requestChanges", actor, now, List.of()));
    });
  }

  /**
   * Records {@code actor}'s approval in {@code role} (Review only; not the author; once per actor
   * and round); when it completes the quorum the artifact becomes Approved.
   */
  public Result<Entry> approve(Scope scope, String artifactHash, String actor, String role) {
    Req.nonEmpty(role, "role");
    return move(scope, artifactHash, "approve", actor, (e, now) -> {
      if (e.state() != State.REVIEW) {
        return wrong(e, "approve");
      }
      if (e.author().equals(actor)) {
        return Result.failed(invalid("The author " + actor + " may not approve their own artifact"));
      }
      if (e.approvals().stream().anyMatch(a -> a.actor().equals(actor))) {
        return Result.failed(invalid(actor + " already approved artifact " + artifactHash + " in this round"));
      }
      List<Approval> approvals = new ArrayList<>(e.approvals());
      approvals.add(new Approval(actor, role, now));
      Entry recorded = new Entry(e.scope(), e.artifactHash(), e.author(), e.state(), approvals, e.history());
      return Result.ok(missing(approvals).isEmpty() ? step(recorded, State.APPROVED, "approve", actor, now, approvals)
          : recorded);
    });
  }

  /** Approved → Published; before the quorum is met {@code E_GOV_QUORUM_INCOMPLETE}. */
  public Result<Entry> publish(Scope scope, String artifactHash, String actor) {
    return move(scope, artifactHash, "publish", actor, (e, now) -> {
      if (e.state() == State.REVIEW) {
        return Result.failed(Diagnostic.of(Code.E_GOV_QUORUM_INCOMPLETE, "Quorum check failed for artifact "
            + artifactHash + ": still missing " + missing(e.approvals())));
      }
      if (e.state() != State.APPROVED) {
        return wrong(e, "publish");
      }
      return Result.ok(step(e, State.PUBLISHED, "publish", actor, now, e.approvals()));
    });
  }

  /** Published or Deprecated → Retired (never the active artifact). */
  public Result<Entry> retire(Scope scope, String artifactHash, String actor) {
    return move(scope, artifactHash, "retire", actor, (e, now) -> {
      if (e.state() != State.PUBLISHED && e.state() != State.DEPRECATED) {
        return wrong(e, "retire");
      }
      return Result.ok(step(e, State.RETIRED, "retire", actor, now, e.approvals()));
    });
  }

  /** Per role, how many approvals the quorum still needs (empty: met). */
  public Map<String, Integer> missing(List<Approval> approvals) {
    Map<String, Integer> out = new TreeMap<>();
    for (Map.Entry<String, Integer> q : new TreeMap<>(quorum).entrySet()) {
      long have = approvals.stream().filter(a -> a.role().equals(q.getKey())).count();
      if (have < q.getValue()) {
        out.put(q.getKey(), (int) (q.getValue() - have));
      }
    }
    return out;
  }

  /** Why the runtime may not activate (or roll back to) the artifact, if it may not. */
  Optional<Diagnostic> checkActivation(Scope scope, String artifactHash, boolean rollback) {
    Optional<Entry> e = store.get(scope, artifactHash);
    State need = rollback ? State.DEPRECATED : State.PUBLISHED;
    if (e.isEmpty()) {
      return Optional.of(invalid("Artifact " + artifactHash + " is not in the lifecycle of " + scope
          + "; it must be " + need.wireName() + " to be " + (rollback ? "rolled back to" : "activated")));
    }
    if (e.get().state() != need) {
      return Optional.of(invalid("Artifact " + artifactHash + " is " + e.get().state().wireName() + " in " + scope
          + "; it must be " + need.wireName() + " to be " + (rollback ? "rolled back to" : "activated")));
    }
    return Optional.empty();
  }

  /** After a committed activation or rollback: the new artifact Active, the superseded one Deprecated. */
  void activated(Scope scope, String newHash, Optional<String> previousHash, String actor) {
    move(scope, newHash, "activate", actor, (e, now) -> Result.ok(step(e, State.ACTIVE, "activate", actor, now,
        e.approvals())));
    previousHash.filter(p -> !p.equals(newHash)).ifPresent(p -> move(scope, p, "supersede", actor, (e, now) ->
        e.state() == State.ACTIVE ? Result.ok(step(e, State.DEPRECATED, "supersede", actor, now, e.approvals()))
            : Result.ok(e)));
  }

  private interface Change {
    Result<Entry> apply(Entry e, Instant now);
  }

  private Result<Entry> move(Scope scope, String artifactHash, String event, String actor, Change change) {
    Objects.requireNonNull(scope, "scope");
    Req.nonEmpty(artifactHash, "artifactHash");
    Req.nonEmpty(actor, "actor");
    for (int attempt = 0; attempt < 64; attempt++) {
      Optional<Entry> was = store.get(scope, artifactHash);
      if (was.isEmpty()) {
        return Result.failed(invalid("Artifact " + artifactHash + " is not in the lifecycle of " + scope));
      }
      Result<Entry> next = change.apply(was.get(), clock.instant());
      if (!next.isOk() || next.orElseThrow().equals(was.get())) {
        return next;
      }
      if (store.compareAndSet(scope, artifactHash, was, next.orElseThrow())) {
        return next;
      }
    }
    return Result.failed(Diagnostic.of(Code.E_GOV_CONCURRENT_MODIFICATION, "The lifecycle of artifact "
        + artifactHash + " in " + scope + " kept changing concurrently; " + event + " was not applied"));
  }

  private static Entry step(Entry e, State to, String event, String actor, Instant now, List<Approval> approvals) {
    List<Transition> h = new ArrayList<>(e.history());
    h.add(new Transition(Optional.of(e.state()), to, event, actor, now));
    List<Approval> keep = to == State.DRAFT ? List.of() : approvals;
    return new Entry(e.scope(), e.artifactHash(), e.author(), to, keep, h);
  }

  private static Result<Entry> wrong(Entry e, String event) {
    return Result.failed(invalid("Cannot " + event + " artifact " + e.artifactHash() + ": it is "
        + e.state().wireName()));
  }

  private static Diagnostic invalid(String message) {
    return Diagnostic.of(Code.E_GOV_STATE_INVALID, message);
  }

  /** Builds a {@link Lifecycle}. */
  public static final class Builder {
    private Store store = Store.inMemory();
    private Clock clock = Clock.systemUTC();
    private final Map<String, Integer> quorum = new LinkedHashMap<>();
    private final java.util.Set<String> reviewerRoles = new java.util.LinkedHashSet<>();

    private Builder() {}

    /** Where entries live (default: in memory). */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock transitions and approvals are stamped with. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The quorum: {@code count} distinct approvals in {@code role} (default: no approvals needed). */
    public Builder quorum(String role, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a quorum count must be >= 1");
      }
      quorum.put(Req.nonEmpty(role, "role"), count);
      return this;
    }

    /** Roles that may request changes. */
    public Builder reviewerRoles(String... roles) {
      for (String r : roles) {
        reviewerRoles.add(Req.nonEmpty(r, "role"));
      }
      return this;
    }

    /** The lifecycle. */
    public Lifecycle build() {
      return new Lifecycle(this);
    }
  }
}
