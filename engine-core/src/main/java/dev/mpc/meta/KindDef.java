package dev.mpc.meta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of definition manifests may contain, e.g. {@code Defect}, and the type of the objects
 * events are about ({@code object.type}, e.g. {@code order}): a kind may declare the types of
 * those objects' {@code attributes}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the kind name, as written after {@code def}, or an object type
 * @param requiredProps properties every definition of the kind must have (declaration order)
 * @param optionalProps properties it may have besides the required ones
 * @param allowedTypes value types allowed for the kind's properties; empty means unrestricted
 * @param aggregate the aggregate (group of kinds) this kind belongs to, if any
 * @param attributes the attributes of an object of this type, name to type name in the
 *     {@link TypeNames} vocabulary (declaration order); empty means undeclared: expressions see
 *     {@code object.attributes.*} as {@code any}. When not empty, {@code object.attributes} of a
 *     policy or ACL rule that is statically about this type is a closed shape of exactly these
 *     attributes (see {@code dev.mpc.expr.EnvelopeTypes})
 */
public record KindDef(
    String name, List<String> requiredProps, List<String> optionalProps, List<String> allowedTypes,
    Optional<String> aggregate, Map<String, String> attributes) {

  /** Creates a kind. */
  public KindDef {
    Objects.requireNonNull(name, "name");
    requiredProps = List.copyOf(requiredProps);
    optionalProps = List.copyOf(optionalProps);
    allowedTypes = List.copyOf(allowedTypes);
    Objects.requireNonNull(aggregate, "aggregate");
    Map<String, String> attrs = new LinkedHashMap<>();
    attributes.forEach((k, v) -> attrs.put(Objects.requireNonNull(k, "attribute name"),
        Objects.requireNonNull(v, "attribute type")));
    attributes = Collections.unmodifiableMap(attrs);
  }

  /** A kind without attribute types. */
  public KindDef(String name, List<String> requiredProps, List<String> optionalProps, List<String> allowedTypes,
      Optional<String> aggregate) {
    this(name, requiredProps, optionalProps, allowedTypes, aggregate, Map.of());
  }

  /** A kind with required properties only and no type restriction. */
  public static KindDef of(String name, String... requiredProps) {
    return new KindDef(name, List.of(requiredProps), List.of(), List.of(), Optional.empty());
  }

  /** This kind with {@code attributes} as its attribute types (replacing any it had). */
  public KindDef withAttributes(Map<String, String> attributes) {
    return new KindDef(name, requiredProps, optionalProps, allowedTypes, aggregate, attributes);
  }

  /** Whether {@code prop} is declared (required or optional). */
  public boolean declares(String prop) {
    return requiredProps.contains(prop) || optionalProps.contains(prop);
  }
}
