package dev.mpc.artifact;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Decodes the canonical form of a manifest ({@link ManifestAst#canonicalForm()}) back into an AST. */
final class ManifestForms {
  private static final Set<String> ROOT = Set.of("schemaVersion", "namespace", "name", "manifestVersion", "defs");
  private static final Set<String> NODE = Set.of("kind", "id", "name", "properties", "children");

  private ManifestForms() {}

  static Result<ManifestAst> decode(JsonValue v) {
    try {
      if (!(v instanceof JsonObject o) || !ROOT.containsAll(o.members().keySet())) {
        throw new Bad("manifest must be an object with " + ROOT);
      }
      if (!(o.getOrNull("schemaVersion") instanceof JsonInt sv) || !sv.fitsLong()) {
        throw new Bad("manifest.schemaVersion must be an integer");
      }
      List<AstNode> defs = nodes(o.getOrNull("defs"), "manifest.defs", 0);
      return Result.ok(new ManifestAst(sv.value().longValue(), string(o, "namespace"), string(o, "name"),
          string(o, "manifestVersion"), defs));
    } catch (Bad | IllegalArgumentException e) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, "artifact " + e.getMessage()));
    }
  }

  private static List<AstNode> nodes(JsonValue v, String path, int depth) throws Bad {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new Bad(path + " must be an array");
    }
    if (depth > 200) {
      throw new Bad(path + " is nested too deeply");
    }
    List<AstNode> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(a.get(i) instanceof JsonObject n) || !NODE.containsAll(n.members().keySet())) {
        throw new Bad(at + " must be a node object with " + NODE);
      }
      JsonValue props = n.getOrNull("properties");
      if (props != null && !(props instanceof JsonObject)) {
        throw new Bad(at + ".properties must be an object");
      }
      JsonValue name = n.getOrNull("name");
      if (name != null && !(name instanceof JsonString)) {
        throw new Bad(at + ".name must be a string");
      }
      out.add(AstNode.of(string(n, "kind"), string(n, "id"), name == null ? null : ((JsonString) name).value(),
          props == null ? JsonObject.EMPTY : (JsonObject) props, nodes(n.getOrNull("children"), at + ".children", depth + 1)));
    }
    return out;
  }

  private static String string(JsonObject o, String key) throws Bad {
    if (o.getOrNull(key) instanceof JsonString s) {
      return s.value();
    }
    throw new Bad("member '" + key + "' must be a string");
  }

  /** A malformed form. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message);
    }
  }
}
