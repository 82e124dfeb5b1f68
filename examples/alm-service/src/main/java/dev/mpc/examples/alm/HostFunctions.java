package dev.mpc.examples.alm;

import dev.mpc.expr.FunctionRegistry;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The host functions the DomainMeta declares, answered from the database: {@code isDeleted(object)},
 * {@code linkedTaskCount(object)}, {@code openTaskCount(object)} (the object's id and its
 * {@code attributes.tenant}). Each call runs behind a Resilience4j time limit ({@value #TIMEOUT_MS}
 * ms) and circuit breaker on a bounded pool, so a slow or failing database fails those decisions
 * closed quickly (the engine turns a failing function into a coded deny) instead of holding request
 * threads.
 */
@Configuration(proxyBeanMethods = false)
public class HostFunctions implements DisposableBean {
  static final long TIMEOUT_MS = 500;

  private final ThreadPoolExecutor pool;
  private final TimeLimiter limiter = TimeLimiter.of("alm-db-functions", TimeLimiterConfig.custom()
      .timeoutDuration(Duration.ofMillis(TIMEOUT_MS)).cancelRunningFuture(true).build());
  private final CircuitBreaker breaker = CircuitBreaker.of("alm-db-functions", CircuitBreakerConfig.custom()
      .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
      .waitDurationInOpenState(Duration.ofSeconds(5)).permittedNumberOfCallsInHalfOpenState(3).build());

  HostFunctions() {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(4, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
      Thread t = new Thread(r, "alm-db-function-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The registry the starter gives the engine. */
  @Bean
  FunctionRegistry almFunctions(ItemRepository items) {
    return FunctionRegistry.builder()
        .function("isDeleted", JsonObject.class, JsonBool.class,
            o -> JsonBool.of(guarded(() -> items.isDeleted(tenant(o), id(o)))))
        .function("linkedTaskCount", JsonObject.class, JsonInt.class,
            o -> JsonInt.of(guarded(() -> items.linkedTasks(tenant(o), id(o)))))
        .function("openTaskCount", JsonObject.class, JsonInt.class,
            o -> JsonInt.of(guarded(() -> items.openTasks(tenant(o), id(o)))))
        .build();
  }

  /** The breaker (its state is a metric a host would export). */
  CircuitBreaker breaker() {
    return breaker;
  }

  private <T> T guarded(Supplier<T> call) {
    try {
      return breaker.executeCallable(() -> limiter.executeFutureSupplier(
          () -> CompletableFuture.supplyAsync(call, pool)));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("host function failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private static String id(JsonObject o) {
    return o.getOrNull("id") instanceof JsonString s ? s.value() : "";
  }

  private static String tenant(JsonObject o) {
    JsonValue a = o.getOrNull("attributes");
    if (a instanceof JsonObject attrs && attrs.getOrNull("tenant") instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException("the object carries no tenant");
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
