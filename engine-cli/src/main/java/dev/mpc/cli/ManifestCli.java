package dev.mpc.cli;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Syntax;
import dev.mpc.json.Canonical;
import dev.mpc.contract.ContractJson;
import java.util.ArrayList;
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

  static Args args(List<String> args, boolean allowTo) throws UsageException {
    Options o = Options.parse(args, allowTo ? Set.of("--syntax", "--to") : Set.of("--syntax"), 1, 1);
    return new Args(o.positional().get(0), o.value("--syntax"), o.value("--to"));
  }

  /**
   * Command-line options: positional arguments and {@code --name VALUE} pairs. The same rules in
   * every command: {@code --} ends option parsing (every later argument is positional, even one
   * starting with {@code -}); before it, an argument starting with {@code --}, or with {@code -}
   * and a letter, is an option, and an unknown one is a usage error; {@code -} alone and negative
   * numbers ({@code -1}) are positional. A flag (an option without a value) given twice is a usage
   * error too.
   *
   * @param positional the positional arguments, in order
   * @param values the named options' values
   * @param flags the flags given
   */
  record Options(List<String> positional, Map<String, String> values, Set<String> flags) {
    String value(String name) {
      return values.get(name);
    }

    boolean flag(String name) {
      return flags.contains(name);
    }

    /** Parses {@code args}; {@code named} are the options that take a value. */
    static Options parse(List<String> args, Set<String> named, int minPositional, int maxPositional)
        throws UsageException {
      return parse(args, named, Set.of(), minPositional, maxPositional);
    }

    /** Parses {@code args}; {@code named} take a value, {@code flagNames} take none. */
    static Options parse(List<String> args, Set<String> named, Set<String> flagNames, int minPositional,
        int maxPositional) throws UsageException {
      List<String> positional = new ArrayList<>();
      Map<String, String> values = new LinkedHashMap<>();
      Set<String> flags = new java.util.LinkedHashSet<>();
      boolean optionsEnded = false;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (optionsEnded) {
          positional.add(a);
        } else if (a.equals("--")) {
          optionsEnded = true;
        } else if (named.contains(a)) {
          if (i + 1 >= args.size()) {
            throw new UsageException(a + " needs a value");
          }
          if (values.put(a, args.get(++i)) != null) {
            throw new UsageException(a + " given twice");
          }
        } else if (flagNames.contains(a)) {
          if (!flags.add(a)) {
            throw new UsageException(a + " given twice");
          }
        } else if (isOption(a)) {
          throw new UsageException("unknown option '" + a + "'");
        } else {
          positional.add(a);
        }
      }
      if (positional.size() < minPositional) {
        throw new UsageException("missing argument");
      }
      if (positional.size() > maxPositional) {
        throw new UsageException("unexpected argument '" + positional.get(maxPositional) + "'");
      }
      return new Options(positional, values, Set.copyOf(flags));
    }

    private static boolean isOption(String a) {
      return a.startsWith("--") || (a.length() > 1 && a.charAt(0) == '-' && Character.isLetter(a.charAt(1)));
    }
  }

  /**
   * Reads and parses the manifest; on failure prints the errors and returns null with the exit
   * code in {@code exit[0]}. An unreadable file is {@link UsageException#unreadable}.
   */
  static ManifestAst parse(Args a, CliIo io, int[] exit) throws UsageException {
    return parse(a, ManifestParser.standard(), io, exit);
  }

  /** As {@link #parse(Args, CliIo, int[])}, with {@code parser}'s limits. */
  static ManifestAst parse(Args a, ManifestParser parser, CliIo io, int[] exit) throws UsageException {
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
    Syntax chosen = syntax;
    Result<ManifestAst> r = InputFiles.read(a.file(), io, path -> parser.parse(path, chosen));
    if (r instanceof Result.Ok<ManifestAst> ok) {
      return ok.get();
    }
    printErrors(r.diagnostics(), io);
    exit[0] = 1;
    return null;
  }

  static void printErrors(List<Diagnostic> diagnostics, CliIo io) {
    if ("text".equals(io.errorFormat())) {
      io.out().print(DiagnosticText.render(diagnostics, io));
      return;
    }
    io.out().println(Canonical.json(ContractJson.errorsDocument(diagnostics)));
  }
}
