package dev.mpc.spring;

import dev.mpc.engine.TraceLevel;
import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.TenantQuotas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The starter's settings, under {@code mpc.*} (docs/hosting.md has the table). Everything has a
 * default, so a host needs only the artifact: {@code mpc.manifest} (+ {@code mpc.meta}) compiled at
 * start-up, a compiled {@code mpc.artifact}, or a signed {@code mpc.bundle} verified against
 * {@code mpc.trust-store}.
 */
@ConfigurationProperties(prefix = "mpc")
public class MpcProperties {
  /** Whether the starter configures anything. */
  private boolean enabled = true;
  /** The standard preset the engine and the compiler use. */
  private String preset = "preset-generic-full";
  /** The default trace level of decisions (explain requests ask for FULL). */
  private TraceLevel trace = TraceLevel.NONE;
  /** The tenant of the scope the starter activates into and evaluates against. */
  private String tenant = "default";
  /** The namespace of that scope. */
  private String namespace = "default";
  /** A manifest (DSL, YAML or JSON by extension) compiled at start-up; needs engine-dsl. */
  private Resource manifest;
  /** The DomainMeta (JSON or YAML) the manifest is compiled against. */
  private Resource meta;
  /** A compiled artifact (JSON), loaded and verified at start-up. */
  private Resource artifact;
  /** A signed bundle (DSSE JSON), verified against the trust store and activated at start-up. */
  private Resource bundle;
  /** The trust store (JSON) of bundle signing keys. */
  private Resource trustStore;
  /**
   * Verification mode: ENTERPRISE refuses unsigned bundles (and so {@code mpc.artifact} and
   * {@code mpc.manifest}); the default is ENTERPRISE when a trust store is set, else STANDARD.
   */
  private BundleVerifier.Mode mode;
  /** Whether a failure to load the configured artifact stops start-up (true) or leaves the service unready. */
  private boolean failOnLoadError = true;
  /** Which stores to use: AUTO (JDBC with a DataSource, else memory), JDBC, or MEMORY. */
  private Stores stores = Stores.AUTO;
  private final Redaction redaction = new Redaction();
  private final Readiness readiness = new Readiness();
  private final Quota quota = new Quota();
  private final Redis redis = new Redis();
  private final Web web = new Web();

  /** How the starter chooses its stores. */
  public enum Stores {
    /** JDBC when a DataSource bean and engine-jdbc are present, in memory otherwise (with a warning). */
    AUTO,
    /** JDBC; start-up fails without a DataSource. */
    JDBC,
    /** In memory: a single instance only, lost at restart. */
    MEMORY
  }

  /** {@code mpc.redaction.*}: what decisions and errors never show. */
  public static class Redaction {
    /** Keys masked in addition to the standard ones (password, token, secret, ...). */
    private List<String> denyKeys = new ArrayList<>();
    /** The mask. */
    private String mask = "***";

    /** @return the extra deny keys */
    public List<String> getDenyKeys() {
      return denyKeys;
    }

    /** @param denyKeys the extra deny keys */
    public void setDenyKeys(List<String> denyKeys) {
      this.denyKeys = denyKeys;
    }

    /** @return the mask */
    public String getMask() {
      return mask;
    }

    /** @param mask the mask */
    public void setMask(String mask) {
      this.mask = mask;
    }
  }

  /** {@code mpc.readiness.*}. */
  public static class Readiness {
    /** How long each readiness probe (database, Redis) may take. */
    private Duration probeTimeout = Duration.ofSeconds(2);

    /** @return the probe timeout */
    public Duration getProbeTimeout() {
      return probeTimeout;
    }

    /** @param probeTimeout the probe timeout */
    public void setProbeTimeout(Duration probeTimeout) {
      this.probeTimeout = probeTimeout;
    }
  }

  /** {@code mpc.quota.*}: tenant rate limits on evaluations. */
  public static class Quota {
    /** Whether evaluations are rate limited per tenant. */
    private boolean enabled;
    /** The tier of tenants not listed in {@code tiers}. */
    private TenantQuotas.Tier defaultTier = TenantQuotas.Tier.FREE;
    /** Tiers per tenant id. */
    private Map<String, TenantQuotas.Tier> tiers = new LinkedHashMap<>();

    /** @return whether quotas are on */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether quotas are on */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** @return the default tier */
    public TenantQuotas.Tier getDefaultTier() {
      return defaultTier;
    }

    /** @param defaultTier the default tier */
    public void setDefaultTier(TenantQuotas.Tier defaultTier) {
      this.defaultTier = defaultTier;
    }

    /** @return the tiers per tenant */
    public Map<String, TenantQuotas.Tier> getTiers() {
      return tiers;
    }

    /** @param tiers the tiers per tenant */
    public void setTiers(Map<String, TenantQuotas.Tier> tiers) {
      this.tiers = tiers;
    }
  }

