package dev.mpc.cli;

import dev.mpc.conformance.manifest.ManifestTestRunner;
import dev.mpc.conformance.manifest.TestReports;
import dev.mpc.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code mpc test PATH... [--coverage] [--threshold N] [--format text|json|junit] [--run REGEX]}:
 * runs manifest test files ({@code *.mpctest.yaml|json}; a folder is searched), docs/testing.md.
 * Exit 0 when every case passes (and coverage is at least N when given), 1 otherwise, 2 for a
 * usage error. Text ends with exactly {@code N passed, N failed}.
 */
final class TestCommand implements Command {
  @Override
  public String name() {
    return "test";
  }

  @Override
  public String usage() {
    return "mpc test PATH... [--coverage] [--threshold N] [--format text|json|junit] [--run REGEX]";
  }

  @Override
  public String summary() {
    return "Run manifest test files (*.mpctest.yaml) with coverage of policies, ACL rules, transitions and guards";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--threshold", "--format", "--run"),
        Set.of("--coverage"), 1, Integer.MAX_VALUE);
    String format = o.value("--format") == null ? "text" : o.value("--format");
    if (!Set.of("text", "json", "junit").contains(format)) {
      throw new UsageException("--format must be text, json or junit, not '" + format + "'");
    }
    Optional<Double> threshold = Optional.empty();
    if (o.value("--threshold") != null) {
      try {
        double t = Double.parseDouble(o.value("--threshold"));
        if (t < 0 || t > 100) {
          throw new NumberFormatException();
        }
        threshold = Optional.of(t);
      } catch (NumberFormatException e) {
        throw new UsageException("--threshold must be a percentage between 0 and 100, not '" + o.value("--threshold") + "'");
      }
    }
    Optional<Pattern> filter = Optional.empty();
    if (o.value("--run") != null) {
      try {
        filter = Optional.of(Pattern.compile(o.value("--run")));
      } catch (PatternSyntaxException e) {
        throw new UsageException("--run is not a regular expression: " + e.getDescription());
      }
    }
    List<Path> files = new ArrayList<>();
    for (String p : o.positional()) {
      Path path = io.resolve(p);
      if (!Files.exists(path)) {
        throw new UsageException("no such file or folder: " + p);
      }
      files.addAll(ManifestTestRunner.testFiles(path));
    }
    if (files.isEmpty()) {
      throw new UsageException("no *.mpctest.yaml, *.mpctest.yml or *.mpctest.json file in " + o.positional());
    }
    ManifestTestRunner runner = new ManifestTestRunner(filter);
    List<ManifestTestRunner.SuiteResult> results = new ArrayList<>();
    for (Path f : files) {
      results.add(runner.run(f));
    }
    switch (format) {
      case "json":
        io.out().println(Json.pretty(TestReports.json(results)));
        break;
      case "junit":
        io.out().print(TestReports.junit(results));
        break;
      default:
        io.out().print(TestReports.text(results, o.flag("--coverage") || threshold.isPresent()));
    }
    boolean failed = results.stream().anyMatch(r -> r.failed() > 0);
    if (threshold.isPresent()) {
      for (ManifestTestRunner.SuiteResult r : results) {
        if (r.problems().isEmpty() && r.coverage().percent() < threshold.get()) {
          io.err().println("coverage of " + r.file() + " is " + String.format(java.util.Locale.ROOT, "%.1f",
              r.coverage().percent()) + "%, below the threshold of " + threshold.get() + "%");
          failed = true;
        }
      }
    }
    return failed ? 1 : 0;
  }
}
