package dev.mpc.conformance;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One fixture: a directory {@code <category>/<case>/} holding {@code input.json},
 * {@code expected.json} and {@code meta.json}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param category the category (parent directory name; never {@code meta.category})
 * @param caseName the case (directory name)
 * @param directory the fixture directory
 */
public record Fixture(String category, String caseName, Path directory) {
  /** Creates a fixture reference. */
  public Fixture {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(caseName, "caseName");
    Objects.requireNonNull(directory, "directory");
  }

  /** {@code category/case}. */
  public String id() {
    return category + "/" + caseName;
  }
}
