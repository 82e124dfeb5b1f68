package dev.mpc.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of {@link Rules} hold for the production classes of every module on
 * this module's classpath: engine-core, engine-dsl, engine-conformance, engine-cli, engine-jdbc,
 * engine-redis, engine-spring-boot-starter and examples.
 */
class ArchitectureTest {
  /** Production classes only: test classes (and the planted violations) live in test-classes. */
  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mpc");

  @Test
  void importSeesEveryModule() {
    Set<String> modules = new TreeSet<>();
    PRODUCTION.forEach(c -> Modules.moduleOf(c).ifPresent(modules::add));
    assertTrue(modules.containsAll(Set.of(Modules.CORE, Modules.DSL, Modules.CONFORMANCE, Modules.CLI,
        Modules.EXAMPLES, Modules.JDBC, Modules.REDIS, Modules.STARTER)), "imported modules: " + modules);
    assertTrue(PRODUCTION.contain("dev.mpc.expr.internal.Frame"));
    assertTrue(PRODUCTION.contain("dev.mpc.json.internal.JsonMessages"));
  }

  @Test
  void coreDependsOnNoOtherModule() {
    check(Rules.CORE_DEPENDS_ON_NO_OTHER_MODULE);
  }

  @Test
  void coreNeedsNoCompilerLibrary() {
    check(Rules.CORE_NEEDS_NO_COMPILER_LIBRARY);
  }

  @Test
  void dslDependsOnlyOnCore() {
    check(Rules.DSL_DEPENDS_ONLY_ON_CORE);
  }

  @Test
  void adaptersDependOnlyOnCore() {
    check(Rules.ADAPTERS_DEPEND_ONLY_ON_CORE);
  }

  @Test
  void noSpringOutsideTheStarter() {
    check(Rules.NO_SPRING_OUTSIDE_THE_STARTER);
  }

  @Test
  void conformanceIsBelowTheCli() {
    check(Rules.CONFORMANCE_BELOW_CLI);
  }

  @Test
  void coreDoesNoFileOrNetworkIo() {
    check(Rules.CORE_DOES_NO_FILE_OR_NETWORK_IO);
  }

  @Test
  void dslTouchesFilesOnlyInItsSources() {
    check(Rules.DSL_TOUCHES_FILES_ONLY_IN_ITS_SOURCES);
  }

  @Test
  void enginesStartNoThreads() {
    check(Rules.ENGINES_START_NO_THREADS);
  }

  @Test
  void enginesReadNoWallClock() {
    check(Rules.ENGINES_READ_NO_WALL_CLOCK);
  }

  @Test
  void enginesUseNoConsoleProcessOrEnvironment() {
    check(Rules.ENGINES_USE_NO_CONSOLE_PROCESS_OR_ENVIRONMENT);
  }

  @Test
  void internalsStayInTheirModule() {
    check(Rules.INTERNALS_STAY_IN_THEIR_MODULE);
  }

  @Test
  void everyClassBelongsToAKnownModule() {
    check(Rules.EVERY_CLASS_BELONGS_TO_A_KNOWN_MODULE);
  }

  private static void check(ArchRule rule) {
    rule.check(PRODUCTION);
  }
}
