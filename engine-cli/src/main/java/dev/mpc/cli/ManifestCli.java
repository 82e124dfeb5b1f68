package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mpc parse}, {@code hash} and {@code fmt} share: argument parsing, reading a manifest
 * file, and printing diagnostics as {@code {"errors":[...]}}. Stateless.
 */
final class ManifestCli {
  private ManifestCli() {}

  /** Parsed arguments: the file and the named options. */
  record Args(String file, String syntax, String to) {}

  static Args args(List<String> args, boolean allowTo, String usage) throws UsageException {
    String file = null;
    String syntax = null;
    String to = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--syntax") || (allowTo && a.equals("--to"))) {
        if (i + 1 >= args.size()) {
          throw new UsageException(a + " needs a value (dsl, yaml or json)");
        }
        if (a.equals("--syntax")) {
          syntax = args.get(++i);
        } else {
          to = args.get(++i);
        }
      } else if (a.startsWith("--")) {
        throw new UsageException("unknown option " + a + "; usage: " + usage);
      } else if (file == null) {
        file = a;
      } else {
        throw new UsageException("unexpected argument " + a + "; usage: " + usage);
      }
    }
    if (file == null) {
      throw new UsageException("missing FILE; usage: " + usage);
    }
    return new Args(file, syntax, to);
  }

  /**
   * Reads and parses the manifest; on failure prints the errors (or the I/O problem) and returns
   * null with the exit code in {@code exit[0]}.
   */
  static ManifestAst parse(Args a, CliIo io, int[] exit) {
    Syntax syntax = null;
    if (a.syntax() != null) {
      Result<Syntax> s = Syntax.of(a.syntax());
      if (!s.isOk()) {
        printErrors(s.diagnostics(), io);
        exit[0] = 1;
        return null;
      }
      syntax = s.orElseThrow();
    }
    Path path = io.resolve(a.file());
    Result<ManifestAst> r;
    try {
      r = ManifestParser.standard().parse(path, syntax);
    } catch (NoSuchFileException e) {
      io.err().println("Error: File " + a.file() + " not found.");
      exit[0] = 2;
      return null;
    } catch (IOException e) {
      io.err().println("Error: cannot read " + a.file() + ": " + e.getMessage());
      exit[0] = 2;
      return null;
    }
    if (r instanceof Result.Ok<ManifestAst> ok) {
      return ok.get();
    }
    printErrors(r.diagnostics(), io);
    exit[0] = 1;
    return null;
  }

  static void printErrors(List<Diagnostic> diagnostics, CliIo io) {
    List<JsonValue> errors = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      errors.add(errorJson(d));
    }
    io.out().println(Canonical.json(JsonObject.builder().put("errors", JsonArray.of(errors)).build()));
  }

  /** The Error contract object of a diagnostic (code, message, severity, path?, source?). */
  private static JsonObject errorJson(Diagnostic d) {
    JsonObject.Builder b = JsonObject.builder()
        .put("code", d.code().code())
        .put("message", d.message())
        .put("severity", d.severity().wireName());
    d.path().ifPresent(p -> b.put("path", p));
    d.source().ifPresent(s -> b.put("source", sourceJson(s)));
    return b.build();
  }

  private static JsonObject sourceJson(SourceMap s) {
    JsonObject.Builder b = JsonObject.builder();
    s.file().ifPresent(f -> b.put("file", f));
    b.put("line", s.line()).put("col", s.col());
    s.span().ifPresent(sp -> b.put("span", JsonObject.builder().put("line2", sp.line2()).put("col2", sp.col2()).build()));
    return b.build();
  }
}
