package dev.mpc.engine;

import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;

/**
 * Told of every decision {@link MpcEngine#evaluate(dev.mpc.artifact.Artifact, EventEnvelope)} makes
 * ({@link MpcEngine.Builder#listener}). Called on the evaluating thread after the decision is made:
 * it must be fast and must not block (hand the work to another thread, as {@link DecisionLog}
 * does). A listener that throws changes nothing about the decision; the engine ignores it.
 */
@FunctionalInterface
public interface DecisionListener {
  /**
   * One decision.
   *
   * @param artifactHash the artifact evaluated
   * @param event the event
   * @param decision the decision returned
   */
  void onDecision(String artifactHash, EventEnvelope event, Decision decision);
}
