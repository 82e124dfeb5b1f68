package dev.mpc.dsl;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.dsl.internal.Formatter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point for manifests: parse text in any syntax into the canonical
 * {@link ManifestAst}, and {@linkplain #format format} an AST in any syntax.
 *
 * <pre>{@code
 * Result<ManifestAst> r = Manifests.parseText(text);       // syntax detected from the content
 * Result<ManifestAst> f = Manifests.parse(Path.of("rules.mpc")); // a file: syntax from its name
 * if (r instanceof Result.Ok<ManifestAst> ok) {
 *   String hash = ok.get().astHash();                      // same for DSL, YAML and JSON
 *   String yaml = Manifests.format(ok.get(), Syntax.YAML);
 * } else {
 *   r.diagnostics().forEach(System.err::println);         // coded, with line and column
 * }
 * }</pre>
 *
 * <p>These methods use {@link ManifestParser#standard()} (default {@link ParseLimits}); build a
 * parser with {@link ManifestParser#withLimits} for other limits.
 *
 * <p>Thread-safe (stateless).
 */
public final class Manifests {
  private Manifests() {}

  /**
   * Parses manifest <em>text</em>, detecting its syntax from the content ({@link Syntax#detect}).
   * This never opens a file: to parse one, use {@link #parse(Path)}.
   *
   * @param text the text
   * @return the result
   */
  public static Result<ManifestAst> parseText(String text) {
    return ManifestParser.standard().parseText(text);
  }

  /**
   * Parses manifest <em>text</em> as {@code syntax} (never a file: see {@link #parse(Path)}).
   *
   * @param text the text
   * @param syntax the syntax
   * @return the result
   */
  public static Result<ManifestAst> parseText(String text, Syntax syntax) {
    return ManifestParser.standard().parseText(text, syntax);
  }

  /**
   * Reads and parses a UTF-8 file; the syntax comes from the file name or else the content. Bad
   * content is a coded diagnostic; only an unreadable file is an exception.
   *
   * @param path the path
   * @return the result
   * @throws IOException if the file cannot be read
   */
  public static Result<ManifestAst> parse(Path path) throws IOException {
    return ManifestParser.standard().parse(path);
  }

  /**
   * The text of {@code ast} in {@code syntax}. Parsing it back gives an AST with the same
   * canonical JSON and hash (source maps aside), so this converts manifests between syntaxes:
   * properties, definitions and children keep their order; the DSL quotes kinds, ids and keys that
   * are not plain identifiers; JSON is indented with two spaces; YAML is block style.
   *
   * @param ast the ast
   * @param syntax the syntax
   * @return the text of {@code ast} in {@code syntax}
   */
  public static String format(ManifestAst ast, Syntax syntax) {
    Objects.requireNonNull(ast, "ast");
    return switch (Objects.requireNonNull(syntax, "syntax")) {
      case DSL -> Formatter.dsl(ast);
      case JSON -> Formatter.json(ast);
      case YAML -> Formatter.yaml(ast);
    };
  }
}
