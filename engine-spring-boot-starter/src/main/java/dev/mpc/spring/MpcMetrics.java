package dev.mpc.spring;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;

/**
 * Where the starter records what the engine did. With Micrometer on the classpath and a
 * {@code MeterRegistry} bean the starter records, under these names:
 * <ul>
 *   <li>{@value #EVALUATION} (timer, tag {@code outcome} = allow | deny | error): evaluation latency;
 *   <li>{@value #DECISIONS} (counter, tag {@code outcome}): decisions by outcome;
 *   <li>{@value #RULE_HITS} (counter, tag {@code code}): each reason code of each decision (which
 *       rules decide how often);
 *   <li>{@value #PORT_CALLS} (timer, tags {@code port}, {@code operation}, {@code outcome} = ok |
 *       error): every call of a store or quota port.
 * </ul>
 * Without Micrometer, {@link #NONE} records nothing. Implementations must be thread-safe.
 */
public interface MpcMetrics {
  /** Timer of evaluations. */
  String EVALUATION = "mpc.evaluation";
  /** Counter of decisions by outcome. */
  String DECISIONS = "mpc.decisions";
  /** Counter of reason codes. */
  String RULE_HITS = "mpc.rule.hits";
  /** Timer of port calls. */
  String PORT_CALLS = "mpc.port.calls";

  /** Records nothing. */
  MpcMetrics NONE = new MpcMetrics() {
    @Override
    public void decision(Decision d, long nanos) {}

    @Override
    public void portCall(String port, String operation, boolean ok, long nanos) {}
  };

  /**
   * Records one evaluation that took {@code nanos}.
   *
   * @param d the d
   * @param nanos the nanos
   */
  void decision(Decision d, long nanos);

  /**
   * Records one port call.
   *
   * @param port the port
   * @param operation the operation
   * @param ok the ok
   * @param nanos the nanos
   */
  void portCall(String port, String operation, boolean ok, long nanos);

  /**
   * {@code allow}, {@code deny} or {@code error} (a deny that carries an error code).
   *
   * @param d the d
   * @return the string
   */
  static String outcome(Decision d) {
    if (d.allow()) {
      return "allow";
    }
    for (Reason r : d.reasons()) {
      if (MpcDecisions.isError(r)) {
        return "error";
      }
    }
    return "deny";
  }
}
