package dev.mpc.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The host's named guards: a transition with {@code named_guard: "creditOk"} passes only if this
 * port answers true for {@code creditOk}.
 *
 * <p><b>When it is called:</b> during {@link WorkflowEngine#fire}, {@link WorkflowEngine#fireDue}
 * and {@link WorkflowEngine#availableTransitions}, once per candidate transition that names a
 * guard, after its role and {@link AuthPort} checks passed and before its guard expression is
 * evaluated; never for a transition that is not a candidate for the event. It may be called for
 * several alternatives of one event (declaration order, innermost source state first) until one
 * passes.
 *
 * <p><b>Thread:</b> the caller's thread (the thread that called the engine); the engine starts no
 * threads. Several host threads may call the engine, and so this port, concurrently: an
 * implementation must be thread-safe.
 *
 * <p><b>Time budget and failure:</b> the engine measures each call with its injected nanosecond
 * time source; an answer that arrives after {@link WorkflowEngine.Builder#portTimeout} is discarded
 * and the fire fails closed with {@code E_WF_PORT_TIMEOUT} (the engine cannot interrupt the call:
 * a port that may block must bound itself, e.g. with its own client timeout). A port that throws
 * fails the fire closed with {@code E_WF_PORT_FAILED}. Both are logged through slf4j (logger
 * {@code dev.mpc.workflow}) at WARN, and neither ever lets the transition pass.
 *
 * <p><b>Declared names:</b> {@link #guards()} lists the names this port answers. Building a
 * {@link WorkflowEngine} against artifacts whose workflows name a guard the port does not declare
 * is a build-time error; at run time such a workflow fails to compile and its fires fail closed.
 */
public interface GuardPort {

  /** The guard names this port answers (a fixed set; read once when the engine is built). */
  Set<String> guards();

  /**
   * Whether guard {@link GuardCall#guard()} passes.
   *
   * @throws Exception any failure: the fire fails closed with {@code E_WF_PORT_FAILED}
   */
  boolean check(GuardCall call) throws Exception;

  /** A port answering each named guard with its predicate. */
  static GuardPort of(Map<String, ? extends Predicate<GuardCall>> guards) {
    Map<String, Predicate<GuardCall>> copy = new LinkedHashMap<>();
    guards.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "guard name"), Objects.requireNonNull(v, "guard")));
    Set<String> names = Collections.unmodifiableSet(copy.keySet());
    return new GuardPort() {
      @Override
      public Set<String> guards() {
        return names;
      }

      @Override
      public boolean check(GuardCall call) {
        Predicate<GuardCall> p = copy.get(call.guard());
        if (p == null) {
          throw new IllegalStateException("no guard named '" + call.guard() + "'");
        }
        return p.test(call);
      }
    };
  }
}
