package dev.mpc.cli;

import dev.mpc.contract.ContractJson;
import dev.mpc.diag.Diagnostic;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import java.util.List;

/**
 * {@code mpc validate FILE --meta META [--preset P] [--syntax S]}: validates a manifest against a
 * DomainMeta. Exit 0 with {@code {"valid":true,"warnings":[...]}}, or 1 with
 * {@code {"errors":[...]}} (every diagnostic, warnings included, sorted by position).
 */
final class ValidateCommand implements Command {
  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return "mpc validate FILE --meta META [--preset P] [--syntax dsl|yaml|json]";
  }

  @Override
  public String summary() {
    return "Validate a manifest against a DomainMeta";
  }

  @Override
  public int run(List<String> args, CliIo cli) throws UsageException {
    CliIo io = cli;
    ManifestCli.Options o = ManifestCli.Options.parse(args, CompileInputs.OPTIONS, 1, 1);
    CompileInputs.requireMeta(o);
    io = CompileInputs.withFormat(o, io);
    int[] exit = {0};
    CompileInputs in = CompileInputs.load(o, io, exit);
    if (in == null) {
      return exit[0];
    }
    List<Diagnostic> all = Validator.builder().meta(in.meta()).preset(in.preset()).build().validate(in.ast());
    if (all.stream().anyMatch(Diagnostic::isFailure)) {
      ManifestCli.printErrors(all, io);
      return 1;
    }
    io.out().println(Canonical.json(JsonObject.builder().put("valid", true)
        .put("warnings", JsonArray.of(all.stream().map(ContractJson::toJson).toList())).build()));
    return 0;
  }
}
