package dev.mpc.dsl.imports;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies importable manifests by registry name: the port through which a host application hands
 * the {@link ImportResolver} the manifests that {@code def Import} definitions name. The engine
 * itself never touches files or the network; the host decides where manifests come from (a
 * database, a classpath, a directory via {@link DirectoryManifestSource}, a map via
 * {@link #inMemory}).
 *
 * <p><b>When:</b> once per distinct registry name reached during {@link ImportResolver#resolve},
 * on the calling thread; a name is asked for at most once per resolution.
 *
 * <p><b>Threading:</b> may be called concurrently by concurrent resolutions; implementations must
 * be thread-safe.
 *
 * <p><b>Failure:</b> return {@link Optional#empty()} when the name is unknown (reported as
 * {@code E_VALID_UNRESOLVED_REF}). A thrown {@code RuntimeException} or a {@code null} result is
 * caught and reported as {@code E_VALID_UNRESOLVED_REF} naming the import and the failure; it is
 * never propagated and never retried. {@code Error}s propagate.
 *
 * <p><b>Determinism:</b> resolution is deterministic if the source answers the same for the same
 * name.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ManifestSource {

  /**
   * The manifest registered as {@code name}, if any.
   *
   * @param name the registry name, as the import's {@code source} (or {@code from}) property states
   *     it, or the Import definition's id
   * @return the manifest, or empty when no manifest has that name
   */
  Optional<ManifestEntry> find(String name);

  /**
   * A source that knows no manifest.
   *
   * @return a source that knows no manifest
   */
  static ManifestSource empty() {
    return name -> Optional.empty();
  }

  /**
   * A source backed by an immutable copy of {@code manifests} (registry name → entry).
   *
   * @param manifests the manifests
   * @return a source backed by an immutable copy of {@code manifests} (registry name → entry)
   * @throws NullPointerException if a key or value is null
   */
  static ManifestSource inMemory(Map<String, ? extends ManifestEntry> manifests) {
    Map<String, ManifestEntry> copy = Map.copyOf(manifests);
    return name -> Optional.ofNullable(copy.get(name));
  }

  /**
   * A source reading {@code <name>.mpc|.manifest|.yaml|.yml|.json} files in {@code directory}; see
   * {@link DirectoryManifestSource}.
   *
   * @param directory the directory
   * @return a source reading {@code <name>.mpc|.manifest|.yaml|.yml|.json} files in {@code directory}
   */
  static ManifestSource directory(Path directory) {
    return new DirectoryManifestSource(directory);
  }
}
