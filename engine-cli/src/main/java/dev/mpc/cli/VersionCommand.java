package dev.mpc.cli;

import dev.mpc.MpcVersion;
import java.util.List;

/** {@code mpc version}: prints the build version and the artifact-compatibility version. */
final class VersionCommand implements Command {
  @Override
  public String name() {
    return "version";
  }

  @Override
  public String usage() {
    return "mpc version";
  }

  @Override
  public String summary() {
    return "print the version";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("takes no arguments");
    }
    io.out().println("mpc " + MpcVersion.build() + " (artifact compatibility " + MpcVersion.compatibility() + ", Java "
        + Runtime.version().feature() + ")");
    return 0;
  }
}
