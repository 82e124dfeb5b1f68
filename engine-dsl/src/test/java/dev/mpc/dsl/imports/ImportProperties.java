package dev.mpc.dsl.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImportProperties {
  private static final int N = 6;

  /** Edges i -> j with i < j only: always acyclic, often with diamonds. */
  @Provide
  Arbitrary<Set<List<Integer>>> dags() {
    return Arbitraries.integers().between(0, N - 1).list().ofSize(2)
        .filter(e -> e.get(0) < e.get(1)).set().ofMaxSize(12);
  }

  private static Map<String, ManifestEntry> registry(Set<List<Integer>> edges, boolean backEdge) {
    Map<String, ManifestEntry> m = new HashMap<>();
    for (int i = 1; i < N; i++) {
      List<AstNode> defs = new ArrayList<>();
      for (List<Integer> e : edges) {
        if (e.get(0) == i) {
          defs.add(AstNode.of("Import", "m" + e.get(1), null, JsonObject.EMPTY, List.of()));
        }
      }
      if (backEdge && i == N - 1) {
        defs.add(AstNode.of("Import", "m1", null, JsonObject.EMPTY, List.of()));
      }
      defs.add(AstNode.of("Policy", "p" + i, null, JsonObject.EMPTY, List.of()));
      m.put("m" + i, ManifestEntry.parsed(new ManifestAst(1, "m" + i, "", "1.0.0", defs)));
    }
    return m;
  }

  private static ManifestAst base(Set<List<Integer>> edges) {
    List<AstNode> defs = new ArrayList<>();
    for (List<Integer> e : edges) {
      if (e.get(0) == 0) {
        defs.add(AstNode.of("Import", "m" + e.get(1), null, JsonObject.EMPTY, List.of()));
      }
    }
    defs.add(AstNode.of("Import", "m1", null, JsonObject.EMPTY, List.of()));
    return new ManifestAst(1, "m0", "", "1.0.0", defs.stream().distinct().toList());
  }

  @Property(tries = 200)
  void resolve_strictAcyclicGraph_succeedsDeterministicallyWithEachManifestOnce(@ForAll("dags") Set<List<Integer>> edges) {
    ImportResolver resolver = ImportResolver.of(ManifestSource.inMemory(registry(edges, false)));
    ImportResult first = resolver.resolve(base(edges));
    assertTrue(first.ok(), first.diagnostics()::toString);
    ImportResult second = resolver.resolve(base(edges));
    assertEquals(first, second);
    List<String> policies = first.ast().orElseThrow().defs().stream().filter(d -> d.kind().equals("Policy"))
        .map(AstNode::id).toList();
    assertEquals(policies.size(), Set.copyOf(policies).size(), "a shared dependency is merged once");
    assertEquals(first.resolvedImports().size(), policies.size());
  }

  @Property(tries = 100)
  void resolve_backEdge_isAlwaysReportedAsCycle(@ForAll("dags") Set<List<Integer>> edges) {
    Set<List<Integer>> chained = new java.util.HashSet<>(edges);
    for (int i = 1; i < N - 1; i++) {
      chained.add(List.of(i, i + 1));
    }
    ImportResult r = ImportResolver.of(ManifestSource.inMemory(registry(chained, true))).resolve(base(chained));
    assertTrue(r.ast().isEmpty());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.E_VALID_CYCLE_DETECTED), r.diagnostics()::toString);
    assertTrue(r.diagnostics().stream().allMatch(d -> d.code() == Code.E_VALID_CYCLE_DETECTED));
  }
}
