package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.Canonical;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.mpc.contract.ContractJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code mpc parse}, {@code hash} and {@code fmt} share: argument parsing, reading a manifest
 * file, and printing diagnostics as {@code {"errors":[...]}}. Stateless.
 */
final class ManifestCli {
  private ManifestCli() {}

  /** Parsed arguments: the file and the named options. */
  record Args(String file, String syntax, String to) {}

  static Args args(List<String> args, boolean allowTo, String usage) throws UsageException {
    Options o = Options.parse(args, allowTo ? Set.of("--syntax", "--to") : Set.of("--syntax"), 1, 1, usage);
    return new Args(o.positional().get(0), o.value("--syntax"), o.value("--to"));
  }

  /**
   * Command-line options: positional arguments and {@code --name VALUE} pairs.
   *
   * @param positional the positional arguments, in order
   * @param values the named options' values
   */
  record Options(List<String> positional, Map<String, String> values) {
    String value(String name) {
      return values.get(name);
    }

    /** Parses {@code args}; {@code named} are the options that take a value. */
    static Options parse(List<String> args, Set<String> named, int minPositional, int maxPositional, String usage)
        throws UsageException {
      List<String> positional = new ArrayList<>();
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (named.contains(a)) {
          if (i + 1 >= args.size()) {
            throw new UsageException(a + " needs a value");
          }
          if (values.put(a, args.get(++i)) != null) {
            throw new UsageException(a + " given twice");
          }
        } else if (a.startsWith("-") && a.length() > 1) {
          throw new UsageException("unknown option " + a + "; usage: " + usage);
        } else {
          positional.add(a);
        }
      }
      if (positional.size() < minPositional) {
        throw new UsageException("missing argument; usage: " + usage);
      }
      if (positional.size() > maxPositional) {
        throw new UsageException("unexpected argument " + positional.get(maxPositional) + "; usage: " + usage);
      }
      return new Options(positional, values);
    }
  }

  /**
   * Reads and parses the manifest; on failure prints the errors (or the I/O problem) and returns
   * null with the exit code in {@code exit[0]}.
   */
  static ManifestAst parse(Args a, CliIo io, int[] exit) {
    return parse(a, ManifestParser.standard(), io, exit);
  }

  /** As {@link #parse(Args, CliIo, int[])}, with {@code parser}'s limits. */
  static ManifestAst parse(Args a, ManifestParser parser, CliIo io, int[] exit) {
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
      r = parser.parse(path, syntax);
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
    io.out().println(Canonical.json(ContractJson.errorsDocument(diagnostics)));
  }
}
