package dev.mpc.conformance;

import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link CategoryHandler} may read for one fixture.
 *
 * <p>Immutable and thread-safe.
 *
 * @param category the category (the parent directory's name)
 * @param caseName the case (the fixture directory's name)
 * @param directory the fixture directory
 * @param input the parsed {@code input.json}
 * @param meta the parsed {@code meta.json}
 * @param preset the resolved preset document
 * @param limits the preset's {@code defaultLimits} overlaid with {@code meta.limits}
 * @param clock a clock fixed at {@code meta.clock} (or at the epoch, UTC, when meta has no
 *     parsable clock such as {@code system-utc}): fixture runs never read the wall clock
 * @param clockText {@code meta.clock} verbatim, when present (upstream's {@code now()} returns it)
 * @param schemasDirectory where the contract JSON Schemas are, if not the bundled ones
 */
public record FixtureContext(
    String category,
    String caseName,
    Path directory,
    JsonValue input,
    JsonObject meta,
    JsonObject preset,
    JsonObject limits,
    Clock clock,
    Optional<String> clockText,
    Optional<Path> schemasDirectory) {

  /**
   * Creates a context.
   *
   * @param category the category
   * @param caseName the case name
   * @param directory the directory
   * @param input the input
   * @param meta the meta
   * @param preset the preset
   * @param limits the limits
   * @param clock the clock
   * @param clockText the clock text
   * @param schemasDirectory the schemas directory
   */
  public FixtureContext {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(caseName, "caseName");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clockText, "clockText");
    Objects.requireNonNull(schemasDirectory, "schemasDirectory");
  }

  /**
   * The input as an object; most categories take one.
   *
   * @return the input as an object
   */
  public JsonObject inputObject() {
    if (input instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException("input.json must be an object for category '" + category + "'");
  }
}
