package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code mpc compile FILE --meta META [--preset P] -o ARTIFACT}: validates and compiles a manifest,
 * writes the artifact (canonical JSON) and prints its hash. Exit 1 with {@code {"errors":[...]}}
 * when the manifest does not compile.
 */
final class CompileCommand implements Command {
  @Override
  public String name() {
    return "compile";
  }

  @Override
  public String usage() {
    return "mpc compile FILE --meta META [--preset P] [--syntax dsl|yaml|json] -o ARTIFACT";
  }

  @Override
  public String summary() {
    return "Compile a manifest into an artifact file and print its hash";
  }

  @Override
  public int run(List<String> args, CliIo cli) throws UsageException {
    CliIo io = cli;
    Set<String> named = new java.util.HashSet<>(CompileInputs.OPTIONS);
    named.add("-o");
    ManifestCli.Options o = ManifestCli.Options.parse(args, named, 1, 1);
    CompileInputs.requireMeta(o);
    io = CompileInputs.withFormat(o, io);
    if (o.value("-o") == null) {
      throw new UsageException("-o ARTIFACT is required");
    }
    int[] exit = {0};
    CompileInputs in = CompileInputs.load(o, io, exit);
    if (in == null) {
      return exit[0];
    }
    Result<Artifact> r = in.compile();
    if (!(r instanceof Result.Ok<Artifact> ok)) {
      ManifestCli.printErrors(r.diagnostics(), io);
      return 1;
    }
    Path out = io.resolve(o.value("-o"));
    try {
      Files.writeString(out, ok.get().toCanonicalJson() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      io.err().println("Error: cannot write " + o.value("-o") + ": " + e.getMessage());
      return 2;
    }
    io.out().println(ok.get().hash());
    return 0;
  }
}
