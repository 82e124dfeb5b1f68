package dev.mpc.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Maven module (and so which JAR and Automatic-Module-Name) a package belongs to, the API
 * packages of the two library modules, and the one qualified use of an {@code internal} package
 * across modules. The single source of truth of the architecture tests; docs/architecture.md
 * repeats it for people.
 */
final class Modules {
  private Modules() {}

  static final String CORE = "engine-core";
  static final String DSL = "engine-dsl";
  static final String CONFORMANCE = "engine-conformance";
  static final String CLI = "engine-cli";
  static final String EXAMPLES = "examples";
  static final String BENCHMARKS = "engine-benchmarks";
  static final String JDBC = "engine-jdbc";
  static final String REDIS = "engine-redis";
  static final String STARTER = "engine-spring-boot-starter";

  /** engine-core's packages besides the root package {@code dev.mpc}; each with its subpackages. */
  static final List<String> CORE_PACKAGES = List.of("dev.mpc.artifact", "dev.mpc.ast", "dev.mpc.contract",
      "dev.mpc.diag", "dev.mpc.engine", "dev.mpc.expr", "dev.mpc.json", "dev.mpc.meta", "dev.mpc.preset",
      "dev.mpc.redact", "dev.mpc.workflow", "dev.mpc.governance", "dev.mpc.form");

  /** ArchUnit package patterns of every engine-core class: the root package and the packages above. */
  static final String[] CORE_PATTERNS = patterns("dev.mpc", CORE_PACKAGES);

  /** Top-level packages of the other modules. */
  static final Map<String, String> OTHER_ROOTS = Map.of("dev.mpc.dsl", DSL, "dev.mpc.conformance", CONFORMANCE,
      "dev.mpc.cli", CLI, "dev.mpc.examples", EXAMPLES, "dev.mpc.bench", BENCHMARKS, "dev.mpc.jdbc", JDBC,
      "dev.mpc.redis", REDIS, "dev.mpc.spring", STARTER);

  /**
   * Internal packages another module may use, and by which: the one qualified export. engine-dsl's
   * JSON and YAML readers word library messages exactly as the runtime's JSON reader does.
   */
  static final Map<String, Set<String>> QUALIFIED_EXPORTS = Map.of("dev.mpc.json.internal", Set.of(DSL));

  /** The module of a package, if it is one of the project's. */
  static Optional<String> moduleOf(String pkg) {
    if (pkg.equals("dev.mpc")) {
      return Optional.of(CORE);
    }
    for (String p : CORE_PACKAGES) {
      if (within(pkg, p)) {
        return Optional.of(CORE);
      }
    }
    for (Map.Entry<String, String> e : OTHER_ROOTS.entrySet()) {
      if (within(pkg, e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  static Optional<String> moduleOf(JavaClass c) {
    return moduleOf(c.getPackageName());
  }

  /** Whether {@code pkg} is an {@code internal} package (or below one). */
  static boolean isInternal(String pkg) {
    return pkg.equals("internal") || pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  /** The internal package {@code pkg} is in: {@code dev.mpc.expr.internal} for {@code dev.mpc.expr.internal.x}. */
  static String internalRoot(String pkg) {
    int i = pkg.indexOf(".internal");
    return pkg.substring(0, i + ".internal".length());
  }

  static boolean within(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }

  private static String[] patterns(String root, List<String> packages) {
    String[] out = new String[packages.size() + 1];
    out[0] = root;
    for (int i = 0; i < packages.size(); i++) {
      out[i + 1] = packages.get(i) + "..";
    }
    return out;
  }
}
