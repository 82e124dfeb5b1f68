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
  /**
   * Creates a fixture reference.
   *
   * @param category the category
   * @param caseName the case name
   * @param directory the directory
   */
  public Fixture {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(caseName, "caseName");
    Objects.requireNonNull(directory, "directory");
  }

  /**
   * {@code category/case}.
   *
   * @return the string
   */
  public String id() {
    return category + "/" + caseName;
  }
}
