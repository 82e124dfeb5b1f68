package dev.mpc.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults the starter adds below every property source of the host (each is overridden by the
 * host's own value): Actuator's liveness and readiness groups are on, and readiness includes the
 * {@code mpc} health contributor; Flyway also applies the engine-jdbc migrations
 * ({@code classpath:db/migration/mpc}) next to the host's {@code classpath:db/migration}.
 */
public class MpcEnvironmentPostProcessor implements EnvironmentPostProcessor {
  /** The name of the property source holding the defaults. */
  public static final String SOURCE = "mpcStarterDefaults";

  /** Created by Spring Boot. */
  public MpcEnvironmentPostProcessor() {}

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.group.readiness.include", "readinessState,mpc");
    defaults.put("spring.flyway.locations", "classpath:db/migration,classpath:db/migration/mpc");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }
}
