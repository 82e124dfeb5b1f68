package dev.mpc.dsl.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayEngineTest {
  static final OverlayEngine STRICT = OverlayEngine.standard();
  static final OverlayEngine COMPAT = OverlayEngine.builder().mode(OverlayEngine.Mode.UPSTREAM_COMPAT).build();

  static ManifestAst base() {
    return Manifests.parseText("""
        @namespace "acme"
        def Policy p1 "Main" {
          attributes: { effect: "allow", ttl: 3600, tags: ["read"] }
          def Rule r1 { x: 1 }
        }
        def Policy p2 { attributes: { effect: "deny" } }
        def ACL a1 { rules: [] }
        """).orElseThrow();
  }

  static ManifestAst overlays(String... defs) {
    return Manifests.parseText(String.join("\n", defs)).orElseThrow();
  }

  static String props(OverlayResult r, int def) {
    return r.ast().orElseThrow().defs().get(def).properties().toString();
  }

  static List<String> messages(OverlayResult r) {
    return r.diagnostics().stream().map(Diagnostic::message).toList();
  }

  @Test
  void apply_strictKindSelector_fansOutToEveryMatchInOrder() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o { selector: { kind: \"Policy\" } op: \"replace\" path: \"attributes.effect\" value: \"deny\" }"));
    assertTrue(r.ok(), r.diagnostics()::toString);
    assertEquals(List.of("replace:p1:attributes.effect", "replace:p2:attributes.effect"), r.applied());
    assertEquals("{\"attributes\":{\"effect\":\"deny\",\"tags\":[\"read\"],\"ttl\":3600}}", props(r, 0));
    assertEquals("{\"attributes\":{\"effect\":\"deny\"}}", props(r, 1));
  }

  @Test
  void apply_strictWholeReplace_keepsNameChildrenAndSource() {
    ManifestAst b = base();
    OverlayResult r = STRICT.apply(b, overlays("def Overlay o { target: \"p1\" op: \"replace\" values: { effect: \"deny\" } }"));
    AstNode p1 = r.ast().orElseThrow().defs().get(0);
    assertEquals("{\"effect\":\"deny\"}", p1.properties().toString());
    assertEquals("Main", p1.name().orElseThrow());
    assertEquals(1, p1.children().size());
    assertEquals(b.defs().get(0).source(), p1.source());
  }

  @Test
  void apply_compatWholeReplace_dropsNameAndChildrenLikeUpstream() {
    OverlayResult r = COMPAT.apply(base(), overlays("def Overlay o { target: \"p1\" op: \"replace\" values: { effect: \"deny\" } }"));
    AstNode p1 = r.ast().orElseThrow().defs().get(0);
    assertTrue(p1.name().isEmpty());
    assertTrue(p1.children().isEmpty());
  }

  @Test
  void apply_compatDefaultOpIsMergeAndConflictingReplaceIsStillApplied() {
    OverlayResult merged = COMPAT.apply(base(), overlays("def Overlay o { target: \"p2\" values: { attributes: { ttl: 1 } } }"));
    assertEquals("{\"attributes\":{\"effect\":\"deny\",\"ttl\":1}}", props(merged, 1));
    OverlayResult r = COMPAT.apply(base(), overlays(
        "def Overlay o1 { target: \"p2\" op: \"replace\" path: \"attributes.effect\" value: \"allow\" }",
        "def Overlay o2 { target: \"p2\" op: \"replace\" path: \"attributes.effect\" value: \"audit\" }"));
    assertEquals(Code.E_OVERLAY_CONFLICT, r.diagnostics().get(0).code());
    assertEquals("{\"attributes\":{\"effect\":\"audit\"}}", props(r, 1), "last write wins, as upstream");
  }

  @Test
  void apply_compatUnmatchedReplaceCreatesNodeAndUnmatchedRemoveIsSilent() {
    OverlayResult r = COMPAT.apply(base(), overlays(
        "def Overlay o1 { selector: { id: \"new\" } op: \"replace\" values: { a: 1 } }",
        "def Overlay o2 { selector: { id: \"nothing\" } op: \"remove\" }"));
    assertTrue(r.diagnostics().isEmpty());
    AstNode created = r.ast().orElseThrow().defs().get(3);
    assertEquals("Unknown:new", created.kind() + ":" + created.id());
  }

  @Test
  void apply_conflictDiagnostics_carryTheOverlaySourceMap() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o1 { target: \"p1\" op: \"merge\" values: { attributes: { ttl: 1 } } }",
        "",
        "def Overlay o2 { target: \"p1\" op: \"remove\" path: \"attributes\" }"));
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Code.E_OVERLAY_CONFLICT, d.code());
    assertEquals(3, d.source().orElseThrow().line());
    assertTrue(r.ast().isEmpty(), "all or nothing");
  }

  @Test
  void apply_sameOverlayOnSeveralNodes_isNotAConflict() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o { selector: { kind: \"Policy\" } op: \"merge\" values: { owner: \"ops\" } }"));
    assertTrue(r.ok(), r.diagnostics()::toString);
  }

  @Test
  void apply_disjointSiblingPaths_doNotConflictButPrefixesDo() {
    assertTrue(STRICT.apply(base(), overlays(
        "def Overlay o1 { target: \"p1\" op: \"replace\" path: \"attributes.effect\" value: \"deny\" }",
        "def Overlay o2 { target: \"p1\" op: \"replace\" path: \"attributes.ttl\" value: 5 }")).ok());
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o1 { target: \"p1\" op: \"patch\" values: { attributes: { ttl: 5 } } }",
        "def Overlay o2 { target: \"p1\" op: \"append\" path: \"attributes.tags\" value: [\"w\"] }"));
    assertEquals(List.of("Conflicting overlays on 'Policy:p1': 'append' of 'attributes.tags' by 'o2' overlaps 'patch' of "
        + "'attributes' by 'o1'; add resolve: \"override\" to 'o2' to let it win"), messages(r));
  }

  @Test
  void apply_strictPathThroughScalar_isInvalidOp() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o { target: \"p1\" op: \"replace\" path: \"attributes.effect.level\" value: 1 }"));
    assertEquals(List.of("Overlay 'o' path 'attributes.effect.level' crosses a non-object value at 'attributes.effect' "
        + "of 'Policy:p1'"), messages(r));
  }

  @Test
  void apply_strictInvalidSettings_areReported() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Overlay o1 { target: \"p1\" op: \"merge\" values: {} ifMissing: \"maybe\" }",
        "def Overlay o2 { target: \"p1\" selector: { id: \"p1\" } op: \"merge\" values: {} }",
        "def Overlay o3 { selector: { name: \"x\" } op: \"merge\" values: {} }",
        "def Overlay o4 { target: \"p1\" op: \"remove\" value: 1 }",
        "def Overlay o5 { selector: { id: \"zz\" } op: \"replace\" values: {} ifMissing: \"create\" }",
        "def Overlay o6 { target: \"p1\" op: \"merge\" path: \"a..b\" value: 1 }",
        "def Overlay o7 { target: \"p1\" op: 3 }"));
    assertEquals(List.of(
        "Overlay 'o1' ifMissing must be one of error, skip, create, found 'maybe'",
        "Overlay 'o2' has both 'selector' and 'target'; use one",
        "Overlay 'o3' selector has unknown member 'name' (known: kind, namespace, id)",
        "Overlay 'o4': op 'remove' takes no value",
        "Overlay 'o5': ifMissing 'create' needs a kind (overlay property 'kind' or selector kind)",
        "Overlay 'o6' has an invalid path 'a..b': dotted keys must be non-empty (use a JSON Pointer such as '/a/b' for unusual keys)",
        "Unknown overlay op '3' on 'o7'"), messages(r));
  }

  @Test
  void apply_overlayManifest_usesOnlyOverlayDefinitions() {
    OverlayResult r = STRICT.apply(base(), overlays(
        "def Policy notAnOverlay { op: \"remove\" }",
        "def Overlay o { target: \"a1\" op: \"remove\" }"));
    assertEquals(List.of("remove:a1"), r.applied());
    assertEquals(2, r.ast().orElseThrow().defs().size());
  }

  @Test
  void apply_mergeAtPathWithNull_removesTheMember() {
    OverlayResult r = STRICT.apply(base(), overlays("def Overlay o { target: \"p2\" op: \"merge\" path: \"attributes\" value: null }"));
    assertEquals("{}", props(r, 1));
  }
}
