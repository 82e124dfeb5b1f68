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
 * @param errorFormat how coded errors are printed: {@code json} ({@code {"errors":[...]}}) or
 *     {@code text} ({@code file:line:col: CODE message}, the source line and a caret)
 */
public record CliIo(PrintStream out, PrintStream err, Path workingDirectory, String errorFormat) {
  /**
   * Creates the streams record.
   *
   * @param out the out
   * @param err the err
   * @param workingDirectory the working directory
   * @param errorFormat {@code json} or {@code text}
   */
  public CliIo {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    if (!"json".equals(errorFormat) && !"text".equals(errorFormat)) {
      throw new IllegalArgumentException("errorFormat must be json or text, not " + errorFormat);
    }
  }

  /**
   * Streams that print errors as JSON.
   *
   * @param out the out
   * @param err the err
   * @param workingDirectory the working directory
   */
  public CliIo(PrintStream out, PrintStream err, Path workingDirectory) {
    this(out, err, workingDirectory, "json");
  }

  /**
   * The same streams printing errors in {@code format}.
   *
   * @param format {@code json} or {@code text}
   * @return the streams
   */
  public CliIo withErrorFormat(String format) {
    return new CliIo(out, err, workingDirectory, format);
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
