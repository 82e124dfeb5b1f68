package dev.mpc.governance;

import static dev.mpc.governance.Governed.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.governance.ActivationResult.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GovernedRuntimeTest {
  private static final Artifact ALLOW = Governed.artifact("allow", false, "a");
  private static final Artifact DENY = Governed.artifact("deny", false, "b");
  private static final byte[] ALLOW_B = Governed.bundle(ALLOW);
  private static final byte[] DENY_B = Governed.bundle(DENY);

  private static Code code(ActivationResult r) {
    assertFalse(r.success(), () -> "expected a failure, got " + r);
    return r.errors().get(0).code();
  }

  private static boolean has(Decision d, Code c) {
    return d.reasons().stream().map(Reason::code).anyMatch(c::equals);
  }

  private static GovernedRuntime runtime(Governed.Stores s) {
    return s.runtime().build().orElseThrow();
  }

  @Test
  void activate_verifiesSwapsRecords_andDecisionsCarryTheSequence() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = runtime(s);
    assertFalse(rt.evaluate(SCOPE, Governed.write()).allow());
    assertTrue(has(rt.evaluate(SCOPE, Governed.write()), Code.E_GOV_STATE_INVALID));

    ActivationResult r = rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    assertTrue(r.success(), r::toString);
    assertEquals(List.of(Step.IDEMPOTENCY, Step.MODE, Step.VERIFY, Step.ATTEST, Step.LOAD, Step.STORE, Step.SWAP,
        Step.LEDGER, Step.INVALIDATE_CACHE), r.completedSteps());
    assertEquals(1, r.sequence());
    assertEquals(Optional.empty(), r.previousHash());
    assertEquals(Optional.of(ALLOW.hash()), r.activeHash());
    Decision d = rt.evaluate(SCOPE, Governed.write());
    assertTrue(d.allow(), d::toString);
    assertEquals(OptionalLong.of(1), d.meta().activationSequence());
    assertEquals(Optional.of(ALLOW.hash()), d.meta().artifactHash());

    ActivationResult r2 = rt.activate(SCOPE, DENY_B, "k2", "ops");
    assertEquals(2, r2.sequence());
    assertEquals(Optional.of(ALLOW.hash()), r2.previousHash());
    assertFalse(rt.evaluate(SCOPE, Governed.write()).allow());
    List<LedgerRecord> records = s.ledger().records();
    assertEquals(2, records.size());
    assertTrue(ActivationLedger.verify(records).ok());
    assertEquals("ops", records.get(1).actor());
    assertEquals(Instant.parse("2026-06-01T00:00:00Z"), records.get(1).createdAt());
    assertEquals(records, rt.history(SCOPE));
  }

  @Test
  void activation_preparesTheNewCompiledForm_andDropsTheOldOne() {
    dev.mpc.engine.MpcEngine engine = Governed.engine();
    GovernedRuntime rt = Governed.Stores.inMemory().runtime().engine(engine).build().orElseThrow();
    rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    assertEquals(1, engine.compiledArtifacts(), "built before the swap, not by the first evaluation");
    rt.activate(SCOPE, DENY_B, "k2", "ops");
    assertEquals(1, engine.compiledArtifacts(), "the superseded artifact's form is gone");
    assertFalse(rt.evaluate(SCOPE, Governed.write()).allow());
    assertEquals(1, engine.compiledArtifacts());
  }

  @Test
  void replay_returnsTheOriginal_appendsNothing_andAnotherBundleUnderTheKeyIsAConflict() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = runtime(s);
    ActivationResult first = rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    ActivationResult again = rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    assertTrue(again.success() && again.replayed());
    assertFalse(first.replayed());
    assertEquals(first.record(), again.record());
    assertEquals(first.sequence(), again.sequence());
    assertEquals(1, s.ledger().records().size());

    ActivationResult conflict = rt.activate(SCOPE, DENY_B, "k1", "ops");
    assertEquals(Code.E_GOV_IDEMPOTENCY_CONFLICT, code(conflict));
    assertEquals(Optional.of(Step.IDEMPOTENCY), conflict.failedStep());
    assertEquals(Optional.of(ALLOW.hash()), conflict.activeHash());
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
    assertEquals(1, s.ledger().records().size());
    // the key belongs to its scope: another scope may use it
    assertTrue(rt.activate(new Scope("acme", "billing"), DENY_B, "k1", "ops").success());
  }

  @Test
  void refusedBundles_failAtTheirStep_andLeaveThePreviousArtifactActive() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = runtime(s);
    rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    byte[] unsigned = SignedBundle.unsigned(ArtifactBundle.of(DENY, "mpc-jvm", "p", List.of(), List.of())).toBytes();
    ActivationResult u = rt.activate(SCOPE, unsigned, "k2", "ops");
    assertEquals(Code.E_GOV_SIGNATURE_REQUIRED, code(u));
    assertEquals(Optional.of(Step.VERIFY), u.failedStep());

    byte[] tampered = DENY_B.clone();
    tampered[tampered.length / 2] ^= 1;
    assertTrue(List.of(Code.E_GOV_SIGNATURE_INVALID).contains(code(rt.activate(SCOPE, tampered, "k3", "ops"))));

    byte[] otherKey = SignedBundle.sign(ArtifactBundle.of(DENY, "mpc-jvm", "p", List.of(), List.of(
        new Attestation(Attestation.PRESET_APPLIED, dev.mpc.json.JsonObject.EMPTY))),
        List.of(Ed25519.signer(Bundles.key(99)))).orElseThrow().toBytes();
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(rt.activate(SCOPE, otherKey, "k4", "ops")));

    byte[] noAttestation = SignedBundle.sign(ArtifactBundle.of(DENY, "mpc-jvm", "p", List.of(), List.of()),
        List.of(Ed25519.signer(Governed.KEY))).orElseThrow().toBytes();
    ActivationResult a = rt.activate(SCOPE, noAttestation, "k5", "ops");
    assertEquals(Code.E_GOV_ATTESTATION_MISSING, code(a));
    assertEquals(Optional.of(Step.ATTEST), a.failedStep());
    assertEquals(List.of(Step.IDEMPOTENCY, Step.MODE, Step.VERIFY), a.completedSteps());

    assertEquals(Code.E_GOV_STATE_INVALID, code(rt.activate(SCOPE, ALLOW_B, "k6", "ops")), "already active");

    // authentic (signed by the trusted key) but its artifact was edited before signing: refused on load
    SignedBundle real = SignedBundle.read(DENY_B).orElseThrow();
    String text = new String(real.payload(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("\"effect\":\"deny\""));
    byte[] edited = text.replace("\"effect\":\"deny\"", "\"effect\":\"allow\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] resigned = new SignedBundle(real.payloadType(), edited, List.of()).signedBy(List.of(Ed25519.signer(
        Governed.KEY))).orElseThrow().toBytes();
    ActivationResult load = rt.activate(SCOPE, resigned, "k8", "ops");
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(load));
    assertEquals(Optional.of(Step.LOAD), load.failedStep());
    assertTrue(load.errors().get(0).message().contains("does not verify"), load.errors().toString());
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(rt.activate(SCOPE, "not a bundle".getBytes(), "k7", "ops")));

    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
    assertEquals(1, s.ledger().records().size());
    assertEquals(1, rt.active(SCOPE).orElseThrow().sequence());
  }

  @Test
  void rollback_toAnyPreviouslyActiveHash_reVerifies_andUnknownHashesAreRefused() {
    Governed.Stores s = Governed.Stores.inMemory();
    AtomicReference<TrustStore> trust = new AtomicReference<>(Governed.trust());
    VerificationPort switchable = (id, msg, sig, at) -> trust.get().verify(id, msg, sig, at);
    GovernedRuntime rt = s.runtime().verifier(Governed.verifier(switchable)).build().orElseThrow();
    Artifact third = Governed.artifact("allow", false, "c");
    rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    rt.activate(SCOPE, DENY_B, "k2", "ops");
    rt.activate(SCOPE, Governed.bundle(third), "k3", "ops");

    ActivationResult toPrevious = rt.rollback(SCOPE, "r1", "oncall");
    assertTrue(toPrevious.success(), toPrevious::toString);
    assertEquals(Optional.of(DENY.hash()), toPrevious.activeHash());
    assertEquals("rollback", s.ledger().records().get(3).action());
    assertFalse(rt.evaluate(SCOPE, Governed.write()).allow());

    ActivationResult toFirst = rt.rollback(SCOPE, ALLOW.hash(), "r2", "oncall");
    assertTrue(toFirst.success());
    assertEquals(5, toFirst.sequence());
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
    assertTrue(rt.rollback(SCOPE, ALLOW.hash(), "r2", "oncall").replayed());

    ActivationResult unknown = rt.rollback(SCOPE, "f".repeat(64), "r3", "oncall");
    assertEquals(Code.E_GOV_STATE_INVALID, code(unknown));
    assertEquals(Code.E_GOV_STATE_INVALID, code(rt.rollback(new Scope("other", "ns"), "r4", "oncall")));

    // the signing key is revoked: nothing it signed comes back
    trust.set(Bundles.trust(TrustStore.TrustedKey.of(Governed.KEY.publicKey()).asRevoked()));
    ActivationResult revoked = rt.rollback(SCOPE, DENY.hash(), "r5", "oncall");
    assertEquals(Code.E_GOV_SIGNATURE_INVALID, code(revoked));
    assertEquals(Optional.of(ALLOW.hash()), revoked.activeHash());
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
  }

  @Test
  void modes_areEnforcedByEvaluation_andReadOnlyRefusesActivationsButNotRollbacks() {
    Artifact deniedByPolicyAllowedByAcl = Governed.artifact("deny", true, "m");
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime rt = s.runtime().readEvents("order.view").build().orElseThrow();
    rt.activate(SCOPE, ALLOW_B, "k0", "ops");
    rt.activate(SCOPE, Governed.bundle(deniedByPolicyAllowedByAcl), "k1", "ops");
    assertFalse(rt.evaluate(SCOPE, Governed.write()).allow());

    ActivationResult off = rt.setMode(SCOPE, RuntimeMode.POLICY_OFF, "m1", "oncall");
    assertTrue(off.success());
    assertEquals(3, off.sequence());
    Decision d = rt.evaluate(SCOPE, Governed.write());
    assertTrue(d.allow(), d::toString);
    assertTrue(has(d, Code.R_GOV_POLICY_OFF), d::toString);
    assertEquals(OptionalLong.of(3), d.meta().activationSequence());

    assertTrue(rt.setMode(SCOPE, RuntimeMode.READ_ONLY, "m2", "oncall").success());
    Decision w = rt.evaluate(SCOPE, Governed.write());
    assertFalse(w.allow());
    assertTrue(has(w, Code.R_GOV_KILL_SWITCH));
    for (EventKind k : List.of(EventKind.CREATE, EventKind.DELETE, EventKind.TRANSITION)) {
      assertFalse(rt.evaluate(SCOPE, Governed.event("order.x", k)).allow(), k::toString);
    }
    assertFalse(rt.evaluate(SCOPE, Governed.event("order.export", EventKind.CUSTOM)).allow(), "undeclared custom");
    Decision read = rt.evaluate(SCOPE, Governed.event("order.view", EventKind.CUSTOM));
    assertFalse(has(read, Code.R_GOV_KILL_SWITCH), "a declared read decides normally");

    ActivationResult refused = rt.activate(SCOPE, DENY_B, "k2", "ops");
    assertEquals(Code.E_GOV_ACTIVATION_FAILED, code(refused));
    assertEquals(Optional.of(Step.MODE), refused.failedStep());
    ActivationResult back = rt.rollback(SCOPE, ALLOW.hash(), "r1", "oncall");
    assertTrue(back.success(), back::toString);
    assertEquals(RuntimeMode.READ_ONLY, back.mode(), "a rollback keeps the mode");
    assertTrue(rt.setMode(SCOPE, RuntimeMode.NORMAL, "m3", "oncall").success());
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
    assertTrue(rt.setMode(SCOPE, RuntimeMode.NORMAL, "m3", "oncall").replayed());
    assertEquals(Code.E_GOV_IDEMPOTENCY_CONFLICT, code(rt.setMode(SCOPE, RuntimeMode.READ_ONLY, "m3", "oncall")));
    assertEquals(Code.E_GOV_STATE_INVALID, code(rt.setMode(new Scope("x", "y"), RuntimeMode.READ_ONLY, "m4", "o")));
    assertTrue(ActivationLedger.verify(s.ledger().records()).ok());
  }

  @Test
  void aFailingLedger_setsThePointerBack_andNamesTheStep() {
    Governed.Stores s = Governed.Stores.inMemory();
    AtomicBoolean broken = new AtomicBoolean(true);
    ActivationLedger flaky = new ActivationLedger() {
      @Override
      public Appended append(Scope scope, String key, String action, Optional<String> previousHash, String hash,
          String digest, long sequence, RuntimeMode mode, String actor, Instant at) {
        if (broken.get()) {
          throw new IllegalStateException("disk full at postgres://app:hunter2@db/x");
        }
        return s.ledger().append(scope, key, action, previousHash, hash, digest, sequence, mode, actor, at);
      }

      @Override
      public Optional<LedgerRecord> find(Scope scope, String key) {
        return s.ledger().find(scope, key);
      }

      @Override
      public List<LedgerRecord> records() {
        return s.ledger().records();
      }
    };
    GovernedRuntime rt = s.runtime().ledger(flaky).build().orElseThrow();
    ActivationResult first = rt.activate(SCOPE, ALLOW_B, "k1", "ops");
    assertEquals(Code.E_GOV_ACTIVATION_FAILED, code(first));
    assertEquals(Optional.of(Step.LEDGER), first.failedStep());
    assertTrue(first.completedSteps().contains(Step.SWAP));
    assertFalse(first.errors().get(0).message().contains("hunter2"), first.errors().toString());
    assertEquals(Optional.empty(), s.pointers().get(SCOPE), "the first activation's pointer was removed again");
    assertTrue(rt.active(SCOPE).isEmpty());

    broken.set(false);
    assertTrue(rt.activate(SCOPE, ALLOW_B, "k1", "ops").success(), "the key was not consumed by the failure");
    broken.set(true);
    assertEquals(Code.E_GOV_ACTIVATION_FAILED, code(rt.activate(SCOPE, DENY_B, "k2", "ops")));
    assertEquals(ALLOW.hash(), s.pointers().get(SCOPE).orElseThrow().artifactHash());
    assertEquals(1, s.pointers().get(SCOPE).orElseThrow().sequence());
    assertTrue(rt.evaluate(SCOPE, Governed.write()).allow());
  }

  @Test
  void aPointerMovedByAnotherInstance_isAConcurrentModification() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime other = runtime(s);
    AtomicBoolean raceOnce = new AtomicBoolean(true);
    ActivePointerStore racing = new ActivePointerStore() {
      @Override
      public Optional<ActivePointer> get(Scope scope) {
        return s.pointers().get(scope);
      }

      @Override
      public boolean compareAndSet(Scope scope, Optional<ActivePointer> expected, ActivePointer next) {
        if (raceOnce.getAndSet(false)) {
          assertTrue(other.activate(scope, DENY_B, "theirs", "other").success());
        }
        return s.pointers().compareAndSet(scope, expected, next);
      }

      @Override
      public boolean compareAndRemove(Scope scope, ActivePointer expected) {
        return s.pointers().compareAndRemove(scope, expected);
      }
    };
    GovernedRuntime rt = s.runtime().pointers(racing).build().orElseThrow();
    ActivationResult r = rt.activate(SCOPE, ALLOW_B, "mine", "ops");
    assertEquals(Code.E_GOV_CONCURRENT_MODIFICATION, code(r));
    assertEquals(Optional.of(Step.SWAP), r.failedStep());
    assertEquals(1, s.ledger().records().size());
    ActivationResult retry = rt.activate(SCOPE, ALLOW_B, "mine", "ops");
    assertTrue(retry.success());
    assertEquals(2, retry.sequence());
  }

  @Test
  void readAfterWrite_acrossInstances_isBounded() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime writer = runtime(s);
    GovernedRuntime reader = s.runtime().maxWait(Duration.ofMillis(200)).build().orElseThrow();
    long seq = writer.activate(SCOPE, ALLOW_B, "k1", "ops").sequence();
    assertTrue(has(reader.evaluate(SCOPE, Governed.write()), Code.E_GOV_STATE_INVALID), "not caught up yet");
    Decision d = reader.evaluate(SCOPE, Governed.write(), EvaluationOptions.defaults(), seq, Duration.ofSeconds(1));
    assertTrue(d.allow(), d::toString);
    assertEquals(OptionalLong.of(1), d.meta().activationSequence());

    long seq2 = writer.activate(SCOPE, DENY_B, "k2", "ops").sequence();
    assertTrue(reader.evaluate(SCOPE, Governed.write()).allow(), "without a sequence: this instance's view");
    assertFalse(reader.evaluate(SCOPE, Governed.write(), EvaluationOptions.defaults(), seq2, Duration.ofSeconds(1))
        .allow());
    // mode changes travel the same way
    long seq3 = writer.setMode(SCOPE, RuntimeMode.READ_ONLY, "m1", "ops").sequence();
    Decision ro = reader.evaluate(SCOPE, Governed.write(), EvaluationOptions.defaults(), seq3, Duration.ofSeconds(1));
    assertTrue(has(ro, Code.R_GOV_KILL_SWITCH), ro::toString);

    long t0 = System.nanoTime();
    Decision timeout = reader.evaluate(SCOPE, Governed.write(), EvaluationOptions.defaults(), 99, Duration.ofMinutes(5));
    long waitedMs = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(timeout.allow());
    assertTrue(has(timeout, Code.E_GOV_ACTIVATION_IN_PROGRESS), timeout::toString);
    assertTrue(waitedMs >= 150 && waitedMs < 5_000, "capped by the builder's maxWait: " + waitedMs + " ms");
    assertEquals(OptionalLong.of(3), timeout.meta().activationSequence());
  }

  @Test
  void aBundleMissingFromTheStore_keepsTheOldArtifact_andReadinessSaysWhy() {
    Governed.Stores s = Governed.Stores.inMemory();
    GovernedRuntime writer = runtime(s);
    writer.activate(SCOPE, ALLOW_B, "k1", "ops");
    BundleStore empty = BundleStore.inMemory();
    GovernedRuntime reader = s.runtime().bundles(empty).scope(SCOPE).build().orElseThrow();
    Readiness r = reader.readiness();
    assertFalse(r.ready());
    assertEquals(Optional.of(Code.E_GOV_STATE_INVALID), r.failures().get(0).code());
    assertEquals("artifact:acme/orders", r.failures().get(0).name());
  }

  @Test
  void readiness_boundedProbes_namedFailures_redacted() {
    Governed.Stores s = Governed.Stores.inMemory();
    java.util.concurrent.ExecutorService hostThreads = java.util.concurrent.Executors.newCachedThreadPool();
    GovernedRuntime rt = s.runtime().scope(SCOPE).probeTimeout(Duration.ofMillis(100)).probeExecutor(hostThreads)
        .probe("db", () -> true)
        .probe("redis", () -> {
          throw new IllegalStateException("connect failed: redis://:s3cretpw@cache:6379");
        })
        .probe("kms", () -> {
          Thread.sleep(60_000);
          return true;
        })
        .probe("ledger", () -> false).build().orElseThrow();
    Readiness before = rt.readiness();
    assertFalse(before.ready());
    assertEquals(List.of("artifact:acme/orders", "redis", "kms", "ledger"),
        before.failures().stream().map(Readiness.Check::name).collect(Collectors.toList()));
    Readiness.Check redis = before.failures().get(1);
    assertEquals(Optional.of(Code.E_GOV_PROBE_FAILED), redis.code());
    assertFalse(redis.message().contains("s3cretpw"), redis.message());
    Readiness.Check kms = before.failures().get(2);
    assertEquals(Optional.of(Code.E_GOV_PROBE_TIMEOUT), kms.code());
    assertTrue(kms.took().toMillis() >= 90 && kms.took().toMillis() < 5_000, kms.took()::toString);
    assertEquals(Optional.of(Code.E_GOV_PROBE_FAILED), before.failures().get(3).code());

    GovernedRuntime healthy = s.runtime().scope(SCOPE).probe("db", () -> true).probeExecutor(hostThreads).build()
        .orElseThrow();
    healthy.activate(SCOPE, ALLOW_B, "k1", "ops");
    Readiness after = healthy.readiness();
    assertTrue(after.ready(), after::toString);
    assertEquals(2, after.checks().size());
    hostThreads.shutdownNow();
    assertEquals(Code.E_GOV_PROBE_FAILED, healthy.readiness().failures().get(0).code().orElseThrow(),
        "an executor that refuses work fails the probe");
  }

  @Test
  void builder_reportsWhatIsMissingOrOutOfRange() {
    var r = GovernedRuntime.builder().maxWait(Duration.ofMinutes(2)).probeTimeout(Duration.ZERO)
        .probe("db", () -> true).build();
    assertFalse(r.isOk());
    assertEquals(8, r.diagnostics().size(), r.diagnostics()::toString);
  }
}
