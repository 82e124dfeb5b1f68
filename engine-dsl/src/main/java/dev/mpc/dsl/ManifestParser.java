package dev.mpc.dsl;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.internal.DslFrontend;
import dev.mpc.dsl.internal.JsonFrontend;
import dev.mpc.dsl.internal.Problems;
import dev.mpc.dsl.internal.YamlFrontend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses manifest text in any of the three {@linkplain Syntax syntaxes} into a
 * {@link ManifestAst}, under {@link ParseLimits}.
 *
 * <p>Every outcome is a {@link Result}: the AST, or diagnostics ({@code E_PARSE_SYNTAX},
 * {@code E_PARSE_INVALID_TOKEN}, {@code E_PARSE_MISSING_REQUIRED}, {@code E_QUOTA_EXCEEDED}), each
 * with a message saying what was expected and what was found and a {@link SourceMap} with line and
 * column (and the file name when parsing a file). No input makes {@code parse} throw, overflow the
 * stack or run in more than linear time; an unexpected internal failure is reported as
 * {@code E_INTERNAL}. The DSL parser collects several syntax errors in one pass where it can
 * recover; the other front ends stop at the first syntax error.
 *
 * <p>Immutable and thread-safe: build once, share freely.
 */
public final class ManifestParser {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestParser.class);
  private static final ManifestParser STANDARD = new ManifestParser(ParseLimits.defaults());

  private final ParseLimits limits;
  private final DslFrontend dsl;
  private final JsonFrontend json;
  private final YamlFrontend yaml;

  private ManifestParser(ParseLimits limits) {
    this.limits = limits;
    this.dsl = new DslFrontend(limits);
    this.json = new JsonFrontend(limits);
    this.yaml = new YamlFrontend(limits);
  }

  /**
   * The parser with {@link ParseLimits#defaults()}.
   *
   * @return the parser with {@link ParseLimits#defaults()}
   */
  public static ManifestParser standard() {
    return STANDARD;
  }

  /**
   * A parser enforcing {@code limits}.
   *
   * @param limits the limits
   * @return a parser enforcing {@code limits}
   */
  public static ManifestParser withLimits(ParseLimits limits) {
    return new ManifestParser(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * The limits this parser enforces.
   *
   * @return the limits this parser enforces
   */
  public ParseLimits limits() {
    return limits;
  }

  /**
   * Parses {@code text}, detecting its syntax with {@link Syntax#detect}.
   *
   * @param text the text
   * @return the result
   */
  public Result<ManifestAst> parseText(String text) {
    return parseText(text, Syntax.detect(text), null);
  }

  /**
   * Parses {@code text} as {@code syntax}.
   *
   * @param text the text
   * @param syntax the syntax
   * @return the result
   */
  public Result<ManifestAst> parseText(String text, Syntax syntax) {
    return parseText(text, syntax, null);
  }

  /**
   * Parses {@code text} as {@code syntax}, naming {@code sourceName} (may be null) as the file in
   * every source map.
   *
   * @param text the text
   * @param syntax the syntax
   * @param sourceName the source name
   * @return the result
   */
  public Result<ManifestAst> parseText(String text, Syntax syntax, String sourceName) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(syntax, "syntax");
    Problems problems = new Problems(limits.maxErrors(), Optional.ofNullable(sourceName));
    if (text.length() > limits.maxDocumentChars()) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Manifest of " + text.length()
          + " chars exceeds the limit of " + limits.maxDocumentChars() + " chars (ParseLimits.maxDocumentChars)",
          problems.at(1, 1)));
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    ManifestAst ast;
    try {
      ast = switch (syntax) {
        case DSL -> dsl.parse(body, problems);
        case JSON -> json.parse(body, problems);
        case YAML -> yaml.parse(body, problems);
      };
    } catch (Problems.TooManyProblems | Problems.LimitExceeded stop) {
      ast = null;
    } catch (StackOverflowError | RuntimeException e) {
      // Fail closed: the limits should make this unreachable; never let it escape.
      LOG.error("internal error while parsing a {} manifest", syntax, e);
      return Result.failed(Diagnostic.of(Code.E_INTERNAL,
          "Internal error while parsing the manifest: " + e.getClass().getSimpleName()));
    }
    if (ast == null || problems.any()) {
      List<Diagnostic> found = problems.list();
      if (found.isEmpty()) {
        return Result.failed(Diagnostic.of(Code.E_INTERNAL, "The manifest could not be parsed"));
      }
      return Result.failed(found);
    }
    return Result.ok(ast);
  }

  /**
   * Reads and parses a UTF-8 file. The syntax comes from the file name ({@link Syntax#fromFileName})
   * or, failing that, from the content; the file name fills every source map.
   *
   * @param path the path
   * @return the result
   * @throws IOException if the file cannot be read (bad content is a diagnostic, not an exception)
   */
  public Result<ManifestAst> parse(Path path) throws IOException {
    return parse(path, null);
  }

  /**
   * Reads and parses a UTF-8 file as {@code syntax} (null: from the file name, else the content).
   *
   * @param path the path
   * @param syntax the syntax
   * @return the result
   * @throws IOException if the file cannot be read (bad content is a diagnostic, not an exception)
   */
  public Result<ManifestAst> parse(Path path, Syntax syntax) throws IOException {
    String name = path.toString();
    long size = Files.size(path);
    if (size > limits.maxDocumentChars() * 4) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "Manifest file of " + size
          + " bytes exceeds the limit of " + limits.maxDocumentChars() + " chars (ParseLimits.maxDocumentChars)",
          SourceMap.at(1, 1).withFile(name)));
    }
    byte[] bytes = Files.readAllBytes(path);
    String text;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN,
          "Manifest file is not valid UTF-8", SourceMap.at(1, 1).withFile(name)));
    }
    Path fileName = path.getFileName();
    Syntax s = syntax != null ? syntax
        : Syntax.fromFileName(fileName == null ? "" : fileName.toString()).orElseGet(() -> Syntax.detect(text));
    return parseText(text, s, name);
  }
}
