package dev.mpc.examples.alm;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's configuration, from the environment: {@code ENV} (development | staging |
 * production), {@code DATABASE_URL}, {@code REDIS_URL}, {@code SECRET_KEY}, {@code CI_STRICT}.
 *
 * <p>Strict (staging, production, or {@code CI_STRICT=1}): each of the three must be set, the
 * database must not be an embedded or in-memory one, and the key must be at least 32 bytes; the
 * first problem stops start-up with one line naming the variable ({@link Invalid}). Development:
 * whatever is missing gets an embedded default (H2 in {@code ./data/alm} under the working
 * directory, quotas in memory, a generated key), so the service starts with no setup.
 *
 * @param env development, staging or production
 * @param strict whether the strict rules applied
 * @param jdbcUrl the JDBC URL
 * @param dbUser the database user (may be empty)
 * @param dbPassword the database password (may be empty)
 * @param redisUrl the Redis URL, if any
 * @param secretKey the HS256 key (also the seed of the service's bundle signing key)
 * @param generatedKey whether the key was generated (development without SECRET_KEY)
 * @param shown what the log may show of the database and Redis (passwords hidden)
 */
public record AlmEnvironment(String env, boolean strict, String jdbcUrl, String dbUser, String dbPassword,
    Optional<String> redisUrl, byte[] secretKey, boolean generatedKey, String shown) {

  /** A configuration that must stop start-up; the message is one line naming the variable. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private static final List<String> ENVS = List.of("development", "staging", "production");

  /**
   * Resolves the configuration.
   *
   * @param vars the environment variables
   * @param workDir where the development database lives ({@code data/alm} below it)
   * @return the configuration
   * @throws Invalid naming the variable, when a strict environment lacks or misconfigures one
   */
  public static AlmEnvironment resolve(Map<String, String> vars, Path workDir) {
    String env = vars.getOrDefault("ENV", "development").trim().toLowerCase(Locale.ROOT);
    if (!ENVS.contains(env)) {
      throw new Invalid("ENV must be one of " + ENVS + ", not '" + env + "'");
    }
    boolean strict = !env.equals("development") || "1".equals(vars.get("CI_STRICT"));
    String db = blankToNull(vars.get("DATABASE_URL"));
    String redis = blankToNull(vars.get("REDIS_URL"));
    String key = blankToNull(vars.get("SECRET_KEY"));
    if (strict) {
      String why = strict && !env.equals("development") ? " (ENV=" + env + ")" : " (CI_STRICT=1)";
      if (db == null) {
        throw new Invalid("DATABASE_URL is required" + why);
      }
      if (redis == null) {
        throw new Invalid("REDIS_URL is required" + why);
      }
      if (key == null) {
        throw new Invalid("SECRET_KEY is required" + why);
      }
      String lower = db.toLowerCase(Locale.ROOT);
      if (lower.contains("h2:") || lower.contains(":mem:") || lower.contains("hsqldb") || lower.contains("derby")
          || lower.contains("sqlite") || lower.contains("embedded")) {
        throw new Invalid("DATABASE_URL names an embedded or in-memory database (" + Secrets.redact(db) + ")" + why);
      }
      if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
        throw new Invalid("SECRET_KEY must be at least 32 bytes" + why);
      }
    }
    String jdbc;
    String user = "";
    String password = "";
    if (db == null) {
      jdbc = "jdbc:h2:file:" + workDir.resolve("data").resolve("alm").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
    } else if (db.startsWith("jdbc:")) {
      jdbc = db;
    } else {
      URI u;
      try {
        u = new URI(db);
      } catch (URISyntaxException e) {
        throw new Invalid("DATABASE_URL is not a URL (" + Secrets.redact(db) + ")");
      }
      String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
        throw new Invalid("DATABASE_URL must be postgresql://user:password@host:port/db or a jdbc: URL, not "
            + Secrets.redact(db));
      }
      if (u.getHost() == null) {
        throw new Invalid("DATABASE_URL has no host (" + Secrets.redact(db) + ")");
      }
      jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      if (u.getRawUserInfo() != null) {
        String[] ui = u.getRawUserInfo().split(":", 2);
        user = decode(ui[0]);
        password = ui.length > 1 ? decode(ui[1]) : "";
      }
    }
    boolean generated = key == null;
    byte[] secret;
    if (generated) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    } else {
      secret = key.getBytes(StandardCharsets.UTF_8);
    }
    String shown = "database " + Secrets.redact(db == null ? jdbc : db) + ", redis "
        + (redis == null ? "none (quotas in memory)" : Secrets.redact(redis));
    return new AlmEnvironment(env, strict, jdbc, user, password, Optional.ofNullable(redis), secret, generated, shown);
  }

  /** The Spring properties of this configuration (highest precedence below the command line). */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.datasource.url", jdbcUrl);
    p.put("spring.datasource.username", dbUser);
    p.put("spring.datasource.password", dbPassword);
    redisUrl.ifPresent(r -> p.put("mpc.redis.url", r));
    p.put("alm.env", env);
    p.put("alm.secret-key", Base64.getEncoder().encodeToString(secretKey));
    return p;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AlmEnvironment[" + env + (strict ? ", strict" : "") + ", " + shown + ", key "
        + (generatedKey ? "generated" : "from SECRET_KEY") + "]";
  }
}
