package dev.mpc.ast;

import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The root of a parsed manifest: the header fields and the top-level definitions. Every front end
 * (DSL, YAML, JSON) produces this same model, and equal manifests have equal
 * {@linkplain #canonicalJson() canonical JSON} and {@linkplain #astHash() AST hash} whatever their
 * syntax.
 *
 * <p>The canonical form (pipeline spec §13.2) is the one upstream MPC hashes, so an artifact's
 * identity is the same whichever implementation compiled it:
 *
 * <pre>
 * {"defs": orderDefinitions(nodeForms), "manifestVersion", "name", "namespace", "schemaVersion"}
 * node form: {"kind", "id"} + "name" if present + "properties" if non-empty
 *            + "children" (node forms, source order) if non-empty
 * </pre>
 *
 * <p>{@link Canonical#orderDefinitions} consults only top-level keys, and a node's
 * {@code priority} sits inside {@code "properties"}, so top-level definitions are effectively
 * ordered by (name, or "" when absent; then id), unnamed definitions first, exactly as upstream.
 * Children keep source order. Source maps never enter the canonical form.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schemaVersion the manifest schema version, at least 0 (default 1)
 * @param namespace the namespace (default "")
 * @param name the manifest name (default "")
 * @param manifestVersion the manifest version (default "0.0.0")
 * @param defs the top-level definitions, in source order
 */
public record ManifestAst(long schemaVersion, String namespace, String name, String manifestVersion, List<AstNode> defs) {
  /** The default {@link #schemaVersion}. */
  public static final long DEFAULT_SCHEMA_VERSION = 1;
  /** The default {@link #manifestVersion}. */
  public static final String DEFAULT_MANIFEST_VERSION = "0.0.0";

  private static final ManifestAst EMPTY = new ManifestAst(DEFAULT_SCHEMA_VERSION, "", "", DEFAULT_MANIFEST_VERSION, List.of());

  /**
   * Creates a manifest.
   *
   * @throws IllegalArgumentException if {@code schemaVersion} is negative or a string is not
   *     well-formed UTF-16
   */
  public ManifestAst {
    if (schemaVersion < 0) {
      throw new IllegalArgumentException("schemaVersion must not be negative: " + schemaVersion);
    }
    JsonString.of(Objects.requireNonNull(namespace, "namespace"));
    JsonString.of(Objects.requireNonNull(name, "name"));
    JsonString.of(Objects.requireNonNull(manifestVersion, "manifestVersion"));
    defs = List.copyOf(defs);
  }

  /** The empty manifest: all defaults, no definitions. */
  public static ManifestAst empty() {
    return EMPTY;
  }

  /** A manifest with default header fields holding {@code defs}. */
  public static ManifestAst of(List<AstNode> defs) {
    return new ManifestAst(DEFAULT_SCHEMA_VERSION, "", "", DEFAULT_MANIFEST_VERSION, defs);
  }

  /** The number of definitions at every depth. */
  public int nodeCount() {
    int n = 0;
    for (AstNode d : defs) {
      n += d.nodeCount();
    }
    return n;
  }

  /** This manifest with every source map removed. */
  public ManifestAst withoutSources() {
    return new ManifestAst(schemaVersion, namespace, name, manifestVersion,
        defs.stream().map(AstNode::withoutSources).toList());
  }

  /** The canonical (hash) form as a JSON object; see the class comment. */
  public JsonObject canonicalForm() {
    List<JsonObject> forms = new ArrayList<>(defs.size());
    for (AstNode d : defs) {
      forms.add(nodeForm(d));
    }
    return JsonObject.builder()
        .put("schemaVersion", schemaVersion)
        .put("namespace", namespace)
        .put("name", name)
        .put("manifestVersion", manifestVersion)
        .put("defs", JsonArray.of(Canonical.orderDefinitions(forms)))
        .build();
  }

  /** The canonical JSON text of {@link #canonicalForm()}. */
  public String canonicalJson() {
    return Canonical.json(canonicalForm());
  }

  /** The AST hash: lowercase hex SHA-256 of the canonical JSON's UTF-8 bytes. */
  public String astHash() {
    return Canonical.stableHash(canonicalForm());
  }

  /** The canonical form of one node (recursive; children keep source order). */
  public static JsonObject nodeForm(AstNode node) {
    JsonObject.Builder b = JsonObject.builder().put("kind", node.kind()).put("id", node.id());
    node.name().ifPresent(n -> b.put("name", n));
    if (!node.properties().isEmpty()) {
      b.put("properties", node.properties());
    }
    if (!node.children().isEmpty()) {
      List<JsonValue> children = new ArrayList<>(node.children().size());
      for (AstNode c : node.children()) {
        children.add(nodeForm(c));
      }
      b.put("children", JsonArray.of(children));
    }
    return b.build();
  }
}
