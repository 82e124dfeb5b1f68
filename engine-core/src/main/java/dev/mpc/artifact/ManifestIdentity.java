package dev.mpc.artifact;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A manifest in artifact form (no source maps, definitions in canonical order) with its canonical
 * form and AST hash, computed once. A compiler computes it before its cache lookup and hands it to
 * {@link Artifact#of(ManifestIdentity, MetaIdentity, String)}, so nothing is hashed twice. Only
 * {@link #of(ManifestAst)} creates one, so the hash always matches the manifest.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManifestIdentity {
  /** The order of definitions in the AST hash form: display name (absent = ""), then id; stable. */
  static final Comparator<AstNode> CANONICAL_ORDER =
      (a, b) -> { // written out: Comparator.comparing chains spin JDK lambdas in every process
        int c = Canonical.compareCodePoints(a.name().orElse(""), b.name().orElse(""));
        return c != 0 ? c : Canonical.compareCodePoints(a.id(), b.id());
      };

  private final ManifestAst manifest;
  private final JsonObject canonicalForm;
  private final String astHash;

  private ManifestIdentity(ManifestAst manifest) {
    this.manifest = manifest;
    this.canonicalForm = manifest.canonicalForm();
    this.astHash = Canonical.stableHash(canonicalForm);
  }

  /** The identity of {@code ast}: source maps dropped, definitions in canonical order, hashed. */
  public static ManifestIdentity of(ManifestAst ast) {
    List<AstNode> defs = new ArrayList<>(ast.defs().size());
    for (AstNode d : ast.defs()) {
      defs.add(d.withoutSources());
    }
    defs.sort(CANONICAL_ORDER);
    return new ManifestIdentity(
        new ManifestAst(ast.schemaVersion(), ast.namespace(), ast.name(), ast.manifestVersion(), defs));
  }

  /** The manifest in artifact form. */
  public ManifestAst manifest() {
    return manifest;
  }

  /** Its canonical form (what the AST hash hashes). */
  public JsonObject canonicalForm() {
    return canonicalForm;
  }

  /** The AST hash. */
  public String astHash() {
    return astHash;
  }
}
