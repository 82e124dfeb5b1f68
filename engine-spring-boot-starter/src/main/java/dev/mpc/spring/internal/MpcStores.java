package dev.mpc.spring.internal;

import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.ActivePointerStore;
import dev.mpc.governance.BundleStore;
import dev.mpc.governance.QuotaStore;
import dev.mpc.spring.MpcMetrics;
import dev.mpc.spring.MpcProperties;
import dev.mpc.workflow.InMemoryWorkflowStore;
import dev.mpc.workflow.WorkflowStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The stores the starter chose (JDBC over the host's DataSource, Redis for quotas, or memory with
 * a warning), each timed into the metrics, and the readiness probes of the servers behind them.
 * Closes what it opened.
 */
public final class MpcStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.mpc.spring");

  private final ActivePointerStore pointers;
  private final ActivationLedger ledger;
  private final WorkflowStore workflows;
  private final BundleStore bundles;
  private final Optional<QuotaStore> quota;
  private final Map<String, Callable<?>> probes;
  private final String kind;
  private final RedisSupport redis;

  /**
   * Chooses the stores.
   *
   * @param props the settings
   * @param dataSource the host's DataSource, or null
   * @param metrics where port calls are recorded
   * @throws IllegalStateException when {@code mpc.stores=jdbc} and there is no DataSource or engine-jdbc
   */
  public MpcStores(MpcProperties props, DataSource dataSource, MpcMetrics metrics) {
    ClassLoader cl = MpcStores.class.getClassLoader();
    boolean jdbcPresent = ClassUtils.isPresent(JdbcSupport.MARKER, cl);
    boolean useJdbc = switch (props.getStores()) {
      case JDBC -> {
        if (dataSource == null || !jdbcPresent) {
          throw new IllegalStateException("mpc.stores=jdbc needs a DataSource bean and dev.mpc:engine-jdbc on the classpath"
              + " (DataSource " + (dataSource == null ? "missing" : "present") + ", engine-jdbc "
              + (jdbcPresent ? "present" : "missing") + ")");
        }
        yield true;
      }
      case MEMORY -> false;
      case AUTO -> dataSource != null && jdbcPresent;
    };
    Map<String, Callable<?>> p = new LinkedHashMap<>();
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, props.getReadiness().getProbeTimeout().toSeconds()));
    if (useJdbc) {
      pointers = TimedPorts.pointers(JdbcSupport.pointers(dataSource), metrics);
      ledger = TimedPorts.ledger(JdbcSupport.ledger(dataSource), metrics);
      workflows = TimedPorts.workflows(JdbcSupport.workflows(dataSource), metrics);
      bundles = TimedPorts.bundles(JdbcSupport.bundles(dataSource), metrics);
      p.put("database", JdbcSupport.probe(dataSource, seconds));
      kind = "jdbc";
    } else {
      if (props.getStores() == MpcProperties.Stores.AUTO) {
        LOG.warn("MPC keeps active pointers, the activation ledger and workflow instances in memory: "
            + (dataSource == null ? "there is no DataSource bean" : "dev.mpc:engine-jdbc is not on the classpath")
            + ". That is fine for one instance in development; several instances need the JDBC stores"
            + " (add engine-jdbc and a DataSource, or set mpc.stores=memory to silence this).");
      }
      pointers = TimedPorts.pointers(ActivePointerStore.inMemory(), metrics);
      ledger = TimedPorts.ledger(ActivationLedger.inMemory(), metrics);
      workflows = TimedPorts.workflows(new InMemoryWorkflowStore(), metrics);
      bundles = TimedPorts.bundles(BundleStore.inMemory(), metrics);
      kind = "memory";
    }
    String url = props.getRedis().getUrl();
    boolean redisPresent = ClassUtils.isPresent(RedisSupport.MARKER, cl) && ClassUtils.isPresent("io.lettuce.core.RedisClient", cl);
    if (url != null && !url.isBlank()) {
      if (!redisPresent) {
        throw new IllegalStateException("mpc.redis.url is set but dev.mpc:engine-redis (with Lettuce) is not on the classpath");
      }
      redis = new RedisSupport(url, props.getRedis().getCommandTimeout());
      quota = Optional.of(TimedPorts.quota(redis.store(), metrics));
      p.put("redis", redis.probe());
    } else {
      redis = null;
      if (props.getQuota().isEnabled()) {
        LOG.warn("MPC counts tenant quotas in memory (mpc.redis.url is not set): each instance counts its own,"
            + " so N instances allow N times the limit.");
        quota = Optional.of(TimedPorts.quota(QuotaStore.inMemory(), metrics));
      } else {
        quota = Optional.empty();
      }
    }
    probes = Collections.unmodifiableMap(p);
  }

  /** The active pointer store. */
  public ActivePointerStore pointers() {
    return pointers;
  }

  /** The activation ledger. */
  public ActivationLedger ledger() {
    return ledger;
  }

  /** The workflow store. */
  public WorkflowStore workflows() {
    return workflows;
  }

  /** The bundle store (shared in the database with the JDBC stores). */
  public BundleStore bundles() {
    return bundles;
  }

  /** The quota store, when quotas are on or Redis is configured. */
  public Optional<QuotaStore> quota() {
    return quota;
  }

  /** The readiness probes by name ({@code database}, {@code redis}). */
  public Map<String, Callable<?>> probes() {
    return probes;
  }

  /** {@code jdbc} or {@code memory}. */
  public String kind() {
    return kind;
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  public String toString() {
    return "MpcStores[" + kind + (redis != null ? ", redis" : "") + "]";
  }
}
