package dev.mpc.examples.alm;

import dev.mpc.conformance.manifest.ManifestTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The service's shipped rules are tested by their own manifest test file in every build. */
class ManifestSuiteTest {
  @TestFactory
  Stream<DynamicNode> theDefaultRules() {
    return ManifestTests.from(Path.of("src/main/resources/manifests"));
  }
}
