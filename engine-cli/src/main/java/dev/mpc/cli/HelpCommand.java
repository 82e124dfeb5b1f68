package dev.mpc.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code mpc help}: lists the commands. */
final class HelpCommand implements Command {
  @Override
  public String name() {
    return "help";
  }

  @Override
  public String usage() {
    return "mpc help";
  }

  @Override
  public String summary() {
    return "list the commands";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("takes no arguments");
    }
    printHelp(Main.allCommands(), io.out());
    return 0;
  }

  /** Usages longer than this get their summary on the next line. */
  private static final int MAX_WIDTH = 80;

  static void printHelp(List<Command> commands, PrintStream out) {
    out.println("mpc - MPC for the JVM, the manifest/policy engine command line");
    out.println();
    out.println("commands:");
    int width = commands.stream().mapToInt(c -> c.usage().length()).filter(w -> w <= MAX_WIDTH).max().orElse(0);
    for (Command c : commands) {
      if (c.usage().length() > width) {
        out.println("  " + c.usage());
        out.println("  " + pad("", width) + "  " + c.summary());
      } else {
        out.println("  " + pad(c.usage(), width) + "  " + c.summary());
      }
    }
    out.println();
    out.println("exit codes: 0 ok, 1 check failed, 2 usage error or unreadable input, 3 internal error");
    out.println("  eval: 0 when it ran (allow or deny: the Decision is the output; --exit-code makes a deny 1),"
        + " 1 invalid artifact, event, actor or preset");
    out.println("options: -- ends option parsing (e.g. mpc expr eval -- '--1')");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
