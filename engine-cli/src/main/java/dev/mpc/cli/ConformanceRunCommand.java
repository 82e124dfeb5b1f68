package dev.mpc.cli;

import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.conformance.Fixture;
import dev.mpc.conformance.FixtureResult;
import dev.mpc.conformance.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc conformance run DIR... [--presets DIR] [--schemas DIR] [--category NAME]}: runs
 * fixtures, one line per fixture ({@code PASS|FAIL|NOT-IMPLEMENTED category/case}, failures
 * followed by indented details), then exactly {@code N passed, N failed}. Exit 1 if any failed,
 * and also (with a one-line message on stderr, before anything runs) if a directory holds no
 * fixture or {@code --category} selects none: a run that checked nothing never passes. A
 * directory that does not exist is {@code E_INPUT_UNREADABLE}, exit 2.
 */
final class ConformanceRunCommand implements Command {
  private static final String WHAT_IS_A_FIXTURE =
      "a fixture is a directory <category>/<case>/ holding input.json, expected.json and meta.json";

  @Override
  public String name() {
    return "conformance run";
  }

  @Override
  public String usage() {
    return "mpc conformance run DIR... [--presets DIR] [--schemas DIR] [--category NAME]";
  }

  @Override
  public String summary() {
    return "run conformance fixtures (any fixture directory)";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--presets", "--schemas", "--category"), 1,
        Integer.MAX_VALUE);
    ConformanceRunner.Builder builder = ConformanceRunner.builder();
    if (o.value("--presets") != null) {
      builder.presetsDirectory(InputFiles.directory(o.value("--presets"), io));
    }
    if (o.value("--schemas") != null) {
      builder.schemasDirectory(InputFiles.directory(o.value("--schemas"), io));
    }
    String category = o.value("--category");
    List<Fixture> fixtures = new ArrayList<>();
    for (String d : o.positional()) {
      Path dir = InputFiles.directory(d, io);
      List<Fixture> found;
      try {
        found = ConformanceRunner.discover(dir);
      } catch (IOException e) {
        throw UsageException.unreadable(d, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      if (found.isEmpty()) {
        io.err().println("mpc conformance run: no fixture found in '" + d + "' (" + WHAT_IS_A_FIXTURE + ")");
        return 1;
      }
      for (Fixture f : found) {
        if (category == null || category.equals(f.category())) {
          fixtures.add(f);
        }
      }
    }
    if (fixtures.isEmpty()) {
      io.err().println("mpc conformance run: no fixture of category '" + category + "' found in "
          + String.join(", ", o.positional()));
      return 1;
    }
    ConformanceRunner runner = builder.build();
    List<FixtureResult> results = new ArrayList<>();
    for (Fixture f : fixtures) {
      FixtureResult r = runner.run(f);
      results.add(r);
      io.out().println(r.status().label() + " " + f.id());
      for (String line : r.details()) {
        io.out().println("    " + line);
      }
    }
    RunSummary summary = new RunSummary(results);
    io.out().println(summary.summaryLine());
    return summary.succeeded() ? 0 : 1;
  }
}
