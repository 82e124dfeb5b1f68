package dev.mpc.ast;

import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One definition of a manifest ({@code def KIND ID "Name" { ... }} in the DSL, an entry of
 * {@code defs} or {@code children} in JSON and YAML).
 *
 * <p>Property keys {@code kind}, {@code id}, {@code name} and {@code children} are reserved: JSON and YAML use them for the
 * node's own members, so no property may carry them, and a property named {@code source} may not
 * hold an object (JSON and YAML read such an object as the node's source map). These rules make
 * every node expressible in all three syntaxes with the same meaning.
 *
 * <p>Source maps ({@link #source()}, {@link #propertySources()}) say where the node and each
 * property came from; they are never part of the canonical form or the AST hash, but they do take
 * part in {@code equals}. Compare {@link ManifestAst#canonicalJson()} to compare content only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the kind, non-empty
 * @param id the id, non-empty
 * @param name the display name, if any
 * @param properties the properties, in source order
 * @param propertySources where each property (key to end of value) came from; keys are property
 *     keys, and {@code property/index} and {@code property/index/member} for the objects of a
 *     property's list (where a transition of {@code transitions}, or its {@code guard}, is), so a
 *     diagnostic about a nested value points at that value
 * @param children nested definitions, in source order
 * @param source where the definition came from, if known
 */
public record AstNode(
    String kind,
    String id,
    Optional<String> name,
    JsonObject properties,
    Map<String, SourceMap> propertySources,
    List<AstNode> children,
    Optional<SourceMap> source) {

  /** Property keys that JSON and YAML reserve for the node itself. */
  public static final Set<String> RESERVED_KEYS = Set.of("kind", "id", "name", "children", "source");

  /**
   * Creates a node.
   *
   * @throws IllegalArgumentException if {@code kind} or {@code id} is empty or not well-formed
   *     UTF-16, a property key is reserved (see the class comment), or a property source names a
   *     key that is not a property
   */
  public AstNode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(propertySources, "propertySources");
    Objects.requireNonNull(source, "source");
    if (kind.isEmpty() || id.isEmpty()) {
      throw new IllegalArgumentException("kind and id must be non-empty");
    }
    JsonString.requireWellFormed(kind);
    JsonString.requireWellFormed(id);
    if (name.isPresent()) {
      JsonString.requireWellFormed(name.get());
    }
    for (Map.Entry<String, JsonValue> e : properties.members().entrySet()) {
      String problem = reservedKeyProblem(e.getKey(), e.getValue());
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    if (propertySources.isEmpty()) {
      propertySources = Map.of();
    } else {
      LinkedHashMap<String, SourceMap> sources = new LinkedHashMap<>();
      for (Map.Entry<String, SourceMap> e : propertySources.entrySet()) {
        if (!sourceKeyOf(properties, e.getKey())) {
          throw new IllegalArgumentException("source for unknown property '" + e.getKey() + "'");
        }
        sources.put(e.getKey(), Objects.requireNonNull(e.getValue(), "property source"));
      }
      propertySources = Collections.unmodifiableMap(sources);
    }
    children = List.copyOf(children);
  }

  /** Whether {@code key} is a property, or a property followed by {@code /} and a nested path. */
  private static boolean sourceKeyOf(JsonObject properties, String key) {
    if (properties.has(key)) {
      return true;
    }
    for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
      if (properties.has(key.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** A node without display name, properties, children or source map. */
  public static AstNode of(String kind, String id) {
    return new AstNode(kind, id, Optional.empty(), JsonObject.EMPTY, Map.of(), List.of(), Optional.empty());
  }

  /** A node without source maps; {@code name} may be {@code null}. */
  public static AstNode of(String kind, String id, String name, JsonObject properties, List<AstNode> children) {
    return new AstNode(kind, id, Optional.ofNullable(name), properties, Map.of(), children, Optional.empty());
  }

  /**
   * Why {@code key} with {@code value} cannot be a property, or {@code null} if it can. Front ends
   * use this to report the problem at the right position.
   */
  public static String reservedKeyProblem(String key, JsonValue value) {
    if (key.equals("source")) {
      return value instanceof JsonObject
          ? "property 'source' cannot hold an object: JSON and YAML read such an object as the node's source map"
          : null;
    }
    if (RESERVED_KEYS.contains(key)) {
      return "property key '" + key + "' is reserved (reserved keys: kind, id, name, children; "
          + "'source' only for objects)";
    }
    return null;
  }

  /** The source of property {@code key}, if known. */
  public Optional<SourceMap> propertySource(String key) {
    return Optional.ofNullable(propertySources.get(key));
  }

  /** This node and all nested definitions, counted. */
  public int nodeCount() {
    int n = 1;
    for (AstNode c : children) {
      n += c.nodeCount();
    }
    return n;
  }

  /** This node with every source map (own, properties', children's) removed. */
  public AstNode withoutSources() {
    if (source.isEmpty() && propertySources.isEmpty() && children.isEmpty()) {
      return this;
    }
    List<AstNode> bare = children.isEmpty() ? List.of() : new ArrayList<>(children.size());
    for (AstNode c : children) {
      bare.add(c.withoutSources());
    }
    return new AstNode(kind, id, name, properties, Map.of(), bare, Optional.empty());
  }
}
