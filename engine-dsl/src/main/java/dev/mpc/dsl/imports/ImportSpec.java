package dev.mpc.dsl.imports;

import dev.mpc.ast.AstNode;
import dev.mpc.diag.SourceMap;
import java.util.Optional;

/**
 * One {@code def Import} read from a manifest.
 *
 * @param source the registry name
 * @param constraint the version constraint, if any
 * @param alias the id prefix, if any
 * @param def the Import definition (for source maps)
 */
record ImportSpec(String source, Optional<String> constraint, Optional<String> alias, AstNode def) {
  /** The kind of import definitions. */
  static final String KIND = "Import";

  SourceMap sourceMap() {
    return def.source().orElse(null);
  }
}
