package dev.mpc.cli;

import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.conformance.Fixture;
import dev.mpc.conformance.FixtureResult;
import dev.mpc.conformance.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mpc conformance run DIR... [--presets DIR] [--schemas DIR] [--category NAME]}: runs
 * fixtures, one line per fixture ({@code PASS|FAIL|NOT-IMPLEMENTED category/case}, failures
 * followed by indented details), then exactly {@code N passed, N failed}. Exit 1 if any failed.
 */
final class ConformanceRunCommand implements Command {
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
    ConformanceRunner.Builder builder = ConformanceRunner.builder();
    List<Path> dirs = new ArrayList<>();
    String category = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--presets" -> builder.presetsDirectory(directory(option(args, ++i, a), io, a));
        case "--schemas" -> builder.schemasDirectory(directory(option(args, ++i, a), io, a));
        case "--category" -> category = option(args, ++i, a);
        default -> {
          if (a.startsWith("--")) {
            throw new UsageException("unknown option '" + a + "'");
          }
          dirs.add(directory(a, io, "fixture directory"));
        }
      }
    }
    if (dirs.isEmpty()) {
      throw new UsageException("no fixture directory given");
    }
    ConformanceRunner runner = builder.build();
    List<FixtureResult> results = new ArrayList<>();
    try {
      for (Path d : dirs) {
        for (Fixture f : ConformanceRunner.discover(d)) {
          if (category != null && !category.equals(f.category())) {
            continue;
          }
          FixtureResult r = runner.run(f);
          results.add(r);
          io.out().println(r.status().label() + " " + f.id());
          for (String line : r.details()) {
            io.out().println("    " + line);
          }
        }
      }
    } catch (IOException e) {
      io.err().println("mpc conformance run: cannot read fixtures: " + e.getMessage());
      return 2;
    }
    RunSummary summary = new RunSummary(results);
    io.out().println(summary.summaryLine());
    return summary.failed() == 0 ? 0 : 1;
  }

  static String option(List<String> args, int i, String name) throws UsageException {
    if (i >= args.size()) {
      throw new UsageException(name + " needs a value");
    }
    return args.get(i);
  }

  private static Path directory(String path, CliIo io, String what) throws UsageException {
    Path p = io.resolve(path);
    if (!Files.isDirectory(p)) {
      throw new UsageException(what + " '" + path + "' is not a directory");
    }
    return p;
  }
}
