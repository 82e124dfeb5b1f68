package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import java.util.List;

/** {@code mpc hash FILE [--syntax dsl|yaml|json]}: prints the AST hash (lowercase hex). Stateless. */
final class HashCommand implements Command {
  @Override
  public String name() {
    return "hash";
  }

  @Override
  public String usage() {
    return "mpc hash FILE [--syntax dsl|yaml|json]";
  }

  @Override
  public String summary() {
    return "Print a manifest's AST hash (SHA-256 of its canonical AST JSON)";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    int[] exit = {0};
    ManifestAst ast = ManifestCli.parse(ManifestCli.args(args, false), io, exit);
    if (ast == null) {
      return exit[0];
    }
    io.out().println(ast.astHash());
    return 0;
  }
}
