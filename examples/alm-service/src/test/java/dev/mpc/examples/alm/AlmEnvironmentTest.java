package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration from the environment: strict environments stop at once naming the variable; development needs nothing. */
class AlmEnvironmentTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef-key";
  private static final Path DIR = Path.of("/tmp/alm-work");

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String stop(Map<String, String> env) {
    AlmEnvironment.Invalid e = assertThrows(AlmEnvironment.Invalid.class, () -> AlmEnvironment.resolve(env, DIR));
    assertFalse(e.getMessage().contains("\n"), "one line");
    return e.getMessage();
  }

  @Test
  void strictEnvironments_stopAtOnce_namingTheVariable() {
    Map<String, String> full = env("ENV", "production", "DATABASE_URL", "postgresql://u:S3cret@db:5432/alm",
        "REDIS_URL", "redis://:R3dis@cache:6379/0", "SECRET_KEY", KEY);
    for (String missing : new String[] {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}) {
      Map<String, String> e = new HashMap<>(full);
      e.remove(missing);
      assertEquals(missing + " is required (ENV=production)", stop(e));
      e.put("ENV", "staging");
      assertTrue(stop(e).startsWith(missing + " is required (ENV=staging)"));
      e.put("ENV", "development");
      e.put("CI_STRICT", "1");
      assertTrue(stop(e).startsWith(missing + " is required (CI_STRICT=1)"));
    }
    Map<String, String> h2 = new HashMap<>(full);
    h2.put("DATABASE_URL", "jdbc:h2:mem:x");
    assertTrue(stop(h2).startsWith("DATABASE_URL names an embedded or in-memory database"), stop(h2));
    Map<String, String> shortKey = new HashMap<>(full);
    shortKey.put("SECRET_KEY", "short");
    assertTrue(stop(shortKey).startsWith("SECRET_KEY must be at least 32 bytes"));
    assertTrue(stop(env("ENV", "prod")).startsWith("ENV must be one of"));
    AlmEnvironment ok = AlmEnvironment.resolve(full, DIR);
    assertEquals("jdbc:postgresql://db:5432/alm", ok.jdbcUrl());
    assertEquals("u", ok.dbUser());
    assertEquals("S3cret", ok.dbPassword());
    assertFalse(ok.toString().contains("S3cret") || ok.toString().contains("R3dis") || ok.toString().contains(KEY),
        ok.toString());
    assertTrue(ok.toString().contains("postgresql://u:***@db:5432/alm") && ok.toString().contains("redis://:***@cache:6379/0"),
        ok.toString());
  }

  @Test
  void development_startsWithNoSetup() {
    AlmEnvironment dev = AlmEnvironment.resolve(Map.of(), DIR);
    assertEquals("development", dev.env());
    assertFalse(dev.strict());
    assertTrue(dev.jdbcUrl().startsWith("jdbc:h2:file:/tmp/alm-work/data/alm"), dev.jdbcUrl());
    assertTrue(dev.redisUrl().isEmpty());
    assertTrue(dev.generatedKey());
    assertEquals(32, dev.secretKey().length);
  }

  @Test
  void secrets_areHidden_schemeUserHostAndPortKept() {
    assertEquals("postgresql://user:***@host:5432/db", Secrets.redact("postgresql://user:PASS@host:5432/db"));
    assertEquals("redis://:***@host:6379/0", Secrets.redact("redis://:PASS@host:6379/0"));
    assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
        Secrets.redact("jdbc:postgresql://h/db?user=u&password=p4ss&ssl=true"));
    assertEquals("see postgres://a:***@b/c and redis://:***@d:1", Secrets.redact("see postgres://a:x@b/c and redis://:y@d:1"));
    assertEquals("redis://host:6379", Secrets.redact("redis://host:6379"));
  }
}
