package dev.mpc.governance;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.contract.DecisionMeta;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ActivationResult.Step;
import dev.mpc.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governed runtime: which artifact is active per {@link Scope} (tenant, namespace), changed
 * only by verified, transactional, idempotent activations, and every evaluation against exactly
 * one of them (governance.md §13.4–13.6).
 *
 * <p>An activation runs, in order: idempotency (the ledger is asked for the key: a replay returns
 * the committed result and appends nothing, the same key for another change is
 * {@code E_GOV_IDEMPOTENCY_CONFLICT}), the mode gate, signature verification, the required
 * attestations, the lifecycle (when one is configured), storing the bundle's bytes by digest, the
 * compare-and-set of the active pointer ({@code E_GOV_CONCURRENT_MODIFICATION} when another
 * activation moved it first), the ledger append (on failure the pointer is set back), and the
 * switch of this process's snapshot, which drops the old artifact's compiled form. A failure at
 * any step leaves the previous artifact active and names the step.
 *
 * <p>Every change (activation, rollback, mode change) gets the next sequence number of its scope;
 * each Decision carries it in {@code meta.activationSequence}, and
 * {@link #evaluate(Scope, EventEnvelope, EvaluationOptions, long, Duration)} evaluates at or after
 * a sequence number, waiting a bounded time for this instance to catch up with the shared pointer
 * store (read-after-write across instances). Evaluations read one immutable snapshot: during a
 * swap each sees the old or the new artifact, never a mix.
 *
 * <p>Modes are enforced here, not just stored: {@code policy-off} evaluates the ACL alone and adds
 * {@code R_GOV_POLICY_OFF}; {@code read-only} denies every write (create, update, delete,
 * transition, and every custom event not declared a read) with {@code R_GOV_KILL_SWITCH}, and
 * refuses activations (a rollback stays possible: it is how an incident ends).
 *
 * <p>Thread-safe. Changes of one scope are serialised in this process; across processes the
 * pointer store's compare-and-set decides.
 */
public final class GovernedRuntime {
  private static final Logger LOG = LoggerFactory.getLogger("dev.mpc.governance");
  private static final String ACTIVATE = "activate";
  private static final String ROLLBACK = "rollback";
  private static final String MODE = "mode";

  /** What one scope has active in this process: immutable, swapped whole. */
  private record Snapshot(Artifact artifact, ActivePointer pointer) {}

  private final MpcEngine engine;
  private final BundleVerifier verifier;
  private final ActivePointerStore pointers;
  private final ActivationLedger ledger;
  private final BundleStore bundles;
  private final Optional<Lifecycle> lifecycle;
  private final Optional<TenantQuotas> quotas;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Duration maxWait;
  private final Set<String> readEvents;
  private final List<Scope> scopes;
  private final Map<String, Callable<?>> probes;
  private final Duration probeTimeout;
  private final java.util.concurrent.Executor probeExecutor;
  private final Redactor redactor = Redactor.standard();
  private final ConcurrentHashMap<Scope, Snapshot> active = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Scope, ReentrantLock> locks = new ConcurrentHashMap<>();

  private GovernedRuntime(Builder b) {
    this.engine = b.engine;
    this.verifier = b.verifier;
    this.pointers = b.pointers;
    this.ledger = b.ledger;
    this.bundles = b.bundles;
    this.lifecycle = Optional.ofNullable(b.lifecycle);
    this.quotas = Optional.ofNullable(b.quotas);
    this.clock = b.clock;
    this.nanoTime = b.nanoTime;
    this.maxWait = b.maxWait;
    this.readEvents = Set.copyOf(b.readEvents);
    this.scopes = List.copyOf(b.scopes);
    this.probes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.probes));
    this.probeTimeout = b.probeTimeout;
    this.probeExecutor = b.probeExecutor;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ changes

  /**
   * Activates the signed bundle {@code bundleBytes} in {@code scope}.
   *
   * @param idempotencyKey the caller's key for this change: a retry with the same key and bundle
   *     replays the committed result; the same key with another bundle is a conflict
   * @param actor who activates (recorded in the ledger)
   */
  public ActivationResult activate(Scope scope, byte[] bundleBytes, String idempotencyKey, String actor) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(bundleBytes, "bundleBytes");
    Req.nonEmpty(idempotencyKey, "idempotencyKey");
    Req.nonEmpty(actor, "actor");
    return locked(scope, () -> change(scope, ACTIVATE, bundleBytes, null, null, idempotencyKey, actor));
  }

  /**
   * Rolls {@code scope} back to {@code artifactHash}, an artifact that was active there before:
   * its stored bundle is verified again (a bundle whose key was revoked since cannot come back).
   * An unknown hash is {@code E_GOV_STATE_INVALID}.
   */
  public ActivationResult rollback(Scope scope, String artifactHash, String idempotencyKey, String actor) {
    Objects.requireNonNull(scope, "scope");
    Req.nonEmpty(artifactHash, "artifactHash");
    Req.nonEmpty(idempotencyKey, "idempotencyKey");
    Req.nonEmpty(actor, "actor");
    return locked(scope, () -> change(scope, ROLLBACK, null, artifactHash, null, idempotencyKey, actor));
  }

  /** Rolls {@code scope} back to the artifact active before the current one. */
  public ActivationResult rollback(Scope scope, String idempotencyKey, String actor) {
    Objects.requireNonNull(scope, "scope");
    Optional<String> previous = currentRecordOf(scope).flatMap(LedgerRecord::previousHash);
    if (previous.isEmpty()) {
      return failed(scope, ROLLBACK, pointerOf(scope), List.of(), Step.IDEMPOTENCY, Diagnostic.of(
          Code.E_GOV_STATE_INVALID, "Nothing to roll back to in " + scope + ": no artifact was active before"));
    }
    return rollback(scope, previous.get(), idempotencyKey, actor);
  }

  /** Sets the kill switch mode of {@code scope} (it must have an active artifact). */
  public ActivationResult setMode(Scope scope, RuntimeMode mode, String idempotencyKey, String actor) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(mode, "mode");
    Req.nonEmpty(idempotencyKey, "idempotencyKey");
    Req.nonEmpty(actor, "actor");
    return locked(scope, () -> change(scope, MODE, null, null, mode, idempotencyKey, actor));
  }

  private ActivationResult locked(Scope scope, java.util.function.Supplier<ActivationResult> body) {
    ReentrantLock lock = locks.computeIfAbsent(scope, s -> new ReentrantLock());
    lock.lock();
    try {
      return body.get();
    } catch (RuntimeException e) {
      // a port that throws in a step not guarded below: nothing was committed by this call
      return failed(scope, "change", pointerOf(scope), List.of(), Step.SWAP, internal("a port failed", e));
    } finally {
      lock.unlock();
    }
  }

  private ActivationResult change(Scope scope, String action, byte[] bytes, String rollbackTo, RuntimeMode newMode,
      String key, String actor) {
    List<Step> done = new ArrayList<>();
    Optional<ActivePointer> current;
    try {
      current = pointers.get(scope);
    } catch (RuntimeException e) {
      return failed(scope, action, Optional.empty(), done, Step.IDEMPOTENCY, internal("the pointer store failed", e));
    }
    // 1. idempotency
    Optional<LedgerRecord> earlier;
    try {
      earlier = ledger.find(scope, key);
    } catch (RuntimeException e) {
      return failed(scope, action, current, done, Step.IDEMPOTENCY, internal("the ledger failed", e));
    }
    String digest = null;
    Result<SignedBundle> envelope = null; // read once: the digest for the idempotency check, then verified
    if (bytes != null) {
      envelope = SignedBundle.read(bytes);
      digest = envelope.isOk() ? envelope.orElseThrow().digest() : null;
    }
    if (earlier.isPresent()) {
      LedgerRecord r = earlier.get();
      boolean same = r.action().equals(action) && switch (action) {
        case ACTIVATE -> r.bundleDigest().equals(digest);
        case ROLLBACK -> r.artifactHash().equals(rollbackTo);
        default -> r.mode() == newMode;
      };
      if (!same) {
        return failed(scope, action, current, done, Step.IDEMPOTENCY, Diagnostic.of(Code.E_GOV_IDEMPOTENCY_CONFLICT,
            "Idempotency key '" + key + "' of " + scope + " was used for another change (" + r.action() + " of "
                + r.artifactHash() + ", ledger record " + r.id() + ")"));
      }
      LOG.info("governance: replay of {} '{}' in {} (ledger record {}): no-op", action, key, scope, r.id());
      return new ActivationResult(true, scope, action, r.previousHash(), Optional.of(r.artifactHash()), r.sequence(),
          r.mode(), List.of(Step.IDEMPOTENCY), Optional.empty(), List.of(), true, Optional.of(r));
    }
    done.add(Step.IDEMPOTENCY);
    // 2. mode gate
    RuntimeMode mode = current.map(ActivePointer::mode).orElse(RuntimeMode.NORMAL);
    if (action.equals(MODE) && current.isEmpty()) {
      return failed(scope, action, current, done, Step.MODE, Diagnostic.of(Code.E_GOV_STATE_INVALID,
          "No artifact is active in " + scope + "; a mode applies to an active artifact"));
    }
    if (action.equals(ACTIVATE) && mode == RuntimeMode.READ_ONLY) {
      return failed(scope, action, current, done, Step.MODE, Diagnostic.of(Code.E_GOV_ACTIVATION_FAILED,
          scope + " is read-only: activations are refused (roll back, or set the mode to normal first)"));
    }
    done.add(Step.MODE);
    // 3. the bundle: verify and attest (activation and rollback)
    VerifiedBundle verified = null;
    Artifact loaded = null;
    if (!action.equals(MODE)) {
      if (action.equals(ROLLBACK)) {
        Optional<LedgerRecord> target = activationOf(scope, rollbackTo);
        if (target.isEmpty()) {
          return failed(scope, action, current, done, Step.VERIFY, Diagnostic.of(Code.E_GOV_STATE_INVALID,
              "Artifact " + rollbackTo + " was never active in " + scope + "; only a previously active artifact can"
                  + " be rolled back to"));
        }
        try {
          Optional<byte[]> stored = bundles.get(target.get().bundleDigest());
          if (stored.isEmpty()) {
            return failed(scope, action, current, done, Step.VERIFY, Diagnostic.of(Code.E_GOV_STATE_INVALID,
                "The bundle " + target.get().bundleDigest() + " of artifact " + rollbackTo
                    + " is not in the bundle store"));
          }
          bytes = stored.get();
          envelope = SignedBundle.read(bytes);
        } catch (RuntimeException e) {
          return failed(scope, action, current, done, Step.VERIFY, internal("the bundle store failed", e));
        }
      }
      Result<VerifiedBundle> v = envelope.flatMap(verifier::verify);
      if (!v.isOk()) {
        Diagnostic d = v.diagnostics().get(0);
        if (d.code() == Code.E_GOV_ATTESTATION_MISSING) {
          done.add(Step.VERIFY);
          return failed(scope, action, current, done, Step.ATTEST, d);
        }
        return failed(scope, action, current, done, Step.VERIFY, d);
      }
      verified = v.orElseThrow();
      digest = verified.digest();
      done.add(Step.VERIFY);
      done.add(Step.ATTEST);
      if (current.isPresent() && current.get().artifactHash().equals(verified.artifactHash())
          && action.equals(ACTIVATE) && current.get().bundleDigest().equals(digest)) {
        return failed(scope, action, current, done, Step.LIFECYCLE, Diagnostic.of(Code.E_GOV_STATE_INVALID,
            "Artifact " + current.get().artifactHash() + " is already active in " + scope));
      }
      if (lifecycle.isPresent()) {
        Optional<Diagnostic> refused = lifecycle.get().checkActivation(scope, verified.artifactHash(),
            action.equals(ROLLBACK));
        if (refused.isPresent()) {
          return failed(scope, action, current, done, Step.LIFECYCLE, refused.get());
        }
        done.add(Step.LIFECYCLE);
      }
      Result<ArtifactBundle> read = verified.load();
      if (!read.isOk()) {
        return failed(scope, action, current, done, Step.LOAD, read.diagnostics().get(0));
      }
      loaded = read.orElseThrow().artifact();
      done.add(Step.LOAD);
      try {
        if (!bundles.putIfAbsent(digest, bytes)) {
          return failed(scope, action, current, done, Step.STORE, Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID,
              "The bundle store holds other bytes under digest " + digest));
        }
      } catch (RuntimeException e) {
        return failed(scope, action, current, done, Step.STORE, internal("the bundle store failed", e));
      }
      done.add(Step.STORE);
    }
    // the new artifact's compiled form is built here, so no evaluation after the swap waits for it
    if (loaded != null) {
      engine.prepare(loaded);
    }
    // 4. swap
    String newHash = loaded != null ? loaded.hash() : current.get().artifactHash();
    String newDigest = verified != null ? digest : current.get().bundleDigest();
    RuntimeMode nextMode = newMode != null ? newMode : mode;
    long sequence = current.map(ActivePointer::sequence).orElse(0L) + 1;
    ActivePointer next = new ActivePointer(newHash, newDigest, sequence, nextMode);
    boolean swapped;
    try {
      swapped = pointers.compareAndSet(scope, current, next);
    } catch (RuntimeException e) {
      return failed(scope, action, current, done, Step.SWAP, internal("the pointer store failed", e));
    }
    if (!swapped) {
      Optional<LedgerRecord> raced = safeFind(scope, key);
      if (raced.isPresent()) {
        return change(scope, action, bytes, rollbackTo, newMode, key, actor); // another instance committed this key
      }
      return failed(scope, action, current, done, Step.SWAP, Diagnostic.of(Code.E_GOV_CONCURRENT_MODIFICATION,
          "Another change moved the active pointer of " + scope + " first (expected sequence "
              + current.map(ActivePointer::sequence).orElse(0L) + "); read it again and retry"));
    }
    done.add(Step.SWAP);
    // 5. ledger
    Optional<String> previousHash = current.map(ActivePointer::artifactHash);
    LedgerRecord record;
    try {
      ActivationLedger.Appended a = ledger.append(scope, key, action, previousHash, newHash, newDigest, sequence,
          nextMode, actor, clock.instant());
      if (!a.appended()) {
        compensate(scope, current, next);
        return failed(scope, action, current, done, Step.LEDGER, Diagnostic.of(Code.E_GOV_IDEMPOTENCY_CONFLICT,
            "Idempotency key '" + key + "' of " + scope + " was recorded concurrently by another change (ledger record "
                + a.record().id() + "); the pointer was set back"));
      }
      record = a.record();
    } catch (RuntimeException e) {
      boolean back = compensate(scope, current, next);
      return failed(scope, action, current, done, Step.LEDGER, internal("the ledger append failed; "
          + (back ? "the active pointer was set back" : "the active pointer could not be set back"), e));
    }
    done.add(Step.LEDGER);
    // 6. this process switches; the old artifact's compiled form goes
    Artifact artifact = loaded != null ? loaded : active.get(scope).artifact();
    install(scope, new Snapshot(artifact, next));
    if (lifecycle.isPresent() && verified != null) {
      lifecycle.get().activated(scope, newHash, previousHash, actor);
    }
    done.add(Step.INVALIDATE_CACHE);
    LOG.info("governance: {} in {} -> {} (sequence {}, mode {}, ledger record {})", action, scope, newHash, sequence,
        nextMode.wireName(), record.id());
    return new ActivationResult(true, scope, action, previousHash, Optional.of(newHash), sequence, nextMode, done,
        Optional.empty(), List.of(), false, Optional.of(record));
  }

  private boolean compensate(Scope scope, Optional<ActivePointer> previous, ActivePointer next) {
    try {
      return previous.isPresent() ? pointers.compareAndSet(scope, Optional.of(next), previous.get())
          : pointers.compareAndRemove(scope, next);
    } catch (RuntimeException e) {
      LOG.error("governance: could not set the active pointer of {} back after a failed ledger append", scope);
      return false;
    }
  }

  private Optional<LedgerRecord> safeFind(Scope scope, String key) {
    try {
      return ledger.find(scope, key);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The ledger record of {@code scope} with the highest sequence that activated or rolled back to
   * {@code hash}. Sequence, not ledger position: with several instances, two changes can commit
   * their compare-and-sets in one order and their appends in the other.
   */
  private Optional<LedgerRecord> activationOf(Scope scope, String hash) {
    return latest(scope, Long.MAX_VALUE, hash);
  }

  /** The ledger record that made the current artifact of {@code scope} active. */
  private Optional<LedgerRecord> currentRecordOf(Scope scope) {
    Optional<ActivePointer> p = pointerOf(scope);
    return p.isEmpty() ? Optional.empty() : latest(scope, p.get().sequence(), null);
  }

  private Optional<LedgerRecord> latest(Scope scope, long atMost, String hash) {
    LedgerRecord found = null;
    for (LedgerRecord r : ledger.records()) {
      if (r.scope().equals(scope) && !r.action().equals(MODE) && r.sequence() <= atMost
          && (hash == null || r.artifactHash().equals(hash)) && (found == null || r.sequence() > found.sequence())) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  private Optional<ActivePointer> pointerOf(Scope scope) {
    try {
      return pointers.get(scope);
    } catch (RuntimeException e) {
      return Optional.ofNullable(active.get(scope)).map(Snapshot::pointer);
    }
  }

  private void install(Scope scope, Snapshot next) {
    Snapshot[] old = new Snapshot[1];
    active.compute(scope, (s, was) -> {
      if (was != null && was.pointer().sequence() >= next.pointer().sequence()) {
        return was;
      }
      old[0] = was;
      return next;
    });
    if (old[0] != null && !old[0].artifact().hash().equals(next.artifact().hash())) {
      engine.invalidate(old[0].artifact());
    }
  }

  private ActivationResult failed(Scope scope, String action, Optional<ActivePointer> current, List<Step> done,
      Step step, Diagnostic error) {
    Diagnostic redacted = redactor.redact(error);
    LOG.warn("governance: {} in {} failed at step {}: {} {}", action, scope, step.wireName(), redacted.code(),
        redacted.message());
    return new ActivationResult(false, scope, action, current.map(ActivePointer::artifactHash),
        current.map(ActivePointer::artifactHash), current.map(ActivePointer::sequence).orElse(0L),
        current.map(ActivePointer::mode).orElse(RuntimeMode.NORMAL), done, Optional.of(step), List.of(redacted), false,
        Optional.empty());
  }

  private static Diagnostic internal(String what, Throwable e) {
    return Diagnostic.of(Code.E_GOV_ACTIVATION_FAILED, "Activation failed: " + what + " ("
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
  }

  // ------------------------------------------------------------------ reading

  /**
   * Brings this process's view of {@code scope} up to the shared pointer store: when another
   * instance activated something newer, its bundle is loaded from the bundle store, verified and
   * switched to. Returns the pointer now active here, or the coded reason it could not catch up
   * (what was active stays active).
   */
  public Result<Optional<ActivePointer>> refresh(Scope scope) {
    Objects.requireNonNull(scope, "scope");
    Snapshot local = active.get(scope);
    Optional<ActivePointer> shared;
    try {
      shared = pointers.get(scope);
    } catch (RuntimeException e) {
      return Result.failed(List.of(redactor.redact(internal("the pointer store failed", e))));
    }
    if (shared.isEmpty() || (local != null && local.pointer().sequence() >= shared.get().sequence())) {
      return Result.ok(Optional.ofNullable(local).map(Snapshot::pointer));
    }
    ActivePointer p = shared.get();
    if (local != null && local.pointer().bundleDigest().equals(p.bundleDigest())) {
      install(scope, new Snapshot(local.artifact(), p));
      return Result.ok(Optional.of(p));
    }
    Optional<byte[]> bytes;
    try {
      bytes = bundles.get(p.bundleDigest());
    } catch (RuntimeException e) {
      return Result.failed(List.of(redactor.redact(internal("the bundle store failed", e))));
    }
    if (bytes.isEmpty()) {
      return Result.failed(List.of(Diagnostic.of(Code.E_GOV_STATE_INVALID, "The active bundle " + p.bundleDigest()
          + " of " + scope + " is not in the bundle store")));
    }
    Result<ArtifactBundle> v = verifier.verifyAndLoad(bytes.get());
    if (!v.isOk()) {
      return Result.failed(v.diagnostics());
    }
    Artifact a = v.orElseThrow().artifact();
    if (!a.hash().equals(p.artifactHash())) {
      return Result.failed(List.of(Diagnostic.of(Code.E_GOV_SIGNATURE_INVALID, "The bundle " + p.bundleDigest()
          + " carries artifact " + a.hash() + ", not the active " + p.artifactHash())));
    }
    engine.prepare(a);
    install(scope, new Snapshot(a, p));
    return Result.ok(Optional.of(p));
  }

  /** What this process has active in {@code scope} (no store is asked). */
  public Optional<ActivePointer> active(Scope scope) {
    return Optional.ofNullable(active.get(scope)).map(Snapshot::pointer);
  }

  /** The artifact this process has active in {@code scope}. */
  public Optional<Artifact> activeArtifact(Scope scope) {
    return Optional.ofNullable(active.get(scope)).map(Snapshot::artifact);
  }

  /** The ledger's records of {@code scope}, in order: its activation history. */
  public List<LedgerRecord> history(Scope scope) {
    List<LedgerRecord> out = new ArrayList<>();
    for (LedgerRecord r : ledger.records()) {
      if (r.scope().equals(scope)) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** {@link #evaluate(Scope, EventEnvelope, EvaluationOptions)} with default options. */
  public Decision evaluate(Scope scope, EventEnvelope event) {
    return evaluate(scope, event, EvaluationOptions.defaults());
  }

  /**
   * Evaluates {@code event} against the artifact active in {@code scope} in this process, with
   * the scope's mode enforced; the Decision carries the activation sequence. Nothing active is a
   * deny with {@code E_GOV_STATE_INVALID}.
   */
  public Decision evaluate(Scope scope, EventEnvelope event, EvaluationOptions options) {
    Snapshot s = active.get(scope);
    if (s == null) {
      return Decision.deny(List.of(Reason.of(Code.E_GOV_STATE_INVALID, "No artifact is active in " + scope)));
    }
    return decide(scope, s, event, options);
  }

  /**
   * Evaluates at or after activation sequence {@code atLeast} (a sequence a previous Decision or
   * activation returned, perhaps on another instance): when this process is behind, it catches up
   * with the pointer store, waiting at most {@code maxWait} (capped by the builder's maximum). A
   * timeout is a deny with {@code E_GOV_ACTIVATION_IN_PROGRESS}.
   */
  public Decision evaluate(Scope scope, EventEnvelope event, EvaluationOptions options, long atLeast,
      Duration maxWait) {
    Snapshot s = active.get(scope);
    if (s != null && s.pointer().sequence() >= atLeast) {
      return decide(scope, s, event, options);
    }
    long budget = Math.min(maxWait.toNanos(), this.maxWait.toNanos());
    long deadline = nanoTime.getAsLong() + Math.max(0, budget);
    long pause = 1;
    while (true) {
      refresh(scope);
      s = active.get(scope);
      if (s != null && s.pointer().sequence() >= atLeast) {
        return decide(scope, s, event, options);
      }
      long left = deadline - nanoTime.getAsLong();
      if (left <= 0) {
        Decision d = Decision.deny(List.of(Reason.of(Code.E_GOV_ACTIVATION_IN_PROGRESS, "Sequence " + atLeast + " of "
            + scope + " is not active here yet (this instance is at " + (s == null ? 0 : s.pointer().sequence())
            + ") after waiting " + Duration.ofNanos(Math.max(0, budget)).toMillis() + " ms")));
        return s == null ? d : d.withMeta(meta(s));
      }
      // park, never Object.wait: an interrupt ends the park early and stays set for the caller
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause * 1_000_000L, left));
      pause = Math.min(pause * 2, 20);
    }
  }

  private Decision decide(Scope scope, Snapshot s, EventEnvelope event, EvaluationOptions options) {
    if (quotas.isPresent()) {
      Optional<Diagnostic> refused = quotas.get().tryConsume(scope.tenant(), TenantQuotas.EVALUATIONS, 1);
      if (refused.isPresent()) {
        Diagnostic d = refused.get();
        return Decision.deny(List.of(new Reason(d.code(), Optional.of(d.message()), Optional.empty(), d.details())))
            .withMeta(meta(s));
      }
    }
    RuntimeMode mode = s.pointer().mode();
    if (mode == RuntimeMode.READ_ONLY && isWrite(event)) {
      return Decision.deny(List.of(Reason.of(Code.R_GOV_KILL_SWITCH, "Read-only mode: '" + event.name()
          + "' is a write and writes are refused"))).withMeta(meta(s));
    }
    Decision d = engine.evaluate(s.artifact(), event, mode == RuntimeMode.POLICY_OFF
        ? options.withPoliciesOff(true) : options);
    return d.withMeta(d.meta().withActivationSequence(s.pointer().sequence()));
  }

  private DecisionMeta meta(Snapshot s) {
    return new DecisionMeta(Optional.of(s.artifact().hash()), Optional.of(MpcEngine.ENGINE_NAME),
        Optional.empty(), Optional.empty()).withActivationSequence(s.pointer().sequence());
  }

  private boolean isWrite(EventEnvelope e) {
    return e.kind() != EventKind.CUSTOM || !readEvents.contains(e.name());
  }

  // ------------------------------------------------------------------ readiness

  /**
   * Whether this instance may take traffic (what a host's {@code /health/ready} asks): every
   * configured scope has a verified artifact active here (catching up with the pointer store
   * first), and every registered probe answered within the probe timeout. Failed checks name
   * themselves, their code and how long they took; messages are redacted.
   */
  public Readiness readiness() {
    List<Readiness.Check> checks = new ArrayList<>();
    for (Scope scope : scopes) {
      long t0 = nanoTime.getAsLong();
      Result<Optional<ActivePointer>> r = refresh(scope);
      Duration took = Duration.ofNanos(nanoTime.getAsLong() - t0);
      String name = "artifact:" + scope;
      if (!r.isOk()) {
        Diagnostic d = r.diagnostics().get(0);
        checks.add(Readiness.Check.failed(name, d.code(), redactor.redactText(d.message()), took));
      } else if (r.orElseThrow().isEmpty()) {
        checks.add(Readiness.Check.failed(name, Code.E_GOV_STATE_INVALID, "No artifact is active in " + scope, took));
      } else {
        checks.add(Readiness.Check.passed(name, "sequence " + r.orElseThrow().get().sequence(), took));
      }
    }
    checks.addAll(Readiness.probe(probes, probeExecutor, probeTimeout, nanoTime, redactor));
    return new Readiness(checks);
  }

  @Override
  public String toString() {
    return "GovernedRuntime[scopes=" + active.keySet() + ", verifier=" + verifier.mode() + "]";
  }

  /** Builds a {@link GovernedRuntime}; {@link #build()} checks that everything required is set. */
  public static final class Builder {
    private MpcEngine engine;
    private BundleVerifier verifier;
    private ActivePointerStore pointers;
    private ActivationLedger ledger;
    private BundleStore bundles;
    private Lifecycle lifecycle;
    private TenantQuotas quotas;
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;
    private Duration maxWait = Duration.ofSeconds(5);
    private final java.util.Set<String> readEvents = new java.util.LinkedHashSet<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final Map<String, Callable<?>> probes = new LinkedHashMap<>();
    private Duration probeTimeout = Duration.ofSeconds(2);
    private java.util.concurrent.Executor probeExecutor;

    private Builder() {}

    /** The engine that evaluates (required). */
    public Builder engine(MpcEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The verifier every bundle passes before it is activated or loaded (required). */
    public Builder verifier(BundleVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** The shared active pointer store (required; {@link ActivePointerStore#inMemory()} for one process). */
    public Builder pointers(ActivePointerStore pointers) {
      this.pointers = Objects.requireNonNull(pointers, "pointers");
      return this;
    }

    /** The shared activation ledger (required; {@link ActivationLedger#inMemory()} for one process). */
    public Builder ledger(ActivationLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** The shared bundle store (required; {@link BundleStore#inMemory()} for one process). */
    public Builder bundles(BundleStore bundles) {
      this.bundles = Objects.requireNonNull(bundles, "bundles");
      return this;
    }

    /** The lifecycle activations must respect (optional: without it any verified bundle may be activated). */
    public Builder lifecycle(Lifecycle lifecycle) {
      this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
      return this;
    }

    /** Tenant quotas: each evaluation consumes one {@link TenantQuotas#EVALUATIONS} of its tenant (optional). */
    public Builder quotas(TenantQuotas quotas) {
      this.quotas = Objects.requireNonNull(quotas, "quotas");
      return this;
    }

    /** The clock ledger records are stamped with (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The monotonic nanosecond source bounded waits and probe timings use (default {@code System::nanoTime}). */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** The longest an evaluation waits for a sequence number (default 5 s; at most 60 s). */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
      return this;
    }

    /** Custom event names that only read, so read-only mode lets them through (default: none). */
    public Builder readEvents(String... names) {
      for (String n : names) {
        readEvents.add(Req.nonEmpty(n, "read event name"));
      }
      return this;
    }

    /** A scope readiness requires an active artifact in. */
    public Builder scope(Scope scope) {
      scopes.add(Objects.requireNonNull(scope, "scope"));
      return this;
    }

    /**
     * A readiness probe of a port (e.g. {@code () -> dataSource.getConnection().isValid(1)}):
     * it passes when it returns without throwing (and does not return {@code false}) within the
     * probe timeout.
     */
    public Builder probe(String name, Callable<?> probe) {
      probes.put(Req.nonEmpty(name, "probe name"), Objects.requireNonNull(probe, "probe"));
      return this;
    }

    /**
     * The host's executor readiness probes run on (required when probes are registered): the
     * runtime starts no threads of its own, and a probe that hangs keeps one of these busy while
     * readiness reports it timed out.
     */
    public Builder probeExecutor(java.util.concurrent.Executor executor) {
      this.probeExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How long a readiness probe may take (default 2 s; between 1 ms and 60 s). */
    public Builder probeTimeout(Duration timeout) {
      this.probeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The runtime, or what is missing or out of range. */
    public Result<GovernedRuntime> build() {
      List<Diagnostic> problems = new ArrayList<>();
      require(engine, "engine", problems);
      require(verifier, "verifier", problems);
      require(pointers, "pointers", problems);
      require(ledger, "ledger", problems);
      require(bundles, "bundles", problems);
      if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(60)) > 0) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "maxWait must be between 0 and 60 s, not " + maxWait));
      }
      if (!probes.isEmpty() && probeExecutor == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "readiness probes need a probeExecutor (the host's"
            + " threads; the runtime starts none)"));
      }
      if (probeTimeout.compareTo(Duration.ofMillis(1)) < 0 || probeTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
        problems.add(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "probeTimeout must be between 1 ms and 60 s, not "
            + probeTimeout));
      }
      return problems.isEmpty() ? Result.ok(new GovernedRuntime(this)) : Result.failed(problems);
    }

    private static void require(Object value, String what, List<Diagnostic> problems) {
      if (value == null) {
        problems.add(Diagnostic.of(Code.E_PARSE_MISSING_REQUIRED, "GovernedRuntime needs " + what));
      }
    }
  }
}
