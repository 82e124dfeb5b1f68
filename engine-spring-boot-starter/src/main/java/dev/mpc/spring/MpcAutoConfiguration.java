package dev.mpc.spring;

import dev.mpc.diag.MpcException;
import dev.mpc.engine.MpcEngine;
import dev.mpc.expr.FunctionRegistry;
import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import dev.mpc.governance.TenantQuotas;
import dev.mpc.governance.TrustStore;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import dev.mpc.redact.Redactor;
import dev.mpc.spring.internal.MicrometerMetrics;
import dev.mpc.spring.internal.MpcStores;
import dev.mpc.spring.internal.StartupActivation;
import dev.mpc.spring.security.MpcAccessDeniedHandler;
import dev.mpc.spring.security.MpcActorResolver;
import dev.mpc.spring.security.MpcAuthorize;
import dev.mpc.spring.security.MpcMethodAuthorizationManager;
import dev.mpc.spring.security.MpcRequestAuthorizationManager;
import dev.mpc.spring.security.MpcSecurityProblemHandler;
import dev.mpc.workflow.WorkflowStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;

/**
 * The starter's auto-configuration: from {@code mpc.*} ({@link MpcProperties}) an
 * {@link MpcEngine}, the stores ({@code MpcStores}: JDBC over the host's {@link DataSource} when
 * engine-jdbc is present, Redis quotas when {@code mpc.redis.url} is set, memory otherwise with a
 * warning), a {@link GovernedRuntime} with the database and Redis readiness probes, the start-up
 * activation of the configured artifact (after Flyway), {@link MpcDecisions} (bean {@code mpc}),
 * {@link MpcManifests} (with engine-dsl), and, when their libraries are present, Micrometer
 * metrics, the {@code mpc} health indicator, the correlation filter, Problem Details and Spring
 * Security integration. Every bean backs off when the host declares its own.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration"})
@ConditionalOnProperty(prefix = "mpc", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MpcProperties.class)
public class MpcAutoConfiguration {
  /** Created by Spring. */
  public MpcAutoConfiguration() {}

  /** The health indicator when Actuator is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean(name = "mpcHealthIndicator")
    @ConditionalOnMissingBean(name = "mpcHealthIndicator")
    MpcHealthIndicator mpcHealthIndicator(GovernedRuntime runtime) {
      return new MpcHealthIndicator(runtime);
    }
  }

  /** Manifest compilation when engine-dsl is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.mpc.dsl.compile.RegistryCompiler")
  static class ManifestConfiguration {
    @Bean
    @ConditionalOnMissingBean
    MpcManifests mpcManifests(MpcProperties props, Preset preset) {
      DomainMeta meta = DomainMeta.EMPTY;
      if (props.getMeta() != null) {
        meta = dev.mpc.dsl.meta.DomainMetaLoader.fromText(text(props.getMeta()), props.getMeta().getDescription())
            .orElseThrow();
      }
      return new MpcManifests(meta, preset);
    }
  }

  /** The servlet integration. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
  static class WebConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "mpcCorrelationFilter")
    FilterRegistrationBean<MpcCorrelationFilter> mpcCorrelationFilter(MpcProperties props) {
      FilterRegistrationBean<MpcCorrelationFilter> r = new FilterRegistrationBean<>(
          new MpcCorrelationFilter(props.getWeb().getCorrelationHeader()));
      r.setOrder(Ordered.HIGHEST_PRECEDENCE);
      r.setName("mpcCorrelationFilter");
      return r;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mpc.web", name = "problem-details", matchIfMissing = true)
    MpcProblemHandler mpcProblemHandler(MpcProblems problems) {
      return new MpcProblemHandler(problems);
    }
  }

  /** Spring Security: request and method authorization by MPC, denials as Problem Details. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({AuthorizationManager.class, AuthorizationManagerBeforeMethodInterceptor.class})
  static class SecurityConfiguration {
    @Bean
    @ConditionalOnMissingBean
    MpcActorResolver mpcActorResolver() {
      return MpcActorResolver.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    MpcRequestAuthorizationManager mpcRequests(MpcDecisions mpc, MpcActorResolver actors) {
      return MpcRequestAuthorizationManager.of(mpc, actors, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    MpcMethodAuthorizationManager mpcMethodAuthorizationManager(MpcDecisions mpc, MpcActorResolver actors) {
      return new MpcMethodAuthorizationManager(mpc, actors, Clock.systemUTC());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor mpcAuthorizeAdvisor(ObjectProvider<MpcMethodAuthorizationManager> manager) {
      ComposablePointcut pointcut = new ComposablePointcut(AnnotationMatchingPointcut.forMethodAnnotation(MpcAuthorize.class))
          .union(new AnnotationMatchingPointcut(MpcAuthorize.class, true));
      AuthorizationManager<org.aopalliance.intercept.MethodInvocation> lazy = new AuthorizationManager<>() {
        @Override
        public org.springframework.security.authorization.AuthorizationResult authorize(
            java.util.function.Supplier<org.springframework.security.core.Authentication> a,
            org.aopalliance.intercept.MethodInvocation i) {
          return manager.getObject().authorize(a, i);
        }

        @Override
        @Deprecated
        public org.springframework.security.authorization.AuthorizationDecision check(
            java.util.function.Supplier<org.springframework.security.core.Authentication> a,
            org.aopalliance.intercept.MethodInvocation i) {
          return manager.getObject().check(a, i);
        }
      };
      AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(pointcut, lazy);
      interceptor.setOrder(org.springframework.security.authorization.method.AuthorizationInterceptorsOrder.PRE_AUTHORIZE
          .getOrder() - 1);
      return interceptor;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "org.springframework.security.web.access.AccessDeniedHandler")
    MpcAccessDeniedHandler mpcAccessDeniedHandler(MpcProblems problems) {
      return new MpcAccessDeniedHandler(problems);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    MpcSecurityProblemHandler mpcSecurityProblemHandler(MpcProblems problems) {
      return new MpcSecurityProblemHandler(problems);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  MpcMetrics mpcMetrics(org.springframework.context.ApplicationContext context) {
    // resolved when the bean is created, so the order of auto-configurations does not matter
    if (org.springframework.util.ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
        MpcAutoConfiguration.class.getClassLoader())) {
      return MicrometerMetrics.from(context);
    }
    return MpcMetrics.NONE;
  }

  @Bean
  @ConditionalOnMissingBean
  Preset mpcPreset(MpcProperties props) {
    return Preset.standard(props.getPreset());
  }

  @Bean
  @ConditionalOnMissingBean
  Redactor mpcRedactor(MpcProperties props) {
    Redactor.Builder b = Redactor.builder().maskValue(props.getRedaction().getMask());
    if (!props.getRedaction().getDenyKeys().isEmpty()) {
      b.denyKeys(props.getRedaction().getDenyKeys());
    }
    return b.build().orElseThrow();
  }

  @Bean
  @ConditionalOnMissingBean
  MpcEngine mpcEngine(Preset preset, Redactor redactor, ObjectProvider<FunctionRegistry> functions) {
    MpcEngine.Builder b = MpcEngine.builder().preset(preset).redaction(redactor);
    functions.ifAvailable(b::functions);
    return b.build().orElseThrow();
  }

  @Bean
  @ConditionalOnMissingBean
  MpcProblems mpcProblems(MpcProperties props, Redactor redactor) {
    return new MpcProblems(props.getWeb().getProblemTypePrefix(), redactor);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  MpcStores mpcStores(MpcProperties props, ObjectProvider<DataSource> dataSource, MpcMetrics metrics) {
    return new MpcStores(props, dataSource.getIfUnique(), metrics);
  }

  @Bean
  @ConditionalOnMissingBean
  WorkflowStore mpcWorkflowStore(MpcStores stores) {
    return stores.workflows();
  }

  @Bean
  @ConditionalOnMissingBean
  dev.mpc.governance.ActivationLedger mpcActivationLedger(MpcStores stores) {
    return stores.ledger();
  }

  @Bean(destroyMethod = "shutdownNow")
  @ConditionalOnMissingBean(name = "mpcProbeExecutor")
  ThreadPoolExecutor mpcProbeExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "mpc-probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // bounded: a hanging probe holds one of 8 threads, a ninth concurrent probe is reported as failed
    return new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  @Bean
  @ConditionalOnMissingBean
  BundleVerifier mpcBundleVerifier(MpcProperties props) {
    TrustStore trust = props.getTrustStore() == null ? TrustStore.of(java.util.List.of()).orElseThrow()
        : TrustStore.fromJson(text(props.getTrustStore())).orElseThrow();
    BundleVerifier.Mode mode = props.getMode() != null ? props.getMode()
        : props.getTrustStore() != null ? BundleVerifier.Mode.ENTERPRISE : BundleVerifier.Mode.STANDARD;
    return BundleVerifier.builder().trust(trust).mode(mode).build().orElseThrow();
  }

  @Bean
  @ConditionalOnMissingBean
  GovernedRuntime mpcRuntime(MpcProperties props, MpcEngine engine, BundleVerifier verifier, MpcStores stores,
      ThreadPoolExecutor mpcProbeExecutor) {
    Scope scope = new Scope(props.getTenant(), props.getNamespace());
    GovernedRuntime.Builder b = GovernedRuntime.builder().engine(engine).verifier(verifier).pointers(stores.pointers())
        .ledger(stores.ledger()).bundles(stores.bundles()).scope(scope).probeExecutor(mpcProbeExecutor)
        .probeTimeout(props.getReadiness().getProbeTimeout());
    stores.probes().forEach(b::probe);
    if (props.getQuota().isEnabled() && stores.quota().isPresent()) {
      TenantQuotas.Builder q = TenantQuotas.builder().store(stores.quota().get())
          .defaultLimit(props.getQuota().getDefaultTier().limit());
      props.getQuota().getTiers().forEach(q::tier);
      b.quotas(q.build());
    }
    return b.build().orElseThrow();
  }

  @Bean
  @ConditionalOnMissingBean(name = "mpcStartupActivation")
  StartupActivation mpcStartupActivation(MpcProperties props, GovernedRuntime runtime,
      ObjectProvider<MpcManifests> manifests) {
    return new StartupActivation(props, runtime, new Scope(props.getTenant(), props.getNamespace()),
        Optional.ofNullable(manifests.getIfAvailable()));
  }

  @Bean(name = "mpc")
  @ConditionalOnMissingBean
  MpcDecisions mpc(MpcProperties props, GovernedRuntime runtime, MpcMetrics metrics) {
    return new MpcDecisions(runtime, new Scope(props.getTenant(), props.getNamespace()), props.getTrace(), metrics);
  }

  static String text(Resource r) {
    try (InputStream in = r.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MpcException(java.util.List.of(dev.mpc.diag.Diagnostic.of(dev.mpc.diag.Code.E_INPUT_UNREADABLE,
          "cannot read " + r.getDescription() + ": " + e.getMessage())));
    }
  }
}
