package dev.mpc.dsl.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

  private static boolean sat(String version, String constraint) {
    return Semver.parseConstraint(constraint).orElseThrow().test(Semver.parse(version).orElseThrow());
  }

  @ParameterizedTest(name = "{0} satisfies ''{1}'' = {2}")
  @CsvSource(delimiter = '|', value = {
      "1.2.3 | ^1.2.3 | true", "1.9.0 | ^1.2.3 | true", "2.0.0 | ^1.2.3 | false", "1.2.2 | ^1.2.3 | false",
      "0.2.5 | ^0.2.3 | true", "0.3.0 | ^0.2.3 | false", "0.0.3 | ^0.0.3 | true", "0.0.4 | ^0.0.3 | false",
      "0.9.0 | ^0.x | true", "1.0.0 | ^0.x | false", "1.5.0 | ^1 | true",
      "1.2.9 | ~1.2.3 | true", "1.3.0 | ~1.2.3 | false", "1.9.0 | ~1 | true", "2.0.0 | ~1 | false",
      "1.2.0 | 1.2.x | true", "1.3.0 | 1.2.x | false", "5.0.0 | * | true", "5.0.0 | '' | true",
      "1.2.3 | 1.2.3 | true", "1.2.4 | =1.2.3 | false", "1.4.0 | 1 | true",
      "1.5.0 | '>=1.2 <2' | true", "2.0.0 | '>=1.2 <2' | false", "3.1.0 | '>=1.2 <2 || ^3' | true",
      "2.0.0 | '>1' | true", "1.9.9 | '>1' | false", "1.2.9 | '<=1.2' | true", "1.3.0 | '<=1.2' | false",
      "1.1.9 | '<1.2' | true", "1.2.0 | '<1.2' | false", "1.5.0 | '>= 1.2.0' | true",
      "2.3.4 | '1.2 - 2.3.4' | true", "2.3.5 | '1.2 - 2.3.4' | false", "2.3.9 | '1.2.3 - 2.3' | true",
      "2.4.0 | '1.2.3 - 2.3' | false",
      "1.5.0-rc.1 | ^1.0.0 | false", "2.0.0-beta.1 | >=2.0.0-alpha | true", "2.0.0-alpha | >=2.0.0-beta | false",
      "1.2.3-beta | >=1.2.3-alpha <1.2.4 | true", "1.2.4-beta | >=1.2.3-alpha <1.3 | false",
      "1.0.0-alpha.1 | >1.0.0-alpha | true", "1.0.0-alpha.beta | >1.0.0-alpha.1 | true",
      "1.0.0-rc.1 | <1.0.0 | false", "1.0.0+build.5 | 1.0.0 | true"})
  void satisfies_npmSemantics_matchesExpectation(String version, String constraint, boolean expected) {
    assertEquals(expected, sat(version, constraint));
  }

  @ParameterizedTest
  @ValueSource(strings = {"^^1", "1.2.3.4", ">=abc", "1 - 2 - 3", "~>x>", "01.2.3"})
  void parseConstraint_garbage_isEmpty(String constraint) {
    assertTrue(Semver.parseConstraint(constraint).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "x", "1234567890123456.0.0"})
  void parse_invalidVersion_isEmpty(String version) {
    assertTrue(Semver.parse(version).isEmpty());
  }

  @ParameterizedTest(name = "upstream: {0} satisfies ''{1}'' = {2}")
  @CsvSource(delimiter = '|', value = {
      "1.2.3 | ^2.0.0 | false", "0.3.0 | ^0.2.0 | true", "1.2.3-beta | 1.2.3 | true", "1.2 | >=1.2.0 | true",
      "1 | <1.0.1 | true", "1.3.0 | ~1.2.0 | false", "abc | * | false", "1.0.0 | =1.0.0 | false",
      "  2.0.0 | ' >2 ' | false", "2.0.1 | >2 | true", "1.0.0 | <=1.0.0 | true"})
  void upstreamSatisfies_checkSemver_matchesUpstream(String version, String constraint, boolean expected) {
    assertEquals(expected, Semver.upstreamSatisfies(version, constraint));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.0.0-alpha | 1.0.0-alpha.1", "1.0.0-alpha.1 | 1.0.0-alpha.beta", "1.0.0-alpha.beta | 1.0.0-beta",
      "1.0.0-beta | 1.0.0-beta.2", "1.0.0-beta.2 | 1.0.0-beta.11", "1.0.0-beta.11 | 1.0.0-rc.1",
      "1.0.0-rc.1 | 1.0.0", "1.0.0 | 1.0.1", "1.9.0 | 1.10.0"})
  void compareTo_semverSpecExamples_ascending(String lower, String higher) {
    assertTrue(Semver.parse(lower).orElseThrow().compareTo(Semver.parse(higher).orElseThrow()) < 0);
  }
}
