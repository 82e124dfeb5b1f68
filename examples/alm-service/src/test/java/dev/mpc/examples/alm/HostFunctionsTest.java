package dev.mpc.examples.alm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.expr.FunctionRegistry;
import dev.mpc.expr.HostFunction;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The host functions' guard: a database that hangs fails the call within the time limit, and
 * after enough failures the breaker opens and calls fail at once (so the engine denies quickly
 * with a coded error instead of holding request threads); a healthy database answers.
 */
class HostFunctionsTest {
  /** A repository whose database hangs for {@code hangMs} on every host-function query. */
  static final class HangingItems extends ItemRepository {
    volatile long hangMs;

    HangingItems() {
      super(new JdbcTemplate(dataSource()));
    }

    static JdbcDataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:hang-" + System.nanoTime());
      return ds;
    }

    @Override
    boolean isDeleted(String tenant, String id) {
      try {
        Thread.sleep(hangMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return id.equals("gone");
    }
  }

  private static final JsonObject OBJECT = JsonObject.builder().put("type", "Defect").put("id", "d-1")
      .put("attributes", JsonObject.builder().put("tenant", "acme").build()).build();

  @Test
  void aHangingDatabase_failsWithinTheLimit_thenTheBreakerOpens_andAHealthyOneAnswers() throws Exception {
    HostFunctions functions = new HostFunctions();
    try {
      HangingItems items = new HangingItems();
      FunctionRegistry registry = functions.almFunctions(items);
      HostFunction isDeleted = registry.get("isDeleted").orElseThrow().implementation();
      assertEquals(JsonBool.FALSE, isDeleted.apply(List.of((JsonValue) OBJECT)), "a healthy database answers");

      items.hangMs = 5_000;
      long t0 = System.nanoTime();
      assertThrows(RuntimeException.class, () -> isDeleted.apply(List.of((JsonValue) OBJECT)));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= HostFunctions.TIMEOUT_MS - 50 && ms < 2_000, "failed after " + ms + " ms, not 5 s");

      for (int i = 0; i < 12 && functions.breaker().getState() != CircuitBreaker.State.OPEN; i++) {
        assertThrows(RuntimeException.class, () -> isDeleted.apply(List.of((JsonValue) OBJECT)));
      }
      assertEquals(CircuitBreaker.State.OPEN, functions.breaker().getState());
      long t1 = System.nanoTime();
      assertThrows(RuntimeException.class, () -> isDeleted.apply(List.of((JsonValue) OBJECT)));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) < 100, "an open breaker fails at once");
    } finally {
      functions.destroy();
    }
  }
}
