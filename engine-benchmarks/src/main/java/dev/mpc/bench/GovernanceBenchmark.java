package dev.mpc.bench;

import dev.mpc.artifact.Artifact;
import dev.mpc.bench.rbac.MpcPeer;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.diag.Result;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.Attestation;
import dev.mpc.governance.BundleStore;
import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.Ed25519;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.SignedBundle;
import dev.mpc.governance.TrustStore;
import dev.mpc.governance.VerifiedBundle;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Governance (issue 12). Verifying a signed bundle of a 1,000-definition artifact
 * ({@code verifyBundle1000}: envelope read, Ed25519 over the PAE, the payload's members but the
 * artifact; {@code verifyAndLoadBundle1000} adds the artifact verified on load, its hashes
 * recomputed) and its parts: {@code sha256Payload} (the digest of the payload;
 * MB/s = payload bytes / time, the size is printed at setup), {@code ed25519VerifyPae} (the
 * signature check over the whole PAE, which hashes it with SHA-512) and {@code ed25519Verify64}
 * (the signature check alone, over a 64-byte message). Then {@code evaluateQuiet} and
 * {@code evaluateDuringActivations}: {@code GovernedRuntime.evaluate()} throughput on the 10 + 10
 * artifact of {@link DecisionBenchmark}, without and with a background thread activating another
 * signed bundle every 10 ms (alternating two artifacts, so every swap also drops the old compiled
 * form and the next evaluation builds one).
 *
 * <p>Run: {@code java -jar engine-benchmarks/target/benchmarks.jar GovernanceBenchmark}.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GovernanceBenchmark {

  static final Ed25519.KeyPair KEY = Ed25519.generate(new SecureRandom(new byte[] {1}));

  static byte[] signed(Artifact a) {
    ArtifactBundle b = ArtifactBundle.of(a, "mpc-jvm", "preset-generic-full", List.of(), List.of(new Attestation(
        Attestation.PRESET_APPLIED, JsonObject.builder().put("preset", "preset-generic-full").build())));
    return SignedBundle.sign(b, List.of(Ed25519.signer(KEY))).orElseThrow().toBytes();
  }

  static BundleVerifier verifier() {
    return BundleVerifier.builder().trust(TrustStore.of(List.of(TrustStore.TrustedKey.of(KEY.publicKey())))
        .orElseThrow()).requireAttestations(Attestation.PRESET_APPLIED).build().orElseThrow();
  }

  /** A signed bundle of 988 policies + 2 roles + 10 ACL rules = 1,000 definitions. */
  @State(Scope.Benchmark)
  public static class Bundle {
    byte[] bytes;
    byte[] payload;
    byte[] pae;
    byte[] sig;
    byte[] sig64;
    byte[] message64 = new byte[64];
    byte[] publicKey;
    BundleVerifier verifier;
    String artifactText;
    dev.mpc.json.JsonValue artifactTree;

    /** Builds and checks. */
    @Setup(Level.Trial)
    public void setup() {
      Artifact a = MpcPeer.compile(DecisionBenchmark.manifest(988));
      int defs = a.manifest().defs().size();
      if (defs != 1000) {
        throw new IllegalStateException("expected 1,000 definitions, got " + defs);
      }
      bytes = signed(a);
      artifactText = Canonical.json(a.toJson());
      artifactTree = dev.mpc.json.Json.parse(artifactText).orElseThrow();
      SignedBundle s = SignedBundle.read(bytes).orElseThrow();
      payload = s.payload();
      pae = SignedBundle.pae(s.payloadType(), payload);
      sig = s.signatures().get(0).sig();
      publicKey = KEY.publicKey();
      try {
        sig64 = Ed25519.signer(KEY).sign(message64);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      verifier = verifier();
      if (!verifier.verifyAndLoad(bytes).isOk() || !Ed25519.verify(publicKey, message64, sig64)) {
        throw new IllegalStateException("the bundle does not verify");
      }
      System.out.printf("%nbundle: %d definitions, envelope %d bytes, payload %d bytes%n", defs, bytes.length,
          payload.length);
    }
  }

  /** Verify a signed 1,000-definition bundle and load its artifact (what an activation does). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<ArtifactBundle> verifyAndLoadBundle1000(Bundle b) {
    return b.verifier.verifyAndLoad(b.bytes);
  }

  /**
   * Verify a signed 1,000-definition bundle: envelope, signature, format and attestations (the
   * artifact is checked well-formed, not built: {@link #verifyAndLoadBundle1000} adds that).
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<VerifiedBundle> verifyBundle1000(Bundle b) {
    return b.verifier.verify(b.bytes);
  }

  /** The envelope read alone (strict canonical JSON, base64 decoded). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<SignedBundle> readEnvelope(Bundle b) {
    return SignedBundle.read(b.bytes);
  }

  /** The payload read alone: the bundle's JSON and the artifact in it, verified on load. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<ArtifactBundle> readPayload(Bundle b) {
    return ArtifactBundle.fromPayload(b.payload);
  }

  /** The artifact's JSON text parsed into a tree (no verification). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<dev.mpc.json.JsonValue> parseArtifactJson(Bundle b) {
    return dev.mpc.json.Json.parse(b.artifactText);
  }

  /** The artifact loaded and verified from its parsed tree ({@code Artifact.fromJson}). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Result<Artifact> loadArtifact(Bundle b) {
    return Artifact.fromJson(b.artifactTree);
  }

  /** SHA-256 of the payload (the bundle digest). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] sha256Payload(Bundle b) {
    return Canonical.sha256(b.payload);
  }

  /** Ed25519 verify over the whole PAE (SHA-512 of it included). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean ed25519VerifyPae(Bundle b) {
    return Ed25519.verify(b.publicKey, b.pae, b.sig);
  }

  /** Ed25519 verify of a 64-byte message: the curve arithmetic alone. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean ed25519Verify64(Bundle b) {
    return Ed25519.verify(b.publicKey, b.message64, b.sig64);
  }

  /** A governed runtime with the 10 + 10 artifact active; optionally a thread activating every 10 ms. */
  public abstract static class Runtime {
    static final dev.mpc.governance.Scope SCOPE = new dev.mpc.governance.Scope("bench", "orders");
    GovernedRuntime runtime;
    EventEnvelope event;
    byte[][] bundles;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicLong activations = new AtomicLong();
    Thread activator;

    void init() {
      Artifact a = MpcPeer.compile(DecisionBenchmark.manifest(10));
      Artifact b = MpcPeer.compile(DecisionBenchmark.manifest(10).replace("@version \"1.0.0\"", "@version \"1.0.1\""));
      if (a.hash().equals(b.hash())) {
        throw new IllegalStateException("the two artifacts must differ");
      }
      bundles = new byte[][] {signed(a), signed(b)};
      runtime = GovernedRuntime.builder().engine(MpcPeer.engine()).verifier(verifier())
          .pointers(ActivePointerStore.inMemory()).ledger(ActivationLedger.inMemory()).bundles(BundleStore.inMemory())
          .build().orElseThrow();
      if (!runtime.activate(SCOPE, bundles[0], "k0", "bench").success()) {
        throw new IllegalStateException("activation failed");
      }
      event = DecisionBenchmark.event();
      Decision d = runtime.evaluate(SCOPE, event, MpcPeer.NONE);
      if (!d.allow()) {
        throw new IllegalStateException("the benchmark event is not allowed: " + d);
      }
    }

    void startActivations() {
      running.set(true);
      activator = new Thread(() -> {
        long next = System.nanoTime();
        while (running.get()) {
          long n = activations.incrementAndGet();
          if (!runtime.activate(SCOPE, bundles[(int) (n % 2)], "k" + n, "bench").success()) {
            throw new IllegalStateException("activation " + n + " failed");
          }
          next += 10_000_000L;
          LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
      }, "bench-activator");
      activator.setDaemon(true);
      activator.start();
    }

    void stopActivations() throws InterruptedException {
      running.set(false);
      activator.join(5_000);
    }
  }

  /** No activations. */
  @State(Scope.Benchmark)
  public static class Quiet extends Runtime {
    /** Activates once. */
    @Setup(Level.Trial)
    public void setup() {
      init();
    }
  }

  /** An activation every 10 ms during each iteration. */
  @State(Scope.Benchmark)
  public static class Swapping extends Runtime {
    /** Activates once. */
    @Setup(Level.Trial)
    public void setup() {
      init();
    }

    /** Starts the activator. */
    @Setup(Level.Iteration)
    public void start() {
      startActivations();
    }

    /** Stops it and reports how many activations ran. */
    @TearDown(Level.Iteration)
    public void stop() throws InterruptedException {
      stopActivations();
      System.out.printf("%n(%d activations so far)%n", activations.get());
    }
  }

  /** Governed evaluate, nothing changing. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision evaluateQuiet(Quiet q) {
    return q.runtime.evaluate(Runtime.SCOPE, q.event, MpcPeer.NONE);
  }

  /** Governed evaluate while another thread activates every 10 ms. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision evaluateDuringActivations(Swapping s) {
    return s.runtime.evaluate(Runtime.SCOPE, s.event, MpcPeer.NONE);
  }
}