  /** {@code mpc.redis.*}: the shared quota store. */
  public static class Redis {
    /** A Redis URI ({@code redis://host:6379/0}); when set (and engine-redis is present) quotas are shared in Redis. */
    private String url;
    /** How long one Redis command may take before the call fails closed. */
    private Duration commandTimeout = Duration.ofMillis(250);

    /** @return the Redis URI, or null */
    public String getUrl() {
      return url;
    }

    /** @param url the Redis URI */
    public void setUrl(String url) {
      this.url = url;
    }

    /** @return the command timeout */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /** @param commandTimeout the command timeout */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }
  }

  /** {@code mpc.web.*}: the servlet integration. */
  public static class Web {
    /** Whether coded errors become RFC 9457 Problem Details. */
    private boolean problemDetails = true;
    /** The header a correlation id is read from and echoed in. */
    private String correlationHeader = "X-Correlation-Id";
    /** The prefix of each Problem's {@code type} URI; the code follows. */
    private String problemTypePrefix = "https://mpc.dev/problems/";

    /** @return whether Problem Details are on */
    public boolean isProblemDetails() {
      return problemDetails;
    }

    /** @param problemDetails whether Problem Details are on */
    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }

    /** @return the correlation header */
    public String getCorrelationHeader() {
      return correlationHeader;
    }

    /** @param correlationHeader the correlation header */
    public void setCorrelationHeader(String correlationHeader) {
      this.correlationHeader = correlationHeader;
    }

    /** @return the problem type prefix */
    public String getProblemTypePrefix() {
      return problemTypePrefix;
    }

    /** @param problemTypePrefix the problem type prefix */
    public void setProblemTypePrefix(String problemTypePrefix) {
      this.problemTypePrefix = problemTypePrefix;
    }
  }

  /** @return whether the starter is on */
  public boolean isEnabled() {
    return enabled;
  }

  /** @param enabled whether the starter is on */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** @return the preset name */
  public String getPreset() {
    return preset;
  }

  /** @param preset the preset name */
  public void setPreset(String preset) {
    this.preset = preset;
  }

  /** @return the default trace level */
  public TraceLevel getTrace() {
    return trace;
  }

  /** @param trace the default trace level */
  public void setTrace(TraceLevel trace) {
    this.trace = trace;
  }

  /** @return the tenant */
  public String getTenant() {
    return tenant;
  }

  /** @param tenant the tenant */
  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  /** @return the namespace */
  public String getNamespace() {
    return namespace;
  }

  /** @param namespace the namespace */
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** @return the manifest, or null */
  public Resource getManifest() {
    return manifest;
  }

  /** @param manifest the manifest */
  public void setManifest(Resource manifest) {
    this.manifest = manifest;
  }

  /** @return the DomainMeta, or null */
  public Resource getMeta() {
    return meta;
  }

  /** @param meta the DomainMeta */
  public void setMeta(Resource meta) {
    this.meta = meta;
  }

  /** @return the compiled artifact, or null */
  public Resource getArtifact() {
    return artifact;
  }

  /** @param artifact the compiled artifact */
  public void setArtifact(Resource artifact) {
    this.artifact = artifact;
  }

  /** @return the signed bundle, or null */
  public Resource getBundle() {
    return bundle;
  }

  /** @param bundle the signed bundle */
  public void setBundle(Resource bundle) {
    this.bundle = bundle;
  }

  /** @return the trust store, or null */
  public Resource getTrustStore() {
    return trustStore;
  }

  /** @param trustStore the trust store */
  public void setTrustStore(Resource trustStore) {
    this.trustStore = trustStore;
  }

  /** @return the verification mode, or null for the default */
  public BundleVerifier.Mode getMode() {
    return mode;
  }

  /** @param mode the verification mode */
  public void setMode(BundleVerifier.Mode mode) {
    this.mode = mode;
  }

  /** @return whether a load failure stops start-up */
  public boolean isFailOnLoadError() {
    return failOnLoadError;
  }

  /** @param failOnLoadError whether a load failure stops start-up */
  public void setFailOnLoadError(boolean failOnLoadError) {
    this.failOnLoadError = failOnLoadError;
  }

  /** @return the store choice */
  public Stores getStores() {
    return stores;
  }

  /** @param stores the store choice */
  public void setStores(Stores stores) {
    this.stores = stores;
  }

  /** @return the redaction settings */
  public Redaction getRedaction() {
    return redaction;
  }

  /** @return the readiness settings */
  public Readiness getReadiness() {
    return readiness;
  }

  /** @return the quota settings */
  public Quota getQuota() {
    return quota;
  }

  /** @return the Redis settings */
  public Redis getRedis() {
    return redis;
  }

  /** @return the web settings */
  public Web getWeb() {
    return web;
  }
}
