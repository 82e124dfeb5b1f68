package dev.mpc.conformance;

import java.util.List;
import java.util.Objects;

/**
 * The result of running one fixture.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fixture the fixture
 * @param status pass, fail or not implemented
 * @param details human-readable lines explaining a failure (diff, violations, errors); empty on pass
 */
public record FixtureResult(Fixture fixture, FixtureStatus status, List<String> details) {
  /**
   * Creates a result.
   *
   * @param fixture the fixture
   * @param status the status
   * @param details the details
   */
  public FixtureResult {
    Objects.requireNonNull(fixture, "fixture");
    Objects.requireNonNull(status, "status");
    details = List.copyOf(details);
  }

  /**
   * Whether the fixture passed.
   *
   * @return whether the fixture passed
   */
  public boolean passed() {
    return status == FixtureStatus.PASS;
  }
}
