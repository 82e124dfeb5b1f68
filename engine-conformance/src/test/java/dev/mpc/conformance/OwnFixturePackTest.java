package dev.mpc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** MPC's own fixture pack: one dynamic test per fixture, each must PASS. */
class OwnFixturePackTest {
  static final Path PACK = Path.of("src", "test", "resources", "fixtures");

  @TestFactory
  Stream<DynamicTest> ownFixturePack() throws IOException {
    ConformanceRunner runner = ConformanceRunner.builder().build();
    List<Fixture> fixtures = ConformanceRunner.discover(PACK);
    assertFalse(fixtures.isEmpty(), "the own fixture pack is empty");
    return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.id(), f.directory().toUri(), () -> {
      FixtureResult r = runner.run(f);
      assertEquals(FixtureStatus.PASS, r.status(), () -> f.id() + "\n  " + String.join("\n  ", r.details()));
    }));
  }
}
