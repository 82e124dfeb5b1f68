package dev.mpc.examples;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.engine.EvaluationOptions;
import dev.mpc.engine.MpcEngine;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host application's run time, using only public API: it compiles the manifest <em>once</em>
 * (at deploy time; the artifact is stored and reloaded, verified), builds one {@link MpcEngine}
 * (immutable, thread-safe: share it), evaluates every request, and executes the Decision's
 * intents: each once (the engine deduplicates by kind, target and idempotency key; the host keeps
 * a ledger so a redelivered event does not repeat a side effect), and only when the intent is
 * complete per the taxonomy ({@link Intent#problems()} empty). {@code maskField} intents are
 * applied to the data the host returns; the others ({@code audit}, {@code notify}, ...) go to the
 * host's executor.
 */
public final class HostEvaluateExample {
  /** The host's side effects. */
  @FunctionalInterface
  public interface Executor {
    /**
     * Executes {@code intent}, recommended while handling {@code event}.
     *
     * @param intent the intent
     * @param event the event
     */
    void execute(Intent intent, EventEnvelope event);
  }

  /**
   * What the host answers a request with.
   *
   * @param allowed whether the request may proceed
   * @param reasons the codes and summaries of the decision's reasons
   * @param body the object's attributes, with every {@code maskField} target masked (empty when denied)
   */
  public record Response(boolean allowed, List<String> reasons, JsonObject body) {}

  private final Artifact artifact;
  private final MpcEngine engine;
  private final Executor executor;
  private final PrintStream log;
  private final Set<String> executed = ConcurrentHashMap.newKeySet();

  private HostEvaluateExample(Artifact artifact, MpcEngine engine, Executor executor, PrintStream log) {
    this.artifact = artifact;
    this.engine = engine;
    this.executor = executor;
    this.log = log;
  }

  /**
   * Deploy time: compiles {@code manifest} against {@code meta} once, stores the artifact as
   * canonical JSON and loads it back verified (a tampered artifact never loads). Null (with the
   * problems printed) when the manifest does not compile.
   *
   * @param manifest the manifest
   * @param meta the meta
   * @param executor the executor
   * @param log the log
   * @return the host evaluate example
   */
  public static HostEvaluateExample deploy(String manifest, String meta, Executor executor, PrintStream log) {
    DomainMeta domain = DomainMetaLoader.fromText(meta).orElseThrow();
    RegistryCompiler compiler = RegistryCompiler.builder().meta(domain)
        .preset(Preset.standard("preset-generic-full")).build();
    Result<Artifact> compiled = Manifests.parseText(manifest).flatMap(compiler::compile);
    if (!(compiled instanceof Result.Ok<Artifact> ok)) {
      compiled.diagnostics().forEach(d -> log.println("manifest problem: " + d));
      return null;
    }
    String stored = ok.get().toCanonicalJson();                            // persist it anywhere
    Artifact artifact = Artifact.fromJson(stored).orElseThrow();           // the runtime side, verified
    MpcEngine engine = MpcEngine.builder().preset(Preset.standard("preset-generic-full")).build().orElseThrow();
    return new HostEvaluateExample(artifact, engine, executor, log);
  }

  /**
   * The artifact's hash.
   *
   * @return the artifact's hash
   */
  public String artifactHash() {
    return artifact.hash();
  }

  /**
   * Request time: evaluates {@code event}, executes the intents, answers. Never throws for a decision.
   *
   * @param event the event
   * @return the response
   */
  public Response handle(EventEnvelope event) {
    EvaluationOptions options = event.id().map(EvaluationOptions.defaults()::withCorrelationId)
        .orElse(EvaluationOptions.defaults());
    Decision decision = engine.evaluate(artifact, event, options);          // fails closed: errors deny
    List<String> masks = new ArrayList<>();
    for (Intent intent : Intent.deduplicate(decision.intents())) {
      if (!executable(intent)) {
        log.println("skipping incomplete intent " + ContractJson.toJson(intent) + ": " + intent.problems());
      } else if (intent.kind() == IntentKind.MASK_FIELD) {
        masks.add(intent.target().orElseThrow());
      } else if (executed.add(ledgerKey(intent, event))) {
        executor.execute(intent, event);
      }
    }
    List<String> reasons = decision.reasons().stream().map(HostEvaluateExample::reason).toList();
    JsonObject body = decision.allow() ? mask(event.object().attributes(), masks) : JsonObject.EMPTY;
    return new Response(decision.allow(), reasons, body);
  }

  /**
   * Whether the host may execute {@code intent}: it is complete per the taxonomy.
   *
   * @param intent the intent
   * @return whether the host may execute {@code intent}
   */
  public static boolean executable(Intent intent) {
    List<Diagnostic> problems = intent.problems();
    return problems.isEmpty();
  }

  /** The ledger entry of an executed intent: the same intent for the same event runs once. */
  static String ledgerKey(Intent intent, EventEnvelope event) {
    return intent.kind().wireName() + "|" + intent.target().orElse("") + "|" + intent.idempotencyKey().orElse("")
        + "|" + event.id().orElse(event.name() + "@" + event.timestamp());
  }

  private static String reason(Reason r) {
    return r.code().code() + ": " + r.summary().orElse("");
  }

  /** {@code attributes} with the value at each dotted path in {@code masks} replaced by {@code ***}. */
  static JsonObject mask(JsonObject attributes, List<String> masks) {
    JsonObject out = attributes;
    for (String path : masks) {
      out = maskPath(out, path.split("\\.", -1), 0);
    }
    return out;
  }

  private static JsonObject maskPath(JsonObject o, String[] path, int at) {
    JsonValue v = o.getOrNull(path[at]);
    if (v == null) {
      return o;
    }
    JsonValue replaced;
    if (at == path.length - 1) {
      replaced = JsonString.of("***");
    } else if (v instanceof JsonObject child) {
      replaced = maskPath(child, path, at + 1);
    } else {
      return o;
    }
    JsonObject.Builder b = JsonObject.builder();
    o.members().forEach(b::put);
    return b.put(path[at], replaced).build();
  }

  /**
   * Entry point: deploys {@code examples/manifests/order-access.mpc} and handles the example events.
   *
   * @param args the args
   * @throws IOException when reading or writing fails
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "examples");
    HostEvaluateExample host = deploy(Files.readString(root.resolve("manifests/order-access.mpc")),
        Files.readString(root.resolve("manifests/order-access-meta.yaml")),
        (intent, event) -> System.out.println("  executing " + ContractJson.toJson(intent)), System.out);
    for (String name : List.of("editor-update.json", "viewer-read.json", "viewer-update.json")) {
      EventEnvelope e = ContractJson.readEvent(Files.readString(root.resolve("events").resolve(name)),
          ContractJson.Strictness.STRICT).orElseThrow();
      System.out.println(name + " -> " + host.handle(e));
    }
  }
}
