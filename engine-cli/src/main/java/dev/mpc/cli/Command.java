package dev.mpc.cli;

import java.util.List;

/**
 * One {@code mpc} subcommand. Registered in {@link Commands}.
 *
 * <p>Contract: write results to {@code io.out()}, problems to {@code io.err()}; return the exit
 * code (0 success, 1 failure of the checked thing, e.g. invalid manifest or failed fixture);
 * throw {@link UsageException} for bad arguments (exit 2, one-line message plus usage) and read
 * input files through {@link InputFiles} (an unreadable one is exit 2, one coded line). Never let
 * an exception for bad <em>input</em> escape: report it as a coded error.
 */
public interface Command {

  /**
   * The subcommand name, e.g. {@code parse}; may contain a space for groups ({@code conformance run}).
   *
   * @return the subcommand name, e.g
   */
  String name();

  /**
   * One-line usage, e.g. {@code mpc parse FILE [--syntax dsl|yaml|json]}.
   *
   * @return the string
   */
  String usage();

  /**
   * One-line description for {@code mpc help}.
   *
   * @return the string
   */
  String summary();

  /**
   * Runs the command with the arguments after its name.
   *
   * @param args the args
   * @param io the io
   * @return the int
   * @throws UsageException when the operation fails
   */
  int run(List<String> args, CliIo io) throws UsageException;
}
