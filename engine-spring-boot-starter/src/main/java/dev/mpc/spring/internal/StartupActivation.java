package dev.mpc.spring.internal;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ActivationResult;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import dev.mpc.governance.SignedBundle;
import dev.mpc.spring.MpcManifests;
import dev.mpc.spring.MpcProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;

/**
 * Activates the configured artifact when the context starts (after the database migrations, before
 * the service is ready): a signed {@code mpc.bundle}, a compiled {@code mpc.artifact} or an
 * {@code mpc.manifest} compiled now. The idempotency key is derived from the bundle's bytes, so N
 * instances starting with the same bundle activate it once and the rest replay; whatever is
 * active in the shared pointer store afterwards is what this instance serves.
 */
public final class StartupActivation implements InitializingBean {
  private static final Logger LOG = LoggerFactory.getLogger("dev.mpc.spring");
  private static final long MAX_BYTES = 64L * 1024 * 1024;

  private final MpcProperties props;
  private final GovernedRuntime runtime;
  private final Scope scope;
  private final Optional<MpcManifests> manifests;

  /** Activation of what {@code props} names into {@code scope}. */
  public StartupActivation(MpcProperties props, GovernedRuntime runtime, Scope scope, Optional<MpcManifests> manifests) {
    this.props = props;
    this.runtime = runtime;
    this.scope = scope;
    this.manifests = manifests;
  }

  @Override
  public void afterPropertiesSet() {
    Optional<String> problem = activate();
    if (problem.isPresent()) {
      if (props.isFailOnLoadError()) {
        throw new IllegalStateException(problem.get());
      }
      LOG.error("{} (the service stays unready)", problem.get());
    }
  }

  /** Activates; the one-line problem when it could not. */
  Optional<String> activate() {
    byte[] bundle;
    String source;
    try {
      if (props.getBundle() != null) {
        source = "mpc.bundle " + props.getBundle().getDescription();
        bundle = read(props.getBundle());
      } else if (props.getArtifact() != null) {
        source = "mpc.artifact " + props.getArtifact().getDescription();
        Result<Artifact> a = Artifact.fromJson(new String(read(props.getArtifact()), StandardCharsets.UTF_8));
        if (!a.isOk()) {
          return Optional.of(source + " is not a valid artifact: " + summary(a.diagnostics()));
        }
        bundle = unsigned(a.orElseThrow());
      } else if (props.getManifest() != null) {
        source = "mpc.manifest " + props.getManifest().getDescription();
        if (manifests.isEmpty()) {
          return Optional.of(source + " needs dev.mpc:engine-dsl on the classpath to be compiled");
        }
        Result<Artifact> a = manifests.get().compile(new String(read(props.getManifest()), StandardCharsets.UTF_8),
            dev.mpc.dsl.Syntax.fromFileName(String.valueOf(props.getManifest().getFilename())).orElse(null));
        if (!a.isOk()) {
          return Optional.of(source + " does not compile: " + summary(a.diagnostics()));
        }
        bundle = unsigned(a.orElseThrow());
      } else {
        Result<?> r = runtime.refresh(scope);
        if (r.isOk() && runtime.active(scope).isPresent()) {
          LOG.info("MPC serves the artifact already active in {} ({})", scope, runtime.active(scope).get().artifactHash());
        } else {
          LOG.warn("MPC has no artifact to activate (set mpc.manifest, mpc.artifact or mpc.bundle): every decision"
              + " denies with E_GOV_STATE_INVALID and readiness is DOWN until one is activated");
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.of("cannot read the configured artifact: " + e.getMessage());
    }
    String key = "startup:" + ArtifactBundle.digestOf(bundle);
    ActivationResult r = runtime.activate(scope, bundle, key, "mpc-starter");
    if (!r.success()) {
      return Optional.of(source + " was not activated (step " + r.failedStep().map(Object::toString).orElse("?")
          + "): " + summary(r.errors()));
    }
    LOG.info("MPC activated {} in {}: artifact {} (sequence {}{})", source, scope, r.activeHash().orElse("?"),
        r.sequence(), r.replayed() ? ", already activated by an earlier start" : "");
    runtime.refresh(scope);
    return Optional.empty();
  }

  private byte[] unsigned(Artifact a) {
    return SignedBundle.unsigned(ArtifactBundle.of(a, MpcEngine.ENGINE_NAME, props.getPreset(), List.of(), List.of()))
        .toBytes();
  }

  private static byte[] read(Resource r) throws IOException {
    try (InputStream in = r.getInputStream()) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(r.getDescription() + " is larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static String summary(List<Diagnostic> ds) {
    return ds.stream().limit(5).map(d -> d.code().code() + " " + d.message()
        + d.source().map(s -> " (line " + s.line() + ", col " + s.col() + ")").orElse(""))
        .collect(Collectors.joining("; ")) + (ds.size() > 5 ? "; and " + (ds.size() - 5) + " more" : "");
  }
}
