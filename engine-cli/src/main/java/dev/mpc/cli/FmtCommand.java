package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import java.util.List;

/** {@code mpc fmt FILE --to dsl|yaml|json}: prints the manifest in another syntax. Stateless. */
final class FmtCommand implements Command {
  @Override
  public String name() {
    return "fmt";
  }

  @Override
  public String usage() {
    return "mpc fmt FILE --to dsl|yaml|json [--syntax dsl|yaml|json]";
  }

  @Override
  public String summary() {
    return "Print a manifest in another syntax (same AST and hash)";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Args a = ManifestCli.args(args, true);
    if (a.to() == null) {
      throw new UsageException("missing --to dsl|yaml|json");
    }
    Result<Syntax> to = Syntax.of(a.to());
    if (!to.isOk()) {
      throw new UsageException("--to must be dsl, yaml or json, got '" + a.to() + "'");
    }
    int[] exit = {0};
    ManifestAst ast = ManifestCli.parse(a, io, exit);
    if (ast == null) {
      return exit[0];
    }
    io.out().print(Manifests.format(ast, to.orElseThrow()));
    io.out().flush();
    return 0;
  }
}
