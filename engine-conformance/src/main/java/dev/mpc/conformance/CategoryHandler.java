package dev.mpc.conformance;

import dev.mpc.json.JsonValue;

/**
 * Runs the component under test for one fixture category: reads the fixture's input (and meta,
 * preset, limits, clock from the {@link FixtureContext}) and returns the output JSON that the
 * runner canonicalizes and compares with {@code expected.json}.
 *
 * <p>A handler reports expected failures of the component as output (e.g. {@code {"error":{...}}}),
 * exactly as the category's section of the conformance spec says. Anything it throws fails the
 * fixture with {@code Handler error: <message>}.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface CategoryHandler {

  /**
   * The category directory name this handler runs, e.g. {@code canonical}.
   *
   * @return the category directory name this handler runs, e.g
   */
  String category();

  /**
   * Runs one fixture.
   *
   * @param context the context
   * @return the json value
   * @throws Exception any failure; the runner turns it into a failed fixture
   */
  JsonValue run(FixtureContext context) throws Exception;
}
