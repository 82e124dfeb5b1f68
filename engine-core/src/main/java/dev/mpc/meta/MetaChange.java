package dev.mpc.meta;

import java.util.Objects;

/**
 * One difference between two DomainMetas.
 *
 * <p>Immutable and thread-safe.
 *
 * @param breaking whether manifests valid under the old meta may be invalid (or behave
 *     differently) under the new one
 * @param message what changed, e.g. {@code Kind 'Defect': required property 'owner' added}
 */
public record MetaChange(boolean breaking, String message) {
  /** Creates a change. */
  public MetaChange {
    Objects.requireNonNull(message, "message");
  }
}
