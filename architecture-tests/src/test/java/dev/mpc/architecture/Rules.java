package dev.mpc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.util.Optional;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The architecture rules, as values, so that the same rule is checked against the production
 * classes ({@link ArchitectureTest}) and shown to fail on a planted violation
 * ({@link PlantedViolationsTest}).
 *
 * <p>Exceptions are listed here, each with its reason; nothing else is exempt.
 */
final class Rules {
  private Rules() {}

  /**
   * The classes of the engines that may read {@link System#nanoTime()}: the expression
   * evaluator's frame enforces the {@code maxEvalTimeMs} budget with the monotonic timer, and the
   * workflow engine's builder installs it as the default nanosecond source that measures port
   * calls against their budget (a host may inject another). It is not a time of day: no result
   * depends on it except the coded budget/timeout error, and a host's injected
   * {@link java.time.Clock} (which {@code now()} reads) is no substitute for a timer.
   */
  static final Set<String> MONOTONIC_TIMER_READERS = Set.of("dev.mpc.expr.internal.Frame",
      "dev.mpc.workflow.WorkflowEngine$Builder", "dev.mpc.governance.GovernedRuntime$Builder");

  /**
   * engine-dsl's classes that touch files by design: manifests and DomainMeta read from a path,
   * and the directory manifest source of the import resolver. Every other compiler class works
   * on text and values.
   */
  static final Set<Class<?>> DSL_FILE_READERS = Set.of(dev.mpc.dsl.ManifestParser.class, dev.mpc.dsl.Manifests.class,
      dev.mpc.dsl.meta.DomainMetaLoader.class, dev.mpc.dsl.imports.ManifestSource.class,
      dev.mpc.dsl.imports.DirectoryManifestSource.class);

  private static final String[] CORE_AND_DSL = concat(Modules.CORE_PATTERNS, "dev.mpc.dsl..");

  // ---- 1. layering --------------------------------------------------------------------------

  static final ArchRule CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that().resideInAnyPackage(Modules.CORE_PATTERNS)
      .should().dependOnClassesThat().resideInAnyPackage("dev.mpc.dsl..", "dev.mpc.conformance..", "dev.mpc.cli..",
          "dev.mpc.examples..", "dev.mpc.bench..", "dev.mpc.jdbc..", "dev.mpc.redis..", "dev.mpc.spring..")
      .because("engine-core is the runtime a host embeds alone: it never reaches the compiler, the fixture runner or the CLI");

  static final ArchRule CORE_NEEDS_NO_COMPILER_LIBRARY = noClasses().that().resideInAnyPackage(Modules.CORE_PATTERNS)
      .should().dependOnClassesThat().resideInAnyPackage("org.antlr..", "org.snakeyaml..")
      .because("the runtime evaluates a loaded artifact without ANTLR or a YAML parser on the classpath");

  static final ArchRule DSL_DEPENDS_ONLY_ON_CORE = noClasses().that().resideInAPackage("dev.mpc.dsl..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.mpc.conformance..", "dev.mpc.cli..",
          "dev.mpc.examples..", "dev.mpc.bench..", "dev.mpc.jdbc..", "dev.mpc.redis..", "dev.mpc.spring..")
      .because("engine-dsl is a library below the fixture runner and the CLI");

  static final ArchRule ADAPTERS_DEPEND_ONLY_ON_CORE = noClasses().that().resideInAnyPackage("dev.mpc.jdbc..",
          "dev.mpc.redis..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.mpc.dsl..", "dev.mpc.conformance..", "dev.mpc.cli..",
          "dev.mpc.examples..", "dev.mpc.bench..", "dev.mpc.spring..", "org.springframework..")
      .because("the JDBC and Redis adapters implement engine-core's ports for any host, with or without Spring");

  static final ArchRule NO_SPRING_OUTSIDE_THE_STARTER = noClasses().that().resideInAPackage("dev.mpc..")
      .and().resideOutsideOfPackage("dev.mpc.spring..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..")
      .because("Spring belongs to the starter (and the examples that are Spring apps), never to the engine modules");

  static final ArchRule CONFORMANCE_BELOW_CLI = noClasses().that().resideInAPackage("dev.mpc.conformance..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.mpc.cli..", "dev.mpc.examples..", "dev.mpc.bench..",
          "dev.mpc.spring..")
      .because("the CLI runs the fixture runner, not the other way round");

  // ---- 2. no ambient effects in the engines ---------------------------------------------------

  static final ArchRule CORE_DOES_NO_FILE_OR_NETWORK_IO = noClasses().that().resideInAnyPackage(Modules.CORE_PATTERNS)
      .should().dependOnClassesThat(fileOrNetwork())
      .because("engines never do I/O: the host hands them artifacts, events and presets as values");

