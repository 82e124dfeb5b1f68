package dev.mpc.dsl.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OverlayProperties {
  private static final List<String> IDS = List.of("p1", "p2", "p3");
  private static final List<String> KEYS = List.of("a", "b", "c");

  @Provide
  Arbitrary<ManifestAst> bases() {
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 9).map(i -> (JsonValue) JsonValue.of(i)),
        Arbitraries.of("x", "y").map(s -> (JsonValue) JsonValue.of(s)),
        Arbitraries.integers().between(0, 2).map(i -> (JsonValue) JsonArray.of(List.of(JsonValue.of(i)))));
    Arbitrary<JsonObject> inner = Arbitraries.maps(Arbitraries.of(KEYS), leaf).ofMaxSize(3).map(JsonObject::of);
    Arbitrary<JsonObject> props = Arbitraries.maps(Arbitraries.of(KEYS),
        Arbitraries.oneOf(leaf, inner.map(o -> (JsonValue) o))).ofMaxSize(3).map(JsonObject::of);
    Arbitrary<AstNode> node = Combinators.combine(Arbitraries.of("Policy", "ACL"), Arbitraries.of(IDS), props)
        .as((k, id, p) -> AstNode.of(k, id, null, p, List.of()));
    return node.list().ofMaxSize(4).map(ManifestAst::of);
  }

  @Provide
  Arbitrary<List<AstNode>> overlayLists() {
    Arbitrary<String> path = Arbitraries.of("a", "b", "a.b", "c.a", "/b/c");
    Arbitrary<JsonObject> selector = Combinators.combine(Arbitraries.of(IDS), Arbitraries.of("Policy", "ACL", ""))
        .as((id, k) -> k.isEmpty() ? JsonObject.builder().put("id", id).build()
            : JsonObject.builder().put("id", id).put("kind", k).build());
    Arbitrary<JsonObject> withPath = Combinators.combine(selector, Arbitraries.of("replace", "merge", "append", "remove"),
        path, Arbitraries.integers().between(0, 3), Arbitraries.of("", "override"))
        .as((sel, op, p, v, resolve) -> {
          JsonObject.Builder b = JsonObject.builder().put("selector", sel).put("op", op).put("path", p);
          if (!op.equals("remove")) {
            b.put("value", op.equals("append") ? JsonArray.of(List.of(JsonValue.of(v))) : JsonValue.of(v));
          }
          if (!resolve.isEmpty()) {
            b.put("resolve", resolve);
          }
          return b.put("ifMissing", "skip").build();
        });
    Arbitrary<JsonObject> whole = Combinators.combine(selector, Arbitraries.of("replace", "merge", "patch", "remove"),
        Arbitraries.of(KEYS), Arbitraries.integers().between(0, 3))
        .as((sel, op, k, v) -> {
          JsonObject.Builder b = JsonObject.builder().put("selector", sel).put("op", op).put("ifMissing", "skip");
          if (!op.equals("remove")) {
            b.put("values", JsonObject.builder().put(k, JsonValue.of(v)).build());
          }
          return b.build();
        });
    return Arbitraries.oneOf(withPath, whole).list().ofMaxSize(5).map(list -> {
      List<AstNode> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(AstNode.of(OverlayEngine.KIND, "o" + i, null, list.get(i), List.of()));
      }
      return out;
    });
  }

  @Property(tries = 300)
  void apply_anyOverlays_neverModifiesInputAndIsDeterministic(
      @ForAll("bases") ManifestAst base, @ForAll("overlayLists") List<AstNode> overlays) {
    String before = base.canonicalJson();
    List<String> overlaysBefore = overlays.stream().map(o -> ManifestAst.nodeForm(o).toString()).toList();
    for (OverlayEngine.Mode mode : OverlayEngine.Mode.values()) {
      OverlayEngine engine = OverlayEngine.builder().mode(mode).build();
      OverlayResult first = engine.apply(base, overlays);
      OverlayResult second = engine.apply(base, overlays);
      assertEquals(first.diagnostics(), second.diagnostics());
      assertEquals(first.ast().map(ManifestAst::canonicalJson), second.ast().map(ManifestAst::canonicalJson));
      assertTrue(first.diagnostics().stream().noneMatch(d -> d.code() == Code.E_INTERNAL), first.diagnostics()::toString);
      assertEquals(mode == OverlayEngine.Mode.UPSTREAM_COMPAT || first.ok(), first.ast().isPresent());
    }
    assertEquals(before, base.canonicalJson());
    assertEquals(overlaysBefore, overlays.stream().map(o -> ManifestAst.nodeForm(o).toString()).toList());
  }

  @Property(tries = 200)
  void apply_strictWithoutOverrides_isOrderIndependentWhenItSucceeds(
      @ForAll("bases") ManifestAst base, @ForAll("overlayLists") List<AstNode> overlays) {
    List<AstNode> plain = overlays.stream()
        .filter(o -> !o.properties().has("resolve") && !o.properties().getOrNull("op").equals(JsonValue.of("remove")))
        .toList();
    OverlayResult forward = OverlayEngine.standard().apply(base, plain);
    List<AstNode> reversed = new ArrayList<>(plain);
    java.util.Collections.reverse(reversed);
    OverlayResult backward = OverlayEngine.standard().apply(base, reversed);
    if (forward.ok() && backward.ok()) {
      // No two overlays overlap (else a conflict would be reported), so order cannot matter.
      assertEquals(forward.ast().orElseThrow().canonicalJson(), backward.ast().orElseThrow().canonicalJson());
    }
    assertEquals(forward.ok(), backward.ok());
  }

  @Property(tries = 100)
  void apply_removeThenRecreate_conflictsUnlessOverridden(@ForAll("bases") ManifestAst base) {
    if (base.defs().isEmpty()) {
      return;
    }
    AstNode target = base.defs().get(0);
    JsonObject sel = JsonObject.builder().put("kind", target.kind()).put("id", target.id()).build();
    AstNode remove = AstNode.of(OverlayEngine.KIND, "rm", null,
        JsonObject.builder().put("selector", sel).put("op", "remove").build(), List.of());
    JsonObject.Builder recreate = JsonObject.builder().put("selector", sel).put("op", "replace")
        .put("values", JsonObject.builder().put("fresh", true).build()).put("ifMissing", "create");
    OverlayResult conflicting = OverlayEngine.standard().apply(base,
        List.of(remove, AstNode.of(OverlayEngine.KIND, "mk", null, recreate.build(), List.of())));
    assertEquals(Code.E_OVERLAY_CONFLICT, conflicting.diagnostics().get(0).code());
    OverlayResult resolved = OverlayEngine.standard().apply(base,
        List.of(remove, AstNode.of(OverlayEngine.KIND, "mk", null, recreate.put("resolve", "override").build(), List.of())));
    assertTrue(resolved.ok(), resolved.diagnostics()::toString);
    AstNode last = resolved.ast().orElseThrow().defs().get(resolved.ast().orElseThrow().defs().size() - 1);
    assertEquals(target.kind() + ":" + target.id() + ":{\"fresh\":true}", last.kind() + ":" + last.id() + ":" + last.properties());
  }
}
