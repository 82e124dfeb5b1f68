package dev.mpc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.mpc.conformance.planted.ReachesTheCli;
import dev.mpc.dsl.planted.ReadsAFile;
import dev.mpc.engine.planted.AmbientEffects;
import dev.mpc.engine.planted.InjectedTime;
import dev.mpc.json.planted.ParsesYaml;
import dev.mpc.json.planted.ReachesTheCompiler;
import dev.mpc.unowned.Stray;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link Rules} fails on a planted violation (test-only classes in the packages the
 * rule covers) and names it, and its documented exceptions pass: a rule that cannot fail pins
 * nothing.
 */
class PlantedViolationsTest {
  private static JavaClasses classes(Class<?>... planted) {
    return new ClassFileImporter().importClasses(planted);
  }

  /** The violation lines of {@code rule} over {@code planted}. */
  private static List<String> violations(ArchRule rule, Class<?>... planted) {
    EvaluationResult r = rule.evaluate(classes(planted));
    return r.getFailureReport().getDetails();
  }

  private static void assertViolates(ArchRule rule, Class<?> planted, String... mentions) {
    List<String> v = violations(rule, planted);
    assertFalse(v.isEmpty(), rule.getDescription() + " accepted " + planted.getName());
    String all = String.join("\n", v);
    for (String m : mentions) {
      assertTrue(all.contains(m), "violations of " + planted.getSimpleName() + " mention " + m + ":\n" + all);
    }
  }

  @Test
  void coreReachingTheCompiler_isReported() {
    assertViolates(Rules.CORE_DEPENDS_ON_NO_OTHER_MODULE, ReachesTheCompiler.class, "dev.mpc.dsl.Manifests");
  }

  @Test
  void coreNeedingYaml_isReported() {
    assertViolates(Rules.CORE_NEEDS_NO_COMPILER_LIBRARY, ParsesYaml.class, "org.snakeyaml.engine.v2.api.LoadSettings");
  }

  @Test
  void dslReachingTheCli_isReported() {
    assertViolates(Rules.DSL_DEPENDS_ONLY_ON_CORE, dev.mpc.dsl.planted.ReachesTheCli.class, "dev.mpc.cli.Main");
  }

  @Test
  void anAdapterReachingSpringOrTheCompiler_isReported() {
    assertViolates(Rules.ADAPTERS_DEPEND_ONLY_ON_CORE, dev.mpc.jdbc.planted.UsesSpring.class,
        "org.springframework.util.StringUtils", "dev.mpc.dsl.Syntax");
    assertViolates(Rules.NO_SPRING_OUTSIDE_THE_STARTER, dev.mpc.jdbc.planted.UsesSpring.class,
        "org.springframework.util.StringUtils");
  }

  @Test
  void conformanceReachingTheCli_isReported() {
    assertViolates(Rules.CONFORMANCE_BELOW_CLI, ReachesTheCli.class, "dev.mpc.cli.Main");
  }

  @Test
  void coreFileAndNetworkIo_isReported() {
    assertViolates(Rules.CORE_DOES_NO_FILE_OR_NETWORK_IO, AmbientEffects.class, "java.nio.file.Files", "java.io.File",
        "java.net.URI");
  }

  @Test
  void dslFileIoOutsideItsSources_isReported_andTheSourcesAreAllowed() {
    assertViolates(Rules.DSL_TOUCHES_FILES_ONLY_IN_ITS_SOURCES, ReadsAFile.class, "java.nio.file.Files");
    Class<?>[] sources = Rules.DSL_FILE_READERS.toArray(Class<?>[]::new);
    // the listed classes are outside the rule's that() clause: nothing to report, nothing to check
    assertEquals(List.of(), Rules.DSL_TOUCHES_FILES_ONLY_IN_ITS_SOURCES.allowEmptyShould(true)
        .evaluate(classes(sources)).getFailureReport().getDetails());
  }

  @Test
  void threadsAndExecutors_areReported() {
    assertViolates(Rules.ENGINES_START_NO_THREADS, AmbientEffects.class, "java.lang.Thread",
        "java.util.concurrent.Executors");
  }

  @Test
  void wallClockReads_areReported() {
    assertViolates(Rules.ENGINES_READ_NO_WALL_CLOCK, AmbientEffects.class, "System.currentTimeMillis()",
        "Instant.now()", "LocalDateTime.now()", "System.nanoTime()", "Clock.systemUTC()", "timerReference");
  }

  @Test
  void injectedClock_andTheBuilderDefault_areAllowed() {
    assertEquals(List.of(), violations(Rules.ENGINES_READ_NO_WALL_CLOCK, InjectedTime.class,
        InjectedTime.Builder.class));
  }

  @Test
  void theExpressionFramesTimer_andTheWorkflowPortBudgetDefault_areTheAllowedTimerReads() {
    assertEquals(List.of(), violations(Rules.ENGINES_READ_NO_WALL_CLOCK, dev.mpc.expr.internal.Frame.class,
        dev.mpc.workflow.WorkflowEngine.Builder.class));
    assertEquals(java.util.Set.of("dev.mpc.expr.internal.Frame", "dev.mpc.workflow.WorkflowEngine$Builder",
        "dev.mpc.governance.GovernedRuntime$Builder"),
        Rules.MONOTONIC_TIMER_READERS);
  }

  @Test
  void consoleProcessAndEnvironment_areReported() {
    assertViolates(Rules.ENGINES_USE_NO_CONSOLE_PROCESS_OR_ENVIRONMENT, AmbientEffects.class, "System.out",
        "System.getenv", "java.lang.Runtime");
  }

  @Test
  void anotherModulesInternal_isReported() {
    assertViolates(Rules.INTERNALS_STAY_IN_THEIR_MODULE, dev.mpc.cli.planted.ReachesAnInternal.class,
        "dev.mpc.expr.internal.EvalError", "engine-core internal, used from engine-cli");
  }

  @Test
  void aQualifiedExport_admitsOnlyItsModule() {
    assertViolates(Rules.INTERNALS_STAY_IN_THEIR_MODULE, dev.mpc.conformance.planted.UsesJsonMessages.class,
        "dev.mpc.json.internal.JsonMessages", "used from engine-conformance");
    assertEquals(List.of(), violations(Rules.INTERNALS_STAY_IN_THEIR_MODULE,
        dev.mpc.dsl.planted.UsesJsonMessages.class));
  }

  @Test
  void aModulesOwnInternals_areAllowed() {
    assertEquals(List.of(), violations(Rules.INTERNALS_STAY_IN_THEIR_MODULE,
        dev.mpc.expr.planted.UsesItsOwnInternals.class));
  }

  @Test
  void aClassOfNoKnownModule_isReported() {
    assertViolates(Rules.EVERY_CLASS_BELONGS_TO_A_KNOWN_MODULE, Stray.class, "dev.mpc.unowned");
  }
}
