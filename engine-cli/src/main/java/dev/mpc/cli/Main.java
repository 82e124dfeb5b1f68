package dev.mpc.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mpc} command. Exit codes: 0 success, 1 the checked thing failed (invalid manifest,
 * failed fixture), 2 usage error or unreadable input file, 3 internal error. Never prints a stack
 * trace. In every command {@code --} ends option parsing, and an input file that cannot be read is
 * one coded line ({@link InputFiles}).
 */
public final class Main {
  private Main() {}

  /**
   * Entry point.
   *
   * @param args the args
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(List.of(args), new CliIo(out, err, Path.of("").toAbsolutePath()));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs {@code mpc} with {@code args}; returns the exit code.
   *
   * @param args the args
   * @param io the io
   * @return the int
   */
  public static int run(List<String> args, CliIo io) {
    List<Command> commands = allCommands();
    if (args.isEmpty()) {
      HelpCommand.printHelp(commands, io.err());
      return 2;
    }
    Optional<Command> match = find(commands, args);
    if (match.isEmpty()) {
      io.err().println("mpc: unknown command '" + String.join(" ", args.subList(0, Math.min(2, args.size())))
          + "'. Run 'mpc help' for the list of commands.");
      return 2;
    }
    Command command = match.get();
    List<String> rest = args.subList(command.name().split(" ").length, args.size());
    try {
      return command.run(rest, io);
    } catch (UsageException e) {
      io.err().println("mpc " + command.name() + ": " + e.getMessage());
      if (e.showUsage()) {
        io.err().println("usage: " + command.usage());
      }
      return 2;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      io.err().println("mpc " + command.name() + ": internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 3;
    }
  }

  static List<Command> allCommands() {
    List<Command> all = new ArrayList<>();
    all.add(new HelpCommand());
    all.add(new VersionCommand());
    all.add(new DemoCommand());
    all.add(new ConformanceRunCommand());
    all.addAll(Commands.all());
    return all;
  }

  private static Optional<Command> find(List<Command> commands, List<String> args) {
    // Two-word names ("conformance run") win over one-word ones.
    if (args.size() >= 2) {
      String two = args.get(0) + " " + args.get(1);
      for (Command c : commands) {
        if (c.name().equals(two)) {
          return Optional.of(c);
        }
      }
    }
    for (Command c : commands) {
      if (c.name().equals(args.get(0))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
