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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code mpc validate} and {@code mpc compile} load: the DomainMeta ({@code --meta}, YAML or
 * JSON), the preset ({@code --preset}: a standard preset name or a preset JSON file; default
 * {@code preset-generic-full}) and the manifest, parsed under <em>all</em> the preset's parse
 * limits ({@link ParseLimits#of}), with its {@code Import} definitions resolved from the
 * manifest's own directory (files {@code <name>.mpc|.manifest|.yaml|.yml|.json}) under the same
 * limits. The preset's expression limits and feature flags apply through
 * {@code Validator.Builder.preset} / {@code RegistryCompiler.Builder.preset}: every command that
 * takes {@code --preset} gets the whole preset from here.
 *
 * @param meta the DomainMeta
 * @param preset the preset
 * @param ast the parsed manifest
 */
record CompileInputs(DomainMeta meta, Preset preset, ManifestAst ast) {

  /** The options {@code validate} and {@code compile} share. */
  static final Set<String> OPTIONS = Set.of("--meta", "--preset", "--syntax", "--format");

  /**
   * {@code io} printing errors as {@code --format} says, or, without it, as text on a terminal and
   * as JSON otherwise (pipes, files, tools).
   */
  static CliIo withFormat(ManifestCli.Options o, CliIo io) throws UsageException {
    String f = o.value("--format");
    if (f == null) {
      boolean terminal = System.console() != null && io.out() == System.out;
      return io.withErrorFormat(terminal ? "text" : io.errorFormat());
    }
    if (!f.equals("text") && !f.equals("json")) {
      throw new UsageException("--format must be text or json, not '" + f + "'");
    }
    return io.withErrorFormat(f);
  }

  /** Loads everything; on failure prints the problem and returns null with the exit code in {@code exit[0]}. */
  static CompileInputs load(ManifestCli.Options o, CliIo io, int[] exit) throws UsageException {
    return load(o, io, exit, false);
  }

  /**
   * As {@link #load(ManifestCli.Options, CliIo, int[])}; with {@code metaOptional} and no
   * {@code --meta}, the meta declares exactly the kinds the manifest uses (no required
   * properties, built-in functions only): for commands that draw or inspect a manifest rather
   * than check it against a host's domain.
   */
  static CompileInputs load(ManifestCli.Options o, CliIo io, int[] exit, boolean metaOptional) throws UsageException {
    boolean derive = metaOptional && o.value("--meta") == null;
    DomainMeta meta = derive ? DomainMeta.EMPTY : meta(o.value("--meta"), io, exit);
    if (meta == null) {
      return null;
    }
    Preset preset = preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return null;
    }
    ManifestAst ast = manifest(o.positional().get(0), o.value("--syntax"), parser(preset), io, exit);
    if (ast == null) {
      return null;
    }
    if (derive) {
      DomainMeta.Builder b = DomainMeta.builder();
      ast.defs().stream().map(d -> d.kind()).distinct().forEach(k -> b.kind(k));
      meta = b.build();
    }
    return new CompileInputs(meta, preset, ast);
  }

  /**
   * The manifest in {@code file} parsed by {@code parser} (as {@code syntax}; null: from the file
   * name or content) with its imports resolved from the file's own directory; on failure prints
   * the problems and returns null with exit code 1 in {@code exit[0]}.
   */
  static ManifestAst manifest(String file, String syntax, ManifestParser parser, CliIo io, int[] exit)
      throws UsageException {
    ManifestAst ast = ManifestCli.parse(new ManifestCli.Args(file, syntax, null), parser, io, exit);
    if (ast == null) {
      return null;
    }
    if (ast.defs().stream().anyMatch(d -> d.kind().equals("Import"))) {
      Path dir = io.resolve(file).toAbsolutePath().getParent();
      Result<ManifestAst> resolved = ImportResolver.builder().source(ManifestSource.directory(dir)).parser(parser).build()
          .resolve(ast).toResult();
      if (!(resolved instanceof Result.Ok<ManifestAst> ok)) {
        ManifestCli.printErrors(resolved.diagnostics(), io);
        exit[0] = 1;
        return null;
      }
      return ok.get();
    }
    return ast;
  }

  /**
   * Compiles the inputs with a one-shot compiler: a command compiles once per process, so the
   * compiler's caches are not built (nothing to hit, and their start-up is saved).
   */
  Result<dev.mpc.artifact.Artifact> compile() {
    return dev.mpc.dsl.compile.RegistryCompiler.builder().meta(meta).preset(preset).warmUp(false).cacheMaximumWeight(0)
        .identityCacheDefinitions(0).build().compile(ast);
  }

  /** The manifest parser under every parse limit of {@code preset}. */
  static ManifestParser parser(Preset preset) {
    return ManifestParser.withLimits(ParseLimits.of(preset.limits()));
  }

  /** Loads a DomainMeta file; on failure prints the problem and returns null with the exit code in {@code exit[0]}. */
  static DomainMeta meta(String file, CliIo io, int[] exit) throws UsageException {
    Result<DomainMeta> r = InputFiles.read(file, io, DomainMetaLoader::load);
    if (r instanceof Result.Ok<DomainMeta> ok) {
      return ok.get();
    }
    ManifestCli.printErrors(r.diagnostics(), io);
    exit[0] = 1;
    return null;
  }

  /**
   * The preset {@code nameOrFile} (null: {@code preset-generic-full}); an invalid preset file prints
   * its problems and returns null with exit code 1 in {@code exit[0]}.
   */
  static Preset preset(String nameOrFile, CliIo io, int[] exit) throws UsageException {
    if (nameOrFile == null) {
      return Preset.standard("preset-generic-full");
    }
    if (Preset.STANDARD.contains(nameOrFile)) {
      return Preset.standard(nameOrFile);
    }
    if (!Files.exists(io.resolve(nameOrFile))) {
      throw UsageException.unreadable(nameOrFile, "neither a standard preset " + Preset.STANDARD + " nor a file");
    }
    Result<Preset> r = InputFiles.text(nameOrFile, io).flatMap(Preset::fromJson);
    if (r instanceof Result.Ok<Preset> ok) {
      return ok.get();
    }
    ManifestCli.printErrors(r.diagnostics(), io);
    exit[0] = 1;
    return null;
  }

  static void requireMeta(ManifestCli.Options o) throws UsageException {
    if (o.value("--meta") == null) {
      throw new UsageException("--meta META is required");
    }
  }
}
