package dev.mpc.conformance.handlers;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.dsl.overlay.OverlayEngine;
import dev.mpc.dsl.overlay.OverlayResult;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Category {@code overlay} (conformance spec §3.10): applies overlays to a one-definition manifest
 * with {@link OverlayEngine.Mode#UPSTREAM_COMPAT}.
 *
 * <p>Harness conventions (they belong here, not in the engine): the base object becomes one
 * definition (kind default {@code Policy}, id default {@code p1}, manifest namespace from
 * {@code namespace}) whose properties are the whole object except the keys the AST reserves
 * ({@code kind} and {@code id} become the definition's own, a string {@code name} its display
 * name); each overlay gets id default {@code ov<index>}, {@code selector} default {@code {}}
 * (match all) and op default {@code replace}. Output: the first diagnostic as
 * {@code {"error": {...}}}; else {@code "No defs"} when nothing is left; else the first definition as
 * {@code {id, kind, namespace, name?, ...properties}} without top-level nulls.
 *
 * <p>MPC for the JVM's own fixtures may add {@code "mode": "strict"} to use the default
 * {@link OverlayEngine.Mode#STRICT} engine: overlays are then passed as written (only the id is
 * defaulted; no default op or selector), and the output is
 * {@code {"defs": [canonical node forms], "applied": [...]}} or {@code {"errors": [...]}} with every
 * problem.
 *
 * <p>Stateless and thread-safe.
 */
public final class OverlayHandler implements CategoryHandler {
  private static final OverlayEngine STRICT = OverlayEngine.standard();
  private static final OverlayEngine ENGINE = OverlayEngine.builder().mode(OverlayEngine.Mode.UPSTREAM_COMPAT).build();

  @Override
  public String category() {
    return "overlay";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    JsonObject input = context.inputObject();
    boolean strict = Outputs.strict(input);
    JsonValue baseValue = input.getOrNull("base");
    if (baseValue == null || baseValue.isNull()) {
      return Outputs.error("E_PARSE_SYNTAX", "Missing 'base' in input", "error");
    }
    if (!(baseValue instanceof JsonObject base)) {
      throw new IllegalArgumentException("overlay 'base' must be an object");
    }
    String namespace = text(base, "namespace", "");
    String kind = text(base, "kind", "Policy");
    String id = text(base, "id", "p1");
    Optional<String> name = base.getOrNull("name") instanceof JsonString n ? Optional.of(n.value()) : Optional.empty();
    LinkedHashMap<String, JsonValue> props = new LinkedHashMap<>(base.members());
    props.keySet().removeAll(List.of("kind", "id", "name"));
    AstNode node = new AstNode(kind, id, name, JsonObject.of(props), Map.of(), List.of(), Optional.empty());
    ManifestAst manifest = new ManifestAst(ManifestAst.DEFAULT_SCHEMA_VERSION, namespace, "",
        ManifestAst.DEFAULT_MANIFEST_VERSION, List.of(node));

    List<AstNode> overlays = new ArrayList<>();
    JsonValue list = input.getOrNull("overlays");
    if (list != null && !(list instanceof JsonArray)) {
      throw new IllegalArgumentException("overlay 'overlays' must be an array");
    }
    List<JsonValue> items = list == null ? List.of() : ((JsonArray) list).items();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof JsonObject ov)) {
        throw new IllegalArgumentException("overlay " + i + " must be an object");
      }
      if (strict) {
        LinkedHashMap<String, JsonValue> written = new LinkedHashMap<>(ov.members());
        written.remove("id");
        overlays.add(new AstNode(OverlayEngine.KIND, text(ov, "id", "ov" + i), Optional.empty(),
            JsonObject.of(written), Map.of(), List.of(), Optional.empty()));
        continue;
      }
      JsonObject.Builder p = JsonObject.builder()
          .put("selector", ov.get("selector").orElse(JsonObject.EMPTY))
          .put("op", ov.get("op").orElse(JsonString.of("replace")))
          .put("path", ov.get("path").orElse(JsonNull.INSTANCE));
      ov.get("value").ifPresent(v -> p.put("value", v));
      ov.get("values").ifPresent(v -> p.put("values", v));
      overlays.add(new AstNode(OverlayEngine.KIND, text(ov, "id", "ov" + i), Optional.empty(), p.build(), Map.of(),
          List.of(), Optional.empty()));
    }

    if (strict) {
      OverlayResult result = STRICT.apply(manifest, overlays);
      if (!result.ok()) {
        return Outputs.errors(result.diagnostics());
      }
      return JsonObject.builder()
          .put("defs", JsonArray.of(result.ast().orElseThrow().defs().stream().map(ManifestAst::nodeForm).toList()))
          .put("applied", JsonArray.of(result.applied().stream().map(JsonString::of).toList()))
          .build();
    }
    OverlayResult result = ENGINE.apply(manifest, overlays);
    if (!result.diagnostics().isEmpty()) {
      return Outputs.error(result.diagnostics().get(0));
    }
    ManifestAst out = result.ast().orElseThrow(() -> new IllegalStateException("no AST and no diagnostics"));
    if (out.defs().isEmpty()) {
      return Outputs.error("E_OVERLAY_UNKNOWN_SELECTOR", "No defs", "error");
    }
    AstNode first = out.defs().get(0);
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
    m.put("id", JsonString.of(first.id()));
    m.put("kind", JsonString.of(first.kind()));
    m.put("namespace", JsonString.of(out.namespace()));
    first.name().ifPresent(n -> m.put("name", JsonString.of(n)));
    m.putAll(first.properties().members());
    m.values().removeIf(JsonValue::isNull);
    return JsonObject.of(m);
  }

  private static String text(JsonObject o, String key, String dflt) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException("overlay '" + key + "' must be a string");
  }
}
