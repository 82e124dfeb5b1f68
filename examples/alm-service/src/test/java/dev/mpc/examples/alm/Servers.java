package dev.mpc.examples.alm;

import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** What the service tests start and stop. */
final class Servers {
  private Servers() {}

  /** The environment of a strict start against {@code postgresPort} and {@code redisUri}. */
  static Map<String, String> env(String envName, String dbPassword, int postgresPort, String redisUri, String key) {
    return Map.of("ENV", envName,
        "DATABASE_URL", "postgresql://postgres:" + dbPassword + "@localhost:" + postgresPort + "/postgres",
        "REDIS_URL", redisUri, "SECRET_KEY", key);
  }

  /** An HTTP client of {@code app}. */
  static Http http(ConfigurableApplicationContext app) {
    return new Http(((WebServerApplicationContext) app).getWebServer().getPort());
  }

  /** Closes each that is not null, in order (applications before the servers they use). */
  static void closeAll(AutoCloseable... things) throws Exception {
    Exception first = null;
    for (AutoCloseable t : things) {
      if (t == null) {
        continue;
      }
      try {
        t.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
