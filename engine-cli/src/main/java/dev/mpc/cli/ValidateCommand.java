package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.contract.ContractJson;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.imports.ImportResolver;
import dev.mpc.dsl.imports.ManifestSource;
import dev.mpc.dsl.validate.Validator;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code mpc validate PATH... --meta META [--preset P] [--syntax S] [--format text|json]}:
 * validates manifests against a DomainMeta.
 *
 * <p>One file: exit 0 with {@code {"valid":true,"warnings":[...]}}, or 1 with
 * {@code {"errors":[...]}} (every diagnostic, warnings included, sorted by position).
 *
 * <p>Batch mode (several paths, or a directory): the DomainMeta, preset, parser and validator are
 * built once and every file is validated in the same process, so each file costs what an
 * in-process validation costs. A directory contributes, recursively and in name order, every
 * {@code *.mpc}, {@code *.manifest}, {@code *.mpc.yaml}, {@code *.mpc.yml} and
 * {@code *.mpc.json} file (YAML and JSON files without the {@code .mpc} infix are not taken, so
 * DomainMeta files and test suites beside the manifests are never mistaken for manifests; name
 * them explicitly to validate them). Text prints every file's diagnostics and then exactly
 * {@code N files: N valid, N invalid}; JSON prints
 * {@code {"files":[{"file":..,"valid":true,"warnings":[..]} | {"file":..,"valid":false,"errors":[..]}],"invalid":N,"valid":N}}.
 * Exit 1 when any file is invalid; a directory without manifests is a usage error (exit 2).
 */
final class ValidateCommand implements Command {
  private static final List<String> MANIFEST_SUFFIXES =
      List.of(".mpc", ".manifest", ".mpc.yaml", ".mpc.yml", ".mpc.json");

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return "mpc validate FILE|DIR... --meta META [--preset P] [--syntax dsl|yaml|json] [--format text|json]";
  }

  @Override
  public String summary() {
    return "Validate manifests (a file, several, or every manifest under a directory) against a DomainMeta";
  }

  @Override
  public int run(List<String> args, CliIo cli) throws UsageException {
    ManifestCli.Options o = ManifestCli.Options.parse(args, CompileInputs.OPTIONS, 1, Integer.MAX_VALUE);
    CompileInputs.requireMeta(o);
    CliIo io = CompileInputs.withFormat(o, cli);
    if (o.positional().size() == 1 && !Files.isDirectory(io.resolve(o.positional().get(0)))) {
      return single(o, io);
    }
    return batch(o, io);
  }

  private static int single(ManifestCli.Options o, CliIo io) throws UsageException {
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

  private static int batch(ManifestCli.Options o, CliIo io) throws UsageException {
    List<String> files = new ArrayList<>();
    for (String p : o.positional()) {
      files.addAll(expand(p, io));
    }
    int[] exit = {0};
    DomainMeta meta = CompileInputs.meta(o.value("--meta"), io, exit);
    if (meta == null) {
      return exit[0];
    }
    Preset preset = CompileInputs.preset(o.value("--preset"), io, exit);
    if (preset == null) {
      return exit[0];
    }
    Syntax syntax = null;
    if (o.value("--syntax") != null) {
      Result<Syntax> s = Syntax.of(o.value("--syntax"));
      if (!s.isOk()) {
        ManifestCli.printErrors(s.diagnostics(), io);
        return 1;
      }
      syntax = s.orElseThrow();
    }
    ManifestParser parser = CompileInputs.parser(preset);
    Validator validator = Validator.builder().meta(meta).preset(preset).build();
    boolean text = "text".equals(io.errorFormat());
    List<JsonValue> entries = new ArrayList<>();
    int invalid = 0;
    for (String file : files) {
      List<Diagnostic> d = validate(file, syntax, parser, validator, io);
      boolean ok = d.stream().noneMatch(Diagnostic::isFailure);
      invalid += ok ? 0 : 1;
      if (text) {
        io.out().print(DiagnosticText.render(d, io));
      } else {
        JsonArray list = JsonArray.of(d.stream().map(ContractJson::toJson).toList());
        entries.add(JsonObject.builder().put("file", file).put("valid", ok).put(ok ? "warnings" : "errors", list)
            .build());
      }
    }
    int valid = files.size() - invalid;
    if (text) {
      io.out().println(String.format(Locale.ROOT, "%d files: %d valid, %d invalid", files.size(), valid, invalid));
    } else {
      io.out().println(Canonical.json(JsonObject.builder().put("files", JsonArray.of(entries))
          .put("valid", valid).put("invalid", invalid).build()));
    }
    return invalid == 0 ? 0 : 1;
  }

  /** Every diagnostic of one file: reading, parsing, import resolution, validation. */
  private static List<Diagnostic> validate(String file, Syntax syntax, ManifestParser parser, Validator validator,
      CliIo io) {
    Path path = io.resolve(file);
    Result<ManifestAst> r;
    try {
      r = parser.parse(path, syntax);
    } catch (IOException e) {
      return List.of(Diagnostic.of(Code.E_INPUT_UNREADABLE, "cannot read '" + file + "': "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    }
    if (r instanceof Result.Ok<ManifestAst> ok && ok.get().defs().stream().anyMatch(d -> d.kind().equals("Import"))) {
      Path dir = path.toAbsolutePath().getParent();
      r = ImportResolver.builder().source(ManifestSource.directory(dir)).parser(parser).build().resolve(ok.get())
          .toResult();
    }
    if (!(r instanceof Result.Ok<ManifestAst> ok)) {
      return r.diagnostics();
    }
    return validator.validate(ok.get());
  }

  /** {@code p} itself when it is a file; the manifests under it (sorted) when it is a directory. */
  private static List<String> expand(String p, CliIo io) throws UsageException {
    Path path = io.resolve(p);
    if (!Files.isDirectory(path)) {
      if (!Files.isReadable(path)) {
        throw UsageException.unreadable(p, Files.exists(path) ? "permission denied" : "no such file");
      }
      return List.of(p);
    }
    Path dir = InputFiles.directory(p, io);
    List<String> out;
    try (Stream<Path> s = Files.walk(dir)) {
      out = s.filter(Files::isRegularFile).filter(f -> isManifestName(f.getFileName().toString()))
          .map(f -> Path.of(p).resolve(dir.relativize(f)).toString()).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UsageException.unreadable(p, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (out.isEmpty()) {
      throw new UsageException("no manifest under '" + p + "' (" + String.join(", ", MANIFEST_SUFFIXES) + ")");
    }
    return out;
  }

  private static boolean isManifestName(String name) {
    for (String s : MANIFEST_SUFFIXES) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    return false;
  }
}
