package dev.mpc.conformance;

import java.util.List;

/**
 * The results of a conformance run, in run order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results one result per fixture
 */
public record RunSummary(List<FixtureResult> results) {
  /**
   * Creates a summary.
   *
   * @param results the results
   */
  public RunSummary {
    results = List.copyOf(results);
  }

  /**
   * How many fixtures passed.
   *
   * @return how many fixtures passed
   */
  public int passed() {
    return (int) results.stream().filter(FixtureResult::passed).count();
  }

  /**
   * How many failed (including not implemented).
   *
   * @return how many failed (including not implemented)
   */
  public int failed() {
    return results.size() - passed();
  }

  /**
   * Whether the run succeeded: at least one fixture ran and none failed. An empty run is not a success.
   *
   * @return whether the run succeeded
   */
  public boolean succeeded() {
    return !results.isEmpty() && failed() == 0;
  }

  /**
   * The closing line: {@code N passed, N failed}.
   *
   * @return the closing line
   */
  public String summaryLine() {
    return passed() + " passed, " + failed() + " failed";
  }
}
