package dev.mpc.conformance.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Manifest test files as JUnit 5 dynamic tests, so a host runs its users' manifest tests in
 * {@code mvn verify}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> manifests() {
 *   return ManifestTests.from(Path.of("src/main/resources/manifests"));
 * }
 * }</pre>
 *
 * One container per test file, one test per case (a failed case's message is the expected and
 * actual decision with its trace); a file that cannot run is one failing test listing its coded
 * problems with file, line and column.
 */
public final class ManifestTests {
  private ManifestTests() {}

  /**
   * The tests of {@code path}: a test file, or a folder searched for {@code *.mpctest.yaml},
   * {@code *.mpctest.yml} and {@code *.mpctest.json}.
   *
   * @param path a file or folder
   * @return the dynamic tests
   */
  public static Stream<DynamicNode> from(Path path) {
    ManifestTestRunner runner = new ManifestTestRunner();
    List<DynamicNode> out = new ArrayList<>();
    for (Path file : files(path)) {
      ManifestTestRunner.SuiteResult r = runner.run(file);
      List<DynamicNode> tests = new ArrayList<>();
      if (!r.problems().isEmpty()) {
        String text = TestReports.text(List.of(r), false);
        tests.add(DynamicTest.dynamicTest("load", () -> Assertions.fail(text)));
      }
      for (ManifestTestRunner.CaseResult c : r.cases()) {
        tests.add(DynamicTest.dynamicTest(c.name(), file.toUri(), () -> {
          if (!c.passed()) {
            Assertions.fail(c.detail());
          }
        }));
      }
      out.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), tests.stream()));
    }
    return out.stream();
  }

  /**
   * The test files of {@code path} (see {@link ManifestTestRunner#testFiles}).
   *
   * @param path a file or folder
   * @return the files
   */
  public static List<Path> files(Path path) {
    return ManifestTestRunner.testFiles(path);
  }
}
