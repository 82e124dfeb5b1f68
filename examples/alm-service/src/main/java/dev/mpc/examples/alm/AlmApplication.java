package dev.mpc.examples.alm;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The ALM reference service: requirements, defects and tasks whose every change MPC decides, on
 * PostgreSQL and Redis, configured from the environment ({@link AlmEnvironment}).
 *
 * <pre>java -jar examples/alm-service/target/alm-service-0.1.0-SNAPSHOT.jar   # development defaults</pre>
 */
@SpringBootApplication
public class AlmApplication {
  /**
   * Starts the service; a configuration problem prints one line and exits with 1.
   *
   * @param args Spring Boot arguments ({@code --server.port=8080})
   */
  public static void main(String[] args) {
    try {
      start(System.getenv(), Path.of("").toAbsolutePath(), args);
    } catch (AlmEnvironment.Invalid e) {
      System.err.println("alm-service: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Starts the service with {@code env} as its environment variables.
   *
   * @param env the variables ({@code ENV}, {@code DATABASE_URL}, {@code REDIS_URL}, {@code SECRET_KEY})
   * @param workDir where the development database lives
   * @param args Spring Boot arguments
   * @return the running context
   * @throws AlmEnvironment.Invalid when the configuration must stop start-up
   */
  public static ConfigurableApplicationContext start(Map<String, String> env, Path workDir, String... args) {
    AlmEnvironment cfg = AlmEnvironment.resolve(env, workDir);
    SpringApplication app = new SpringApplication(AlmApplication.class);
    // logged once Spring's (structured) logging is set up, so these lines are JSON like the rest
    app.addListeners((org.springframework.context.ApplicationListener<
        org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent>) e -> {
      LoggerFactory.getLogger(AlmApplication.class).info("alm-service starting: {}", cfg);
      if (cfg.generatedKey()) {
        LoggerFactory.getLogger(AlmApplication.class).warn("SECRET_KEY is not set: a random key was generated;"
            + " tokens and signed bundles do not survive a restart (development only)");
      }
    });
    app.addInitializers(ctx -> {
      ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("almEnvironment", cfg.properties()));
      ctx.getBeanFactory().registerSingleton("almEnvironment", cfg);
    });
    return app.run(args);
  }
}
