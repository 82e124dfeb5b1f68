package dev.mpc.artifact;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the compiler resolved about one top-level definition.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the definition's reference, {@code Kind:id}
 * @param position its index in the artifact's (canonically ordered) definitions
 * @param extendsChain the references of its ancestors through {@code extends}, nearest first
 * @param dependsOn references it depends on: its {@code extends} parent and every definition its
 *     {@code imports} list names, resolved to {@code Kind:id}, without duplicates, in order
 * @param propertyTypes the value type of each property after {@code extends} resolution
 *     ({@code bool}, {@code int}, {@code float}, {@code string}, {@code array}, {@code object},
 *     {@code null}), in property order
 */
public record DefinitionInfo(
    String ref, int position, List<String> extendsChain, List<String> dependsOn, Map<String, String> propertyTypes) {
  /** Creates the info. */
  public DefinitionInfo {
    Objects.requireNonNull(ref, "ref");
    extendsChain = List.copyOf(extendsChain);
    dependsOn = List.copyOf(dependsOn);
    propertyTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(propertyTypes));
  }
}
