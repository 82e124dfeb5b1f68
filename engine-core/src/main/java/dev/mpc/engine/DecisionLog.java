package dev.mpc.engine;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Reason;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A decision log: a {@link DecisionListener} that keeps each decision (event, artifact hash,
 * outcome, reasons, intents) in a bounded buffer, so evaluation never waits for it; when the buffer
 * is full the decision is dropped and counted ({@link #dropped()}). The host's own thread calls
 * {@link #drain} (the engine starts no threads), which renders each as one JSON line, redacted:
 *
 * <pre>{"artifactHash":"...","event":{...},"allow":false,"reasons":["R_ACL_DENY_ROLE"],"intents":[{"kind":"audit"}]}</pre>
 *
 * <p>The lines are what {@code mpc impact} replays. Off unless a host builds an engine with it
 * ({@code MpcEngine.builder().listener(log)}). Thread-safe.
 */
public final class DecisionLog implements DecisionListener {
  /** One kept decision (rendered when drained, off the evaluating thread). */
  private record Entry(String artifactHash, EventEnvelope event, Decision decision) {}

  private final ArrayBlockingQueue<Entry> buffer;
  private final Redactor redactor;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder recorded = new LongAdder();

  /**
   * A log keeping at most {@code capacity} undrained decisions.
   *
   * @param capacity the buffer size (at least 1)
   * @param redactor what the lines never show
   */
  public DecisionLog(int capacity, Redactor redactor) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.buffer = new ArrayBlockingQueue<>(capacity);
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  @Override
  public void onDecision(String artifactHash, EventEnvelope event, Decision decision) {
    if (buffer.offer(new Entry(artifactHash, event, decision))) { // never waits: full means dropped
      recorded.increment();
    } else {
      dropped.increment();
    }
  }

  /**
   * Renders up to {@code max} kept decisions as JSON lines, oldest first, and hands each to
   * {@code sink}.
   *
   * @param sink where the lines go (a file writer, a logger)
   * @param max the most to drain now
   * @return how many were drained
   */
  public int drain(Consumer<String> sink, int max) {
    List<Entry> batch = new ArrayList<>(Math.min(max, Math.max(1, buffer.size())));
    buffer.drainTo(batch, max); // one lock for the batch; rendering happens outside it
    for (Entry e : batch) {
      sink.accept(line(e.artifactHash(), e.event(), e.decision(), redactor));
    }
    return batch.size();
  }

  /**
   * The log line of a decision.
   *
   * @param artifactHash the artifact
   * @param event the event
   * @param d the decision
   * @param redactor what the line never shows
   * @return one line of JSON
   */
  public static String line(String artifactHash, EventEnvelope event, Decision d, Redactor redactor) {
    List<JsonValue> reasons = new ArrayList<>(d.reasons().size());
    for (Reason r : d.reasons()) {
      reasons.add(JsonString.of(r.code().code()));
    }
    List<JsonValue> intents = new ArrayList<>(d.intents().size());
    for (Intent i : d.intents()) {
      JsonObject.Builder b = JsonObject.builder().put("kind", i.kind().wireName());
      i.target().ifPresent(t -> b.put("target", t));
      intents.add(b.build());
    }
    return Json.write(JsonObject.builder().put("artifactHash", artifactHash)
        .put("event", redactor.redact(ContractJson.toJson(event))).put("allow", d.allow())
        .put("reasons", JsonArray.of(reasons)).put("intents", JsonArray.of(intents)).build());
  }

  /** @return decisions dropped because the buffer was full */
  public long dropped() {
    return dropped.sum();
  }

  /** @return decisions kept (drained or not) */
  public long recorded() {
    return recorded.sum();
  }

  /** @return decisions waiting to be drained */
  public int pending() {
    return buffer.size();
  }
}
