package dev.mpc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command writes, and the directory relative paths resolve against.
 *
 * @param out standard output (results)
 * @param err standard error (problems, progress)
 * @param workingDirectory base for relative paths
 */
public record CliIo(PrintStream out, PrintStream err, Path workingDirectory) {
  /**
   * Creates the streams record.
   *
   * @param out the out
   * @param err the err
   * @param workingDirectory the working directory
   */
  public CliIo {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
  }

  /**
   * {@code path} resolved against the working directory.
   *
   * @param path the path
   * @return the path
   */
  public Path resolve(String path) {
    return workingDirectory.resolve(path);
  }
}
