package dev.mpc.dsl.overlay;

import dev.mpc.ast.AstNode;
import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One definition of the working set while overlays apply. Mutable, but only ever holds immutable
 * values (a new {@link JsonObject} per change), so the base AST is never touched. Confined to one
 * {@code apply} call.
 */
final class Working {
  final String kind;
  final String id;
  Optional<String> name;
  JsonObject properties;
  Map<String, SourceMap> propertySources;
  List<AstNode> children;
  Optional<SourceMap> source;

  Working(AstNode n) {
    this.kind = n.kind();
    this.id = n.id();
    this.name = n.name();
    this.properties = n.properties();
    this.propertySources = n.propertySources();
    this.children = n.children();
    this.source = n.source();
  }

  Working(String kind, String id, JsonObject properties, Optional<SourceMap> source) {
    this.kind = kind;
    this.id = id;
    this.name = Optional.empty();
    this.properties = properties;
    this.propertySources = Map.of();
    this.children = List.of();
    this.source = source;
  }

  String key() {
    return kind + ":" + id;
  }

  /** The first reserved property key {@code props} would carry, or null. */
  static String reservedKey(JsonObject props) {
    for (Map.Entry<String, JsonValue> e : props.members().entrySet()) {
      if (AstNode.reservedKeyProblem(e.getKey(), e.getValue()) != null) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Replaces the properties; property source maps survive only for unchanged members. */
  void setProperties(JsonObject updated) {
    Map<String, SourceMap> kept = new LinkedHashMap<>();
    for (Map.Entry<String, SourceMap> e : propertySources.entrySet()) {
      String k = e.getKey();
      String root = properties.has(k) || k.indexOf('/') < 0 ? k : k.substring(0, k.indexOf('/')); // nested: "transitions/2"
      JsonValue before = properties.getOrNull(root);
      JsonValue after = updated.getOrNull(root);
      if (after != null && (after == before || after.equals(before))) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    this.properties = updated;
    this.propertySources = kept;
  }

  AstNode toNode() {
    return new AstNode(kind, id, name, properties, propertySources, children, source);
  }
}
