package dev.mpc.governance;

import java.util.List;
import java.util.Objects;

/**
 * Where a bundle's artifact comes from.
 *
 * @param astHash the artifact's AST hash
 * @param metaHash the hash of the DomainMeta it was compiled against
 * @param artifactHash the artifact hash
 * @param engine the engine that compiled it (e.g. {@code mpc-jvm})
 * @param engineVersion its version
 * @param preset the preset it was compiled under
 * @param plugins the plugins (host function sets and the like) it was compiled with, in order
 */
public record BundleProvenance(String astHash, String metaHash, String artifactHash, String engine,
    String engineVersion, String preset, List<String> plugins) {
  /** Creates provenance. */
  public BundleProvenance {
    Req.nonEmpty(astHash, "BundleProvenance.astHash");
    Req.nonEmpty(metaHash, "BundleProvenance.metaHash");
    Req.nonEmpty(artifactHash, "BundleProvenance.artifactHash");
    Req.nonEmpty(engine, "BundleProvenance.engine");
    Req.nonEmpty(engineVersion, "BundleProvenance.engineVersion");
    Req.nonEmpty(preset, "BundleProvenance.preset");
    plugins = List.copyOf(Objects.requireNonNull(plugins, "BundleProvenance.plugins"));
  }
}
