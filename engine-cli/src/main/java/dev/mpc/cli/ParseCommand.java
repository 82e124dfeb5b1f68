package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import java.util.List;

/** {@code mpc parse FILE [--syntax dsl|yaml|json]}: prints the canonical AST JSON. Stateless. */
final class ParseCommand implements Command {
  @Override
  public String name() {
    return "parse";
  }

  @Override
  public String usage() {
    return "mpc parse FILE [--syntax dsl|yaml|json]";
  }

  @Override
  public String summary() {
    return "Parse a manifest and print its canonical AST JSON";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    int[] exit = {0};
    ManifestAst ast = ManifestCli.parse(ManifestCli.args(args, false), io, exit);
    if (ast == null) {
      return exit[0];
    }
    io.out().println(ast.canonicalJson());
    return 0;
  }
}
