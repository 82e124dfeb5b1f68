package dev.mpc.dsl.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.artifact.Artifact;
import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.FunctionDef;
import dev.mpc.meta.KindDef;
import dev.mpc.meta.MetaDiff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: nothing on the meta path is quadratic in the meta's size. Before kinds were indexed,
 * a diff of 100,000 kinds took over a minute and validating 10,000 definitions against a
 * 100,000-kind meta 42 s. The bounds are hang guards only (speed figures belong in JMH).
 */
class MetaScaleTest {
  private static final int KINDS = 100_000;
  private static final Duration GUARD = Duration.ofSeconds(20);

  /** A meta as text, the way {@code mpc meta diff} reads it: {@code kinds} kinds, as many events. */
  private static String metaText(int kinds, int version, String extraRequired) {
    StringBuilder sb = new StringBuilder(kinds * 80).append("{\"schemaVersion\": ").append(version)
        .append(", \"kinds\": [");
    for (int i = 0; i < kinds; i++) {
      sb.append(i > 0 ? ",\n" : "").append("{\"name\": \"K").append(i).append("\", \"requiredProps\": [\"a\"")
          .append(i % 1000 == 0 ? extraRequired : "").append("], \"optionalProps\": [\"b\"]}");
    }
    sb.append("], \"allowedEvents\": [");
    for (int i = 0; i < kinds; i++) {
      sb.append(i > 0 ? ", " : "").append("\"e").append(i).append('"');
    }
    return sb.append("]}").toString();
  }

  /** The same meta built in code (the tests below time the diff and validation, not loading). */
  private static DomainMeta meta(int kinds, int version, String extraRequired) {
    List<KindDef> ks = new ArrayList<>(kinds);
    List<String> events = new ArrayList<>(kinds);
    for (int i = 0; i < kinds; i++) {
      List<String> required = i % 1000 == 0 && !extraRequired.isEmpty() ? List.of("a", extraRequired) : List.of("a");
      ks.add(new KindDef("K" + i, required, List.of("b"), List.of(), Optional.empty()));
      events.add("e" + i);
    }
    return new DomainMeta(version, ks, List.of(), events, List.of());
  }

  /** {@link #meta} plus {@code kinds} functions. */
  private static DomainMeta withFunctions(DomainMeta m) {
    List<FunctionDef> fs = new ArrayList<>();
    for (int i = 0; i < m.kinds().size(); i++) {
      fs.add(new FunctionDef("f" + i, List.of("string"), "int", 1));
    }
    return new DomainMeta(m.schemaVersion(), m.kinds(), m.allowedTypes(), m.allowedEvents(), fs);
  }

  @Test
  void loading_aMetaOf100kKinds_completes() {
    assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
      DomainMeta loaded = DomainMetaLoader.fromText(metaText(KINDS, 2, ", \"c\"")).orElseThrow();
      assertEquals(meta(KINDS, 2, "c"), loaded);
    });
  }

  @Test
  void metaDiff_of100kKinds_completes() {
    DomainMeta old = meta(KINDS, 1, "");
    DomainMeta changed = meta(KINDS, 2, "c");
    assertTimeoutPreemptively(GUARD, () -> {
      MetaDiff d = MetaDiff.between(old, changed);
      assertEquals(KINDS / 1000, d.breaking().size());
      assertTrue(d.versionBumpSufficient());
      assertEquals(List.of(), MetaDiff.between(old, old).changes());
    });
  }

  @Test
  void validatingAndCompiling10kDefinitions_against100kKinds_completes() {
    DomainMeta meta = withFunctions(meta(KINDS, 1, ""));
    List<AstNode> defs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int k = (i * 7919) % KINDS;
      defs.add(AstNode.of("K" + k, "d" + i, null, JsonObject.of(Map.of("a", JsonString.of("x"),
          "match", JsonObject.of(Map.of("event", JsonString.of("e" + k))),
          "note", JsonString.of("f" + k + "(x) and f" + (k + 1) + "(y)"))), List.of()));
    }
    ManifestAst ast = new ManifestAst(1, "scale", "", "1.0.0", defs);
    // a wider guard: this builds two validators and a compiler (each linear in the meta) on a busy machine
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      assertEquals(List.of(), Validator.builder().meta(meta).build().validate(ast));
      Artifact a = RegistryCompiler.builder().meta(meta).build().compile(ast).orElseThrow();
      assertEquals(10_000, a.definitionInfos().size());
    });
  }
}
