package dev.mpc.spring.internal;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Reason;
import dev.mpc.spring.MpcMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** {@link MpcMetrics} on a Micrometer registry (meters are cached by the registry). */
public final class MicrometerMetrics implements MpcMetrics {
  private final MeterRegistry registry;

  /** Metrics on the context's MeterRegistry, or {@link MpcMetrics#NONE} when it has none. */
  public static MpcMetrics from(org.springframework.context.ApplicationContext context) {
    MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfUnique();
    return registry == null ? MpcMetrics.NONE : new MicrometerMetrics(registry);
  }

  /** Metrics on {@code registry}. */
  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void decision(Decision d, long nanos) {
    String outcome = MpcMetrics.outcome(d);
    Timer.builder(EVALUATION).description("MPC evaluation latency").tag("outcome", outcome).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder(DECISIONS).description("MPC decisions by outcome").tag("outcome", outcome).register(registry)
        .increment();
    for (Reason r : d.reasons()) {
      Counter.builder(RULE_HITS).description("MPC reason codes of decisions").tag("code", r.code().code())
          .register(registry).increment();
    }
  }

  @Override
  public void portCall(String port, String operation, boolean ok, long nanos) {
    Timer.builder(PORT_CALLS).description("MPC port call latency").tag("port", port).tag("operation", operation)
        .tag("outcome", ok ? "ok" : "error").register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }
}
