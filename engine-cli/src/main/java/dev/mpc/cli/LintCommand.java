package dev.mpc.cli;

import dev.mpc.contract.ContractJson;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.lint.Linter;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc lint FILE --meta META [--format text|json] [--fail-on warning|error|none] [--preset P]}:
 * validates the manifest and reports the linter's findings ({@code W_LINT_*}, docs/testing.md),
 * each at its source position with a fix hint. Exit 1 when a problem at or above {@code --fail-on}
 * (default {@code warning}) exists, 0 otherwise, 2 for usage errors.
 */
final class LintCommand implements Command {
  @Override
  public String name() {
    return "lint";
  }

  @Override
  public String usage() {
    return "mpc lint FILE --meta META [--format text|json] [--fail-on warning|error|none] [--preset P]";
  }

  @Override
  public String summary() {
    return "Report rules that are shadowed, unreachable, ambiguous, constant or unused (W_LINT_* warnings)";
  }

  @Override
  public int run(List<String> args, CliIo cli) throws UsageException {
    Set<String> named = new HashSet<>(CompileInputs.OPTIONS);
    named.add("--fail-on");
    ManifestCli.Options o = ManifestCli.Options.parse(args, named, 1, 1);
    CompileInputs.requireMeta(o);
    CliIo io = CompileInputs.withFormat(o, cli);
    String failOn = o.value("--fail-on") == null ? "warning" : o.value("--fail-on");
    if (!Set.of("warning", "error", "none").contains(failOn)) {
      throw new UsageException("--fail-on must be warning, error or none, not '" + failOn + "'");
    }
    int[] exit = {0};
    CompileInputs in = CompileInputs.load(o, io, exit);
    if (in == null) {
      return exit[0];
    }
    List<Diagnostic> all = Validator.builder().meta(in.meta()).preset(in.preset()).lint(true).build()
        .validate(in.ast());
    boolean errors = all.stream().anyMatch(Diagnostic::isFailure);
    if ("text".equals(io.errorFormat())) {
      if (!all.isEmpty()) {
        io.out().print(DiagnosticText.render(all, io));
      }
      io.out().println(all.size() + (all.size() == 1 ? " finding" : " findings"));
    } else {
      io.out().println(Canonical.json(JsonObject.builder().put("findings",
          JsonArray.of(all.stream().map(ContractJson::toJson).toList())).build()));
    }
    if (failOn.equals("none")) {
      return errors ? 1 : 0;
    }
    return errors || (failOn.equals("warning") && !all.isEmpty()) ? 1 : 0;
  }

  /** The linter, referenced so the command's javadoc link resolves in IDEs. */
  static final Class<Linter> LINTER = Linter.class;
}
