package dev.mpc.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an evaluation ({@code decision.schema.json}): allow or deny, why, and what the
 * host should do ({@link Intent}s, never executed by the engine).
 *
 * <p>Immutable and thread-safe.
 *
 * @param allow whether the request is allowed; engines fail closed, so any error yields false
 * @param reasons why, in the order the engines produced them
 * @param messages user-facing messages
 * @param intents recommended side effects, in order
 * @param trace what the engines did, if tracing was requested
 * @param meta provenance
 */
public record Decision(
    boolean allow,
    List<Reason> reasons,
    List<Message> messages,
    List<Intent> intents,
    Optional<Trace> trace,
    DecisionMeta meta) {

  /** Creates a decision (the lists are copied unless already immutable). */
  public Decision {
    reasons = immutable(reasons);
    messages = immutable(messages);
    intents = immutable(intents);
    Objects.requireNonNull(trace, "Decision.trace");
    Objects.requireNonNull(meta, "Decision.meta");
  }

  /** An allow with these reasons and nothing else. */
  public static Decision allow(List<Reason> reasons) {
    return new Decision(true, reasons, List.of(), List.of(), Optional.empty(), DecisionMeta.NONE);
  }

  /** A deny with these reasons and nothing else. */
  public static Decision deny(List<Reason> reasons) {
    return new Decision(false, reasons, List.of(), List.of(), Optional.empty(), DecisionMeta.NONE);
  }

  /** This decision with other intents. */
  public Decision withIntents(List<Intent> intents) {
    return new Decision(allow, reasons, messages, intents, trace, meta);
  }

  /** This decision with a trace. */
  public Decision withTrace(Trace trace) {
    return new Decision(allow, reasons, messages, intents, Optional.of(trace), meta);
  }

  /** This decision with provenance. */
  public Decision withMeta(DecisionMeta meta) {
    return new Decision(allow, reasons, messages, intents, trace, meta);
  }

  /** {@code items} if the engine sealed it, else an immutable copy. */
  private static <T> List<T> immutable(List<T> items) {
    return items instanceof dev.mpc.contract.internal.SealedList<T> ? items : List.copyOf(items);
  }
}