  static final ArchRule DSL_TOUCHES_FILES_ONLY_IN_ITS_SOURCES = noClasses().that().resideInAPackage("dev.mpc.dsl..")
      .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(DSL_FILE_READERS.toArray(Class<?>[]::new))))
      .should().dependOnClassesThat(fileOrNetwork())
      .because("the compiler works on text; only the path-taking entry points and the directory manifest source read files");

  static final ArchRule ENGINES_START_NO_THREADS = noClasses().that().resideInAnyPackage(CORE_AND_DSL)
      .should().dependOnClassesThat(JavaClass.Predicates.belongToAnyOf(Thread.class, ThreadGroup.class,
          Executors.class, ForkJoinPool.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class, Timer.class))
      .because("engines are stateless and run on the caller's thread; concurrency is the host's");

  static final ArchRule ENGINES_READ_NO_WALL_CLOCK = noClasses().that().resideInAnyPackage(CORE_AND_DSL)
      .should().accessTargetWhere(wallClock())
      .because("the clock is injected (ExprEngine.Builder.clock, defaulting to the system clock in a builder only);"
          + " the only timer read is the expression time budget's, in " + MONOTONIC_TIMER_READERS);

  static final ArchRule ENGINES_USE_NO_CONSOLE_PROCESS_OR_ENVIRONMENT = noClasses().that().resideInAnyPackage(CORE_AND_DSL)
      .should().accessTargetWhere(consoleOrEnvironment())
      .orShould().dependOnClassesThat(JavaClass.Predicates.belongToAnyOf(Runtime.class, Process.class,
          ProcessBuilder.class, ProcessHandle.class))
      .because("libraries print nothing, start no process and read no environment: output goes to the host's logger");

  // ---- 3. internal packages stay inside their module -------------------------------------------

  static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE = classes().that().resideInAPackage("dev.mpc..")
      .should(useNoOtherModulesInternals())
      .because("a dev.mpc..internal package is its module's own; the one qualified use is " + Modules.QUALIFIED_EXPORTS);

  static final ArchRule EVERY_CLASS_BELONGS_TO_A_KNOWN_MODULE = classes().that().resideInAPackage("dev.mpc..")
      .should(belongToAKnownModule())
      .because("a new top-level package must be added to Modules (and docs/architecture.md) so the rules cover it");

  // ---- predicates and conditions -----------------------------------------------------------------

  static DescribedPredicate<JavaClass> fileOrNetwork() {
    return JavaClass.Predicates.resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
        .or(JavaClass.Predicates.belongToAnyOf(File.class, FileInputStream.class, FileOutputStream.class,
            FileReader.class, FileWriter.class, RandomAccessFile.class, FileDescriptor.class))
        .as("file or network APIs");
  }

  static DescribedPredicate<JavaAccess<?>> wallClock() {
    return DescribedPredicate.describe("a wall clock or timer read (System.currentTimeMillis/nanoTime, java.time now()"
        + " without a Clock, Clock.system*/tick* outside a builder)", Rules::readsWallClock);
  }

  private static boolean readsWallClock(JavaAccess<?> access) {
    AccessTarget t = access.getTarget();
    String owner = t.getOwner().getName();
    String name = t.getName();
    String origin = access.getOriginOwner().getName();
    if (owner.equals("java.lang.System")) {
      return name.equals("currentTimeMillis") || (name.equals("nanoTime") && !MONOTONIC_TIMER_READERS.contains(origin));
    }
    if (owner.equals("java.time.Clock")) {
      boolean systemClock = name.startsWith("system") || name.startsWith("tick");
      return systemClock && !access.getOriginOwner().getSimpleName().equals("Builder");
    }
    if (owner.startsWith("java.time.") && name.equals("now") && t instanceof CodeUnitAccessTarget cu) {
      return !(cu.getRawParameterTypes().size() == 1
          && cu.getRawParameterTypes().get(0).getName().equals("java.time.Clock"));
    }
    return false;
  }

  static DescribedPredicate<JavaAccess<?>> consoleOrEnvironment() {
    Set<String> systemMembers = Set.of("out", "err", "in", "exit", "getenv", "getProperty", "getProperties",
        "setProperty", "setProperties", "clearProperty", "setOut", "setErr", "setIn", "console", "load", "loadLibrary");
    return DescribedPredicate.describe("System.out/err/in, System.exit, System.getenv or system properties",
        (JavaAccess<?> a) -> a.getTarget().getOwner().getName().equals("java.lang.System")
            && systemMembers.contains(a.getTarget().getName()));
  }

  static ArchCondition<JavaClass> useNoOtherModulesInternals() {
    return new ArchCondition<>("use no other module's internal package") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Optional<String> from = Modules.moduleOf(c);
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          String pkg = target.getPackageName();
          if (!Modules.isInternal(pkg)) {
            continue;
          }
          Optional<String> to = Modules.moduleOf(pkg);
          if (to.isEmpty() || to.equals(from)) {
            continue;
          }
          if (from.isPresent()
              && Modules.QUALIFIED_EXPORTS.getOrDefault(Modules.internalRoot(pkg), Set.of()).contains(from.get())) {
            continue;
          }
          events.add(SimpleConditionEvent.violated(d, d.getDescription() + " [" + to.get() + " internal, used from "
              + from.orElse("an unknown module") + "]"));
        }
      }
    };
  }

  static ArchCondition<JavaClass> belongToAKnownModule() {
    return new ArchCondition<>("belong to a known module") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        if (Modules.moduleOf(c).isEmpty()) {
          events.add(SimpleConditionEvent.violated(c, c.getName() + " is in package " + c.getPackageName()
              + ", which no module of Modules owns"));
        }
      }
    };
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
