package dev.mpc.meta;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of definition manifests may contain, e.g. {@code Defect}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the kind name, as written after {@code def}
 * @param requiredProps properties every definition of the kind must have (declaration order)
 * @param optionalProps properties it may have besides the required ones
 * @param allowedTypes value types allowed for the kind's properties; empty means unrestricted
 * @param aggregate the aggregate (group of kinds) this kind belongs to, if any
 */
public record KindDef(
    String name, List<String> requiredProps, List<String> optionalProps, List<String> allowedTypes,
    Optional<String> aggregate) {

  /** Creates a kind. */
  public KindDef {
    Objects.requireNonNull(name, "name");
    requiredProps = List.copyOf(requiredProps);
    optionalProps = List.copyOf(optionalProps);
    allowedTypes = List.copyOf(allowedTypes);
    Objects.requireNonNull(aggregate, "aggregate");
  }

  /** A kind with required properties only and no type restriction. */
  public static KindDef of(String name, String... requiredProps) {
    return new KindDef(name, List.of(requiredProps), List.of(), List.of(), Optional.empty());
  }

  /** Whether {@code prop} is declared (required or optional). */
  public boolean declares(String prop) {
    return requiredProps.contains(prop) || optionalProps.contains(prop);
  }
}
