package dev.mpc.cli;

import java.util.List;

/** The registry of {@code mpc} subcommands, in the order {@code mpc help} lists them. */
final class Commands {
  private Commands() {}

  /** Every subcommand. Add new ones here (one line each). */
  static List<Command> all() {
    List<Command> all = new java.util.ArrayList<>(List.of(
        new ParseCommand(),
        new HashCommand(),
        new FmtCommand(),
        new ValidateCommand(),
        new CompileCommand(),
        new MetaDiffCommand(),
        new ExprCommand(),
        new EvalCommand(),
        new WorkflowGraphCommand(),
        new WorkflowRunCommand()));
    all.addAll(GovernanceCommands.all());
    all.addAll(LedgerCommands.all());
    all.add(new FormPackageCommand());
    all.add(new TestCommand());
    all.add(new ImpactCommand());
    all.add(new LintCommand());
    return List.copyOf(all);
  }
}
