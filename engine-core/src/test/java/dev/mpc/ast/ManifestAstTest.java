package dev.mpc.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mpc.diag.SourceMap;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestAstTest {

  /** The manifest of pipeline spec §5.3, built directly. */
  static ManifestAst workedExample() {
    AstNode condition = AstNode.of("Condition", "c1", null,
        JsonObject.builder().put("expr", "role == \"editor\"").build(), List.of());
    AstNode policy = AstNode.of("Policy", "allow_editors", "AllowEditors",
        JsonObject.builder()
            .put("effect", "allow")
            .put("priority", 10)
            .put("match", JsonObject.builder()
                .put("event", "order.update")
                .put("roles", JsonArray.of(JsonValue.of("editor"), JsonValue.of("admin")))
                .build())
            .put("condition", "len(actor.id) > 0")
            .build(),
        List.of(condition));
    AstNode workflow = AstNode.of("Workflow", "approval", "Approval Flow",
        JsonObject.builder()
            .put("initial", "pending")
            .put("states", JsonArray.of(JsonValue.of("pending"), JsonValue.of("approved"), JsonValue.of("rejected")))
            .put("transitions", JsonArray.of(
                JsonObject.builder().put("from", "pending").put("on", "approve").put("to", "approved").build(),
                JsonObject.builder().put("from", "pending").put("on", "reject").put("to", "rejected").build()))
            .build(),
        List.of());
    AstNode entity = AstNode.of("Entity", "customer", null,
        JsonObject.builder()
            .put("label", "Müşteri")
            .put("maxLength", 50)
            .put("ratio", new JsonFloat(0.25))
            .put("active", true)
            .put("note", JsonValue.nullValue())
            .build(),
        List.of());
    return new ManifestAst(1, "acme.orders", "order-rules", "1.2.0", List.of(policy, workflow, entity));
  }

  static final String WORKED_CANONICAL = "{\"defs\":[{\"id\":\"customer\",\"kind\":\"Entity\",\"properties\":"
      + "{\"active\":true,\"label\":\"Müşteri\",\"maxLength\":50,\"note\":null,\"ratio\":0.25}},{\"children\":"
      + "[{\"id\":\"c1\",\"kind\":\"Condition\",\"properties\":{\"expr\":\"role == \\\"editor\\\"\"}}],\"id\":"
      + "\"allow_editors\",\"kind\":\"Policy\",\"name\":\"AllowEditors\",\"properties\":{\"condition\":"
      + "\"len(actor.id) > 0\",\"effect\":\"allow\",\"match\":{\"event\":\"order.update\",\"roles\":[\"editor\","
      + "\"admin\"]},\"priority\":10}},{\"id\":\"approval\",\"kind\":\"Workflow\",\"name\":\"Approval Flow\","
      + "\"properties\":{\"initial\":\"pending\",\"states\":[\"pending\",\"approved\",\"rejected\"],\"transitions\":"
      + "[{\"from\":\"pending\",\"on\":\"approve\",\"to\":\"approved\"},{\"from\":\"pending\",\"on\":\"reject\","
      + "\"to\":\"rejected\"}]}}],\"manifestVersion\":\"1.2.0\",\"name\":\"order-rules\",\"namespace\":"
      + "\"acme.orders\",\"schemaVersion\":1}";

  @Test
  void canonicalJson_workedExample_matchesSpecText() {
    assertEquals(WORKED_CANONICAL, workedExample().canonicalJson());
    assertEquals(762, WORKED_CANONICAL.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void astHash_workedExample_matchesUpstream() {
    assertEquals("3dcd6774e7752d31760ab0254318bdbd14bcabe446aa4950f64922f3031941d1", workedExample().astHash());
  }

  @Test
  void astHash_emptyManifest_matchesUpstream() {
    assertEquals("{\"defs\":[],\"manifestVersion\":\"0.0.0\",\"name\":\"\",\"namespace\":\"\",\"schemaVersion\":1}",
        ManifestAst.empty().canonicalJson());
    assertEquals("e1118c38bfb2653e5f2f71f1422d05a65483ebdccd52a9018259ec37a9fce820", ManifestAst.empty().astHash());
  }

  @Test
  void astHash_sourceMaps_doNotChangeHash() {
    AstNode plain = AstNode.of("K", "a");
    AstNode located = new AstNode("K", "a", Optional.empty(), JsonObject.EMPTY, Map.of(), List.of(),
        Optional.of(SourceMap.region(3, 1, 4, 2)));
    assertEquals(ManifestAst.of(List.of(plain)).astHash(), ManifestAst.of(List.of(located)).astHash());
    assertNotEquals(plain, located);
    assertEquals(plain, located.withoutSources());
  }

  @Test
  void astHash_defOrder_doesNotMatterButChildOrderDoes() {
    AstNode a = AstNode.of("K", "a");
    AstNode b = AstNode.of("K", "b");
    assertEquals(ManifestAst.of(List.of(a, b)).astHash(), ManifestAst.of(List.of(b, a)).astHash());
    AstNode p1 = AstNode.of("P", "p", null, JsonObject.EMPTY, List.of(a, b));
    AstNode p2 = AstNode.of("P", "p", null, JsonObject.EMPTY, List.of(b, a));
    assertNotEquals(ManifestAst.of(List.of(p1)).astHash(), ManifestAst.of(List.of(p2)).astHash());
  }

  @Test
  void canonicalForm_priorityInsideProperties_ordersByNameThenId() {
    AstNode high = AstNode.of("K", "z", "B", JsonObject.builder().put("priority", 100).build(), List.of());
    AstNode unnamed = AstNode.of("K", "y");
    AstNode low = AstNode.of("K", "x", "A", JsonObject.EMPTY, List.of());
    JsonArray defs = (JsonArray) ManifestAst.of(List.of(high, unnamed, low)).canonicalForm().getOrNull("defs");
    assertEquals(List.of("y", "x", "z"),
        defs.items().stream().map(d -> ((JsonObject) d).getOrNull("id").toString().replace("\"", "")).toList());
  }

  @Test
  void constructor_reservedPropertyKey_isRejected() {
    for (String k : List.of("kind", "id", "name", "children")) {
      JsonObject props = JsonObject.builder().put(k, 1).build();
      assertThrows(IllegalArgumentException.class, () -> AstNode.of("K", "a", null, props, List.of()));
    }
    JsonObject sourceObject = JsonObject.builder().put("source", JsonObject.builder().put("line", 1).build()).build();
    assertThrows(IllegalArgumentException.class, () -> AstNode.of("K", "a", null, sourceObject, List.of()));
    JsonObject sourceString = JsonObject.builder().put("source", "lib").build();
    assertEquals("lib", AstNode.of("K", "a", null, sourceString, List.of()).properties().get("source")
        .map(v -> ((dev.mpc.json.JsonString) v).value()).orElseThrow());
  }

  @Test
  void constructor_emptyKindOrId_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> AstNode.of("", "a"));
    assertThrows(IllegalArgumentException.class, () -> AstNode.of("K", ""));
    assertThrows(IllegalArgumentException.class,
        () -> new ManifestAst(-1, "", "", "0.0.0", List.of()));
  }

  @Test
  void nodeCount_countsNestedDefinitions() {
    AstNode leaf = AstNode.of("C", "c");
    AstNode mid = AstNode.of("B", "b", null, JsonObject.EMPTY, List.of(leaf, leaf));
    assertEquals(4, ManifestAst.of(List.of(mid, leaf)).nodeCount());
  }
}
