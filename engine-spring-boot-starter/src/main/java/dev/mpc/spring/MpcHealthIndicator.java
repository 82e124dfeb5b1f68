package dev.mpc.spring;

import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Readiness;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health contributor {@code mpc}: {@link GovernedRuntime#readiness()} (an active,
 * verified artifact in every scope, and the database and Redis probes, each bounded by
 * {@code mpc.readiness.probe-timeout}). UP when every check passed; DOWN naming each failed check,
 * its code and message (redacted). The starter adds it to Actuator's readiness group.
 */
public final class MpcHealthIndicator implements HealthIndicator {
  private final GovernedRuntime runtime;

  /**
   * The indicator of {@code runtime}.
   *
   * @param runtime the runtime
   */
  public MpcHealthIndicator(GovernedRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Health health() {
    Readiness r = runtime.readiness();
    Map<String, Object> checks = new LinkedHashMap<>();
    for (Readiness.Check c : r.checks()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("ok", c.ok());
      c.code().ifPresent(code -> one.put("code", code.code()));
      one.put("message", c.message());
      one.put("tookMs", c.took().toMillis());
      checks.put(c.name(), one);
    }
    return (r.ready() ? Health.up() : Health.down()).withDetail("checks", checks).build();
  }
}
