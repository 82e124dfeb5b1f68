package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.ParseLimits;
import dev.mpc.dsl.imports.ImportResolver;
import dev.mpc.dsl.imports.ManifestSource;
import dev.mpc.dsl.meta.DomainMetaLoader;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code mpc validate} and {@code mpc compile} load: the DomainMeta ({@code --meta}, YAML or
 * JSON), the preset ({@code --preset}: a standard preset name or a preset JSON file; default
 * {@code preset-generic-full}) and the manifest, parsed under the preset's node quota, with its
 * {@code Import} definitions resolved from the manifest's own directory (files
 * {@code <name>.mpc|.manifest|.yaml|.yml|.json}).
 *
 * @param meta the DomainMeta
 * @param preset the preset
 * @param ast the parsed manifest
 */
record CompileInputs(DomainMeta meta, Preset preset, ManifestAst ast) {

  /** Loads everything; on failure prints the problem and returns null with the exit code in {@code exit[0]}. */
  static CompileInputs load(ManifestCli.Options o, CliIo io, int[] exit) {
    DomainMeta meta = meta(o.value("--meta"), io, exit);
    if (meta == null) {
      return null;
    }
    Preset preset = preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return null;
    }
    ManifestParser parser = ManifestParser.withLimits(
        ParseLimits.defaults().withMaxManifestNodes(preset.limits().maxManifestNodes()));
    ManifestAst ast = ManifestCli.parse(new ManifestCli.Args(o.positional().get(0), o.value("--syntax"), null), parser,
        io, exit);
    if (ast == null) {
      return null;
    }
    if (ast.defs().stream().anyMatch(d -> d.kind().equals("Import"))) {
      Path dir = io.resolve(o.positional().get(0)).toAbsolutePath().getParent();
      Result<ManifestAst> resolved = ImportResolver.builder().source(ManifestSource.directory(dir)).parser(parser).build()
          .resolve(ast).toResult();
      if (!(resolved instanceof Result.Ok<ManifestAst> ok)) {
        ManifestCli.printErrors(resolved.diagnostics(), io);
        exit[0] = 1;
        return null;
      }
      ast = ok.get();
    }
    return new CompileInputs(meta, preset, ast);
  }

  /** Loads a DomainMeta file; on failure prints the problem and returns null with the exit code in {@code exit[0]}. */
  static DomainMeta meta(String file, CliIo io, int[] exit) {
    try {
      Result<DomainMeta> r = DomainMetaLoader.load(io.resolve(file));
      if (r instanceof Result.Ok<DomainMeta> ok) {
        return ok.get();
      }
      ManifestCli.printErrors(r.diagnostics(), io);
      exit[0] = 1;
    } catch (NoSuchFileException e) {
      io.err().println("Error: File " + file + " not found.");
      exit[0] = 2;
    } catch (IOException e) {
      io.err().println("Error: cannot read " + file + ": " + e.getMessage());
      exit[0] = 2;
    }
    return null;
  }

  private static Preset preset(String nameOrFile, CliIo io, int[] exit) {
    if (nameOrFile == null) {
      return Preset.standard("preset-generic-full");
    }
    if (Preset.STANDARD.contains(nameOrFile)) {
      return Preset.standard(nameOrFile);
    }
    Path p = io.resolve(nameOrFile);
    if (!Files.isRegularFile(p)) {
      io.err().println("Error: --preset " + nameOrFile + " is neither a standard preset " + Preset.STANDARD
          + " nor a file.");
      exit[0] = 2;
      return null;
    }
    try {
      Result<Preset> r = Preset.fromJson(Files.readString(p, StandardCharsets.UTF_8));
      if (r instanceof Result.Ok<Preset> ok) {
        return ok.get();
      }
      ManifestCli.printErrors(r.diagnostics(), io);
      exit[0] = 1;
    } catch (IOException e) {
      io.err().println("Error: cannot read " + nameOrFile + ": " + e.getMessage());
      exit[0] = 2;
    }
    return null;
  }

  static final java.util.Set<String> OPTIONS = java.util.Set.of("--meta", "--preset", "--syntax");

  static void requireMeta(ManifestCli.Options o, String usage) throws UsageException {
    if (o.value("--meta") == null) {
      throw new UsageException("--meta META is required; usage: " + usage);
    }
  }
}
