package dev.mpc.cli;

import dev.mpc.meta.DomainMeta;
import dev.mpc.meta.MetaDiff;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc meta diff OLD NEW}: every change between two DomainMetas, classified breaking or not,
 * and the required version bump. Exit 1 when there are breaking changes without a higher
 * {@code schema_version}.
 */
final class MetaDiffCommand implements Command {
  @Override
  public String name() {
    return "meta diff";
  }

  @Override
  public String usage() {
    return "mpc meta diff OLD NEW";
  }

  @Override
  public String summary() {
    return "Classify the changes between two DomainMetas and the version bump they need";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of(), 2, 2);
    int[] exit = {0};
    DomainMeta oldMeta = CompileInputs.meta(o.positional().get(0), io, exit);
    if (oldMeta == null) {
      return exit[0];
    }
    DomainMeta newMeta = CompileInputs.meta(o.positional().get(1), io, exit);
    if (newMeta == null) {
      return exit[0];
    }
    MetaDiff diff = MetaDiff.between(oldMeta, newMeta);
    diff.report().forEach(io.out()::println);
    return diff.versionBumpSufficient() ? 0 : 1;
  }
}
