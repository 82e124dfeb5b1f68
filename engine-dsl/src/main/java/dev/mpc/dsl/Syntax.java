package dev.mpc.dsl;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.dsl.internal.Detector;
import java.util.Locale;
import java.util.Optional;

/**
 * The three manifest syntaxes. All three describe the same {@link dev.mpc.ast.ManifestAst}; see
 * {@code docs/manifests.md}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Syntax {
  /** The manifest DSL ({@code @schema 1 ... def Kind id { ... }}). */
  DSL,
  /** YAML 1.2 (core schema, string keys only). */
  YAML,
  /** JSON (RFC 8259). */
  JSON;

  /**
   * The lowercase name used on the command line and in fixtures: {@code dsl}, {@code yaml}, {@code json}.
   *
   * @return the lowercase name used on the command line and in fixtures
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The syntax called {@code name} ({@code dsl}, {@code yaml} or {@code json}), or
   * {@code E_PARSE_UNSUPPORTED_FORMAT} {@code Unknown format: '<name>'}.
   *
   * @param name the name
   * @return the syntax, or the failure
   */
  public static Result<Syntax> of(String name) {
    switch (name) {
      case "dsl":
        return Result.ok(DSL);
      case "yaml":
        return Result.ok(YAML);
      case "json":
        return Result.ok(JSON);
      default:
        return Result.failed(Diagnostic.of(Code.E_PARSE_UNSUPPORTED_FORMAT, "Unknown format: '" + name + "'"));
    }
  }

  /**
   * The syntax of {@code text}, guessed from its content: JSON if it starts with <code>{</code> or
   * {@code [}, DSL if it (or its first line that is not blank or a {@code //} comment) starts with
   * {@code @} or {@code def} followed by whitespace, YAML otherwise. A leading byte order mark and
   * leading whitespace are ignored.
   *
   * @param text the text
   * @return the syntax of {@code text}, guessed from its content
   */
  public static Syntax detect(String text) {
    return Detector.detect(text);
  }

  /**
   * The syntax a file name suggests: {@code .json} JSON, {@code .yaml}/{@code .yml} YAML,
   * {@code .manifest}/{@code .mpc}/{@code .dsl} DSL; empty for anything else.
   *
   * @param fileName the file name
   * @return the syntax a file name suggests
   */
  public static Optional<Syntax> fromFileName(String fileName) {
    String f = fileName.toLowerCase(Locale.ROOT);
    if (f.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (f.endsWith(".yaml") || f.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    if (f.endsWith(".manifest") || f.endsWith(".mpc") || f.endsWith(".dsl")) {
      return Optional.of(DSL);
    }
    return Optional.empty();
  }
}
